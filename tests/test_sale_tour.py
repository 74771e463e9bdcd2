# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.modules import module
from odoo.tests import HttpCase, new_test_user, tagged

from .test_tour import ScreenshotTourCase


@tagged("post_install", "-at_install")
class TestSaleTour(HttpCase):
    """A sales rep with Sales and Collections Viewer rights, in the browser."""

    def test_rep_meets_the_credit_hold(self):
        today = self.env.company._collection_today()
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


@tagged("post_install", "-at_install")
class TestSaleRepTour(ScreenshotTourCase):
    """A sales rep's day: the debt of a customer, read where the deal is made."""

    def test_rep_reads_the_debt(self):
        today = self.env.company._collection_today()
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
            login="tour_sales_rep",
            name="Sam Seller",
            email="sam@example.com",
            groups="base.group_user,sales_team.group_sale_salesman,"
            "collections_addon.collections_addon_group_viewer",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            tz="UTC",
        )
        collector = new_test_user(
            self.env,
            login="tour_rep_collector",
            name="Clara Collector",
            email="clara@example.com",
            groups="base.group_user,collections_addon.collections_addon_group_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Granite Builders Ltd",
                "is_company": True,
                "user_id": rep.id,
                "email": "accounts@granite.example",
            }
        )
        invoices = self.env["account.move"]
        for amount, late in ((2400.0, 60), (900.0, 15)):
            invoices |= self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": today - timedelta(days=late + 30),
                    "invoice_date_due": today - timedelta(days=late),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Concrete",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        invoices.action_post()
        self.env["collection.ledger"]._refresh_companies(company)
        debtor = self.env["collection.debtor"].search(
            [("partner_id", "=", customer.id), ("company_id", "=", company.id)]
        )
        debtor.user_id = collector
        # The nightly escalation: the customer gets its formal demand letter,
        # and the mail queue sends it (the banner says "sent" only then).
        self.env["collection.escalation"]._run_company(company)
        self.assertEqual(debtor.level_id.action, "demand")
        mails = self.env["mail.mail"].sudo().search([("state", "=", "outgoing")])
        # The mail queue of a test: nothing leaves the machine.
        current_test, module.current_test = module.current_test, self
        try:
            mails.send(raise_exception=False)
        finally:
            module.current_test = current_test
        demand = debtor.contact_ids.filtered(lambda c: c.level_id == debtor.level_id)
        self.assertEqual(demand.state, "sent")
        product = self.env["product.product"].create(
            {"name": "Ready-mix concrete", "type": "consu", "list_price": 120.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": rep.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 40})
                ],
            }
        )
        self.env.flush_all()
        contacts = debtor.contact_ids
        activities = debtor.activity_ids
        written = debtor.write_date

        self.start_tour_with_screenshots(
            "/odoo",
            "collections_sale_rep_day",
            login=rep.login,
            screenshots=["salesrep_customer", "salesrep_banner"],
        )

        # The rep read everything and changed nothing.
        debtor.invalidate_recordset()
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.collection_hold_released_by_id)
        self.assertTrue(order.collection_hold)
        self.assertEqual(debtor.contact_ids, contacts)
        self.assertEqual(debtor.write_date, written)
        self.assertEqual(debtor.activity_ids, activities)
        self.assertFalse(
            self.env["collection.promise"].search([("debtor_id", "=", debtor.id)])
        )
