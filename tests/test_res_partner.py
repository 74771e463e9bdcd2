# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestPartnerDebtPanel(CollectionsCommon):
    """Sales reps see a customer's debt without any accounting rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_invoice(1200.0, -45)
        cls.make_invoice(300.0, 10)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)

    def test_viewer_has_no_accounting_rights(self):
        self.assertFalse(self.viewer.has_group("account.group_account_invoice"))
        with self.assertRaises(AccessError):
            self.env["account.move.line"].with_user(self.viewer).search([], limit=1)

    def test_viewer_reads_debt_panel_of_customer_and_contact(self):
        for partner in (self.customer, self.customer_contact):
            values = partner.with_user(self.viewer).read(
                [
                    "collection_amount_overdue",
                    "collection_max_days_overdue",
                    "collection_debtor_type",
                    "collection_abc_class",
                    "collection_risk_score",
                    "collection_amount_due",
                ]
            )[0]
            self.assertEqual(values["collection_amount_overdue"], 1200.0)
            self.assertEqual(values["collection_amount_due"], 1500.0)
            self.assertEqual(values["collection_max_days_overdue"], 45)
            self.assertEqual(values["collection_abc_class"], "a")
            self.assertTrue(values["collection_debtor_type"])

    def test_viewer_cannot_edit_collections(self):
        debtor = self.debtor_of(self.customer).with_user(self.viewer)
        self.assertEqual(debtor.amount_overdue, 1200.0)
        with self.assertRaises(AccessError):
            debtor.write({"next_action_date": self.today})
        with self.assertRaises(AccessError):
            debtor.unlink()
        with self.assertRaises(AccessError):
            self.env["collection.debtor"].with_user(self.viewer).create(
                {"partner_id": self.customer_b.id}
            )

    def test_collector_edits_but_cannot_delete(self):
        debtor = self.debtor_of(self.customer).with_user(self.collector)
        debtor.write({"user_id": self.collector.id})
        self.assertEqual(debtor.user_id, self.collector)
        with self.assertRaises(AccessError):
            debtor.unlink()

    def test_panel_costs_few_queries(self):
        partner = self.customer.with_user(self.viewer)
        partner.read(["collection_amount_overdue"])  # warm the access caches
        self.env.invalidate_all()
        with self.assertQueryCount(4):  # the target: at most 4 queries
            partner.read(["collection_amount_overdue", "collection_risk_score"])

    def test_smart_button_opens_the_debtor(self):
        action = self.customer.with_user(self.viewer).action_view_collection_debtor()
        self.assertEqual(action["res_id"], self.debtor_of(self.customer).id)

    def test_other_company_shows_no_debt(self):
        company_2 = self.setup_other_company()["company"]
        partner = self.customer.with_company(company_2)
        self.assertEqual(partner.collection_amount_overdue, 0.0)
        self.assertFalse(partner.collection_debtor_id)
