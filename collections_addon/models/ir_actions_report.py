# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's documents of a batch go to wkhtmltopdf as one HTML body.

Odoo prints many records as one body each, in one wkhtmltopdf call. Debian's
wkhtmltopdf (built on an unpatched Qt) prints one body per call only: several
bodies end in an empty file. And one process per document costs more than a
second (start, fonts, style sheets), most of a run that sends 20 letters.

So for the letter, the statement and the agreement, the documents of one
print are put in ONE body, a page break between them. Printed from the web
client, the user gets them as one PDF. The escalation run cuts that PDF per
record afterwards (:meth:`collection.document._render_batch`), by the mark
each document starts with (:mod:`lib.batch`).

Two more costs are the layout's and not the documents': the documents print
in a server font (``static/src/scss/collection_report.scss``: Debian's
wkhtmltopdf draws a web font's glyphs as paths, 1.2 s a print), and they run
no script, so wkhtmltopdf does not wait ``report.print_delay`` (1 s a print)
for scripts to finish.
"""

import lxml.html

from odoo import api, models

from ..lib import batch as lib_batch

BATCH_REPORTS = frozenset(
    {
        "collections_addon.report_collection_letter",
        "collections_addon.report_collection_statement",
        "collections_addon.report_collection_plan",
    }
)
# Passed from _prepare_html to _build_wkhtmltopdf_args, as Odoo passes a
# report's own wkhtmltopdf arguments, for the documents above only.
NO_SCRIPT_DELAY = "data-report-collection-no-script-delay"
_ARTICLE = "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _prepare_html(self, html, report_model=False):
        if self.report_name not in BATCH_REPORTS:
            return super()._prepare_html(html, report_model=report_model)
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        articles = root.xpath(_ARTICLE)
        if len(articles) < 2:
            bodies, ids, header, footer, paper = super()._prepare_html(
                html, report_model=report_model
            )
            return bodies, ids, header, footer, {**paper, NO_SCRIPT_DELAY: "1"}
        first = articles[0]
        batch = lxml.html.Element("div", {"class": "article o_collection_batch"})
        for key in ("data-oe-lang",):
            if first.get(key):
                batch.set(key, first.get(key))
        first.addprevious(batch)
        for index, article in enumerate(articles):
            article.getparent().remove(article)
            article.set("class", "o_collection_batch_part")
            if index:
                article.set("style", "page-break-before: always;")
            mark = lxml.html.Element(
                "div",
                {
                    "class": "o_collection_batch_mark",
                    "style": f"height: 1px; background-color: {lib_batch.MARK_CSS};",
                },
            )
            article.insert(0, mark)
            batch.append(article)
        bodies, _ids, header, footer, paper = super()._prepare_html(
            lxml.html.tostring(root, encoding="unicode"), report_model=report_model
        )
        # One body for many records: Odoo keeps the PDF whole unless it has
        # exactly one page per record (then it splits it page by page).
        return bodies, [None], header, footer, {**paper, NO_SCRIPT_DELAY: "1"}

    @api.model
    def _build_wkhtmltopdf_args(
        self,
        paperformat_id,
        landscape,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        args = super()._build_wkhtmltopdf_args(
            paperformat_id, landscape, specific_paperformat_args, set_viewport_size
        )
        no_delay = (specific_paperformat_args or {}).get(NO_SCRIPT_DELAY)
        if no_delay and "--javascript-delay" in args:
            # The documents have no script: nothing to wait for.
            args[args.index("--javascript-delay") + 1] = "0"
        return args
