# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import formatLang

from ..lib.interest import late_interest
from .collection_guard import MANAGER, check_values
from .notifications import RELOAD, notification

# The example of the interest setting: this amount, this many days late.
EXAMPLE_AMOUNT = Decimal("1000.00")
EXAMPLE_DAYS = 30


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    collection_abc_a = fields.Integer(
        related="company_id.collection_abc_a", readonly=False
    )
    collection_abc_b = fields.Integer(
        related="company_id.collection_abc_b", readonly=False
    )
    collection_abc_c = fields.Integer(
        related="company_id.collection_abc_c", readonly=False
    )
    collection_interest_rate = fields.Float(
        related="company_id.collection_interest_rate", readonly=False
    )
    collection_interest_regime = fields.Selection(
        related="company_id.collection_interest_regime", readonly=False
    )
    collection_interest_margin = fields.Float(
        related="company_id.collection_interest_margin", readonly=False
    )
    collection_interest_daily_rate = fields.Float(
        related="company_id.collection_interest_daily_rate", readonly=False
    )
    collection_interest_cap = fields.Float(
        related="company_id.collection_interest_cap", readonly=False
    )
    collection_interest_day_basis = fields.Selection(
        related="company_id.collection_interest_day_basis", readonly=False
    )
    collection_payment_deadline_days = fields.Integer(
        related="company_id.collection_payment_deadline_days", readonly=False
    )
    collection_promise_horizon_days = fields.Integer(
        related="company_id.collection_promise_horizon_days", readonly=False
    )
    collection_promise_grace_days = fields.Integer(
        related="company_id.collection_promise_grace_days", readonly=False
    )
    collection_promise_reminder = fields.Boolean(
        related="company_id.collection_promise_reminder", readonly=False
    )
    collection_plan_approval_amount = fields.Monetary(
        related="company_id.collection_plan_approval_amount",
        readonly=False,
        currency_field="collection_currency_id",
    )
    collection_plan_max_installments = fields.Integer(
        related="company_id.collection_plan_max_installments", readonly=False
    )
    collection_plan_grace_days = fields.Integer(
        related="company_id.collection_plan_grace_days", readonly=False
    )
    collection_plan_reminder_days = fields.Integer(
        related="company_id.collection_plan_reminder_days", readonly=False
    )
    collection_plan_default_level_id = fields.Many2one(
        related="company_id.collection_plan_default_level_id", readonly=False
    )
    collection_unassigned_queue = fields.Selection(
        related="company_id.collection_unassigned_queue", readonly=False
    )
    collection_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Collections Currency"
    )
    collection_interest_example = fields.Char(
        string="Interest Example",
        compute="_compute_collection_interest_example",
        help="What the rate charges on an example overdue amount.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("collection_interest_rate")
    def _compute_collection_interest_example(self):
        for settings in self:
            rate = settings.collection_interest_rate or 0.0
            if not math.isfinite(rate) or rate < 0:
                settings.collection_interest_example = False
                continue
            interest = late_interest(
                EXAMPLE_AMOUNT, EXAMPLE_DAYS, Decimal(str(rate)), days_in_year=365
            )
            settings.collection_interest_example = self.env._(
                "Example: %(amount)s overdue %(days)s days = %(interest)s "
                "(amount × rate × days ÷ 365).",
                amount=formatLang(self.env, float(EXAMPLE_AMOUNT)),
                days=EXAMPLE_DAYS,
                interest=formatLang(self.env, float(interest)),
            )

    def _compute_display_name(self):
        """The title of the settings is their window action's name, which
        Odoo's compute searches with the user's rights: a Collections Manager
        without Administration rights cannot read window actions, so the web
        client's save (which reads the title back) failed. Only the name is
        read as superuser."""
        actions = self.env["ir.actions.act_window"]
        if actions.has_access("read"):
            return super()._compute_display_name()
        action = actions.sudo().search([("res_model", "=", self._name)], limit=1)
        for settings in self:
            settings.display_name = action.name or self._name

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        """A Collections Manager without Administration rights saves the
        collections settings of their companies, and nothing else.

        Odoo writes a related setting on the company when the settings record
        is created, with the user's rights (which need Administration / Access
        Rights for the company). Here the ``collection_*`` company settings are
        taken out and written with ``sudo()`` after checking the group and the
        company; every other field keeps the user's rights.
        """
        names = self._collection_company_settings()
        for vals in vals_list:
            # A NaN or an infinity is refused before the ORM rounds it.
            check_values(self, vals, names=names)
        if self.env.is_admin() or not self.env.user.has_group(MANAGER):
            return super().create(vals_list)
        ours = [
            {name: vals.pop(name) for name in list(vals) if name in names}
            for vals in vals_list
        ]
        records = super().create(vals_list)
        for settings, vals in zip(records, ours, strict=True):
            if not vals:
                continue
            if settings.company_id not in self.env.user.company_ids:
                raise AccessError(
                    self.env._(
                        "Collections settings: %(user)s cannot change the settings "
                        "of %(company)s.",
                        user=self.env.user.name,
                        company=settings.company_id.name,
                    )
                )
            settings.sudo().write(vals)
        return records

    # === ACTIONS === #
    def execute(self):
        """Save the settings; a Collections Manager without Administration
        rights had the collections settings saved with the record (see
        :meth:`create`), the rest of the settings is not theirs to save."""
        if self.env.is_admin() or not self.env.user.has_group(MANAGER):
            return super().execute()
        self.ensure_one()
        # Nothing of the menus changes: a notification and the view reloaded.
        return notification(
            self.env._(
                "Collections settings of %(company)s saved.",
                company=self.company_id.name,
            ),
            next_action=RELOAD,
        )

    # === BUSINESS / HOOKS === #
    @api.model
    def _collection_company_settings(self):
        """The settings that write a ``collection_*`` field of the company."""
        return {
            name
            for name, field in self._fields.items()
            if name.startswith("collection_")
            and field.related
            and field.related.startswith("company_id.collection_")
            and not field.readonly
        }
