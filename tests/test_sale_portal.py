# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

# A 1x1 transparent PNG: a signature the portal accepts.
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000005000100e2dd9b8b"
        "0000000049454e44ae426082"
    )
).decode()


@tagged("post_install", "-at_install")
class TestSalePortalHold(HttpCase):
    """A customer accepting a quotation online meets the same credit hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.env.company._collection_today()
        company = cls.env.company
        company.sudo().write(
            {"collection_hold_days": 30, "collection_hold_commitment_lifts": True}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Debtor Ltd", "is_company": True, "email": "p@debtor.test"}
        )
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": today - timedelta(days=90),
                "invoice_date_due": today - timedelta(days=60),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Consulting", "quantity": 1, "price_unit": 900.0}
                    )
                ],
            }
        )
        invoice.action_post()
        cls.env["collection.ledger"]._refresh_company(company)
        product = cls.env["product.product"].create(
            {"name": "Support plan", "type": "service", "list_price": 300.0}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.order.action_quotation_sent()

    def accept(self):
        self.order._portal_ensure_token()
        response = self.url_open(
            f"/my/orders/{self.order.id}/accept",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "access_token": self.order.access_token,
                        "name": "Pat Customer",
                        "signature": SIGNATURE,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_portal_acceptance_is_refused(self):
        """The customer is told kindly; the order stays a quotation, unsigned."""
        self.assertTrue(self.order._has_to_be_signed())
        result = self.accept()
        self.assertIn("cannot be confirmed online", result.get("error", ""))
        self.assertNotIn("overdue", result["error"])
        self.assertEqual(self.order.state, "sent")
        self.assertFalse(self.order.signature)
        self.assertTrue(
            self.order.message_ids.filtered(
                lambda m: "tried to accept" in (m.body or "")
            )
        )

    def test_portal_acceptance_passes_once_released(self):
        """Released by a manager, the online acceptance confirms the order."""
        manager = self.env.ref("base.user_admin")
        self.order.user_id = self.env.ref("base.user_root")
        self.order.with_user(manager).action_collection_release_hold(
            "Customer paid a deposit."
        )
        result = self.accept()
        self.assertNotIn("error", result)
        self.assertEqual(self.order.state, "sale")

    def test_confirmation_by_the_public_user_is_refused(self):
        """The portal's own confirmation path checks the hold too."""
        public = self.env.ref("base.public_user")
        with self.assertRaisesRegex(UserError, "cannot be confirmed online"):
            self.order.with_user(public).sudo()._validate_order()
        self.assertEqual(self.order.state, "sent")

    def test_online_payment_leaves_the_quotation_on_hold(self):
        """Paid online: the payment is recorded, the quotation stays one."""
        method = self.env.ref("payment.payment_method_unknown")
        provider = self.env["payment.provider"].create(
            {
                "name": "Dummy Provider",
                "code": "none",
                "state": "test",
                "payment_method_ids": [Command.set(method.ids)],
            }
        )
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": method.id,
                    "amount": self.order.amount_total,
                    "currency_id": self.order.currency_id.id,
                    "partner_id": self.customer.id,
                    "reference": "HOLD-TX-1",
                    "operation": "online_redirect",
                    "sale_order_ids": [Command.set(self.order.ids)],
                }
            )
        )
        tx._set_done()
        confirmed = tx._check_amount_and_confirm_order()
        self.assertFalse(confirmed)
        self.assertEqual(self.order.state, "sent")
        self.assertTrue(
            self.order.message_ids.filtered(
                lambda m: "paid" in (m.body or "") and "credit hold" in (m.body or "")
            )
        )
