# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
    collection_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Collections Currency"
    )
