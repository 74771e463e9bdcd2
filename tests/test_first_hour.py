# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The first hour: every document shows the same figures for the same day."""

import base64
import io
import re
import zipfile

from odoo.tests import tagged

from .common import CollectionsCommon

STATEMENT = "collections_addon.report_collection_statement"
LETTER = "collections_addon.report_collection_letter"


@tagged("post_install", "-at_install")
class TestDocumentsAgree(CollectionsCommon):
    """A debtor with a credit note, a partial payment and a EUR invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        old = cls.make_invoice(1000.0, -40)
        cls.pay(old, 250.0)  # partial payment: 750 left
        cls.make_invoice(400.0, -20, currency=cls.eur)  # 200 in company currency
        cls.make_invoice(300.0, 10)  # not due yet
        cls.make_invoice(120.0, -5, move_type="out_refund")  # unapplied credit
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.Debtor.search(
            [
                ("partner_id", "=", cls.customer.id),
                ("company_id", "=", cls.env.company.id),
            ]
        )

    def fmt(self, amount):
        return self.env.company.currency_id.format(amount)

    def test_form_figures_are_the_accounting_s(self):
        """Overdue 950, credits -120, collectible 830, due 1,130."""
        debtor = self.debtor
        self.assertEqual(
            (
                debtor.amount_overdue,
                debtor.amount_credit,
                debtor.amount_collectible,
                debtor.amount_due,
            ),
            (950.0, -120.0, 830.0, 1130.0),
        )
        self.assertIn(self.fmt(830.0), debtor.collectible_explanation)

    def test_pivot_sums_the_same_collectible(self):
        """The pivot's measure (a read_group) gives the form's figure."""
        groups = self.Debtor._read_group(
            [("id", "=", self.debtor.id)], [], ["amount_collectible:sum"]
        )
        self.assertEqual(groups[0][0], self.debtor.amount_collectible)

    def test_letter_and_statement_data_agree_with_the_form(self):
        """Both documents name the same overdue, credits and collectible."""
        level = self.env["collection.level"].search(
            [("company_id", "=", self.env.company.id), ("action", "=", "demand")],
            limit=1,
        )
        letter = self.letter_values(self.debtor, level)
        statement = self.letter_values(self.debtor, level, overdue_only=False)
        for data in (letter, statement):
            self.assertAlmostEqual(data["collectible"], self.debtor.amount_collectible)
            self.assertAlmostEqual(data["credit_total"], self.debtor.amount_credit)
        self.assertAlmostEqual(statement["residual_total"], self.debtor.amount_due)
        self.assertEqual([c["residual"] for c in letter["credits"]], [-120.0])
        self.assertAlmostEqual(
            letter["total"],
            self.debtor.amount_collectible + letter["interest_total"] + letter["fee"],
        )

    def test_rendered_statement_and_letter_print_the_collectible(self):
        """The rendered documents print the collectible amount and the credit."""
        Report = self.env["ir.actions.report"]
        for report in (STATEMENT, LETTER):
            html = Report._render_qweb_html(report, self.debtor.ids)[0].decode()
            text = re.sub(r"<[^>]+>", "", html).replace("\xa0", " ")
            text = re.sub(r"\s+", " ", text)
            with self.subTest(report=report):
                self.assertIn(self.fmt(830.0).replace("\xa0", " "), text)
                self.assertIn(self.fmt(120.0).replace("\xa0", " "), text)

    def test_xlsx_sheets_agree_with_the_form(self):
        """Debtor sheet: the form's collectible; items sheet: the total due."""
        export = self.debtor.export_aging_xlsx()
        content = base64.b64decode(export["datas"])
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            debtors = book.read("xl/worksheets/sheet1.xml").decode()
            items = book.read("xl/worksheets/sheet2.xml").decode()
        numbers = [float(v) for v in re.findall(r"<v>(-?[0-9.]+)</v>", debtors)]
        self.assertIn(830.0, numbers)
        # Residual column J of the items sheet adds up to the total due.
        residuals = re.findall(r'<c r="J\d+"[^>]*><v>(-?[0-9.]+)</v>', items)
        self.assertAlmostEqual(sum(float(v) for v in residuals), 1130.0)

    def test_partner_banner_shows_the_collectible(self):
        """The sales rep's banner and panel show what is to collect."""
        partner = self.customer.with_user(self.viewer)
        self.assertEqual(partner.collection_amount_collectible, 830.0)
        self.assertEqual(partner.collection_amount_overdue, 950.0)

    def test_open_invoices_button_lists_the_documents_of_the_open_lines(self):
        """The smart button uses the one open-line definition: the four documents."""
        action = self.debtor.action_view_open_invoices()
        lines = self.env[action["res_model"]].search(action["domain"])
        items = self.env["collection.receivable"]._open_items(self.debtor)[
            self.debtor.id
        ]
        self.assertEqual(set(lines.ids), {item["id"] for item in items})
        self.assertEqual(set(lines.move_id.ids), {item["move_id"] for item in items})
        self.assertEqual(len(lines.move_id), 4)
