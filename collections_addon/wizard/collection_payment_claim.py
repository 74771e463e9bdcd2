# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CollectionPaymentClaim(models.TransientModel):
    """Input only: when and how the customer says it paid (see
    ``collection.contact._collection_claim_payment``)."""

    _name = "collection.payment.claim"
    _description = "Record a Claimed Payment"

    # === FIELDS === #
    contact_id = fields.Many2one("collection.contact", required=True, readonly=True)
    debtor_id = fields.Many2one(related="contact_id.debtor_id")
    date = fields.Date(
        string="Paid On",
        required=True,
        default=lambda self: self.env.company._collection_today(),
        help="The day the customer says the payment was made.",
    )
    reference = fields.Char(
        string="Payment Reference",
        help="The transfer's reference, cheque number or receipt the customer "
        "gives, so the accountant can find the payment.",
    )

    # === ACTIONS === #
    def action_confirm(self):
        """Log the call as paid (claimed) and ask an accountant to check it."""
        self.ensure_one()
        return self.contact_id._collection_claim_payment(self.date, self.reference)
