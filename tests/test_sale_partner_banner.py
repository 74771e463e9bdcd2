# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_sale_common import SaleCollectionsCommon

PARTNER_FIELDS = [
    "collection_banner_html",
    "collection_severity",
    "collection_debtor_type_label",
    "collection_amount_collectible",
]


@tagged("post_install", "-at_install")
class TestPartnerBanner(SaleCollectionsCommon):
    """The customer form's banner says how serious the debt is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.debtor = cls.indebted(1200.0, 45)

    def read(self, fname, user=None, partner=None):
        partner = (partner or self.customer).with_user(user or self.viewer)
        partner.invalidate_recordset(PARTNER_FIELDS)
        return partner[fname] or ""

    def money(self, amount):
        return self.env.company.currency_id.format(amount)

    def test_reminder_is_not_a_hand_over(self):
        """A reminder 15 days late reads mild; a legal hand-over reads serious."""
        self.set_level(self.debtor, self.first_reminder)
        self.assertEqual(self.read("collection_severity"), "reminder")
        self.assertIn("alert-info", self.read("collection_banner_html"))
        self.assertIn("Payment reminders sent", self.read("collection_banner_html"))
        legal = self.levels.filtered(lambda lv: lv.action == "legal")[:1]
        self.set_level(self.debtor, legal, stage="legal")
        banner = self.read("collection_banner_html")
        self.assertEqual(self.read("collection_severity"), "handover")
        self.assertIn("alert-danger", banner)
        self.assertIn("Debt handed over (Legal Action)", banner)

    def test_formal_demand_reads_formal(self):
        """A formal demand letter is its own step."""
        self.set_level(self.debtor, self.demand)
        self.assertEqual(self.read("collection_severity"), "formal")
        banner = self.read("collection_banner_html")
        self.assertIn("Formal demand for payment sent", banner)

    def test_collectible_rather_than_gross_overdue(self):
        """Open credits: the banner says the collectible amount."""
        self.unapplied_payment(self.customer, 500.0)
        self.refresh()
        banner = self.read("collection_banner_html")
        self.assertIn(f"{self.money(700.0)} to collect", banner)
        self.assertNotIn(self.money(1200.0), banner)

    def test_open_promise_is_mentioned(self):
        """An open promise: amount and date."""
        self.promise(self.debtor, 400.0, 7)
        self.assertIn(
            f"Open promise to pay: {self.money(400.0)}",
            self.read("collection_banner_html"),
        )

    def test_active_plan_is_mentioned(self):
        """An active plan: its next installment."""
        plan = self.plan(self.debtor)
        self.assertIn(
            f"Active installment plan {plan.name}", self.read("collection_banner_html")
        )

    def test_viewer_reads_a_neutral_label_for_fraudulent(self):
        """A Viewer reads "Review with collections", a collector "Fraudulent"."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off."}
        )
        self.assertEqual(
            self.read("collection_debtor_type_label"), "Review with collections"
        )
        self.assertNotIn("Fraudulent", self.read("collection_banner_html"))
        self.assertEqual(
            self.read("collection_debtor_type_label", self.collector), "Fraudulent"
        )
        self.assertIn("Fraudulent", self.read("collection_banner_html", self.collector))

    def test_viewer_reads_a_mild_type_as_is(self):
        """Types that are no assessment of honesty are shown to Viewers."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "forgetful", "debtor_type_reason": "Always late."}
        )
        self.assertEqual(self.read("collection_debtor_type_label"), "Forgetful")

    def test_no_banner_without_debt(self):
        """Nothing to collect, no promise, no plan: no banner."""
        self.assertFalse(self.read("collection_banner_html", partner=self.clean))

    def test_banner_of_a_contact_is_its_company_s(self):
        """A contact person shows the debt of its company."""
        self.assertIn(
            self.money(1200.0),
            self.read("collection_banner_html", partner=self.customer_contact),
        )

    def test_form_shows_the_banner_and_label(self):
        """The customer form holds the banner and the neutral label."""
        arch = (
            self.env["res.partner"]
            .with_user(self.viewer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("collection_banner_html", arch)
        self.assertIn("collection_debtor_type_label", arch)

    def test_banner_is_one_query(self):
        """Banner and panel of a batch of partners: one query."""
        partners = (self.customer | self.customer_b | self.clean).with_user(self.viewer)
        partners.mapped("collection_banner_html")
        partners.invalidate_recordset(PARTNER_FIELDS)
        with self.assertQueryCount(1):
            partners.mapped("collection_banner_html")
