# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CollectionPlanLine(models.Model):
    _name = "collection.plan.line"
    _description = "Installment"
    _order = "plan_id, date_due, sequence, id"

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
        [("pending", "Pending"), ("paid", "Paid"), ("overdue", "Overdue")],
        default="pending",
        required=True,
        readonly=True,
    )
    reminded_before = fields.Boolean(readonly=True)
    reminded_late = fields.Boolean(readonly=True)

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("amount", "amount_paid")
    def _compute_amount_residual(self):
        for line in self:
            line.amount_residual = line.amount - line.amount_paid

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("amount", "date_due")
    def _check_plan_schedule(self):
        # Written through the plan, the plan checks the whole schedule once all
        # its lines are written; a line written alone is checked here.
        if not self.env.context.get("collection_plan_batch"):
            self.plan_id._check_schedule()

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.context.get("collection_plan_follow") and any(
            line.plan_id.state != "draft" for line in lines
        ):
            raise UserError(
                _("Installments can only be added while the plan is in draft.")
            )
        return lines

    def write(self, vals):
        if not self.env.context.get("collection_plan_follow") and any(
            line.plan_id.state != "draft" for line in self
        ):
            raise UserError(
                _("Installments can only be edited while the plan is in draft.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.plan_id.state != "draft" for line in self):
            raise UserError(
                _("Installments can only be removed while the plan is in draft.")
            )
