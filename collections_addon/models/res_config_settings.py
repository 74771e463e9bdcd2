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
