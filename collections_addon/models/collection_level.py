# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import dunning
from .selections import LEVEL_ACTIONS, LEVEL_TONES


class CollectionLevel(models.Model):
    _name = "collection.level"
    _description = "Collection Level"
    _order = "policy_id, days, sequence, id"
    _check_company_auto = True
    _inherit = ["collection.guard.mixin"]
    _collection_fixed_fields = frozenset({"company_id", "policy_id"})

    # === FIELDS === #
    policy_id = fields.Many2one(
        "collection.policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    days = fields.Integer(
        required=True,
        help="Days past the due date of the oldest overdue item when this level "
        "is due; negative for a reminder before the due date.",
    )
    action = fields.Selection(LEVEL_ACTIONS, required=True)
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'collection.debtor')]",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity Type",
        help="Activity created for the collector (calls, posting letters).",
    )
    min_amount = fields.Monetary(
        string="Minimum Amount",
        help="The level is only taken when the overdue amount is at least this.",
    )
    fee_amount = fields.Monetary(
        string="Fee", help="Collection fee added to the letter for this level."
    )
    tone = fields.Selection(LEVEL_TONES, default="friendly", required=True)
    letter_text = fields.Html(
        string="Text",
        translate=True,
        help="The paragraph used in the e-mail or letter of this level.",
    )
    consequences = fields.Text(
        translate=True,
        help="The consequences stated in the letter if the debt stays unpaid.",
    )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("days", "policy_id")
    def _check_days_unique(self):
        for policy in self.policy_id:
            policy._check_ladder()

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        actions = dict(LEVEL_ACTIONS)
        for vals in vals_list:
            if vals.get("action") not in actions:
                raise ValidationError(
                    self.env._(
                        "Action of level %(level)s: choose one of %(actions)s.",
                        level=vals.get("name") or "?",
                        actions=", ".join(actions),
                    )
                )
        return super().create(vals_list)

    # === BUSINESS / HOOKS === #
    def _as_level(self):
        self.ensure_one()
        return dunning.Level(
            key=self.id,
            sequence=self.sequence,
            days=self.days,
            min_amount=Decimal(str(self.min_amount or 0)),
            action=self.action,
        )
