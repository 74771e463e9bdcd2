# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestContactLog(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(600.0, -20)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.Contact = cls.env["collection.contact"]

    def quick_log(self, outcome, user=None):
        debtor = self.debtor.with_user(user or self.collector)
        action = debtor.action_log_call()
        contact = (
            self.env["collection.contact"]
            .with_user(user or self.collector)
            .with_context(action["context"])
            .create({})
        )
        result = contact.action_log_outcome(outcome)
        return contact, result

    def test_log_call_in_two_clicks(self):
        contact, result = self.quick_log("reached")
        self.assertEqual(contact.outcome, "reached")
        self.assertEqual(contact.channel, "call")
        self.assertEqual(contact.user_id, self.collector)
        self.assertEqual(contact.debtor_id, self.debtor)
        # A confirmation, then the dialog closes.
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Reached", result["params"]["message"])
        self.assertEqual(
            result["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertEqual(self.debtor.contact_count, 1)

    def test_dispute_outcome_opens_the_dispute_form(self):
        contact, result = self.quick_log("dispute")
        self.assertEqual(result["res_model"], "collection.dispute")
        self.assertEqual(result["context"]["default_contact_id"], contact.id)
        self.assertEqual(
            result["context"]["default_move_ids"],
            [Command.set(self.invoice.ids)],
        )
        self.assertFalse(contact.outcome)  # set once the dispute is recorded

    def test_unknown_outcome_is_refused(self):
        with self.assertRaisesRegex(UserError, "Outcome"):
            self.quick_log("maybe")

    def test_unanswered_contacts_count_in_behaviour(self):
        for _i in range(3):
            self.quick_log("no_answer")
        self.quick_log("reached")
        self.refresh()
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

    def automatic(self, **vals):
        """An entry as the escalation run records it, back in the test's env."""
        contact = system_env(self.Contact).create(
            {
                "debtor_id": self.debtor.id,
                "is_automatic": True,
                "channel": "email",
                "state": "done",
                **vals,
            }
        )
        return contact.with_env(self.env)

    def test_automatic_log_cannot_be_deleted(self):
        contact = self.automatic()
        with self.assertRaisesRegex(UserError, "evidence"):
            contact.with_user(self.manager).unlink()

    def test_automatic_entry_never_changes(self):
        contact = self.automatic(note="Reminder 1")
        for vals in ({"note": "Edited"}, {"outcome": "reached"}, {"state": "sent"}):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError):
                    contact.with_user(self.manager).write(vals)
        self.assertEqual((contact.note, contact.state), ("Reminder 1", "done"))

    def test_users_cannot_record_automatic_entries(self):
        for vals in (
            {"is_automatic": True},
            {"state": "sent"},
            {"move_ids": [Command.set(self.invoice.ids)]},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError):
                    self.Contact.with_user(self.collector).create(
                        {"debtor_id": self.debtor.id, "channel": "call", **vals}
                    )
        with self.assertRaises(AccessError):
            self.Contact.with_user(self.collector).with_context(
                default_is_automatic=True
            ).create({"debtor_id": self.debtor.id, "channel": "call"})

    def test_a_call_gets_its_outcome_once(self):
        contact = self.Contact.with_user(self.collector).create(
            {"debtor_id": self.debtor.id, "channel": "call"}
        )
        contact.write({"note": "Left a message", "contact_partner_id": False})
        with self.assertRaisesRegex(UserError, "outcome, note and contact person"):
            contact.write({"channel": "email"})
        contact.outcome = "no_answer"
        for vals in ({"outcome": "reached"}, {"note": "Actually reached"}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "Log a new entry"):
                    contact.write(vals)
        self.assertEqual(contact.outcome, "no_answer")

    def test_a_correction_is_a_new_entry(self):
        wrong, _result = self.quick_log("no_answer")
        correction = self.Contact.with_user(self.collector).create(
            {
                "debtor_id": self.debtor.id,
                "channel": "call",
                "outcome": "reached",
                "correction_of_id": wrong.id,
                "note": "Logged on the wrong button: they answered.",
            }
        )
        self.assertEqual(wrong.correction_ids, correction)
        self.assertEqual(wrong.outcome, "no_answer")
        with self.assertRaises(UserError):
            correction.write({"correction_of_id": False})

    def test_recorded_entries_are_never_deleted(self):
        recorded, _result = self.quick_log("reached")
        with self.assertRaisesRegex(UserError, "evidence"):
            recorded.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):  # collectors never delete
            recorded.with_user(self.collector).unlink()
        # A call opened by mistake, with no outcome yet, may be dropped.
        draft = self.Contact.with_user(self.collector).create(
            {"debtor_id": self.debtor.id, "channel": "call"}
        )
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())
        self.assertTrue(recorded.exists())

    def test_a_debtor_with_history_is_not_deleted(self):
        self.quick_log("reached")
        with self.assertRaisesRegex(UserError, "Archive the debtor"):
            self.debtor.with_user(self.manager).unlink()
        self.assertTrue(self.debtor.exists())

    def test_the_mail_queue_settles_the_entry(self):
        def pending(email_to):
            mail = (
                self.env["mail.mail"]
                .sudo()
                .create(
                    {
                        "subject": "Reminder",
                        "body_html": "<p>Please pay</p>",
                        "email_to": email_to,
                        "auto_delete": False,
                    }
                )
            )
            return mail, self.automatic(state="pending", mail_id=mail.id)

        sent_mail, sent = pending("ap@debtor1.test")
        failed_mail, failed = pending(False)  # no recipient: the queue fails it
        (sent_mail | failed_mail).send(raise_exception=False)
        self.assertEqual(sent_mail.state, "sent")
        self.assertEqual(sent.state, "sent")
        self.assertEqual(failed_mail.state, "exception")
        self.assertEqual(failed.state, "failed")
        self.assertTrue(failed.failure_reason)
        self.assertIn("failed to send", self.debtor.message_ids[0].body)

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
        # Only the run links invoices to an entry.
        Contact = system_env(self.Contact)
        with self.assertRaisesRegex(ValidationError, "Invoices: a contact of"):
            Contact.create(
                {
                    "debtor_id": self.debtor.id,
                    "channel": "call",
                    "move_ids": [(6, 0, (self.invoice | foreign).ids)],
                }
            )
        contact = Contact.create(
            {
                "debtor_id": self.debtor.id,
                "channel": "call",
                "move_ids": [(6, 0, self.invoice.ids)],
            }
        )
        self.assertEqual(contact.move_ids, self.invoice)

    def test_contacts_cover_invoices_of_their_company_only(self):
        """Checked for all the contacts of one create in one query: a run
        creates a slice's contact entries together."""
        company_2 = self.setup_other_company()["company"]
        foreign = self.make_invoice(50.0, -10, company=company_2)
        System = system_env(self.Contact)
        vals = {"debtor_id": self.debtor.id, "channel": "email", "is_automatic": True}
        good = System.create(
            [dict(vals, move_ids=[Command.set(self.invoice.ids)]) for _i in range(3)]
        )
        self.assertEqual(good.move_ids, self.invoice)
        with self.assertRaisesRegex(ValidationError, "can only cover invoices"):
            with self.cr.savepoint():
                System.create(
                    [
                        dict(vals, move_ids=[Command.set(self.invoice.ids)]),
                        dict(
                            vals, move_ids=[Command.set((self.invoice | foreign).ids)]
                        ),
                    ]
                )
