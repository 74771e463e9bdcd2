# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from decimal import Decimal

from odoo import Command, _, fields, models
from odoo.tools import SQL, format_date

from ..lib import interest, xlsx_handover

REPORT_LETTER = "collections_addon.action_report_collection_letter"
REPORT_STATEMENT = "collections_addon.action_report_collection_statement"
# A letter lists this many items at most, the oldest first; the rest is one row.
LETTER_MAX_LINES = 200


class CollectionActionMixin(models.AbstractModel):
    """The actions of the escalation ladder and the documents of a debtor.

    Kept apart from ``collection.debtor`` (the ledger) so each file stays small;
    the debtor inherits it.
    """

    _name = "collection.action.mixin"
    _description = "Collection Actions and Documents"

    # === BUSINESS / HOOKS === #
    def _collection_take_level(self, level, moves, today):
        """Run the action of ``level`` for this debtor.

        :param moves: the invoices that made the level due
        :return: dict with ``contact`` and, for e-mails, ``mail`` (to send) and
            ``retried``
        """
        self.ensure_one()
        handler = getattr(self, f"_collection_action_{level.action}")
        return handler(level, moves, today)

    def _collection_contact_vals(self, level, channel, moves, **extra):
        return {
            "debtor_id": self.id,
            "channel": channel,
            "direction": "outbound",
            "is_automatic": True,
            "level_id": level.id,
            "episode": self.episode,
            "user_id": self._collection_responsible().id,
            "move_ids": [Command.set(moves.ids)],
            **extra,
        }

    def _collection_responsible(self):
        """The collector, else a collections manager of the company, else us."""
        self.ensure_one()
        if self.user_id:
            return self.user_id
        managers = self.env.ref(
            "collections_addon.collections_addon_group_manager"
        ).users.filtered(lambda u: self.company_id in u.company_ids and not u.share)
        return managers.filtered(lambda u: u.id != 1)[:1] or self.env.user

    def _collection_recipient(self, role):
        """The contact to write to: the one with ``role``, else the partner.

        :return: a partner with a usable, not blacklisted e-mail, or empty
        """
        self.ensure_one()
        for partner in (self.partner_id._collection_contact(role), self.partner_id):
            if partner.email_normalized and not partner.is_blacklisted:
                return partner
        return self.env["res.partner"]

    def _collection_failed_contact(self, level):
        return self.env["collection.contact"].search(
            [
                ("debtor_id", "=", self.id),
                ("level_id", "=", level.id),
                ("episode", "=", self.episode),
                ("state", "=", "failed"),
                ("mail_id", "!=", False),
            ],
            limit=1,
        )

    def _collection_retry(self, contact):
        """Queue the same mail again: a retry never renders a second mail."""
        contact.mail_id.sudo().write(
            {"state": "outgoing", "failure_reason": False, "failure_type": False}
        )
        contact.write({"state": "pending", "failure_reason": False})
        return {"contact": contact, "mail": contact.mail_id, "retried": True}

    def _collection_mail(self, template, level, recipient, attachments=None):
        """Render ``template`` for this debtor in the recipient's language."""
        mail_id = template.with_context(
            collection_level_id=level.id, lang=recipient.lang or self.partner_id.lang
        ).send_mail(
            self.id,
            force_send=False,
            email_layout_xmlid="mail.mail_notification_light",
            email_values={
                "recipient_ids": [Command.set(recipient.ids)],
                "attachment_ids": [Command.set(attachments.ids if attachments else [])],
                "auto_delete": False,
            },
        )
        return self.env["mail.mail"].sudo().browse(mail_id)

    def _collection_fallback_call(self, level, moves, today, reason):
        """No usable e-mail address: the collector calls instead; never stuck."""
        self._collection_activity(
            "mail.mail_activity_data_call",
            today,
            _("%(level)s: call instead (%(reason)s)", level=level.name, reason=reason),
        )
        contact = self.env["collection.contact"].create(
            self._collection_contact_vals(
                level, "call", moves, state="done", failure_reason=reason
            )
        )
        return {"contact": contact}

    def _collection_activity(self, xmlid, date_deadline, summary, user=None, note=None):
        """Schedule an automated activity for the collector.

        No e-mail per activity: a run schedules hundreds of them, and they are
        listed in the collector's activities and queue anyway.
        """
        return self.with_context(mail_activity_quick_update=True).activity_schedule(
            xmlid,
            date_deadline=date_deadline,
            summary=summary,
            note=note,
            user_id=(user or self._collection_responsible()).id,
        )

    def _collection_action_email(self, level, moves, today):
        failed = self._collection_failed_contact(level)
        if failed:
            return self._collection_retry(failed)
        recipient = self._collection_recipient("accountant")
        if not recipient:
            return self._collection_fallback_call(
                level, moves, today, _("no usable e-mail address")
            )
        template = level.mail_template_id or self.env.ref(
            "collections_addon.mail_template_collection_reminder"
        )
        mail = self._collection_mail(template, level, recipient)
        contact = self.env["collection.contact"].create(
            self._collection_contact_vals(
                level,
                "email",
                moves,
                state="pending",
                mail_id=mail.id,
                contact_partner_id=recipient.id,
            )
        )
        return {"contact": contact, "mail": mail}

    def _collection_action_call(self, level, moves, today):
        self._collection_activity(
            level.activity_type_id.get_external_id().get(level.activity_type_id.id)
            or "mail.mail_activity_data_call",
            today,
            level.name,
            note=level.letter_text or False,
        )
        contact = self.env["collection.contact"].create(
            self._collection_contact_vals(
                level,
                "call",
                moves,
                state="done",
                note=_(
                    "Call scheduled for %(user)s.",
                    user=self._collection_responsible().name,
                ),
            )
        )
        return {"contact": contact}

    def _collection_action_letter(self, level, moves, today):
        failed = self._collection_failed_contact(level)
        if failed:
            return self._collection_retry(failed)
        attachment = self._collection_letter_attachment(level)
        self._collection_activity(
            "collections_addon.mail_activity_collection_post_letter",
            today,
            _("Post %(document)s", document=attachment.name),
        )
        recipient = self._collection_recipient("decision_maker")
        vals = self._collection_contact_vals(
            level,
            "letter",
            moves,
            state="done",
            attachment_ids=[Command.set(attachment.ids)],
            contact_partner_id=self.partner_id._collection_contact("decision_maker").id,
        )
        result = {}
        if recipient:
            template = level.mail_template_id or self.env.ref(
                "collections_addon.mail_template_collection_letter"
            )
            mail = self._collection_mail(template, level, recipient, attachment)
            vals.update(state="pending", mail_id=mail.id)
            result["mail"] = mail
        result["contact"] = self.env["collection.contact"].create(vals)
        return result

    _collection_action_demand = _collection_action_letter

    def _collection_action_legal(self, level, moves, today):
        self.stage = "agency" if level.action == "agency" else "legal"
        pack = self._collection_handover_attachment()
        manager = self._collection_responsible()
        managers = self.env.ref(
            "collections_addon.collections_addon_group_manager"
        ).users
        if manager not in managers:
            manager = (
                managers.filtered(
                    lambda u: self.company_id in u.company_ids and u.id != 1
                )[:1]
                or manager
            )
        self._collection_activity(
            "collections_addon.mail_activity_collection_handover",
            today,
            _("Hand %(debtor)s over: %(level)s", debtor=self.name, level=level.name),
            user=manager,
        )
        contact = self.env["collection.contact"].create(
            self._collection_contact_vals(
                level,
                "letter",
                moves,
                state="done",
                attachment_ids=[Command.set(pack.ids)],
                note=_("Hand-over pack prepared for %(user)s.", user=manager.name),
            )
        )
        return {"contact": contact}

    _collection_action_agency = _collection_action_legal

    # === DOCUMENTS === #
    def _collection_level_for_letter(self):
        """The level a letter speaks for: the one being taken, else the current."""
        self.ensure_one()
        level_id = self.env.context.get("collection_level_id")
        if level_id:
            return self.env["collection.level"].browse(level_id)
        return self.level_id

    def _collection_open_moves(self):
        """Open customer documents (with a receivable residual) of this debtor."""
        self.ensure_one()
        return (
            self.env["account.move.line"]
            .sudo()
            .search(self._open_lines_domain(), order="date_maturity, id")
        )

    def _collection_open_items(self):
        """The open receivable items of this debtor as plain rows, oldest due
        first: one query, however many items (a debtor may have thousands)."""
        self.ensure_one()
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["name", "invoice_date"])
        return self.env.execute_query_dict(
            SQL(
                """
                SELECT m.name, COALESCE(m.invoice_date, aml.date) AS date,
                       aml.date_maturity, aml.amount_residual
                  FROM account_move_line aml
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_partner p ON p.id = aml.partner_id
                 WHERE aml.company_id = %(company)s
                   AND p.commercial_partner_id = %(partner)s
                   AND %(open_receivable)s
                   AND aml.amount_residual != 0
                 ORDER BY aml.date_maturity, aml.id
                """,
                company=self.company_id.id,
                partner=self.partner_id.id,
                open_receivable=self.env["collection.debtor"]._open_receivable_sql(
                    self.company_id
                ),
            )
        )

    def _collection_letter_data(self, overdue_only=True, all_lines=False):
        """Everything a letter or statement prints, in company currency.

        Letters list the oldest ``LETTER_MAX_LINES`` items and sum up the rest
        in one row (``more_count``, ``more_amount``); the totals cover all.

        :param all_lines: list every item (the hand-over pack), none summed up
        :return: dict with ``lines`` (dicts: name, date, date_due, days,
            residual, interest), ``fee``, ``total``, ``total_words``, ``deadline``
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        company = self.company_id
        currency = company.currency_id
        level = self._collection_level_for_letter()
        rate = Decimal(str(company.collection_interest_rate or 0))
        quantum = Decimal(str(currency.rounding))
        lines = []
        for item in self._collection_open_items():
            due = item["date_maturity"]
            days = (today - due).days if due else 0
            if overdue_only and (days <= 0 or item["amount_residual"] <= 0):
                continue
            residual = Decimal(str(item["amount_residual"]))
            late = interest.late_interest(residual, days, rate, quantum=quantum)
            lines.append(
                {
                    "name": item["name"],
                    "date": item["date"],
                    "date_due": due,
                    "days": max(days, 0),
                    "residual": float(residual),
                    "interest": float(late),
                    "bucket": days,
                }
            )
        fee = Decimal(str(level.fee_amount or 0)) if overdue_only else Decimal(0)
        total = (
            sum(
                (Decimal(str(line["residual"])) + Decimal(str(line["interest"])))
                for line in lines
            )
            + fee
        )
        lang = self.partner_id.lang or self.env.lang or "en_US"
        policy = level.policy_id
        waiver = False
        if policy.waive_interest_early and company.collection_interest_rate:
            waiver = fields.Date.add(today, days=policy.waiver_days)
        limit = len(lines) if all_lines else LETTER_MAX_LINES
        shown, rest = lines[:limit], lines[limit:]
        return {
            "waiver_deadline": waiver,
            "lines": shown,
            "more_count": len(rest),
            "more_amount": sum(line["residual"] + line["interest"] for line in rest),
            "residual_total": sum(line["residual"] for line in lines),
            "interest_total": sum(line["interest"] for line in lines),
            "fee": float(fee),
            "total": float(total),
            "total_words": self._collection_amount_in_words(float(total), lang),
            "deadline": fields.Date.add(
                today, days=company.collection_payment_deadline_days
            ),
            "level": level,
            "currency": currency,
            "today": today,
        }

    def _collection_amount_in_words(self, amount, lang):
        """The amount in words, in ``lang`` (activated on the fly if needed)."""
        self.ensure_one()
        Lang = self.env["res.lang"].sudo()
        if not Lang._lang_get(lang):
            Lang._activate_lang(lang)
        currency = self.company_id.currency_id.with_context(lang=lang)
        return currency.amount_to_text(amount)

    def _collection_format_date(self, value):
        self.ensure_one()
        return format_date(self.env, value, lang_code=self.partner_id.lang or False)

    def _collection_letter_attachment(self, level):
        """Render the letter of ``level`` to PDF and attach it to the debtor."""
        report = self.env["ir.actions.report"].sudo()
        content, kind = report.with_context(
            collection_level_id=level.id, lang=self.partner_id.lang
        )._render_qweb_pdf(REPORT_LETTER, self.ids)
        name = _(
            "%(level)s - %(debtor)s - %(date)s.%(ext)s",
            level=level.name,
            debtor=self.name,
            date=fields.Date.context_today(self),
            ext=kind,
        )
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf" if kind == "pdf" else "text/html",
            }
        )

    def _collection_handover_attachment(self):
        """The hand-over pack: open invoices and the whole contact history (XLSX)."""
        self.ensure_one()
        data = self._collection_letter_data(overdue_only=False, all_lines=True)
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
        contacts = [
            (
                fields.Datetime.to_string(c.date),
                channels.get(c.channel, ""),
                c.level_id.name or "",
                outcomes.get(c.outcome, ""),
                c.state,
                c.user_id.name or "",
                c.note or "",
            )
            for c in self.contact_ids.sorted("date")
        ]
        content = xlsx_handover.write_handover(
            title=_("Hand-over pack: %(debtor)s", debtor=self.name),
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
                "name": _("Hand-over %(debtor)s.xlsx", debtor=self.name),
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            }
        )

    # === ACTIONS === #
    def action_print_statement(self):
        return self.env.ref(REPORT_STATEMENT).report_action(self)

    def action_print_letter(self):
        return self.env.ref(REPORT_LETTER).report_action(self)
