# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_collection_run import EscalationCommon


@tagged("post_install", "-at_install")
class TestPromises(EscalationCommon):
    """Promises to pay, judged kept or broken with the clock moved by freezegun."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(1000.0, -10)
        cls.other_invoice = cls.make_invoice(500.0, -20)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.Promise = cls.env["collection.promise"]
        cls.env.company.collection_promise_grace_days = 2

    def promise(self, amount, in_days, **vals):
        return self.Promise.with_user(self.collector).create(
            {
                "debtor_id": self.debtor.id,
                "amount": amount,
                "date": self.days(in_days),
                **vals,
            }
        )

    def judge(self, day):
        with freeze_time(self.today + timedelta(days=day)):
            return self.env["collection.commitments"]._judge_promises(
                self.env.company, self.days(day)
            )

    def test_kept_when_paid_in_full_by_the_date(self):
        promise = self.promise(600.0, 5)
        with freeze_time(self.today + timedelta(days=3)):
            self.pay(self.invoice, 600.0, date=self.days(3))
        self.judge(3)
        self.assertEqual(promise.state, "kept")
        self.assertEqual(promise.amount_paid, 600.0)

    def test_broken_after_date_and_grace_keeps_amount_paid(self):
        promise = self.promise(600.0, 5)
        self.pay(self.invoice, 200.0, date=self.days(1))
        self.judge(7)  # date + grace: still open
        self.assertEqual(promise.state, "open")
        self.assertEqual(promise.amount_paid, 200.0)
        self.judge(8)
        self.assertEqual(promise.state, "broken")
        self.assertEqual(promise.amount_paid, 200.0)
        self.assertEqual(promise.date_closed, self.days(8))
        self.assertIn("Promise broken", self.debtor.message_ids[0].body)

    def test_partly_kept_then_completed_in_grace(self):
        promise = self.promise(600.0, 5)
        self.pay(self.invoice, 250.0, date=self.days(4))
        self.judge(5)
        self.assertEqual((promise.state, promise.amount_paid), ("open", 250.0))
        self.pay(self.invoice, 350.0, date=self.days(6))
        self.judge(6)
        self.assertEqual((promise.state, promise.amount_paid), ("kept", 600.0))

    def test_cancelled_when_the_debt_is_cleared_otherwise(self):
        promise = self.promise(400.0, 5, invoice_ids=[(6, 0, self.invoice.ids)])
        refund = self.invoice._reverse_moves(cancel=True)
        self.assertEqual(refund.state, "posted")
        self.judge(1)
        self.assertEqual(promise.state, "cancelled")

    def test_payments_before_the_promise_do_not_count(self):
        self.pay(self.invoice, 300.0, date=self.days(-1))
        promise = self.promise(300.0, 5)
        self.judge(1)
        self.assertEqual((promise.state, promise.amount_paid), ("open", 0.0))

    def test_invoice_promise_counts_only_its_invoice(self):
        promise = self.promise(300.0, 5, invoice_ids=[(6, 0, self.invoice.ids)])
        self.pay(self.other_invoice, 300.0)
        self.judge(0)
        self.assertEqual(promise.amount_paid, 0.0)
        self.pay(self.invoice, 300.0)
        self.judge(0)
        self.assertEqual(promise.state, "kept")

    def test_validation_errors_name_the_field_and_rule(self):
        cases = [
            ({"amount": 0.0}, "Amount: a promise to pay must be above zero"),
            ({"amount": -5.0}, "Amount: -5.0 is not a finite amount"),
            ({"amount": float("inf")}, "Amount: inf is not a finite amount"),
            ({"amount": 5000.0}, "more than the open debt"),
            ({"date": -1}, "Promised Date: .* is in the past"),
            ({"date": 31}, "more than 30 days away"),
        ]
        for override, message in cases:
            with self.subTest(override=override):
                vals = {"amount": 100.0, "date": 5} | override
                with self.assertRaisesRegex(ValidationError, message):
                    with self.cr.savepoint():
                        self.promise(vals["amount"], vals["date"])
        self.assertFalse(self.Promise.search([("debtor_id", "=", self.debtor.id)]))

    def test_one_open_promise_per_invoice_set(self):
        self.promise(100.0, 5)
        with self.assertRaisesRegex(ValidationError, "already has an open promise"):
            with self.cr.savepoint():
                self.promise(200.0, 6)
        # Another invoice set is fine.
        self.promise(100.0, 5, invoice_ids=[(6, 0, self.invoice.ids)])

    def test_escalation_waits_while_open_and_resumes_when_broken(self):
        promise = self.promise(300.0, 3)
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 0)
        _run, stats = self.run_on(6)  # date 3 + grace 2 passed: broken
        self.assertEqual(promise.state, "broken")
        self.assertEqual(stats.promise_broken_count, 1)
        self.assertEqual(stats.action_count, 1)
        self.refresh(today=self.days(6))
        self.assertEqual(self.debtor.promises_broken, 1)
        self.assertGreater(dict(self.debtor.risk_components)["Broken promises"], 0)

    def test_reminder_the_day_before(self):
        self.promise(300.0, 2)
        domain = [
            ("model", "=", "collection.promise"),
            ("recipient_ids", "in", self.accountant.ids),
        ]
        self.run_on(0)
        self.assertFalse(self.env["mail.mail"].sudo().search(domain))
        self.run_on(1)
        self.assertEqual(len(self.env["mail.mail"].sudo().search(domain)), 1)
        self.run_on(1)
        self.assertEqual(len(self.env["mail.mail"].sudo().search(domain)), 1)

    def test_promise_from_invoice_and_from_contact(self):
        action = self.invoice.with_user(self.collector).action_collection_promise()
        self.assertEqual(action["context"]["default_debtor_id"], self.debtor.id)
        contact = (
            self.env["collection.contact"]
            .with_user(self.collector)
            .create({"debtor_id": self.debtor.id, "channel": "call"})
        )
        action = contact.action_log_outcome("promise")
        self.assertEqual(action["res_model"], "collection.promise")
        self.assertEqual(action["context"]["default_contact_id"], contact.id)

    def test_what_was_promised_never_changes(self):
        promise = self.promise(300.0, 5, invoice_ids=[(6, 0, self.invoice.ids)])
        for vals in (
            {"amount": 200.0},
            {"date": self.days(6)},
            {"invoice_ids": [(6, 0, self.other_invoice.ids)]},
            {"channel": "email"},
            {"contact_partner_id": self.accountant.id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "cancel the promise"):
                    promise.with_user(self.manager).write(vals)
        promise.note = "Will pay from the next customer receipt"
        self.assertEqual((promise.amount, promise.date), (300.0, self.days(5)))

    def test_cancel_then_record_a_new_promise(self):
        promise = self.promise(300.0, 5)
        promise.action_cancel()
        self.assertEqual(promise.state, "cancelled")
        self.assertEqual(promise.date_closed, self.today)
        with self.assertRaisesRegex(UserError, "only an open promise"):
            promise.action_cancel()
        replacement = self.promise(250.0, 7)
        self.assertEqual(replacement.state, "open")

    def test_only_an_open_promise_is_cancelled(self):
        promise = self.promise(600.0, 5)
        self.pay(self.invoice, 600.0)
        self.judge(0)
        self.assertEqual(promise.state, "kept")
        with self.assertRaisesRegex(UserError, "only an open promise"):
            promise.action_cancel()
        self.assertEqual(promise.state, "kept")

    def test_a_promise_is_never_deleted(self):
        promise = self.promise(300.0, 5)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            promise.with_user(self.manager).unlink()
        promise.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            promise.with_user(self.manager).unlink()
        self.assertTrue(promise.exists())

    def test_state_and_follow_up_fields_are_the_systems(self):
        promise = self.promise(300.0, 5)
        for vals in (
            {"state": "kept"},
            {"amount_paid": 300.0},
            {"date_closed": self.today},
            {"reminder_sent": True},
            {"date_made": self.days(-10)},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError):
                    promise.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError):
            self.promise(100.0, 5, invoice_ids=[(6, 0, self.invoice.ids)], state="kept")
        self.assertEqual(promise.state, "open")

    def test_viewer_reads_but_cannot_cancel(self):
        promise = self.promise(300.0, 5)
        self.assertEqual(
            promise.with_user(self.viewer).read(["amount"])[0]["amount"], 300.0
        )
        with self.assertRaises(AccessError):
            promise.with_user(self.viewer).action_cancel()
        with self.assertRaises(AccessError):
            self.Promise.with_user(self.viewer).create(
                {"debtor_id": self.debtor.id, "amount": 10.0, "date": self.days(3)}
            )
