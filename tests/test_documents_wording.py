# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue #15: what letters, statements, agreements and mails say to customers."""

import re

from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .common import CollectionsCommon

LETTER = "collections_addon.action_report_collection_letter"
STATEMENT = "collections_addon.action_report_collection_statement"
PLAN = "collections_addon.action_report_collection_plan"
LANGS = ("en_US", "ru_RU", "pl_PL")
NBSP = "\u00a0"


class WordingCommon(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.collection_interest_rate = 0.0
        cls.env["collection.policy"]._ensure_default_policy(cls.env.company)
        for code in ("ru_RU", "pl_PL"):
            cls.env["res.lang"]._activate_lang(code)
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.eur.id, "rate": 0.5, "name": "2000-01-01"}
        )
        cls.partners = {}
        for lang in LANGS:
            partner = cls.env["res.partner"].create(
                {"name": f"Wording {lang}", "is_company": True, "lang": lang}
            )
            cls.make_invoice(3400.0, -40, partner=partner)
            cls.make_invoice(200.0, -30, partner=partner, currency=cls.eur)
            cls.partners[lang] = partner
        cls.env["collection.ledger"]._refresh_company(cls.env.company)

    def render(self, report, records):
        html = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return html[0].decode()

    def plan(self, lang):
        debtor = self.debtor_of(self.partners[lang])
        invoices = self.env["account.move"].search(
            [
                ("partner_id", "=", self.partners[lang].id),
                ("currency_id", "!=", self.eur.id),
            ]
        )
        plan = self.env["collection.plan"].create(
            {
                "debtor_id": debtor.id,
                "invoice_ids": [(6, 0, invoices.ids)],
                "installment_count": 3,
            }
        )
        plan.action_generate_lines()
        return plan


@tagged("post_install", "-at_install")
class TestWording(WordingCommon):
    def test_amount_in_words_is_written_as_on_a_legal_document(self):
        usd = self.env.ref("base.USD")
        Document = self.env["collection.document"]
        self.assertEqual(
            Document._amount_in_words(usd, 8740, "ru_RU"),
            "Восемь тысяч семьсот сорок долларов США 00 центов",
        )
        self.assertEqual(
            Document._amount_in_words(usd, 4830, "pl_PL"),
            "Cztery tysiące osiemset trzydzieści dolarów 00/100",
        )
        self.assertEqual(
            Document._amount_in_words(usd, 8740, "en_US"),
            "Eight thousand seven hundred forty US dollars and 00 cents",
        )
        debtor = self.debtor_of(self.partners["pl_PL"])
        self.assertEqual(
            self.env["collection.document"]._amount_in_words(
                debtor.currency_id, 15, "pl_PL"
            ),
            "Piętnaście dolarów 00/100",
        )

    def test_amounts_are_grouped_as_each_language_writes_them(self):
        usd = self.env.ref("base.USD")
        fmt = self.env["collection.document"]._format_amount
        self.assertEqual(fmt(3400, usd, "en_US"), f"${NBSP}3,400.00")
        self.assertIn(f"3{NBSP}400,00", fmt(3400, usd, "pl_PL"))
        self.assertRegex(fmt(3400, usd, "ru_RU"), r"3\s400,00")
        for lang in LANGS:
            with self.subTest(lang=lang):
                html = self.render(STATEMENT, self.debtor_of(self.partners[lang]))
                self.assertIn(fmt(3400, usd, lang), html)
                self.assertNotIn("3400,00", html)

    def test_dates_are_written_as_each_language_writes_them(self):
        today = self.env.company._collection_today()
        written = {lang: format_date(self.env, today, lang_code=lang) for lang in LANGS}
        self.assertNotEqual(written["en_US"], written["ru_RU"])
        for lang in LANGS:
            debtor = self.debtor_of(self.partners[lang])
            for report in (LETTER, STATEMENT):
                with self.subTest(lang=lang, report=report):
                    html = self.render(report, debtor)
                    self.assertIn(written[lang], html)
                    others = set(written.values()) - {written[lang]}
                    self.assertFalse([other for other in others if other in html])

    def test_foreign_invoices_show_in_their_currency_with_a_total_each(self):
        for lang in LANGS:
            debtor = self.debtor_of(self.partners[lang])
            eur = self.env["collection.document"]._format_amount(200, self.eur, lang)
            with self.subTest(lang=lang):
                for report in (LETTER, STATEMENT):
                    html = self.render(report, debtor)
                    self.assertIn(eur, html)
                    self.assertIn("o_collection_currency_total", html)
                    self.assertNotIn(
                        self.env["collection.document"]._format_amount(
                            200, self.env.company.currency_id, lang
                        ),
                        html,
                    )
                data = self.letter_values(debtor)
                totals = {cur.name: amount for cur, amount in data["currency_totals"]}
                self.assertEqual(totals, {"USD": 3400.0, "EUR": 200.0})
                # the demand stays in company currency: 3,400 + 200 EUR at 0.5
                self.assertAlmostEqual(data["total"], 3800.0)

    def test_letters_are_signed_once_and_print_the_bank(self):
        company = self.env.company
        bank = self.env["res.bank"].create({"name": "Bank Pekao", "bic": "PKOPPLPW"})
        self.env["res.partner.bank"].create(
            {
                "partner_id": company.partner_id.id,
                "acc_number": "PL61109010140000071219812874",
                "bank_id": bank.id,
            }
        )
        debtor = self.debtor_of(self.partners["en_US"])
        html = self.render(LETTER, debtor)
        self.assertIn("Bank Pekao", html)
        self.assertIn("BIC/SWIFT", html)
        self.assertIn("IBAN", html)
        signature = html[html.index("Yours faithfully") :]
        self.assertEqual(signature.count(company.name), 1)
        debtor.user_id = self.collector
        signature = self.render(LETTER, debtor)
        signature = signature[signature.index("Yours faithfully") :]
        self.assertIn(self.collector.name, signature)
        self.assertEqual(signature.count(company.name), 1)

    def test_reminder_mail_is_signed_once_and_formats_amounts(self):
        template = self.env.ref("collections_addon.mail_template_collection_reminder")
        for lang in LANGS:
            debtor = self.debtor_of(self.partners[lang])
            with self.subTest(lang=lang):
                body = template._render_field("body_html", debtor.ids)[debtor.id]
                fmt = self.env["collection.document"]._format_amount
                self.assertIn(fmt(200, self.eur, lang), body)
                kind = body[body.index("Kind regards") :]
                self.assertEqual(kind.count(self.env.company.name), 1)

    def test_agreement_terms_are_in_the_partner_language(self):
        english = "The debtor acknowledges"
        for lang in LANGS:
            with self.subTest(lang=lang):
                plan = self.plan(lang)
                html = self.render(PLAN, plan)
                self.assertIn("o_collection_terms", html)
                if lang == "en_US":
                    self.assertIn(english, html)
                else:
                    self.assertNotIn(english, html)
                    expected = plan.with_context(lang=lang)._default_terms()
                    first = re.sub(r"<[^>]+>", "", str(expected))[:30]
                    self.assertIn(first, html)

    def test_customised_terms_are_kept(self):
        plan = self.plan("ru_RU")
        plan.terms = "<p>Особые условия</p>"
        html = self.render(PLAN, plan)
        self.assertIn("Особые условия", html)
        self.assertNotIn("The debtor acknowledges", html)

    def test_every_report_renders_in_each_language(self):
        for lang in LANGS:
            debtor = self.debtor_of(self.partners[lang])
            with self.subTest(lang=lang):
                for report in (LETTER, STATEMENT):
                    self.assertIn(
                        "o_collection_total_words", self.render(report, debtor)
                    )
                self.assertIn(
                    "o_collection_signatures", self.render(PLAN, self.plan(lang))
                )


@tagged("post_install", "-at_install")
class TestAgreementPdf(HttpCase, WordingCommon):
    def test_english_agreement_is_one_page(self):
        plan = self.plan("en_US")
        self.assertEqual(len(plan.line_ids), 3)
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf(PLAN, plan.ids)
        self.assertEqual(kind, "pdf")
        pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
        self.assertEqual(len(pages), 1)
