# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import CollectionsCommon


class EscalationCommon(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Run = cls.env["collection.run"]
        cls.Escalation = cls.env["collection.escalation"]
        cls.Contact = cls.env["collection.contact"]
        cls.env["collection.policy"]._ensure_default_policy(cls.env.company)
        cls.policy = cls.env["collection.policy"].search(
            [("company_id", "=", cls.env.company.id), ("is_default", "=", True)]
        )
        cls.levels = {level.days: level for level in cls.policy.level_ids}
        cls.accountant = cls.env["res.partner"].create(
            {
                "name": "Alice Accounts",
                "parent_id": cls.customer.id,
                "email": "alice@debtor1.test",
                "collection_role": "accountant",
            }
        )
        cls.director = cls.env["res.partner"].create(
            {
                "name": "Dmitri Director",
                "parent_id": cls.customer.id,
                "email": "dd@debtor1.test",
                "collection_role": "decision_maker",
                "function": "Director",
            }
        )
        cls.env.company.collection_interest_rate = 10.0

    def run_on(self, day, company=None):
        """Run the escalation on ``today + day`` with the clock moved there."""
        when = self.today + timedelta(days=day)
        with freeze_time(when):
            run, stats = self.Escalation._run_company(
                company or self.env.company, today=when
            )
            self.send_mail_queue()
        return run, stats

    def contacts(self, partner=None, **filters):
        domain = [("partner_id", "=", (partner or self.customer).id)]
        domain += [(k, "=", v) for k, v in filters.items()]
        return self.Contact.search(domain, order="id")

    def mails_to(self, partner):
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("recipient_ids", "in", partner.ids),
                    ("model", "=", "collection.debtor"),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestEscalationLadder(EscalationCommon):
    """Each level of the default ladder, taken once, on its day."""

    def test_each_action_of_the_default_ladder(self):
        self.make_invoice(1000.0, 0)
        # -3: pre-due reminder e-mail to the accountant contact.
        self.run_on(-3)
        pre_due = self.contacts(level_id=self.levels[-3].id)
        self.assertEqual(pre_due.state, "sent")
        self.assertEqual(pre_due.contact_partner_id, self.accountant)
        mail = self.mails_to(self.accountant)
        self.assertEqual(len(mail), 1)
        self.assertIn("1,000.00", mail.body_html)
        self.assertEqual(mail.state, "sent")
        # What the customer reads around it: the company, not "Your Collection
        # Debtor", no link into Odoo, nothing to unfollow.
        self.assertIn(self.env.company.name, mail.body_html)
        for internal in (
            "Your ",
            self.Escalation.env["collection.debtor"]._description,
            "/mail/unfollow",
            "/mail/view",
        ):
            self.assertNotIn(internal, mail.body_html)
        # +3 and +15: reminders.
        self.run_on(3)
        self.run_on(15)
        self.assertEqual(len(self.mails_to(self.accountant)), 3)
        # +25: a call activity for the collector, due that day.
        debtor = self.debtor_of(self.customer)
        debtor.user_id = self.collector
        self.run_on(25)
        call = debtor.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(call.user_id, self.collector)
        self.assertEqual(call.date_deadline, self.days(25))
        # Listed for the collector, who follows the debtor; no e-mail per activity.
        self.assertIn(self.collector.partner_id, debtor.message_partner_ids)
        self.assertFalse(self.mails_to(self.collector.partner_id))
        self.assertEqual(self.contacts(level_id=self.levels[25].id).channel, "call")
        # +45: formal demand letter: rendered, attached, e-mailed, to be posted.
        self.run_on(45)
        demand = self.contacts(level_id=self.levels[45].id)
        self.assertEqual(demand.state, "sent")
        self.assertTrue(demand.attachment_ids)
        self.assertEqual(
            self.mails_to(self.director).attachment_ids, demand.attachment_ids
        )
        self.assertIn(
            "Post Letter", debtor.activity_ids.activity_type_id.mapped("name")
        )
        # +90: final notice letter.
        self.run_on(90)
        self.assertTrue(self.contacts(level_id=self.levels[90].id).attachment_ids)
        # +180: legal hand-over with a pack and an activity for a manager.
        self.run_on(180)
        self.assertEqual(debtor.stage, "legal")
        legal = self.contacts(level_id=self.levels[180].id)
        self.assertEqual(
            legal.attachment_ids.mimetype[:30], "application/vnd.openxmlformats"
        )
        handover = debtor.activity_ids.filtered(
            lambda a: a.activity_type_id.name == "Legal Hand-over"
        )
        self.assertTrue(
            handover.user_id.has_group(
                "collections_addon.collections_addon_group_manager"
            )
        )
        self.assertEqual(debtor.level_id, self.levels[180])
        self.assertEqual(
            self.env["account.move"]
            .search([("partner_id", "=", self.customer.id)])
            .collection_level_id,
            self.levels[180],
        )

    def test_same_day_rerun_does_nothing_and_writes_nothing(self):
        self.make_invoice(500.0, -4)
        run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 1)
        debtor = self.debtor_of(self.customer)
        stamp = debtor.write_date
        count = len(self.contacts())
        run2, stats2 = self.run_on(0)
        self.assertFalse(run2)
        self.assertEqual(stats2.action_count, 0)
        self.assertEqual(len(self.contacts()), count)
        debtor.invalidate_recordset()
        self.assertEqual(debtor.write_date, stamp)

    def test_missed_days_take_the_highest_level_once_and_log_skipped(self):
        """Documented rule: after missed days, one communication at the highest
        level due; the levels passed over are logged as skipped."""
        self.make_invoice(800.0, -50)
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 1)
        taken = self.contacts(level_id=self.levels[45].id)
        self.assertEqual(taken.channel, "letter")
        skipped = self.contacts(state="skipped")
        self.assertEqual(len(skipped), 1)  # one entry per run, not one per level
        self.assertEqual(
            sorted(skipped.skipped_level_ids.mapped("days")), [-3, 3, 15, 25]
        )
        self.assertEqual(len(self.mails_to(self.director)), 1)
        self.assertFalse(self.mails_to(self.accountant))

    def test_clock_going_backwards_never_de_escalates(self):
        self.make_invoice(300.0, 0)
        self.run_on(20)
        self.assertEqual(self.debtor_of(self.customer).level_id, self.levels[15])
        count = len(self.contacts())
        _run, stats = self.run_on(5)
        self.assertEqual(stats.action_count, 0)
        self.assertEqual(len(self.contacts()), count)

    def test_episode_ends_when_paid_and_new_debt_restarts_the_ladder(self):
        invoice = self.make_invoice(300.0, -5)
        self.run_on(0)
        self.assertEqual(self.debtor_of(self.customer).level_id, self.levels[3])
        self.pay(invoice, 300.0)
        _run, stats = self.run_on(1)
        debtor = self.debtor_of(self.customer)
        self.assertEqual(stats.episode_closed_count, 1)
        self.assertFalse(debtor.level_id)
        self.assertEqual(debtor.episode, 2)
        self.make_invoice(200.0, -4)
        self.run_on(1)
        self.assertEqual(debtor.level_id, self.levels[3])
        self.assertEqual(len(self.contacts(level_id=self.levels[3].id)), 2)

    def test_second_policy_for_class_a(self):
        key = self.env["collection.policy"].create(
            {
                "name": "Key accounts",
                "abc_class": "a",
                "sequence": 1,
                "level_ids": [
                    Command.create({"name": "Early call", "days": 5, "action": "call"}),
                    Command.create({"name": "Demand", "days": 30, "action": "demand"}),
                ],
            }
        )
        self.make_invoice(900.0, -6)
        self.run_on(0)
        debtor = self.debtor_of(self.customer)
        self.assertEqual(debtor.policy_id, key)
        self.assertEqual(debtor.level_id.name, "Early call")


@tagged("post_install", "-at_install")
class TestEscalationEasesIn(EscalationCommon):
    """The first hour: dun only what is owed, a demand before any hand-over."""

    def test_net_zero_debtor_is_not_dunned(self):
        """Unapplied credits that cover the overdue invoices: nothing is owed."""
        self.make_invoice(700.0, -40)
        self.make_invoice(700.0, -30, move_type="out_refund")
        _run, stats = self.run_on(0)
        debtor = self.debtor_of(self.customer)
        self.assertEqual(debtor.amount_overdue, 700.0)
        self.assertEqual(debtor.amount_collectible, 0.0)
        self.assertEqual(stats.action_count, 0)
        self.assertFalse(debtor.level_id)

    def test_partial_credit_dunned_on_the_net(self):
        """The level's minimum amount is compared with the net, not the gross."""
        (self.levels[-3] | self.levels[3]).min_amount = 500.0
        self.make_invoice(700.0, -5)
        self.make_invoice(300.0, -4, move_type="out_refund")
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 0)  # 400 net < 500
        self.assertEqual(self.debtor_of(self.customer).amount_collectible, 400.0)

    def test_go_live_200_days_late_demand_first_handover_after_deadline(self):
        """First seen with old debt: the demand letter, never the hand-over;
        nothing while its deadline runs; the hand-over once it has passed."""
        self.make_invoice(900.0, -200)
        self.run_on(0)
        debtor = self.debtor_of(self.customer)
        self.assertEqual(debtor.level_id, self.levels[45])
        self.assertEqual(debtor.stage, "normal")
        deadline = self.env.company.collection_payment_deadline_days
        _run, stats = self.run_on(deadline)
        self.assertEqual(stats.action_count, 0)
        self.assertEqual(debtor.level_id, self.levels[45])
        self.run_on(deadline + 1)
        self.assertEqual(debtor.level_id, self.levels[180])
        self.assertEqual(debtor.stage, "legal")
        skipped = self.contacts(state="skipped").sorted("id")
        self.assertEqual(
            skipped.mapped(lambda c: sorted(c.skipped_level_ids.mapped("days"))),
            [[-3, 3, 15, 25], [90]],
        )

    def test_demand_letter_says_despite_our_reminders_only_after_reminders(self):
        """The reminders sentence names the reminders the episode sent."""
        self.make_invoice(600.0, -60)
        self.make_invoice(100.0, -4, partner=self.customer_b)
        self.run_on(0)  # demand for the first (first seen), +3 for the other
        debtor = self.debtor_of(self.customer)
        self.assertEqual(self.letter_values(debtor)["reminded_on"], [])
        self.run_on(41)  # the other reaches the demand letter
        other = self.debtor_of(self.customer_b)
        self.assertEqual(other.level_id, self.levels[45])
        data = self.letter_values(other)
        self.assertEqual(data["reminded_on"], [self.today])

    def test_company_today_across_midnight_east_of_utc(self):
        """At 20:00 UTC on the 30th it is already the 1st in Tokyo: the
        company's day is the 1st for figures and runs."""
        self.env.company.partner_id.tz = "Asia/Tokyo"
        late_evening = datetime.combine(self.today, time(20, 0))
        with freeze_time(late_evening):
            today = self.env.company._collection_today()
            self.make_invoice(100.0, -1)
            # The refresh's own day: the company's.
            self.env["collection.ledger"]._refresh_company(self.env.company)
        self.assertEqual(today, self.today + timedelta(days=1))
        # Due on the server's yesterday: two days late in Tokyo's today.
        self.assertEqual(self.debtor_of(self.customer).max_days_overdue, 2)

    def test_post_dated_payment_counts_as_paid_today(self):
        """A payment dated after the company's today never makes the
        refresh fail: the days since the last payment are 0."""
        invoice = self.make_invoice(300.0, -10)
        self.pay(invoice, 100.0, date=self.days(3))
        self.refresh()
        self.assertEqual(self.debtor_of(self.customer).days_since_last_payment, 0)

    def test_company_today_is_the_same_for_every_user(self):
        """Without a company time zone the day is UTC's, whoever asks: a
        manager in Tokyo and a collector in UTC approve and queue on one day."""
        self.env.company.partner_id.tz = False
        self.collector.tz = "UTC"
        self.manager.tz = "Asia/Tokyo"
        with freeze_time(datetime.combine(self.today, time(20, 0))):
            days = {
                user.tz: self.env.company.with_user(user)._collection_today()
                for user in (self.collector, self.manager)
            }
        self.assertEqual(days, dict.fromkeys(("UTC", "Asia/Tokyo"), self.today))


@tagged("post_install", "-at_install")
class TestEscalationFaults(EscalationCommon):
    def test_excluded_invoice_is_not_escalated(self):
        invoice = self.make_invoice(700.0, -10)
        with self.assertRaisesRegex(ValidationError, "Exclusion Reason"):
            invoice.collection_excluded = True
        invoice.write(
            {"collection_excluded": True, "collection_exclusion_reason": "Disputed"}
        )
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 0)
        invoice.action_collection_include()
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 1)

    def test_debtor_hold_until_a_date(self):
        self.make_invoice(700.0, -10)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        with self.assertRaisesRegex(ValidationError, "Hold Reason"):
            debtor.hold_until = self.days(5)
        debtor.write({"hold_until": self.days(5), "hold_reason": "Awaiting audit"})
        self.assertTrue(debtor.on_hold)
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 0)
        _run, stats = self.run_on(6)
        self.assertEqual(stats.action_count, 1)

    def test_smtp_down_then_back_sends_exactly_one_mail(self):
        self.make_invoice(400.0, -5)
        IrMailServer = type(self.env["ir.mail_server"])
        with patch.object(
            IrMailServer, "connect", side_effect=ConnectionRefusedError("SMTP down")
        ):
            _run, stats = self.run_on(0)
        contact = self.contacts(level_id=self.levels[3].id)
        self.assertEqual(contact.state, "failed")
        self.assertIn("SMTP down", contact.failure_reason)
        self.assertEqual(self.debtor_of(self.customer).level_id, self.levels[3])
        # The server is back: the next run retries the same mail, once.
        _run, stats = self.run_on(1)
        self.assertEqual(stats.retried_count, 1)
        self.assertEqual(contact.state, "sent")
        mails = self.mails_to(self.accountant)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "sent")
        _run, stats = self.run_on(2)
        self.assertEqual(stats.action_count, 0)
        self.assertEqual(len(self.mails_to(self.accountant)), 1)

    def test_missing_or_blacklisted_address_falls_back_to_a_call(self):
        self.accountant.email = False
        self.customer.email = False
        self.director.email = False
        self.make_invoice(400.0, -5)
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 1)
        contact = self.contacts(level_id=self.levels[3].id)
        self.assertEqual(contact.channel, "call")
        self.assertIn("e-mail", contact.failure_reason)
        # Blacklisted: same fallback.
        self.customer_b.email = "blocked@debtor2.test"
        self.env["mail.blacklist"].sudo()._add("blocked@debtor2.test")
        self.make_invoice(400.0, -5, partner=self.customer_b)
        self.run_on(0)
        contact_b = self.contacts(self.customer_b, level_id=self.levels[3].id)
        self.assertEqual(contact_b.channel, "call")

    def test_failing_debtor_does_not_stop_the_batch(self):
        bad = self.env["res.partner"].create(
            {"name": "Bad Co", "is_company": True, "email": "bad@bad.test"}
        )
        template = self.env.ref("collections_addon.mail_template_collection_reminder")
        broken = template.copy(
            {"subject": "{{ 1 / 0 if object.name == 'Bad Co' else object.name }}"}
        )
        self.levels[3].mail_template_id = broken
        self.make_invoice(100.0, -5, partner=bad)
        self.make_invoice(100.0, -5)
        run, stats = self.run_on(0)
        self.assertEqual(stats.failure_count, 1)
        self.assertEqual(stats.action_count, 1)
        self.assertEqual(self.contacts(level_id=self.levels[3].id).state, "sent")
        bad_debtor = self.debtor_of(bad)
        self.assertFalse(bad_debtor.level_id)
        self.assertIn("could not be taken", bad_debtor.message_ids[0].body)
        self.assertIn("Bad Co", run.log)

    def test_company_isolation(self):
        company_2 = self.setup_other_company()["company"]
        self.env["collection.policy"]._ensure_default_policy(company_2)
        self.make_invoice(100.0, -5, company=company_2)
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 0)
        _run, stats = self.run_on(0, company=company_2)
        self.assertEqual(stats.action_count, 1)
        self.assertEqual(
            self.debtor_of(self.customer, company_2).level_id.company_id, company_2
        )

    def test_second_run_is_refused_while_one_holds_the_lock(self):
        self.make_invoice(100.0, -5)
        with self.registry.cursor() as other:
            other.execute(
                "SELECT pg_advisory_xact_lock(48151623, %s)", [self.env.company.id]
            )
            with self.assertRaisesRegex(UserError, "already in progress"):
                self.run_on(0)
            other.rollback()

    def test_run_now_button_needs_collections_user(self):
        """Run now is refused to Viewers; for a collector it only enqueues."""
        with self.assertRaises(AccessError):
            self.Run.with_user(self.viewer).action_run_now()
        self.make_invoice(100.0, -5)
        cron = self.env.ref("collections_addon.ir_cron_collection_run")
        Trigger = self.env["ir.cron.trigger"].sudo()
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        result = self.Run.with_user(self.collector).action_run_now()
        self.assertEqual(result["params"]["type"], "info")
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)
        self.assertFalse(self.contacts(level_id=self.levels[3].id))
        request = self.Run.search(
            [("company_id", "=", self.env.company.id), ("state", "=", "queued")]
        )
        self.assertEqual(request.trigger, "manual")
        # The cron worker then runs the company's day and closes the request.
        for _slice in range(20):
            self.Escalation.sudo()._cron_escalate()
            if request.state == "done":
                break
        self.assertEqual(request.state, "done")
        self.assertTrue(self.contacts(level_id=self.levels[3].id))

    def test_cron_escalates_in_slices(self):
        partners = self.env["res.partner"].create(
            [
                {"name": f"Slice {i}", "is_company": True, "email": f"s{i}@x.test"}
                for i in range(5)
            ]
        )
        for partner in partners:
            self.make_invoice(50.0, -5, partner=partner)
        cron_env = self.Escalation.sudo()  # the scheduled action runs as root
        domain = [("partner_id", "in", partners.ids), ("state", "!=", "skipped")]
        slices = 0
        # Other companies (demo data) may come first: slices go on until done.
        while self.Contact.search_count(domain) < 5 and slices < 60:
            cron_env._cron_escalate(batch_size=2)
            slices += 1
        self.assertGreaterEqual(slices, 3)
        self.send_mail_queue()
        done = self.Contact.search(domain)
        self.assertEqual(len(done), 5)
        runs = self.Run.sudo().search([("company_id", "=", self.env.company.id)])
        self.assertEqual(runs.mapped("state").count("partial"), 2)
        self.assertEqual(set(done.mapped("state")), {"sent"})

    def test_cron_refreshes_the_ledger_in_a_slice_of_its_own(self):
        """The day's figures take one cron call; actions come with the next."""
        partner = self.env["res.partner"].create(
            {"name": "Own slice", "is_company": True, "email": "own@x.test"}
        )
        self.make_invoice(50.0, -5, partner=partner)
        today = self.env.company._collection_today()
        system_env(self.env["res.company"].sudo().search([])).write(
            {"collection_refresh_date": today, "collection_commitments_date": today}
        )
        system_env(self.env.company.sudo()).write(
            {"collection_refresh_date": False, "collection_commitments_date": False}
        )
        domain = [("partner_id", "=", partner.id), ("state", "!=", "skipped")]
        self.Escalation.sudo()._cron_escalate()
        self.assertEqual(self.env.company.collection_refresh_date, today)
        self.assertEqual(self.env.company.collection_commitments_date, today)
        self.assertTrue(self.debtor_of(partner))
        self.assertFalse(self.Contact.search(domain))
        for _slice in range(10):  # other companies' due debtors may come first
            self.Escalation.sudo()._cron_escalate()
            if self.Contact.search(domain):
                break
        self.assertEqual(len(self.Contact.search(domain)), 1)

    def test_a_big_debtor_starts_a_cron_slice_of_its_own(self):
        from odoo.addons.collections_addon.models import collection_escalation

        company = self.setup_other_company(name="Big Debtor Co")["company"]
        self.env["collection.policy"]._ensure_default_policy(company)
        big = self.env["res.partner"].create(
            {"name": "Big", "is_company": True, "email": "big@x.test"}
        )
        small = self.env["res.partner"].create(
            {"name": "Small", "is_company": True, "email": "small@x.test"}
        )
        for _index in range(3):
            self.make_invoice(10.0, -10, partner=big, company=company)
        # More days overdue: decided first.
        self.make_invoice(10.0, -20, partner=small, company=company)
        limit = collection_escalation.BIG_DEBTOR_LINES
        collection_escalation.BIG_DEBTOR_LINES = 2
        try:
            _run, first = self.Escalation._run_company(
                company, today=self.today, limit=50, time_budget=600
            )
            acted_first = set(self.Contact.search([]).partner_id)
            _run, second = self.Escalation._run_company(
                company, today=self.today, limit=50, time_budget=600
            )
        finally:
            collection_escalation.BIG_DEBTOR_LINES = limit
        self.assertEqual(first.state, "partial")
        self.assertIn(small, acted_first)
        self.assertNotIn(big, acted_first)
        self.assertTrue(self.contacts(partner=big))
        self.assertEqual(second.state, "done")

    def test_nothing_due_costs_no_query_per_debtor(self):
        counts = {}
        for size in (5, 30):
            company = self.setup_other_company(name=f"Quiet {size}")["company"]
            self.env["collection.policy"]._ensure_default_policy(company)
            partners = self.env["res.partner"].create(
                [{"name": f"Q{size}-{i}", "is_company": True} for i in range(size)]
            )
            for partner in partners:
                self.make_invoice(10.0, 30, partner=partner, company=company)
            self.Escalation._run_company(
                company, today=self.today
            )  # figures of the day
            self.env.flush_all()
            start = self.cr.sql_log_count
            self.Escalation._run_company(company, today=self.today)
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
        self.assertEqual(counts[5], counts[30])


@tagged("post_install", "-at_install")
class TestEscalationConfig(EscalationCommon):
    """Bad configuration gets clear errors naming the field and the rule."""

    def test_level_without_action_is_refused(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["collection.level"].create(
                {"policy_id": self.policy.id, "name": "No action", "days": 60}
            )

    def test_policy_with_duplicate_days_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "same day|own day|7 days"):
            self.env["collection.policy"].create(
                {
                    "name": "Twice",
                    "level_ids": [
                        Command.create({"name": "A", "days": 7, "action": "email"}),
                        Command.create({"name": "B", "days": 7, "action": "call"}),
                    ],
                }
            )

    def test_negative_fee_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Fee"):
            self.levels[3].fee_amount = -5

    def test_one_default_policy_per_company(self):
        with self.assertRaisesRegex(ValidationError, "default policy"):
            self.env["collection.policy"].create({"name": "Other", "is_default": True})

    def test_new_company_gets_a_default_policy(self):
        company = self.env["res.company"].create({"name": "Fresh Co"})
        policy = self.env["collection.policy"].search(
            [("company_id", "=", company.id), ("is_default", "=", True)]
        )
        self.assertEqual(len(policy.level_ids), 7)
