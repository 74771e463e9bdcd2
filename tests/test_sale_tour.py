# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSaleTour(HttpCase):
    """A sales rep with Sales and Collections Viewer rights, in the browser."""

    def test_rep_meets_the_credit_hold(self):
        today = fields.Date.context_today(self.env.user)
        company = self.env.company
        company.sudo().write(
            {
                "collection_hold_days": 30,
                "collection_hold_commitment_lifts": True,
                "collection_hold_level_id": False,
            }
        )
        rep = new_test_user(
            self.env,
            login="tour_sale_rep",
            groups="base.group_user,sales_team.group_sale_salesman,"
            "collections_addon.collections_addon_group_viewer",
            company_id=company.id,
        )
        collector = new_test_user(
            self.env,
            login="tour_collector",
            groups="base.group_user,collections_addon.collections_addon_group_user",
            company_id=company.id,
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Blocked Customer Ltd", "is_company": True}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": today - timedelta(days=90),
                "invoice_date_due": today - timedelta(days=60),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Consulting", "quantity": 1, "price_unit": 2400.0}
                    )
                ],
            }
        )
        invoice.action_post()
        self.env["collection.ledger"]._refresh_company(company)
        debtor = self.env["collection.debtor"].search(
            [("partner_id", "=", customer.id), ("company_id", "=", company.id)]
        )
        debtor.user_id = collector
        product = self.env["product.product"].create(
            {"name": "Tour service", "type": "service", "list_price": 500.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": rep.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "collections_sale_blocked_quotation",
            login=rep.login,
        )
        self.assertEqual(order.state, "draft")
        self.assertEqual(debtor.activity_ids.user_id, collector)
