# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CollectionDebtorBoundMixin(models.AbstractModel):
    """A record made with a debtor: its customer, company, currency, collector.

    Promises and plans are evidence: deleting their debtor is refused.
    """

    _name = "collection.debtor.bound.mixin"
    _description = "Collection Record of a Debtor"
    _check_company_auto = True

    # === FIELDS === #
    debtor_id = fields.Many2one(
        "collection.debtor",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        related="debtor_id.partner_id", string="Customer", store=True, index=True
    )
    company_id = fields.Many2one(related="debtor_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Collector", default=lambda self: self.env.user, index=True
    )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("invoice_ids", "debtor_id")
    def _check_invoices_of_debtor(self):
        for record in self:
            record.invoice_ids._collection_check_partner(record.partner_id)
