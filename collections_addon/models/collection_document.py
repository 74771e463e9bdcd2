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


class CollectionDocument(models.AbstractModel):
    """What letters, statements, agreements and hand-over packs print, and
    their files.

    Figures come from the open receivable items of the debtors, read in one
    query per company for all the documents of a print; the lib makes the
    totals (interest, fee, what is summed up). The reports receive these
    values through their ``_get_report_values`` (the run passes the levels it
    prints and its day in ``data``); no template calls a service.
    """

    _name = "collection.document"
    _description = "Collections: Letters and Documents"

    # === LETTERS AND STATEMENTS === #
    @api.model
    def _letter_values(
        self,
        debtors,
        levels=None,
        today=None,
        overdue_only=True,
        all_lines=False,
        open_sql=None,
    ):
        """Everything the letters or statements of ``debtors`` print.

        :param levels: ``{debtor_id: level}`` the letters speak for (the
            run's, before it writes them); default: each debtor's level
        :param today: the day of the documents (default: each company's)
        :param overdue_only: letters (overdue items, fee) rather than
            statements (every open item, no fee)
        :param all_lines: list every item (the hand-over pack), none summed up
        :param open_sql: the run's condition of an open line (one company)
        :return: ``{debtor_id: values}``; see :meth:`_document_values`
        """
        check_group(self.env, USER, self.env._("Letters and statements"))
        items = self.env["collection.receivable"]._open_items(debtors, open_sql)
        reminded = self._reminder_dates(debtors) if overdue_only else {}
        levels = levels or {}
        return {
            debtor.id: self._document_values(
                debtor,
                levels.get(debtor.id) or debtor.level_id,
                today or debtor.company_id._collection_today(),
                items[debtor.id],
                reminded.get(debtor.id, []),
                overdue_only,
                all_lines,
            )
            for debtor in debtors
        }

    @api.model
    def _document_values(
        self, debtor, level, today, rows, reminded_on, overdue_only, all_lines
    ):
        """What one letter or statement prints, in company currency.

        :param level: the level the letter speaks for (its fee and policy)
        :param rows: the debtor's open items (``collection.receivable._open_items``)
        :param reminded_on: the days a reminder went out in the episode
        :return: dict with ``lines`` (dicts: name, date, date_due, days,
            residual, interest in company currency; ``amount`` and
            ``line_currency``: the residual in the invoice's own currency),
            ``credits``, ``currency_totals`` (``(currency, amount)`` per invoice
            currency, only when one differs from the company's),
            ``more_count``, ``more_amount``, ``fee``, ``total``,
            ``total_words``, ``residual_words``, ``deadline``, ``level``,
            ``currency``, ``lang``, ``addressee`` (the contact the document
            is addressed to), ``reference``, ``today``, ``fmt``
            (``fmt(amount, currency)``: the amount as the partner's language
            writes it) and ``fmt_date`` (``fmt_date(date)``, the same for a
            date)
        """
        company = debtor.company_id
        currency = company.currency_id
        items = {row["id"]: row for row in rows}
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
            "reminded_on": reminded_on,
            "more_count": totals.more_count,
            "more_amount": float(totals.more_amount),
            "residual_total": float(totals.residual_total),
            "interest_total": float(totals.interest_total),
            "fee": float(totals.fee),
            "total": float(totals.total),
            "total_words": self._amount_in_words(currency, float(totals.total), lang),
            "residual_words": self._amount_in_words(
                currency, float(totals.residual_total), lang
            ),
            "deadline": fields.Date.add(
                today, days=company.collection_payment_deadline_days
            ),
            "level": level,
            "currency": currency,
            "currency_totals": currency_totals,
            "lang": lang,
            "addressee": debtor.partner_id._collection_contact(
                "decision_maker" if overdue_only else "accountant"
            ),
            "reference": batch.reference(
                "letter" if overdue_only else "statement", debtor.id, today
            ),
            "fmt": partial(
                self._format_amount,
                lang=lang,
                number_format=self._number_format(lang),
            ),
            "fmt_date": self._date_formatter(lang),
            "today": today,
        }

    @api.model
    def _mail_values(self, debtor):
        """What the reminder mail lists: the debtor's open items, as a
        statement prints them, read from ``debtor.open_line_ids`` (computed
        for every debtor the template renders together)."""
        rows = [
            {
                "id": line.id,
                "move_id": line.move_id.id,
                "name": line.move_id.name,
                "date": line.move_id.invoice_date or line.date,
                "date_maturity": line.date_maturity,
                "amount_residual": line.amount_residual,
                "amount_residual_currency": line.amount_residual_currency,
                "currency": line.currency_id.name,
                "currency_id": line.currency_id.id,
            }
            for line in debtor.open_line_ids
        ]
        return self._document_values(
            debtor,
            debtor.level_id,
            debtor.company_id._collection_today(),
            rows,
            [],
            False,
            False,
        )

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
    def _reminder_dates(self, debtors):
        """Days a reminder (e-mail, call, letter) went out in each debtor's
        current episode: a letter says "despite our reminders" only when
        there were. One query for all the debtors.

        :return: ``{debtor_id: [date, ...]}``
        """
        contacts = self.env["collection.contact"].search(
            [
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
        return {key: sorted(days) for key, days in dates.items()}

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

    # === AGREEMENTS === #
    @api.model
    def _agreement_values(self, plan):
        """What the installment agreement of ``plan`` prints, in the
        partner's language: dated the day the agreement is made (approved,
        else printed), not the day its schedule starts."""
        lang = plan.partner_id.lang or self.env.lang or "en_US"
        day = plan.date_approved or plan.company_id._collection_today()
        fmt = partial(
            self._format_amount, lang=lang, number_format=self._number_format(lang)
        )
        return {
            "lang": lang,
            "addressee": plan.partner_id._collection_contact("decision_maker"),
            "date": day,
            "reference": batch.reference("agreement", plan.id, day),
            "fmt": fmt,
            "fmt_date": self._date_formatter(lang),
            "terms": self._plan_terms(plan, lang),
            "total_words": self._amount_in_words(
                plan.currency_id, plan.amount_to_schedule, lang
            ),
            "invoices": plan.invoice_ids - plan.fee_invoice_id,
        }

    @api.model
    def _letter_pdfs(self, debtors, levels, today):
        """The letters of many debtors, rendered in one wkhtmltopdf process.

        :param levels: ``{debtor_id: level_id}``, the levels the run takes
            (written on the debtors when each is taken)
        :param today: the run's day
        :return: ``{debtor_id: (content, "pdf" or "html")}``
        """
        report = system_env(self.env["ir.actions.report"].sudo())
        data = {"levels": levels, "today": fields.Date.to_string(today)}
        return self._render_batch(report, REPORT_LETTER, "letter", debtors, data)

    @api.model
    def _render_batch(self, report, report_ref, kind, records, data=None):
        """Render ``records`` in one process and cut the PDF per record.

        Each document starts on a new page with a mark; the pages are told
        apart by it (:func:`lib.batch.split_pages`). Should that fail, the
        records are rendered one by one: slower, never wrong. Where Odoo
        renders HTML instead of PDF (tests without ``force_report_rendering``),
        one by one as well.

        :return: ``{record_id: (content, "pdf" or "html")}``
        """
        if len(records) == 1:
            return {records.id: report._render_qweb_pdf(report_ref, records.ids, data)}
        # Odoo's streams, before it merges them into the one PDF it returns:
        # a batch of one page per record is already cut (page by page), and
        # the merge and a second cut are spared.
        streams, content_type = report._pre_render_qweb_pdf(
            report_ref, records.ids, data
        )
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
                record.id: report._render_qweb_pdf(report_ref, record.ids, data)
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
    def _letter_attachment(self, debtor, level, today, rendered=None):
        """Attach the letter of ``level`` to the debtor.

        :param rendered: ``(content, type)`` already rendered in the run's
            batch; else it is rendered now, for ``level`` and ``today``
        """
        content, kind = (
            rendered
            or self._letter_pdfs(debtor, {debtor.id: level.id}, today)[debtor.id]
        )
        name = self.env._(
            "%(level)s - %(debtor)s - %(date)s.%(ext)s",
            level=level.name,
            debtor=debtor.name,
            date=today,
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
    def _handover_attachment(self, debtor, level, today):
        """The hand-over pack: open invoices and the whole contact history (XLSX)."""
        _ = self.env._
        data = self._letter_values(
            debtor,
            {debtor.id: level},
            today,
            overdue_only=False,
            all_lines=True,
        )[debtor.id]
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
    """The demand letter: refused to Viewers (it lists the open items).

    Its values come from ``collection.document``; the escalation run passes
    the levels it takes and its day in ``data``, honoured from the run's own
    environment only: a person printing from the web client (whose ``data``
    is theirs to choose) gets the debtor's level and today.
    """

    _name = "report.collections_addon.report_collection_letter"
    _description = "Collections: Demand Letter Report"

    # A letter (overdue items, interest, fee) rather than a statement.
    _overdue_only = True

    @api.model
    def _get_report_values(self, docids, data=None):
        check_group(self.env, USER, self.env._("Printing a demand letter"))
        debtors = self.env["collection.debtor"].browse(docids)
        levels, today = {}, None
        if data and is_system(self.env):
            levels = {
                int(debtor_id): self.env["collection.level"].browse(level_id)
                for debtor_id, level_id in (data.get("levels") or {}).items()
            }
            today = fields.Date.to_date(data.get("today"))
        return {
            "doc_ids": docids,
            "doc_model": "collection.debtor",
            "docs": debtors,
            "letters": self.env["collection.document"]._letter_values(
                debtors, levels, today, overdue_only=self._overdue_only
            ),
        }


class ReportCollectionStatement(models.AbstractModel):
    """The statement: refused to Viewers (it lists the open items)."""

    _name = "report.collections_addon.report_collection_statement"
    _inherit = "report.collections_addon.report_collection_letter"
    _description = "Collections: Statement Report"

    _overdue_only = False


class ReportCollectionPlan(models.AbstractModel):
    """The installment agreement: its figures and terms in the partner's
    language, dated the day it is printed."""

    _name = "report.collections_addon.report_collection_plan"
    _description = "Collections: Installment Agreement Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["collection.plan"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "collection.plan",
            "docs": plans,
            "agreements": {
                plan.id: self.env["collection.document"]._agreement_values(plan)
                for plan in plans
            },
        }
