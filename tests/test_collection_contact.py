# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestContactLog(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(600.0, -20)
        cls.env["collection.debtor"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )

    def quick_log(self, outcome, user=None):
        debtor = self.debtor.with_user(user or self.collector)
        action = debtor.action_log_call()
        contact = (
            self.env["collection.contact"]
            .with_user(user or self.collector)
            .with_context(action["context"])
            .create({})
        )
        result = contact.with_context(collection_outcome=outcome).action_log_outcome()
        return contact, result

    def test_log_call_in_two_clicks(self):
        contact, result = self.quick_log("reached")
        self.assertEqual(contact.outcome, "reached")
        self.assertEqual(contact.channel, "call")
        self.assertEqual(contact.user_id, self.collector)
        self.assertEqual(contact.debtor_id, self.debtor)
        self.assertEqual(result["type"], "ir.actions.act_window_close")
        self.assertEqual(self.debtor.contact_count, 1)

    def test_dispute_outcome_opens_the_exclusion(self):
        _contact, result = self.quick_log("dispute")
        self.assertEqual(result["res_model"], "account.move")
        self.assertEqual(result["res_id"], self.invoice.id)
        self.assertTrue(result["context"]["default_collection_excluded"])

    def test_unknown_outcome_is_refused(self):
        with self.assertRaisesRegex(UserError, "Outcome"):
            self.quick_log("maybe")

    def test_unanswered_contacts_count_in_behaviour(self):
        for _i in range(3):
            self.quick_log("no_answer")
        self.quick_log("reached")
        self.env["collection.debtor"]._refresh_company(self.env.company)
        self.assertEqual(self.debtor.contacts_total, 4)
        self.assertEqual(self.debtor.contacts_unanswered, 3)
        components = dict(self.debtor.risk_components)
        self.assertGreater(components["Unanswered contacts"], 0)

    def test_viewer_reads_but_cannot_log(self):
        self.quick_log("reached")
        self.assertEqual(
            len(self.env["collection.contact"].with_user(self.viewer).search([])), 1
        )
        with self.assertRaises(AccessError):
            self.env["collection.contact"].with_user(self.viewer).create(
                {"debtor_id": self.debtor.id, "outcome": "reached"}
            )

    def test_automatic_log_cannot_be_deleted(self):
        contact = self.env["collection.contact"].create(
            {"debtor_id": self.debtor.id, "is_automatic": True, "channel": "email"}
        )
        with self.assertRaisesRegex(UserError, "evidence"):
            contact.with_user(self.manager).unlink()

    def test_partner_contact_roles(self):
        accountant = self.env["res.partner"].create(
            {
                "name": "Acc",
                "parent_id": self.customer.id,
                "collection_role": "accountant",
            }
        )
        self.assertEqual(self.customer._collection_contact("accountant"), accountant)
        self.assertEqual(
            self.customer._collection_contact("decision_maker"), self.customer
        )

    def test_a_contact_covers_invoices_of_its_company_only(self):
        other = self.setup_other_company(name="Contact Co")["company"]
        foreign = self.make_invoice(50.0, -5, company=other)
        with self.assertRaisesRegex(ValidationError, "Invoices: a contact of"):
            self.env["collection.contact"].create(
                {
                    "debtor_id": self.debtor.id,
                    "channel": "call",
                    "move_ids": [(6, 0, (self.invoice | foreign).ids)],
                }
            )
        contact = self.env["collection.contact"].create(
            {
                "debtor_id": self.debtor.id,
                "channel": "call",
                "move_ids": [(6, 0, self.invoice.ids)],
            }
        )
        self.assertEqual(contact.move_ids, self.invoice)
