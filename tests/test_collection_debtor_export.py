# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import json

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestAgingExport(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_invoice(1000.0, -10)
        cls.make_invoice(250.0, -100)
        cls.make_invoice(70.0, 5, partner=cls.customer_b)
        cls.make_invoice(30.0, -400, partner=cls.customer_b)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtors = cls.env["collection.debtor"].search(
            [("company_id", "=", cls.env.company.id)]
        )

    def _read_back(self, content):
        self.assertEqual(content[:2], b"PK")
        return openpyxl.load_workbook(io.BytesIO(content))

    def _export(self, debtors):
        """The workbook as an RPC caller gets it: base64 in a JSON-safe dict."""
        result = debtors.export_aging_xlsx()
        self.assertEqual(json.loads(json.dumps(result)), result)
        self.assertTrue(result["name"].endswith(".xlsx"))
        self.assertEqual(result["mimetype"][:30], "application/vnd.openxmlformats")
        return self._read_back(base64.b64decode(result["datas"]))

    def test_export_totals_match_the_ledger(self):
        book = self._export(self.debtors)
        sheet = book.worksheets[0]
        header = [c.value for c in sheet[1]]
        self.assertEqual(header[0], "Debtor")
        rows = [
            [c.value for c in row]
            for row in sheet.iter_rows(min_row=2)
            if row[0].value and row[0].value != "Total"
        ]
        self.assertEqual(len(rows), len(self.debtors))
        overdue_col = header.index("Overdue")
        due_col = header.index("Total Due")
        self.assertAlmostEqual(
            sum(r[overdue_col] for r in rows),
            sum(self.debtors.mapped("amount_overdue")),
        )
        self.assertAlmostEqual(
            sum(r[due_col] for r in rows), sum(self.debtors.mapped("amount_due"))
        )
        self.assertEqual(sheet.freeze_panes, "B2")
        self.assertTrue(sheet.auto_filter.ref)
        total_row = [c.value for c in sheet[len(rows) + 2]]
        self.assertEqual(total_row[0], "Total")
        self.assertTrue(str(total_row[overdue_col]).startswith("=SUM("))

    def test_export_second_sheet_lists_open_items(self):
        book = self._read_back(
            self.env["collection.aging.export"]._workbook(self.debtors, self.today)
        )
        items = book.worksheets[1]
        header = [c.value for c in items[1]]
        residual_col = header.index("Residual")
        rows = [[c.value for c in row] for row in items.iter_rows(min_row=2)]
        self.assertEqual(len(rows), 4)
        self.assertAlmostEqual(
            sum(r[residual_col] for r in rows), sum(self.debtors.mapped("amount_due"))
        )
        buckets = {r[header.index("Bucket")] for r in rows}
        self.assertEqual(buckets, {"1-30", "91-180", "Not Due", "Over 365"})

    def test_export_action_returns_download(self):
        action = self.debtors.with_user(self.collector).action_export_aging_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self._read_back(base64.b64decode(attachment.datas))

    def test_export_is_refused_to_a_viewer(self):
        debtors = self.debtors.with_user(self.viewer)
        self.assertTrue(debtors.read(["amount_overdue"]))  # a viewer sees them
        with self.assertRaisesRegex(AccessError, "Exporting the aging"):
            debtors.export_aging_xlsx()
        with self.assertRaises(AccessError):
            debtors.action_export_aging_xlsx()

    def test_export_of_no_selection_covers_every_visible_debtor(self):
        book = self._export(self.Debtor.with_user(self.collector))
        rows = [
            row[0].value
            for row in book.worksheets[0].iter_rows(min_row=2)
            if row[0].value and row[0].value != "Total"
        ]
        visible = self.Debtor.with_user(self.collector).search([])
        self.assertEqual(len(rows), len(visible))
        self.assertLessEqual(set(self.debtors.mapped("name")), set(rows))
