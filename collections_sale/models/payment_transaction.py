# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    # === BUSINESS / HOOKS === #
    def _check_amount_and_confirm_order(self):
        """A paid quotation on credit hold stays a quotation: the payment is
        recorded and the salesperson told, rather than the confirmation failing
        inside the payment's post-processing (which would retry it forever)."""
        Hold = self.env["collection.sale.hold"].sudo()
        held = self.browse()
        for tx in self:
            quotation = tx.sale_order_ids.filtered(
                lambda o: o.state in ("draft", "sent")
            )
            if len(tx.sale_order_ids) == 1 and quotation:
                if Hold._online_refusal(quotation, paid=True):
                    held |= tx
        return super(PaymentTransaction, self - held)._check_amount_and_confirm_order()
