# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A collector without any accounting group: the whole job on customer
documents, read only; no invoice or payment written, no vendor bill read."""

import base64
import json

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import USER, CollectionsCommon

LETTER = "collections_addon.action_report_collection_letter"
STATEMENT = "collections_addon.action_report_collection_statement"
ACCOUNTING_GROUPS = (
    "account.group_account_invoice",
    "account.group_account_readonly",
    "account.group_account_basic",
    "account.group_account_user",
    "account.group_account_manager",
)


class CustomerDocumentsCommon(CollectionsCommon):
    """One debtor with invoices, a credit note and a payment; a vendor's bill
    and payment beside them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(1000.0, -20)
        cls.paid_in_part = cls.make_invoice(500.0, -30)
        cls.pay(cls.paid_in_part, 200.0)
        cls.refund = cls.make_invoice(50.0, -3, move_type="out_refund")
        cls.payment = cls.unapplied_payment(cls.customer, 70.0)
        cls.vendor = cls.env["res.partner"].create({"name": "Supplier Ltd"})
        cls.bill = cls.make_invoice(
            300.0, -10, partner=cls.vendor, move_type="in_invoice"
        )
        cls.vendor_payment = cls.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": cls.vendor.id,
                "amount": 40.0,
                "date": cls.today,
            }
        )
        cls.vendor_payment.action_post()
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.Debtor.search([("partner_id", "=", cls.customer.id)])
        cls.customer_moves = (
            cls.invoice | cls.paid_in_part | cls.refund | cls.payment.move_id
        )

    def as_collector(self, records):
        return records.with_user(self.collector)


@tagged("post_install", "-at_install")
class TestCollectorWithoutAccounting(CustomerDocumentsCommon):
    """Collections / User implies no accounting group and still does the job."""

    def test_collector_holds_no_accounting_group(self):
        """Neither the group nor the user carries an accounting group."""
        implied = self.env.ref(USER).trans_implied_ids
        for xmlid in ACCOUNTING_GROUPS:
            with self.subTest(group=xmlid):
                self.assertNotIn(self.env.ref(xmlid), implied)
                self.assertFalse(self.collector.has_group(xmlid))

    def test_open_invoices_button_lists_the_debtors_documents(self):
        """The smart button's list: the open items of the invoices, credit note
        and payment, what is still open on each adding up to the Total Due."""
        action = self.as_collector(self.debtor).action_view_open_invoices()
        self.assertEqual(action["res_model"], "account.move.line")
        Line = self.as_collector(self.env["account.move.line"])
        Line.get_views(action["views"])
        lines = Line.search(action["domain"])
        self.assertEqual(lines.move_id, self.customer_moves)
        rows = lines.read(["move_name", "amount_residual", "amount_residual_currency"])
        self.assertEqual(len(rows), 4)
        self.assertAlmostEqual(
            sum(row["amount_residual"] for row in rows), self.debtor.amount_due
        )
        Move = self.as_collector(self.env["account.move"])
        Move.get_views([(False, "list"), (False, "kanban"), (False, "form")])
        moves = Move.search([("id", "in", lines.move_id.ids)])
        # The invoice form, as the web client reads it.
        for move in moves:
            with self.subTest(move=move.name):
                self.assertEqual(Form(move).partner_id, self.customer)

    def test_debtor_form_lists_open_items(self):
        """The Open Items tab reads the receivable lines as the collector."""
        debtor = self.as_collector(self.debtor)
        form = Form(debtor)
        self.assertEqual(form.partner_id, self.customer)
        expected = self.env["collection.receivable"].sudo()._open_lines(self.debtor)
        self.assertEqual(debtor.open_line_ids.ids, expected.ids)
        self.assertEqual(len(expected), 4)

    def test_letter_and_statement_render_for_the_collector(self):
        """Both reports read the invoices as the collector."""
        Report = self.as_collector(self.env["ir.actions.report"])
        for report in (LETTER, STATEMENT):
            with self.subTest(report=report):
                content, _kind = Report._render_qweb_pdf(report, self.debtor.ids)
                self.assertIn(self.invoice.name, content.decode())
        self.assertEqual(
            self.as_collector(self.debtor).action_print_statement()["type"],
            "ir.actions.report",
        )

    def test_aging_export_for_the_collector(self):
        result = self.as_collector(self.debtor).export_aging_xlsx()
        self.assertEqual(base64.b64decode(result["datas"])[:2], b"PK")

    def test_promise_and_draft_plan_with_invoices(self):
        """A promise from the invoice, a plan from the debtor's overdue invoices."""
        action = self.as_collector(self.invoice).action_collection_promise()
        form = Form(
            self.as_collector(self.env["collection.promise"]).with_context(
                action["context"]
            )
        )
        form.date = self.days(3)
        promise = form.save()
        self.assertEqual((promise.amount, promise.invoice_ids), (1000.0, self.invoice))
        action = self.as_collector(self.debtor).action_new_plan()
        plan = Form(
            self.as_collector(self.env["collection.plan"]).with_context(
                action["context"]
            )
        ).save()
        plan.action_generate_lines()
        self.assertEqual(plan.invoice_ids, self.invoice | self.paid_in_part)
        self.assertEqual(plan.state, "draft")
        self.assertEqual(sum(plan.line_ids.mapped("amount")), plan.amount_total)

    def test_collector_excludes_an_invoice_and_nothing_else(self):
        """The dispute form saves; any other field of the invoice is refused."""
        invoice = self.as_collector(self.invoice)
        action = invoice.action_collection_dispute()
        Dispute = self.as_collector(self.env["collection.dispute"])
        form = Form(Dispute.with_context(action["context"]))
        form.reason = "Disputed quantity"
        form.save().action_confirm()
        self.assertTrue(self.invoice.collection_excluded)
        self.assertEqual(self.invoice.collection_exclusion_reason, "Disputed quantity")
        self.assertEqual(self.invoice.collection_excluded_by_id, self.collector)
        for vals in (
            {"ref": "changed"},
            {"collection_excluded": False, "narration": "changed"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                invoice.write(vals)
        with self.assertRaises(AccessError):
            self.as_collector(self.bill).write(
                {"collection_excluded": True, "collection_exclusion_reason": "x"}
            )
        self.assertFalse(self.bill.collection_excluded)

    def test_collector_cannot_create_edit_or_post_invoices(self):
        Move = self.as_collector(self.env["account.move"])
        with self.assertRaises(AccessError):
            Move.create({"move_type": "out_invoice", "partner_id": self.customer.id})
        draft = self.make_invoice(10.0, 5, post=False)
        for name, call in (
            ("write", lambda m: m.write({"ref": "changed"})),
            ("post", lambda m: m.action_post()),
            ("unlink", lambda m: m.unlink()),
        ):
            with self.subTest(operation=name), self.assertRaises(AccessError):
                call(self.as_collector(draft))
        self.assertEqual(draft.state, "draft")
        with self.assertRaises(AccessError):
            self.as_collector(self.invoice.line_ids[:1]).write({"name": "changed"})

    def test_collector_cannot_register_or_create_payments(self):
        with self.assertRaises(AccessError):
            self.as_collector(self.env["account.payment"]).create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.customer.id,
                    "amount": 10.0,
                }
            )
        with self.assertRaises(AccessError):
            self.as_collector(self.env["account.payment.register"]).with_context(
                active_model="account.move", active_ids=self.invoice.ids
            ).create({})
        with self.assertRaises(AccessError):
            self.as_collector(self.payment).read(["amount"])

    def test_collector_cannot_read_vendor_documents(self):
        """A vendor bill, its lines and a vendor payment stay out of sight."""
        Move = self.as_collector(self.env["account.move"])
        self.assertFalse(
            Move.search([("move_type", "in", ("in_invoice", "in_refund"))])
        )
        # The only entries in sight are the customers' payments.
        entries = Move.search([("move_type", "=", "entry")]).sudo()
        self.assertIn(self.payment.move_id, entries)
        self.assertEqual(
            set(entries.mapped("origin_payment_id.partner_type")), {"customer"}
        )
        for record in (self.bill, self.bill.line_ids, self.vendor_payment.move_id):
            with self.subTest(record=record), self.assertRaises(AccessError):
                self.as_collector(record).read(["id", "name"])
        self.assertFalse(
            self.as_collector(self.env["account.move.line"]).search(
                [("partner_id", "=", self.vendor.id)]
            )
        )

    def test_collector_with_invoicing_still_reads_everything(self):
        """The rules add to an accounting group's, they never narrow them."""
        accountant = new_test_user(
            self.env,
            login="coll_accountant",
            groups=f"base.group_user,account.group_account_invoice,{USER}",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        self.assertEqual(
            self.bill.with_user(accountant).read(["name"])[0]["id"], self.bill.id
        )
        self.bill.with_user(accountant).write({"ref": "VB-1"})

    def test_other_company_invoices_stay_hidden(self):
        company_2 = self.setup_other_company()["company"]
        invoice_2 = self.make_invoice(100.0, -10, company=company_2)
        with self.assertRaises(AccessError):
            self.as_collector(invoice_2).read(["name"])

    def test_viewer_keeps_the_debt_panel_without_invoices(self):
        """A Viewer reads the debtor and the customer's banner, not the ledger."""
        debtor = self.debtor.with_user(self.viewer)
        self.assertEqual(debtor.amount_overdue, self.debtor.amount_overdue)
        self.assertTrue(self.customer.with_user(self.viewer).collection_banner_html)
        for model in ("account.move", "account.move.line", "account.journal"):
            with self.subTest(model=model):
                self.assertFalse(
                    self.env[model].with_user(self.viewer).has_access("read")
                )
        with self.assertRaises(AccessError):
            self.invoice.with_user(self.viewer).write(
                {"collection_excluded": True, "collection_exclusion_reason": "x"}
            )


@tagged("post_install", "-at_install")
class TestCollectorOverHttp(CustomerDocumentsCommon, HttpCase):
    """Real PDFs for the collector, and accounting writes refused over JSON-RPC."""

    def rpc(self, user, model, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login + "x" * (8 - len(user.login)),
                    model,
                    method,
                    list(args),
                ],
            },
        }
        self.env.flush_all()
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        return response.json()

    def test_letter_and_statement_pdf_as_the_collector(self):
        Report = self.as_collector(self.env["ir.actions.report"]).with_context(
            force_report_rendering=True
        )
        for report in (LETTER, STATEMENT):
            with self.subTest(report=report):
                pdf, kind = Report._render_qweb_pdf(report, self.debtor.ids)
                self.assertEqual(kind, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))

    def test_invoice_create_and_write_refused_over_rpc(self):
        count = self.env["account.move"].search_count([])
        vals = {"move_type": "out_invoice", "partner_id": self.customer.id}
        answer = self.rpc(self.collector, "account.move", "create", vals)
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessError", answer
        )
        self.assertEqual(self.env["account.move"].search_count([]), count)
        answer = self.rpc(
            self.collector, "account.move", "write", self.invoice.ids, {"ref": "x"}
        )
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessError", answer
        )
        answer = self.rpc(
            self.collector, "account.move", "read", self.invoice.ids, ["name"]
        )
        self.assertEqual(answer["result"][0]["name"], self.invoice.name)
        answer = self.rpc(
            self.collector, "account.move", "read", self.bill.ids, ["name"]
        )
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessError", answer
        )
