# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The services of the daily work: one open-line definition, reminders by
window, the collector's next action date, mails only queued, "Run now"
enqueued."""

from odoo import Command
from odoo.modules import module
from odoo.tests import tagged
from odoo.tools import SQL

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestServices(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.env["collection.policy"]._ensure_default_policy(cls.company)
        cls.invoice = cls.make_invoice(1000.0, -5)
        cls.env["collection.ledger"]._refresh_company(cls.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id), ("company_id", "=", cls.company.id)]
        )

    def mails_of(self, record):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id)])
        )

    def test_one_open_line_definition(self):
        """_open_domain through the ORM and _open_sql in SQL select the same
        lines: open invoices, a partial payment, a credit note and a paid
        invoice of two customers and a contact."""
        receivable = self.env["collection.receivable"]
        paid = self.make_invoice(300.0, -10, partner=self.customer_b)
        self.pay(paid, 300.0)
        partly = self.make_invoice(500.0, -20, partner=self.customer_contact)
        self.pay(partly, 125.0)
        self.make_invoice(80.0, 0, move_type="out_refund", partner=self.customer_b)
        self.env.flush_all()
        company = self.company
        orm = (
            self.env["account.move.line"]
            .sudo()
            .search(receivable._open_domain(company))
        )
        sql = self.env.execute_query(
            SQL(
                "SELECT aml.id FROM account_move_line aml WHERE %s",
                receivable._open_sql(company),
            )
        )
        self.assertEqual(set(orm.ids), {row[0] for row in sql})
        mine = orm.filtered(
            lambda aml: aml.partner_id.commercial_partner_id
            in self.customer | self.customer_b
        )
        self.assertEqual(sorted(mine.mapped("amount_residual")), [-80.0, 375.0, 1000.0])
        self.assertNotIn(paid, orm.move_id)

    def test_installment_reminder_after_a_missed_day(self):
        """An installment due in 2 days is reminded with a 3-day window, once."""
        self.company.collection_plan_reminder_days = 3
        plan = self.env["collection.plan"].create(
            {
                "debtor_id": self.debtor.id,
                "invoice_ids": [Command.set(self.invoice.ids)],
                "installment_count": 1,
                "date_start": self.days(2),
            }
        )
        plan.action_submit()
        self.assertEqual(plan.state, "active")
        line = plan.line_ids
        self.assertEqual(line.date_due, self.days(2))
        commitments = self.env["collection.commitments"]
        commitments._follow_company(self.company, self.today)
        self.assertTrue(line.reminded_before)
        self.assertEqual(len(self.mails_of(line)), 1)
        commitments._follow_company(self.company, self.today)
        self.assertEqual(len(self.mails_of(line)), 1)

    def test_promise_reminder_after_a_missed_day(self):
        """A promise due today, not reminded the day before, is reminded today."""
        self.company.collection_promise_reminder = True
        promise = self.env["collection.promise"].create(
            {"debtor_id": self.debtor.id, "amount": 400.0, "date": self.today}
        )
        self.env["collection.commitments"]._follow_company(self.company, self.today)
        self.assertTrue(promise.reminder_sent)
        self.assertEqual(len(self.mails_of(promise)), 1)

    def test_collector_next_action_date_kept_until_it_passes(self):
        """The refresh keeps a collector's date until it passes, then proposes again."""
        Ledger = self.env["collection.ledger"]
        self.debtor.with_user(self.collector).next_action_date = self.days(5)
        Ledger._refresh_company(self.company, today=self.today)
        self.assertEqual(self.debtor.next_action_date, self.days(5))
        self.assertTrue(self.debtor.next_action_by_user)
        Ledger._refresh_company(self.company, today=self.days(6))
        self.assertEqual(self.debtor.next_action_date, self.days(6))
        self.assertFalse(self.debtor.next_action_by_user)

    def test_run_only_queues_mails_and_retries_a_failed_one(self):
        """The run only queues mails; a failed send fails the entry; a rerun retries."""
        Escalation = self.env["collection.escalation"]
        mail_cron = self.env.ref("mail.ir_cron_mail_scheduler_action")
        triggers = self.env["ir.cron.trigger"].sudo()
        queued = triggers.search_count([("cron_id", "=", mail_cron.id)])
        Escalation._run_company(self.company)
        contact = self.env["collection.contact"].search(
            [("debtor_id", "=", self.debtor.id), ("mail_id", "!=", False)]
        )
        self.assertEqual(len(contact), 1)
        self.assertEqual(
            (contact.state, contact.mail_id.state), ("pending", "outgoing")
        )
        self.assertGreater(
            triggers.search_count([("cron_id", "=", mail_cron.id)]), queued
        )
        mail = contact.mail_id
        # An unreachable SMTP server; the test mode would skip the connection.
        self.env["ir.mail_server"].sudo().create(
            {"name": "Unreachable", "smtp_host": "127.0.0.1", "smtp_port": 1}
        )
        current_test, module.current_test = module.current_test, None
        try:
            mail.sudo().send()
        finally:
            module.current_test = current_test
        self.assertEqual((mail.state, contact.state), ("exception", "failed"))
        _run, stats = Escalation._run_company(self.company)
        self.assertEqual(stats.retried_count, 1)
        self.assertEqual(contact.mail_id, mail)
        self.assertEqual((contact.state, mail.state), ("pending", "outgoing"))
        self.assertEqual(
            self.env["collection.contact"].search_count(
                [("debtor_id", "=", self.debtor.id), ("mail_id", "!=", False)]
            ),
            1,
        )

    def test_run_now_only_enqueues(self):
        """Run now adds a trigger of the run cron and acts on nothing in the request."""
        cron = self.env.ref("collections_addon.ir_cron_collection_run")
        Trigger = self.env["ir.cron.trigger"].sudo()
        Run = self.env["collection.run"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        contacts = self.env["collection.contact"].search_count([])
        runs = Run.search([])
        Run.with_user(self.collector).action_run_now()
        self.assertEqual(
            Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        self.assertEqual(self.env["collection.contact"].search_count([]), contacts)
        # At most a placeholder of the queued run: nothing ran, nothing counted.
        new = Run.search([]) - runs
        self.assertEqual(set(new.mapped("state")) - {"queued"}, set())
        self.assertFalse(new.filtered("action_count") or new.filtered("date_end"))
        self.assertEqual(self.debtor.level_id, self.env["collection.level"])
