# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import base64
import io
import logging
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

import babel.dates
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import babel_locale_parse, get_lang, html2plaintext, posix_to_ldml
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from ..lib import batch, letter, words, xlsx_handover
from .collection_guard import USER, check_group, is_system, system_env

_logger = logging.getLogger(__name__)

REPORT_LETTER = "collections_addon.action_report_collection_letter"
REPORT_STATEMENT = "collections_addon.action_report_collection_statement"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A letter lists this many items at most, the oldest first; the rest is one row.
LETTER_MAX_LINES = 200
# The run's levels of a letter batch, by debtor id (honoured in a service
# environment only: a caller's context cannot choose what a letter says).
_BATCH_LEVELS = "collection_batch_levels"


class CollectionDocument(models.AbstractModel):
    """What letters, statements and hand-over packs print, and their files.

    Figures come from the open receivable items of the debtor; the lib makes
    the totals (interest, fee, what is summed up). Called by the report
    templates, the mail templates and the escalation handlers.
    """

    _name = "collection.document"
    _description = "Collections: Letters and Documents"

    @api.model
    def _letter_data(self, debtor, level, overdue_only=True, all_lines=False):
        """Everything a letter or statement prints, in company currency.

        :param level: the level the letter speaks for (its fee and policy)
        :param overdue_only: a letter (overdue items, fee) rather than a
            statement (every open item, no fee)
        :param all_lines: list every item (the hand-over pack), none summed up
        :return: dict with ``lines`` (dicts: name, date, date_due, days,
            residual, interest in company currency; ``amount`` and
            ``line_currency``: the residual in the invoice's own currency),
            ``currency_totals`` (``(currency, amount)`` per invoice currency,
            only when one differs from the company's), ``more_count``,
            ``more_amount``, ``fee``, ``total``, ``total_words``, ``deadline``,
            ``level``, ``currency``, ``lang``, ``fmt`` (``fmt(amount,
            currency)``: the amount as the partner's language writes it) and
            ``fmt_date`` (``fmt_date(date)``, the same for a date)
        """
        check_group(self.env, USER, self.env._("Letters and statements"))
        today = debtor.company_id._collection_today()
        company = debtor.company_id
        currency = company.currency_id
        items = {
            row["id"]: row
            for row in self.env["collection.receivable"]._open_items(debtor)
        }
        letter_items = [
            letter.LetterItem(
                key, row["date_maturity"], Decimal(str(row["amount_residual"]))
            )
            for key, row in items.items()
        ]
        totals = letter.letter_totals(
            letter_items,
            today,
            Decimal(str(company.collection_interest_rate or 0)),
            Decimal(str(level.fee_amount or 0)) if overdue_only else Decimal(0),
            Decimal(str(currency.rounding)),
            overdue_only,
            None if all_lines else LETTER_MAX_LINES,
        )
        currencies = self._currencies(items.values())
        lines = [
            {
                "name": items[line.key]["name"],
                "date": items[line.key]["date"],
                "date_due": items[line.key]["date_maturity"],
                "days": line.days,
                "residual": float(line.residual),
                "interest": float(line.interest),
                "amount": self._own_amount(items[line.key], currency),
                "line_currency": currencies[items[line.key]["currency"]],
            }
            for line in totals.lines
        ]
        policy = level.policy_id
        waiver = False
        if policy.waive_interest_early and company.collection_interest_rate:
            waiver = fields.Date.add(today, days=policy.waiver_days)
        lang = debtor.partner_id.lang or self.env.lang or "en_US"
        credits = [
            {
                "name": items[line.key]["name"],
                "date": items[line.key]["date"],
                "residual": float(line.residual),
                "amount": self._own_amount(items[line.key], currency),
                "line_currency": currencies[items[line.key]["currency"]],
            }
            for line in totals.credits
        ]
        kept = totals.lines
        if totals.more_count:  # the summed-up rest counts in its currency too
            kept = letter.letter_totals(
                letter_items,
                today,
                Decimal(0),
                Decimal(0),
                Decimal(str(currency.rounding)),
                overdue_only,
                None,
            ).lines
        kept = [items[line.key] for line in kept]
        by_currency = defaultdict(float)
        for row in kept:
            by_currency[row["currency"]] += self._own_amount(row, currency)
        currency_totals = [
            (currencies[name], amount) for name, amount in sorted(by_currency.items())
        ]
        if {cur for cur, _amount in currency_totals} <= {currency}:
            currency_totals = []
        return {
            "waiver_deadline": waiver,
            "lines": lines,
            "credits": credits,
            "overdue_total": float(totals.overdue_total),
            "credit_total": float(totals.credit_total),
            "collectible": float(totals.collectible),
            "reminded_on": self._reminder_dates(debtor),
            "more_count": totals.more_count,
            "more_amount": float(totals.more_amount),
            "residual_total": float(totals.residual_total),
            "interest_total": float(totals.interest_total),
            "fee": float(totals.fee),
            "total": float(totals.total),
            "total_words": self._amount_in_words(currency, float(totals.total), lang),
            "deadline": fields.Date.add(
                today, days=company.collection_payment_deadline_days
            ),
            "level": level,
            "currency": currency,
            "currency_totals": currency_totals,
            "lang": lang,
            "fmt": partial(
                self._format_amount,
                lang=lang,
                number_format=self._number_format(lang),
            ),
            "fmt_date": self._date_formatter(lang),
            "today": today,
        }

    @api.model
    def _currencies(self, rows):
        """The currencies of open item rows, by name (read from the cache)."""
        return {
            row["currency"]: self.env["res.currency"].browse(row["currency_id"])
            for row in rows
        }

    @staticmethod
    def _own_amount(row, company_currency):
        """The residual of an item row in the invoice's own currency."""
        if row["currency"] == company_currency.name:
            return float(row["amount_residual"])
        return float(row["amount_residual_currency"] or 0.0)

    @api.model
    def _reminder_dates(self, debtor):
        """Days a reminder (e-mail, call, letter) went out in the current
        episode: a letter says "despite our reminders" only when there were.

        A run slice reads them for all its debtors at once.
        """
        batch = self.env["collection.handler"]._batch()
        debtors = debtor
        if batch is not None and debtor.id in batch.debtor_ids:
            if "reminded" in batch.memo:
                return batch.memo["reminded"].get(debtor.id, [])
            debtors = debtor.browse(batch.debtor_ids)
        episode = [("episode", "=", debtor.episode)] if debtors == debtor else []
        contacts = self.env["collection.contact"].search(
            [
                *episode,
                ("debtor_id", "in", debtors.ids),
                ("is_automatic", "=", True),
                ("state", "in", ("sent", "done", "pending")),
                ("level_id.action", "in", ("email", "call", "letter")),
            ],
            order="date",
        )
        dates = defaultdict(set)
        for contact in contacts:
            if contact.episode == contact.debtor_id.episode:
                dates[contact.debtor_id.id].add(contact.date.date())
        reminded = {key: sorted(days) for key, days in dates.items()}
        if debtors != debtor:
            batch.memo["reminded"] = reminded
        return reminded.get(debtor.id, [])

    @api.model
    def _amount_in_words(self, currency, amount, lang):
        """The amount in words as written on a legal document in ``lang``:
        "Восемь тысяч семьсот сорок долларов США 00 центов"."""
        return words.amount_in_words(Decimal(str(amount or 0)), currency.name, lang)

    @api.model
    def _number_format(self, lang=None):
        """The decimal point, thousands separator and grouping of ``lang``'s
        language record; a language installed without a thousands separator
        (pl_PL from a system without its locale) gets the one its language
        writes (a no-break space).

        :return: ``(decimal_point, sep, grouping)``
        """
        code = lang or self.env.lang or "en_US"
        record = self.env["res.lang"].sudo()._lang_get(code)
        sep = record.thousands_sep
        try:
            grouping = ast.literal_eval(record.grouping or "[]")
        except (ValueError, SyntaxError):
            grouping = []
        if not sep or not grouping:
            sep = words.THOUSANDS_SEP.get(code.split("_")[0], "\u00a0")
            grouping = [3, 0]
        return record.decimal_point or ".", sep, grouping

    @api.model
    def _date_formatter(self, lang=None):
        """``format_date`` of ``lang``, its language and pattern read once: a
        letter prints a date or two per open item.

        :return: ``fmt_date(value)``, the date as ``lang`` writes it
        """
        record = get_lang(self.env, lang)
        locale = babel_locale_parse(record.code)
        pattern = posix_to_ldml(record.date_format, locale=locale)

        def fmt_date(value):
            if not value:
                return ""
            return babel.dates.format_date(value, format=pattern, locale=locale)

        return fmt_date

    @api.model
    def _format_amount(self, amount, currency, lang=None, number_format=None):
        """``amount`` with ``currency``'s symbol, as ``lang`` writes numbers.

        :param number_format: :meth:`_number_format` of ``lang``, when the
            caller formats many amounts (a letter lists hundreds)
        """
        decimal_point, sep, grouping = number_format or self._number_format(lang)
        digits = currency.decimal_places
        value = Decimal(str(amount or 0)).quantize(
            Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
        )
        whole, _dot, frac = f"{abs(value):.{digits}f}".partition(".")
        text = words.group_digits(whole, sep, grouping)
        if frac:
            text = f"{text}{decimal_point}{frac}"
        if value < 0:
            text = f"-{text}"
        symbol = currency.symbol or currency.name
        if currency.position == "after":
            return f"{text}\u00a0{symbol}"
        return f"{symbol}\u00a0{text}"

    @api.model
    def _plan_terms(self, plan, lang):
        """The terms the agreement prints, in ``lang``: the default terms are
        written in the language of whoever created the plan, so while the
        plan keeps them they are rendered again in the partner's language."""
        terms = plan.with_context(lang=lang).terms
        text = html2plaintext(terms or "").strip()
        codes = {code for code, _name in self.env["res.lang"].get_installed()}
        for code in codes | {plan.create_uid.lang or "en_US"}:
            default = plan.with_context(lang=code)._default_terms()
            if not terms or text == html2plaintext(default).strip():
                return Markup(plan.with_context(lang=lang)._default_terms())
        return terms

    @api.model
    def _reference(self, kind, record, day):
        """The reference a document prints on its first page (see lib.batch)."""
        return batch.reference(kind, record.id, day)

    @api.model
    def _printed_level(self, debtor):
        """The level a letter speaks for: the debtor's, or, in a run's batch
        rendered before the levels are written, the level being taken."""
        levels = self.env.context.get(_BATCH_LEVELS) if is_system(self.env) else None
        level_id = (levels or {}).get(debtor.id)
        if level_id:
            return self.env["collection.level"].browse(level_id)
        return debtor.level_id

    @api.model
    def _letter_pdfs(self, debtors, levels):
        """The letters of many debtors, rendered in one wkhtmltopdf process.

        :param levels: ``{debtor_id: level_id}``, the levels the run is about
            to take (the debtors' own level is written when they are taken)
        :return: ``{debtor_id: (content, "pdf" or "html")}``
        """
        report = system_env(self.env["ir.actions.report"].sudo()).with_context(
            **{_BATCH_LEVELS: levels}
        )
        self.env["collection.receivable"]._prefetch_open_items(debtors)
        return self._render_batch(report, REPORT_LETTER, "letter", debtors)

    @api.model
    def _render_batch(self, report, report_ref, kind, records):
        """Render ``records`` in one process and cut the PDF per record.

        Each document starts on a new page with a mark; the pages are told
        apart by it (:func:`lib.batch.split_pages`). Should that fail, the
        records are rendered one by one: slower, never wrong. Where Odoo
        renders HTML instead of PDF (tests without ``force_report_rendering``),
        one by one as well.

        :return: ``{record_id: (content, "pdf" or "html")}``
        """
        if len(records) == 1:
            return {records.id: report._render_qweb_pdf(report_ref, records.ids)}
        # Odoo's streams, before it merges them into the one PDF it returns:
        # a batch of one page per record is already cut (page by page), and
        # the merge and a second cut are spared.
        streams, content_type = report._pre_render_qweb_pdf(report_ref, records.ids)
        ranges = None
        if content_type == "pdf":
            if all((streams.get(rid) or {}).get("stream") for rid in records.ids):
                return {
                    record_id: (streams[record_id]["stream"].getvalue(), "pdf")
                    for record_id in records.ids
                }
            content = streams[False]["stream"].getvalue()
            reader = PdfFileReader(io.BytesIO(content), strict=False)
            pages = list(reader.pages)
            ranges = batch.split_pages(
                [batch.count_marks(self._page_content(page)) for page in pages],
                records.ids,
            )
            if ranges is None:
                _logger.warning(
                    "Collections: a batch of %s %s documents could not be split;"
                    " rendering them one by one",
                    len(records),
                    kind,
                )
        if ranges is None:
            return {
                record.id: report._render_qweb_pdf(report_ref, record.ids)
                for record in records
            }
        result = {}
        for record_id, (first, end) in ranges.items():
            writer = PdfFileWriter()
            for page in pages[first:end]:
                writer.add_page(page)
            stream = io.BytesIO()
            writer.write(stream)
            result[record_id] = (stream.getvalue(), "pdf")
        return result

    @staticmethod
    def _page_content(page):
        """The drawing commands of a PDF page, decoded but not parsed
        (parsing them costs more than the search for the mark)."""
        contents = page.get("/Contents")
        if contents is None:
            return b""
        contents = contents.get_object()
        streams = contents if isinstance(contents, list) else [contents]
        return b"\n".join(stream.get_object().get_data() for stream in streams)

    @api.model
    def _letter_attachment(self, debtor, level, rendered=None):
        """Attach the letter of ``level`` to the debtor.

        :param rendered: ``(content, type)`` already rendered in the run's
            batch; else it is rendered now. The debtor's level is already
            ``level`` (the engine sets it before acting), so the report reads
            it from the record.
        """
        content, kind = rendered or self._letter_pdfs(debtor, {})[debtor.id]
        name = self.env._(
            "%(level)s - %(debtor)s - %(date)s.%(ext)s",
            level=level.name,
            debtor=debtor.name,
            date=debtor.company_id._collection_today(),
            ext=kind,
        )
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "res_model": debtor._name,
                "res_id": debtor.id,
                "mimetype": "application/pdf" if kind == "pdf" else "text/html",
            }
        )

    @api.model
    def _handover_attachment(self, debtor):
        """The hand-over pack: open invoices and the whole contact history (XLSX)."""
        _ = self.env._
        data = self._letter_data(
            debtor, debtor.level_id, overdue_only=False, all_lines=True
        )
        items = [
            (
                line["name"],
                line["date"],
                line["date_due"],
                line["days"],
                line["residual"],
                line["interest"],
            )
            for line in data["lines"]
        ]
        Contact = self.env["collection.contact"]
        channels = dict(Contact._fields["channel"]._description_selection(self.env))
        outcomes = dict(Contact._fields["outcome"]._description_selection(self.env))
        states = dict(Contact._fields["state"]._description_selection(self.env))
        contacts = [
            (
                fields.Datetime.to_string(c.date),
                channels.get(c.channel, ""),
                c.level_id.name or "",
                outcomes.get(c.outcome, ""),
                states.get(c.state, ""),
                c.user_id.name or "",
                c.note or "",
            )
            for c in debtor.contact_ids.sorted("date")
        ]
        content = xlsx_handover.write_handover(
            title=_("Hand-over pack: %(debtor)s", debtor=debtor.name),
            items=items,
            item_headers=(
                _("Document"),
                _("Date"),
                _("Due Date"),
                _("Days Overdue"),
                _("Residual"),
                _("Late Interest"),
            ),
            contacts=contacts,
            contact_headers=(
                _("Date"),
                _("Channel"),
                _("Level"),
                _("Outcome"),
                _("State"),
                _("Collector"),
                _("Note"),
            ),
            sheet_items=_("Invoices"),
            sheet_contacts=_("Contacts"),
        )
        return self.env["ir.attachment"].create(
            {
                "name": _("Hand-over %(debtor)s.xlsx", debtor=debtor.name),
                "datas": base64.b64encode(content),
                "res_model": debtor._name,
                "res_id": debtor.id,
                "mimetype": XLSX,
            }
        )


class ReportCollectionLetter(models.AbstractModel):
    """The demand letter: refused to Viewers (it lists the open items)."""

    _name = "report.collections_addon.report_collection_letter"
    _description = "Collections: Demand Letter Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        check_group(self.env, USER, self.env._("Printing a demand letter"))
        return {
            "doc_ids": docids,
            "doc_model": "collection.debtor",
            "docs": self.env["collection.debtor"].browse(docids),
        }


class ReportCollectionStatement(models.AbstractModel):
    """The statement: refused to Viewers (it lists the open items)."""

    _name = "report.collections_addon.report_collection_statement"
    _inherit = "report.collections_addon.report_collection_letter"
    _description = "Collections: Statement Report"
