# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Letters of a run rendered by one wkhtmltopdf process, then cut per debtor."""

import io
import subprocess
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import CollectionsCommon
from .test_collection_run import EscalationCommon

LETTER = "collections_addon.action_report_collection_letter"
STATEMENT = "collections_addon.action_report_collection_statement"


def pages(content):
    return len(PdfFileReader(io.BytesIO(content), strict=False).pages)


def text(content):
    """The PDF's words, whatever whitespace the extraction puts between."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@tagged("post_install", "-at_install")
class TestLetterBatch(CollectionsCommon, HttpCase):
    """Real PDFs (an HttpCase serves the report style sheets)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["collection.policy"]._ensure_default_policy(cls.env.company)
        cls.demand = cls.env["collection.level"].search(
            [("company_id", "=", cls.env.company.id), ("action", "=", "demand")],
            limit=1,
        )
        cls.partners = cls.env["res.partner"]
        # Three debtors 200 days late: first seen, each gets the demand letter.
        # The second one's letter runs over several pages.
        for index, lines in enumerate((1, 60, 2)):
            partner = cls.env["res.partner"].create(
                {
                    "name": f"Batch Debtor {index}",
                    "is_company": True,
                    "email": f"ap{index}@batch.test",
                }
            )
            for line in range(lines):
                cls.make_invoice(100.0 + line, -200 + line, partner=partner)
            cls.partners |= partner
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtors = cls.env["collection.debtor"].search(
            [("partner_id", "in", cls.partners.ids)], order="id"
        )

    def count_wkhtmltopdf(self):
        return patch.object(
            IrActionsReport,
            "_run_wkhtmltopdf",
            autospec=True,
            side_effect=IrActionsReport._run_wkhtmltopdf,
        )

    def test_run_renders_its_letters_in_one_process_cut_per_debtor(self):
        escalation = self.env["collection.escalation"].with_context(
            force_report_rendering=True
        )
        with self.count_wkhtmltopdf() as wkhtmltopdf:
            _run, stats = escalation._run_company(self.env.company)
        self.assertEqual(stats.action_count, 3)
        self.assertEqual(wkhtmltopdf.call_count, 1)
        contacts = self.env["collection.contact"].search(
            [("debtor_id", "in", self.debtors.ids), ("state", "!=", "skipped")]
        )
        self.assertEqual(contacts.debtor_id, self.debtors)
        self.assertEqual(set(contacts.level_id.mapped("action")), {"demand"})
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for contact in contacts:
            with self.subTest(debtor=contact.debtor_id.name):
                attachment = contact.attachment_ids
                self.assertEqual(len(attachment), 1)
                self.assertEqual(attachment.mimetype, "application/pdf")
                self.assertTrue(attachment.raw.startswith(b"%PDF"))
                # The debtor's own letter, printed alone now that its level is
                # written, has as many pages as its cut of the batch.
                alone, kind = Report._render_qweb_pdf(LETTER, contact.debtor_id.ids)
                self.assertEqual(kind, "pdf")
                self.assertEqual(pages(attachment.raw), pages(alone))
                self.assertEqual(contact.mail_id.attachment_ids, attachment)
        by_debtor = {c.debtor_id: pages(c.attachment_ids.raw) for c in contacts}
        self.assertGreater(by_debtor[self.debtors[1]], by_debtor[self.debtors[0]])

    def test_printing_many_gives_one_pdf_of_all_their_pages(self):
        """Debian's wkhtmltopdf prints one document per process: the addon's
        reports of several records are one body, one PDF, every page kept."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report in (LETTER, STATEMENT):
            with self.subTest(report=report):
                singles = [
                    pages(Report._render_qweb_pdf(report, debtor.ids)[0])
                    for debtor in self.debtors
                ]
                with self.count_wkhtmltopdf() as wkhtmltopdf:
                    together, kind = Report._render_qweb_pdf(report, self.debtors.ids)
                self.assertEqual(kind, "pdf")
                self.assertEqual(wkhtmltopdf.call_count, 1)
                self.assertEqual(pages(together), sum(singles))

    def test_documents_print_text_and_wait_for_no_script(self):
        """A server font: the letter's words are text in the PDF, not glyph
        outlines (searchable, small); and wkhtmltopdf does not wait the
        script delay for documents that run no script. Odoo's own reports
        keep both."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        debtor = self.debtors[0]
        module = self.env.ref("base.module_base")
        with patch.object(subprocess, "Popen", wraps=subprocess.Popen) as popen:
            letter, _kind = Report._render_qweb_pdf(LETTER, debtor.ids)
            Report._render_qweb_pdf("base.ir_module_reference_print", module.ids)
        ours, theirs = (
            call.args[0]
            for call in popen.call_args_list
            if "wkhtmltopdf" in call.args[0][0]
        )
        delay = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("report.print_delay", "1000")
        )
        self.assertEqual(ours[ours.index("--javascript-delay") + 1], "0")
        self.assertEqual(theirs[theirs.index("--javascript-delay") + 1], delay)
        words = text(letter)
        reference = self.letter_values(debtor)["reference"]
        self.assertIn(debtor.name, words)
        self.assertIn(reference, words)
        # Outlined text weighs about half a megabyte a page.
        self.assertLess(len(letter), 200_000)

    def test_batch_cut_matches_single_renders(self):
        Document = self.env["collection.document"].with_context(
            force_report_rendering=True
        )
        levels = dict.fromkeys(self.debtors.ids, self.demand.id)
        rendered = Document._letter_pdfs(self.debtors, levels, self.today)
        self.assertEqual(list(rendered), self.debtors.ids)
        for debtor in self.debtors:
            content, kind = rendered[debtor.id]
            self.assertEqual(kind, "pdf")
            self.assertGreaterEqual(pages(content), 1)
        self.assertGreater(
            pages(rendered[self.debtors[1].id][0]),
            pages(rendered[self.debtors[0].id][0]),
        )
        self.assert_own_letters(rendered)

    def test_batch_of_one_page_letters_is_cut_page_by_page(self):
        """One page per letter: Odoo's own page cut is kept as it is."""
        Document = self.env["collection.document"].with_context(
            force_report_rendering=True
        )
        short = self.debtors[0] | self.debtors[2]
        levels = dict.fromkeys(short.ids, self.demand.id)
        rendered = Document._letter_pdfs(short, levels, self.today)
        self.assertEqual(list(rendered), short.ids)
        self.assertEqual([pages(rendered[d.id][0]) for d in short], [1, 1])
        self.assert_own_letters(rendered)

    def assert_own_letters(self, rendered):
        """Each debtor's cut is its own letter, and only its own."""
        for debtor_id, (content, _kind) in rendered.items():
            words = text(content)
            for debtor in self.debtors.browse(list(rendered)):
                with self.subTest(letter=debtor_id, debtor=debtor.name):
                    if debtor.id == debtor_id:
                        self.assertIn(debtor.name, words)
                    else:
                        self.assertNotIn(debtor.name, words)

    def test_only_the_run_chooses_the_level_a_letter_speaks_for(self):
        """The run passes the levels it takes in the report's ``data``,
        honoured in the services' own environment only: a person printing
        with a forged ``data`` gets the debtor's own level."""
        Report = self.env["ir.actions.report"]
        debtor = self.debtors[0]
        data = {"levels": {debtor.id: self.demand.id}, "today": str(self.today)}
        self.assertFalse(debtor.level_id)
        forged = Report._get_rendering_context(
            Report._get_report(LETTER), debtor.ids, data
        )
        self.assertFalse(forged["letters"][debtor.id]["level"])
        service = system_env(Report)._get_rendering_context(
            Report._get_report(LETTER), debtor.ids, data
        )
        self.assertEqual(service["letters"][debtor.id]["level"], self.demand)


@tagged("post_install", "-at_install")
class TestActionBatch(EscalationCommon):
    """A slice's contacts and activities are created together; should that
    fail, the slice is rolled back and taken again debtor by debtor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.callers = cls.env["res.partner"].create(
            [
                {"name": f"Call Debtor {i}", "is_company": True, "phone": "+1 555"}
                for i in range(3)
            ]
        )
        for partner in cls.callers:
            cls.make_invoice(500.0, -25, partner=partner)

    def taken(self):
        debtors = self.env["collection.debtor"].search(
            [("partner_id", "in", self.callers.ids)]
        )
        calls = self.env["mail.activity"].search(
            [("res_model", "=", "collection.debtor"), ("res_id", "in", debtors.ids)]
        )
        contacts = self.env["collection.contact"].search(
            [("debtor_id", "in", debtors.ids), ("state", "!=", "skipped")]
        )
        return debtors, calls, contacts

    def test_one_insert_per_model_for_the_slice(self):
        _run, stats = self.run_on(0)
        debtors, calls, contacts = self.taken()
        self.assertEqual(stats.action_count, 3)
        self.assertEqual(len(calls), 3)
        self.assertEqual(set(calls.mapped("res_id")), set(debtors.ids))
        self.assertEqual(contacts.debtor_id, debtors)
        self.assertEqual(set(contacts.mapped("channel")), {"call"})
        # Created in one statement each: consecutive ids, same create date.
        self.assertEqual(len(set(calls.mapped("create_date"))), 1)

    def test_failed_batch_falls_back_debtor_by_debtor(self):
        # A real fault in the database: inserting several activities in one
        # statement fails; one at a time passes.
        self.env.cr.execute(
            """
            CREATE FUNCTION pg_temp.one_activity_at_a_time() RETURNS trigger AS $$
            BEGIN
                IF (SELECT COUNT(*) FROM inserted) > 1 THEN
                    RAISE EXCEPTION 'one activity at a time';
                END IF;
                RETURN NULL;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER one_activity_at_a_time AFTER INSERT ON mail_activity
            REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
            EXECUTE FUNCTION pg_temp.one_activity_at_a_time();
            """
        )
        with self.assertLogs(
            "odoo.addons.collections_addon.models.collection_escalation", "WARNING"
        ) as logs:
            _run, stats = self.run_on(0)
        self.assertIn("acting on them one by one", "\n".join(logs.output))
        debtors, calls, contacts = self.taken()
        self.assertEqual(stats.action_count, 3)
        self.assertEqual(stats.failure_count, 0)
        self.assertEqual(len(calls), 3)
        self.assertEqual(contacts.debtor_id, debtors)
        # Nothing twice: one skipped-levels entry and one call per debtor.
        skipped = self.env["collection.contact"].search(
            [("debtor_id", "in", debtors.ids), ("state", "=", "skipped")]
        )
        self.assertEqual(len(skipped), 3)
        self.assertEqual(len(contacts), 3)
