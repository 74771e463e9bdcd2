# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    collection_hold_level_id = fields.Many2one(
        related="company_id.collection_hold_level_id", readonly=False
    )
    collection_hold_debtor_type = fields.Selection(
        related="company_id.collection_hold_debtor_type", readonly=False
    )
    collection_hold_amount = fields.Monetary(
        related="company_id.collection_hold_amount",
        readonly=False,
        currency_field="collection_currency_id",
    )
    collection_hold_days = fields.Integer(
        related="company_id.collection_hold_days", readonly=False
    )
    collection_hold_plan_defaulted = fields.Boolean(
        related="company_id.collection_hold_plan_defaulted", readonly=False
    )
    collection_hold_commitment_lifts = fields.Boolean(
        related="company_id.collection_hold_commitment_lifts", readonly=False
    )
