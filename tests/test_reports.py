# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import re
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.collections_addon.models import collection_document
from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import CollectionsCommon

LETTER = "collections_addon.action_report_collection_letter"
STATEMENT = "collections_addon.action_report_collection_statement"
# 1,234.50 overdue, in words, as num2words writes it in each language.
WORDS = {
    "en_US": "One thousand two hundred thirty-four US dollars and 50 cents",
    "ru_RU": "Одна тысяча двести тридцать четыре доллара США 50 центов",
    "pl_PL": "Tysiąc dwieście trzydzieści cztery dolary 50/100",
}


class ReportsCommon(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.collection_interest_rate = 0.0
        cls.env["collection.policy"]._ensure_default_policy(cls.env.company)
        for code in ("ru_RU", "pl_PL"):
            cls.env["res.lang"]._activate_lang(code)
        cls.debtors = {}
        for lang in WORDS:
            partner = cls.env["res.partner"].create(
                {"name": f"Debtor {lang}", "is_company": True, "lang": lang}
            )
            cls.make_invoice(1234.50, -40, partner=partner)
            cls.make_invoice(100.0, 20, partner=partner)
            cls.debtors[lang] = partner
        cls.env["collection.ledger"]._refresh_company(cls.env.company)

    def debtor(self, lang):
        return self.debtor_of(self.debtors[lang])

    @staticmethod
    def digits(html):
        """The page with every separator removed: 1 234,50 and 1,234.50 both match."""
        return re.sub(r"[\s\u00a0\u202f.,]", "", html)


@tagged("post_install", "-at_install")
class TestLetters(ReportsCommon):
    """Demand letter and statement, rendered for en, ru and pl debtors."""

    def render(self, report, debtor):
        html, kind = self.env["ir.actions.report"]._render_qweb_html(report, debtor.ids)
        self.assertEqual(kind, "html")
        return html.decode()

    def test_demand_letter_in_each_language(self):
        for lang, words in WORDS.items():
            with self.subTest(lang=lang):
                html = self.render(LETTER, self.debtor(lang))
                self.assertIn(words, html)
                self.assertIn("123450", self.digits(html))
                self.assertIn("o_collection_letter_lines", html)
                self.assertNotIn("100.00", html)  # not yet due: not demanded

    def test_demand_letter_has_interest_fee_deadline_and_consequences(self):
        self.env.company.collection_interest_rate = 36.5
        level = self.env["collection.level"].search(
            [("company_id", "=", self.env.company.id), ("days", "=", 45)]
        )
        level.fee_amount = 25.0
        debtor = self.debtor("en_US")
        # The run sets the debtor's level before it prints the letter.
        system_env(debtor).write({"level_id": level.id})
        data = self.letter_values(debtor)
        # 1,234.50 x 36.5% / 365 x 40 days = 49.38
        self.assertEqual(data["lines"][0]["interest"], 49.38)
        self.assertEqual(data["total"], 1234.50 + 49.38 + 25.0)
        html = self.render(LETTER, debtor)
        self.assertIn("Collection fee", html)
        self.assertIn("formally demand", html)
        self.assertIn("legal action", html)
        self.assertIn("36.5", html)

    def test_letter_is_addressed_to_the_decision_maker(self):
        boss = self.env["res.partner"].create(
            {
                "name": "Piotr Prezes",
                "parent_id": self.debtors["pl_PL"].id,
                "collection_role": "decision_maker",
                "function": "Prezes",
            }
        )
        html = self.render(LETTER, self.debtor("pl_PL"))
        self.assertIn(boss.name, html)

    def test_statement_lists_all_open_items_with_aging(self):
        for lang in WORDS:
            with self.subTest(lang=lang):
                html = self.render(STATEMENT, self.debtor(lang))
                self.assertIn("o_collection_statement_aging", html)
                self.assertIn("10000", self.digits(html))
                words = self.env["collection.document"]._amount_in_words(
                    self.env.company.currency_id, 1334.50, lang
                )
                self.assertIn(words, html)

    def test_print_buttons_return_report_actions(self):
        debtor = self.debtor("en_US").with_user(self.collector)
        self.assertEqual(
            debtor.action_print_letter()["report_name"],
            "collections_addon.report_collection_letter",
        )
        self.assertEqual(debtor.action_print_statement()["type"], "ir.actions.report")

    def test_letter_speaks_for_the_debtors_level(self):
        levels = self.env["collection.level"].search(
            [("company_id", "=", self.env.company.id), ("days", "in", (15, 45))],
            order="days",
        )
        levels[0].fee_amount, levels[1].fee_amount = 5.0, 25.0
        debtor = self.debtor("en_US")
        for level, fee in zip(levels, (5.0, 25.0), strict=True):
            with self.subTest(level=level.name):
                system_env(debtor).write({"level_id": level.id})
                data = self.letter_values(debtor)
                self.assertEqual(data["level"], level)
                self.assertEqual(data["fee"], fee)

    def test_letter_and_statement_are_refused_to_a_viewer(self):
        debtor = self.debtor("en_US").with_user(self.viewer)
        self.assertEqual(debtor.amount_overdue, 1234.50)  # a viewer sees the debtor
        Report = self.env["ir.actions.report"].with_user(self.viewer)
        for report in (LETTER, STATEMENT):
            with self.subTest(report=report):
                with self.assertRaisesRegex(AccessError, "Printing a demand letter"):
                    Report._render_qweb_html(report, debtor.ids)
        with self.assertRaises(AccessError):
            debtor.action_print_letter()
        with self.assertRaises(AccessError):
            debtor.action_print_statement()
        with self.assertRaises(AccessError):
            self.env["collection.document"].with_user(self.viewer)._letter_values(
                debtor
            )


@tagged("post_install", "-at_install")
class TestLettersPdf(HttpCase):
    """Real PDFs through wkhtmltopdf (an HttpCase serves the report assets)."""

    def test_real_pdf_of_letter_and_statement(self):
        partner = self.env["res.partner"].create(
            {"name": "PDF Debtor", "is_company": True}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2020-01-01",
                "invoice_date_due": "2020-01-31",
                "invoice_line_ids": [
                    (0, 0, {"name": "x", "quantity": 1, "price_unit": 99})
                ],
            }
        )
        invoice.action_post()
        self.env["collection.ledger"]._refresh_company(self.env.company)
        debtor = self.env["collection.debtor"].search([("partner_id", "=", partner.id)])
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report in (LETTER, STATEMENT):
            pdf, kind = Report._render_qweb_pdf(report, debtor.ids)
            self.assertEqual(kind, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestAgreement(ReportsCommon):
    """The installment agreement, rendered for en, ru and pl debtors."""

    def test_agreement_in_each_language(self):
        for lang, words in WORDS.items():
            with self.subTest(lang=lang):
                debtor = self.debtor(lang)
                invoice = self.env["account.move"].search(
                    [
                        ("partner_id", "=", self.debtors[lang].id),
                        ("invoice_date_due", "<", self.today),
                    ]
                )
                plan = self.env["collection.plan"].create(
                    {
                        "debtor_id": debtor.id,
                        "invoice_ids": [(6, 0, invoice.ids)],
                        "installment_count": 3,
                    }
                )
                plan.action_generate_lines()
                html = (
                    self.env["ir.actions.report"]
                    ._render_qweb_html(
                        "collections_addon.action_report_collection_plan", plan.ids
                    )[0]
                    .decode()
                )
                self.assertIn(words, html)
                self.assertIn("o_collection_agreement_schedule", html)
                self.assertIn("o_collection_signatures", html)
                self.assertIn(plan.name, html)
                self.assertEqual(html.count("<tr>") >= 3 + 1, True)
                self.assertIn(invoice.name, html)

    def test_agreement_is_mailed_from_the_plan(self):
        debtor = self.debtor("pl_PL")
        invoice = self.env["account.move"].search(
            [
                ("partner_id", "=", self.debtors["pl_PL"].id),
                ("invoice_date_due", "<", self.today),
            ]
        )
        plan = self.env["collection.plan"].create(
            {"debtor_id": debtor.id, "invoice_ids": [(6, 0, invoice.ids)]}
        )
        plan.action_submit()
        action = plan.action_send_agreement()
        composer = (
            self.env["mail.compose.message"].with_context(action["context"]).create({})
        )
        self.assertIn(plan.name, composer.subject)
        composer._action_send_mail()
        message = plan.message_ids[0]
        self.assertTrue(message.attachment_ids)
        self.assertIn(plan.name, message.attachment_ids[0].name)


@tagged("post_install", "-at_install")
class TestLongLetters(ReportsCommon):
    def test_a_letter_lists_the_oldest_items_and_sums_up_the_rest(self):
        debtor = self.debtor("en_US")
        partner = self.debtors["en_US"]
        for index in range(4):
            self.make_invoice(10.0 + index, -60 - index, partner=partner)
        limit = collection_document.LETTER_MAX_LINES
        collection_document.LETTER_MAX_LINES = 2
        try:
            data = self.letter_values(debtor)
            html = (
                self.env["ir.actions.report"]
                ._render_qweb_html(LETTER, debtor.ids)[0]
                .decode()
            )
        finally:
            collection_document.LETTER_MAX_LINES = limit
        self.assertEqual(len(data["lines"]), 2)
        self.assertEqual(data["more_count"], 3)
        self.assertAlmostEqual(data["residual_total"], 1234.50 + 10 + 11 + 12 + 13)
        self.assertEqual(data["lines"][0]["days"], 63)  # the oldest first
        self.assertIn("3 more overdue items", html)

    def test_the_hand_over_pack_lists_every_item(self):
        """The letter's cap never applies to the pack a lawyer works from."""
        debtor = self.debtor("en_US")
        partner = self.debtors["en_US"]
        moves = self.env["account.move"]
        for index in range(4):
            moves |= self.make_invoice(10.0 + index, -60 - index, partner=partner)
        limit = collection_document.LETTER_MAX_LINES
        collection_document.LETTER_MAX_LINES = 2
        try:
            pack = self.env["collection.document"]._handover_attachment(
                debtor, debtor.level_id, self.today
            )
        finally:
            collection_document.LETTER_MAX_LINES = limit
        with zipfile.ZipFile(io.BytesIO(pack.raw)) as archive:
            text = "".join(
                archive.read(name).decode()
                for name in archive.namelist()
                if name.endswith(".xml")
            )
        for name in moves.mapped("name"):
            self.assertIn(name, text)
