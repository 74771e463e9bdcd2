# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from decimal import Decimal

from odoo import api, fields, models

from ..lib import letter, xlsx_handover
from .collection_guard import USER, check_group

REPORT_LETTER = "collections_addon.action_report_collection_letter"
REPORT_STATEMENT = "collections_addon.action_report_collection_statement"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A letter lists this many items at most, the oldest first; the rest is one row.
LETTER_MAX_LINES = 200


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
            residual, interest), ``more_count``, ``more_amount``, ``fee``,
            ``total``, ``total_words``, ``deadline``, ``level``, ``currency``
        """
        check_group(self.env, USER, self.env._("Letters and statements"))
        today = debtor.company_id._collection_today()
        company = debtor.company_id
        currency = company.currency_id
        items = {
            row["id"]: row
            for row in self.env["collection.receivable"]._open_items(debtor)
        }
        totals = letter.letter_totals(
            [
                letter.LetterItem(
                    key, row["date_maturity"], Decimal(str(row["amount_residual"]))
                )
                for key, row in items.items()
            ],
            today,
            Decimal(str(company.collection_interest_rate or 0)),
            Decimal(str(level.fee_amount or 0)) if overdue_only else Decimal(0),
            Decimal(str(currency.rounding)),
            overdue_only,
            None if all_lines else LETTER_MAX_LINES,
        )
        lines = [
            {
                "name": items[line.key]["name"],
                "date": items[line.key]["date"],
                "date_due": items[line.key]["date_maturity"],
                "days": line.days,
                "residual": float(line.residual),
                "interest": float(line.interest),
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
            }
            for line in totals.credits
        ]
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
            "today": today,
        }

    @api.model
    def _reminder_dates(self, debtor):
        """Days a reminder (e-mail, call, letter) went out in the current
        episode: a letter says "despite our reminders" only when there were."""
        contacts = self.env["collection.contact"].search(
            [
                ("debtor_id", "=", debtor.id),
                ("episode", "=", debtor.episode),
                ("is_automatic", "=", True),
                ("state", "in", ("sent", "done", "pending")),
                ("level_id.action", "in", ("email", "call", "letter")),
            ],
            order="date",
        )
        return sorted({contact.date.date() for contact in contacts})

    @api.model
    def _amount_in_words(self, currency, amount, lang):
        """The amount in words, in ``lang`` (activated on the fly if needed)."""
        Lang = self.env["res.lang"].sudo()
        if not Lang._lang_get(lang):
            Lang._activate_lang(lang)
        return currency.with_context(lang=lang).amount_to_text(amount)

    @api.model
    def _letter_attachment(self, debtor, level):
        """Render the letter of ``level`` to PDF and attach it to the debtor.

        The debtor's level is already ``level`` (the engine sets it before
        acting), so the report reads it from the record, not from a context.
        """
        report = self.env["ir.actions.report"].sudo()
        content, kind = report.with_context(
            lang=debtor.partner_id.lang
        )._render_qweb_pdf(REPORT_LETTER, debtor.ids)
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
