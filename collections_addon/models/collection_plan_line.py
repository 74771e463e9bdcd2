# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

from ..lib import bounds
from . import lib_messages
from .collection_guard import ALL, Freeze, is_system, system_env
from .selections import PLAN_LINE_STATES

_lt = LazyTranslate(__name__)


class CollectionPlanLine(models.Model):
    _name = "collection.plan.line"
    _description = "Installment"
    _inherit = ["collection.guard.mixin"]
    _order = "plan_id, date_due, sequence, id"

    # Payments allocated and reminders sent: the follow-up of plans only.
    _collection_system_fields = frozenset(
        {"amount_paid", "state", "reminded_before", "reminded_late", "is_down_payment"}
    )
    _collection_fixed_fields = frozenset({"company_id", "plan_id"})
    # The schedule is part of the terms: only a draft plan's changes.
    _collection_evidence = (
        Freeze(
            ALL,
            when=(("plan_id.state", "!=", "draft"),),
            create=True,
            unlink=True,
            reason=_lt(
                "The schedule of a plan can only be changed while the plan is "
                "in draft."
            ),
        ),
    )

    # === FIELDS === #
    plan_id = fields.Many2one(
        "collection.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    partner_id = fields.Many2one(related="plan_id.partner_id")
    sequence = fields.Integer(default=10)
    date_due = fields.Date(string="Due Date", required=True)
    amount = fields.Monetary(required=True)
    amount_paid = fields.Monetary(readonly=True)
    amount_residual = fields.Monetary(compute="_compute_amount_residual")
    is_down_payment = fields.Boolean(string="Down Payment", readonly=True)
    state = fields.Selection(
        PLAN_LINE_STATES, default="pending", required=True, readonly=True
    )
    reminded_before = fields.Boolean(readonly=True)
    reminded_late = fields.Boolean(readonly=True)

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("amount", "amount_paid")
    def _compute_amount_residual(self):
        for line in self:
            line.amount_residual = line.amount - line.amount_paid

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Installment of %(date)s: %(amount)s must be above zero.",
                        date=line.date_due,
                        amount=line.amount,
                    )
                )

    @api.constrains("date_due")
    def _check_date_due(self):
        """An installment falls due within the plausible window (ten years
        back, as far ahead as the longest plan starting five years ahead): a
        date in 9999 would suspend escalation for ever, one in 1900 default the
        plan at once."""
        for line in self:
            today = line.plan_id.company_id._collection_today()
            future = bounds.INSTALLMENT_FUTURE_DAYS
            if bounds.check_date(line.date_due, today, future_days=future):
                raise ValidationError(
                    lib_messages.date_problem(
                        self.env,
                        line._fields["date_due"].string,
                        line.date_due,
                        future_days=future,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._shaped_by_user()
        return lines

    def write(self, vals):
        result = super().write(vals)
        self._shaped_by_user()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_shaped_by_user(self):
        self._shaped_by_user()

    def _shaped_by_user(self):
        """The schedule is part of the terms: whoever adds, edits or removes
        an installment shaped the plan (four eyes)."""
        if self and not is_system(self.env):
            system_env(self.plan_id).write({"shaper_ids": [Command.link(self.env.uid)]})
