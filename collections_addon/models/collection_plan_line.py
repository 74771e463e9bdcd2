# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .collection_guard import is_system
from .selections import PLAN_LINE_STATES


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

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not is_system(self.env):
            lines._check_plan_draft()
        return lines

    def write(self, vals):
        if not is_system(self.env):
            self._check_plan_draft()
        result = super().write(vals)
        if not is_system(self.env):
            # The schedule is part of the terms: whoever edits it shaped the plan.
            self.plan_id._collection_system().write(
                {"shaper_ids": [fields.Command.link(self.env.uid)]}
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_plan_draft()

    def _check_plan_draft(self):
        if any(line.plan_id.state != "draft" for line in self):
            raise UserError(
                self.env._(
                    "Installments: the schedule of a plan can only be changed "
                    "while the plan is in draft."
                )
            )
