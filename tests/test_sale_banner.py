# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, tagged

from .test_sale_common import BANNER_FIELDS, SaleCollectionsCommon


@tagged("post_install", "-at_install")
class TestSaleOrderBanner(SaleCollectionsCommon):
    """The customer's debt on the quotation, the order and the order list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.debtor = cls.indebted(1200.0, 45)
        cls.order = cls.make_order()

    def money(self, amount):
        return self.env.company.currency_id.format(amount)

    def test_banner_overdue_amount_days_type_class(self):
        """Overdue amount, days, debtor type and ABC class, as a Viewer reads them."""
        banner = self.banner(self.order)
        self.assertIn(self.money(1200.0), banner)
        self.assertIn("late for up to 45 days", banner)
        self.assertIn("class A", banner)
        self.assertIn(
            f"Debtor type: {self.order.partner_id.collection_debtor_type_label}",
            banner,
        )

    def test_banner_shows_escalation_level(self):
        """The level taken, and how serious it is."""
        self.set_level(self.debtor, self.first_reminder)
        banner = self.banner(self.order)
        self.assertIn(f"Payment reminders sent ({self.first_reminder.name})", banner)
        self.assertIn("alert-info", banner)
        self.set_level(self.debtor, self.demand)
        banner = self.banner(self.order)
        self.assertIn(f"Formal demand for payment sent ({self.demand.name})", banner)
        self.assertIn("alert-danger", banner)

    # --- the banner tells the truth about the last step ---------------------------
    def level_entry(self, level, state, **vals):
        """The contact entry the run logs when it takes ``level``."""
        self.set_level(self.debtor, level)
        return self.env["collection.contact"]._log(
            {
                "debtor_id": self.debtor.id,
                "channel": "letter" if level.action == "demand" else "email",
                "level_id": level.id,
                "episode": self.debtor.episode,
                "state": state,
                **vals,
            }
        )

    def test_banner_says_a_failed_demand_was_not_sent(self):
        """The demand's e-mail failed: prepared, not sent, and why."""
        self.level_entry(self.demand, "failed", failure_reason="Mailbox full")
        banner = self.banner(self.order)
        self.assertIn(
            f"Formal demand for payment prepared ({self.demand.name}), not sent.",
            banner,
        )
        self.assertIn("Its e-mail failed", banner)
        self.assertNotIn("Formal demand for payment sent", banner)

    def test_banner_says_a_sent_demand_was_sent(self):
        """The demand's e-mail went out: sent."""
        self.level_entry(self.demand, "sent")
        banner = self.banner(self.order)
        self.assertIn(f"Formal demand for payment sent ({self.demand.name})", banner)
        self.assertNotIn("not sent", banner)

    def test_banner_says_a_queued_reminder_waits(self):
        """A reminder still in the mail queue is not sent yet."""
        self.level_entry(self.first_reminder, "pending")
        banner = self.banner(self.order)
        self.assertIn(
            f"Payment reminder prepared ({self.first_reminder.name}), not sent.",
            banner,
        )
        self.assertIn("waits in the mail queue", banner)

    def test_banner_says_a_printed_demand_waits_for_the_post(self):
        """A demand printed for the post, not posted yet, is not sent."""
        self.level_entry(self.demand, "done")
        self.debtor.activity_schedule(
            "collections_addon.mail_activity_collection_post_letter",
            user_id=self.sale_collector.id,
        )
        banner = self.banner(self.order)
        self.assertIn("Formal demand for payment prepared", banner)
        self.assertIn("The letter is printed and waits to be posted.", banner)
        self.debtor.activity_ids.action_feedback(feedback="Posted.")
        self.assertIn("Formal demand for payment sent", self.banner(self.order))

    def test_banner_mentions_a_paused_escalation(self):
        """A debtor on hold: the rep reads until when, a collector also why."""
        self.debtor.with_user(self.sale_collector).write(
            {"hold_until": self.days(10), "hold_reason": "Invoice 12 disputed"}
        )
        rep_banner = self.banner(self.order)
        self.assertIn("Collections paused the escalation until", rep_banner)
        self.assertNotIn("Invoice 12 disputed", rep_banner)
        self.assertIn(
            "Invoice 12 disputed", self.banner(self.order, self.sale_collector)
        )

    def test_banner_forgets_a_past_pause(self):
        """A hold that ended is not mentioned."""
        self.debtor.with_user(self.sale_collector).write(
            {"hold_until": self.days(-1), "hold_reason": "Was disputed"}
        )
        self.assertNotIn("paused", self.banner(self.order))

    def test_banner_day_is_the_company_s_not_the_reader_s(self):
        """Without a company time zone the day is UTC's, whatever the reader's."""
        self.env.company.partner_id.sudo().tz = False
        self.rep.sudo().tz = "Pacific/Kiritimati"  # UTC+14: already tomorrow
        self.debtor.with_user(self.sale_collector).write(
            {"hold_until": self.today, "hold_reason": "Until today"}
        )
        with freeze_time(f"{self.today} 12:00:00"):
            self.assertIn("paused the escalation", self.banner(self.order))

    def test_banner_shows_open_promise(self):
        """An open promise: its amount and date."""
        promise = self.promise(self.debtor, 300.0, 5)
        banner = self.banner(self.order)
        self.assertIn(f"Open promise to pay: {self.money(300.0)}", banner)
        self.assertIn(promise.date.strftime("%m/%d/%Y"), banner)

    def test_banner_shows_active_plan_next_installment(self):
        """An active plan: its next unpaid installment."""
        plan = self.plan(self.debtor, count=3)
        self.assertEqual(plan.state, "active")
        first = plan.line_ids.sorted("date_due")[:1]
        banner = self.banner(self.order)
        self.assertIn(f"Active installment plan {plan.name}", banner)
        self.assertIn(f"next installment {self.money(first.amount)}", banner)

    def test_banner_absent_for_clean_customer(self):
        """No debt, no banner, no overdue flag."""
        order = self.make_order(self.clean)
        self.assertFalse(self.banner(order))
        self.assertFalse(order.with_user(self.rep).collection_amount_collectible)

    def test_banner_of_the_order_company_only(self):
        """Debt in another company does not show on this company's order."""
        company_2 = self.setup_other_company()["company"]
        order = (
            self.env["sale.order"]
            .with_company(company_2)
            .create({"partner_id": self.customer.id, "company_id": company_2.id})
        )
        self.assertFalse(order.collection_banner_html)
        self.assertFalse(order.collection_amount_collectible)

    def test_viewer_without_accounting_sees_the_banner(self):
        """The sales rep has no accounting rights and reads the banner."""
        self.assertFalse(self.rep.has_group("account.group_account_invoice"))
        self.assertFalse(self.rep.has_group("account.group_account_readonly"))
        self.assertIn(self.money(1200.0), self.banner(self.order))

    def test_viewer_reads_neutral_label_for_fraudulent(self):
        """A Viewer reads "Review with collections"; a collector the type."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off."}
        )
        rep_banner = self.banner(self.order)
        self.assertIn("Review with collections", rep_banner)
        self.assertNotIn("Fraudulent", rep_banner)
        self.assertIn("Fraudulent", self.banner(self.order, self.sale_collector))

    def test_salesperson_without_viewer_gets_no_debt_fields(self):
        """Sales rights alone show no debt (the fields need Viewer rights)."""
        order = self.make_order(user=self.rep_plain).with_user(self.rep_plain)
        with self.assertRaises(AccessError):
            order.read(["collection_banner_html"])
        arch = order.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("collection_banner_html", arch)

    def test_banner_on_a_new_quotation(self):
        """Choosing the customer on a new quotation shows the banner."""
        form = Form(self.env["sale.order"].with_user(self.rep))
        form.partner_id = self.customer
        self.assertIn(self.money(1200.0), form.collection_banner_html)

    def test_banner_in_the_users_language(self):
        """The sentences follow the reader's language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        banner = self.banner(self.order.with_context(lang="fr_FR"))
        self.assertIn("200,00", banner)  # the French decimal comma

    def test_list_column_and_filter(self):
        """The list shows the debt; the filter finds orders of indebted customers."""
        clean_order = self.make_order(self.clean)
        Order = self.env["sale.order"].with_user(self.rep)
        found = Order.search([("collection_amount_collectible", ">", 0)])
        self.assertIn(self.order, found)
        self.assertNotIn(clean_order, found)
        self.assertIn(
            clean_order, Order.search([("collection_amount_collectible", "=", 0)])
        )
        arch = Order.get_views([(False, "list"), (False, "search")])["views"]
        self.assertIn("collection_amount_collectible", arch["list"]["arch"])
        self.assertIn("collection_overdue", arch["search"]["arch"])
        self.assertEqual(
            self.order.with_user(self.rep).collection_amount_collectible, 1200.0
        )

    def test_banner_is_one_query_whatever_the_customer_size(self):
        """One query for the banner of a batch, for a small or a large customer."""
        for _index in range(30):
            self.make_invoice(100.0, -20, partner=self.customer_b)
        self.make_invoice(50.0, -20, partner=self.clean)
        self.refresh()
        self.promise(self.debtor_of(self.customer_b), 100.0, 3)
        orders = (
            self.order
            | self.make_order(self.customer_b)
            | self.make_order(self.customer_b)
            | self.make_order(self.clean)
        ).with_user(self.rep)
        for batch in (orders[:1], orders[1:2], orders):
            batch.mapped("collection_banner_html")  # warm the caches
            batch.invalidate_recordset(BANNER_FIELDS)
            with self.subTest(size=len(batch)), self.assertQueryCount(1):
                banners = batch.mapped("collection_banner_html")
            self.assertTrue(all(banners))

    def test_settings_view_offers_the_hold_rules(self):
        """The hold rules sit in the Collections settings."""
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        for name in ("collection_hold_level_id", "collection_hold_commitment_lifts"):
            self.assertIn(name, arch)
