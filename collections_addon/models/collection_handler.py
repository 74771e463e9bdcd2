# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from typing import NamedTuple

from odoo import Command, api, models

from .collection_guard import system_env

# The slice's ActionBatch, in the context of the handlers' environment.
BATCH_KEY = "collection_action_batch"
# The layout of the collection mails (company header, no Odoo footer).
MAIL_LAYOUT = "collections_addon.mail_layout_collections"
# The contact log's channel of each level action.
ACTION_CHANNEL = {
    "email": "email",
    "call": "call",
    "letter": "letter",
    "demand": "letter",
    "legal": "letter",
    "agency": "letter",
}


class MailSpec(NamedTuple):
    """A mail to queue for a debtor, and the contact entry that logs it."""

    template: object
    lang: str
    debtor_id: int
    recipient_ids: list
    attachment_ids: list
    contact_vals: dict


class ActionBatch:
    """What the handlers of one run slice create, created together at its end.

    Mails, contact entries and activities are collected here and created by
    :meth:`collection.handler._flush`: the mails with one rendering and one
    ``create`` per template and language, then the contact entries and the
    activities with one ``create`` each; the managers and the failed mails to
    retry are read once per slice. It travels in the context of the slice's
    environment: a JSON-RPC context cannot carry a Python object, so no caller
    can make a handler defer, let alone skip, its records. Should any debtor's
    action or the flush fail, the engine rolls the slice back and acts debtor
    by debtor.
    """

    def __init__(self, debtor_ids=(), failed=None):
        self.debtor_ids = list(debtor_ids)
        self.contacts = []
        # the mails to render (MailSpec)
        self.mails = []
        self.activities = []
        self.managers = {}
        # {xmlid: (activity type id, summary, default note)}
        self.activity_types = {}
        # what the slice reads once (a company's receivable accounts)
        self.memo = {}
        # {(debtor_id, level_id, episode): contact} of failed mails to retry
        self.failed = failed or {}
        # The debtors locked at the start of the slice, and the eligible lines
        # read by the same query: {debtor_id: row} (none: nothing eligible)
        self.locked = frozenset()
        self.fresh = {}


class CollectionHandler(models.AbstractModel):
    """The interface of an escalation action, one model per level action.

    The escalation engine calls ``env["collection.handler.<action>"]._take()``
    for the level it decided; a new channel (SMS, registered post) is one new
    handler model plus its ``selection_add`` on ``collection.level.action``.
    Handlers create the evidence (contact entries) through the guard and never
    call back into the engine.
    """

    _name = "collection.handler"
    _description = "Collections: Escalation Action"

    @api.model
    def _take(self, debtor, level, moves, today, rendered=None):
        """Run the action of ``level`` for ``debtor``.

        :param moves: the invoices that made the level due
        :param rendered: ``(content, type)`` of the level's letter when the
            run rendered it in a batch (letter actions only)
        :return: dict with ``contact`` and, for e-mails, ``mail`` (queued) and
            ``retried``
        """
        raise NotImplementedError

    # === BUSINESS / HOOKS === #
    @api.model
    def _batch(self):
        batch = self.env.context.get(BATCH_KEY)
        return batch if isinstance(batch, ActionBatch) else None

    @api.model
    def _ref(self, xmlid):
        """``env.ref(xmlid)``, once per slice: it checks that the record
        exists, a query each time."""
        batch = self._batch()
        if batch is None:
            return self.env.ref(xmlid)
        key = ("ref", xmlid)
        if key not in batch.memo:
            batch.memo[key] = self.env.ref(xmlid)
        return batch.memo[key]

    @api.model
    def _in_batch(self, batch):
        """This service in the environment of the slice of ``batch``."""
        return self.with_context(**{BATCH_KEY: batch})

    @api.model
    def _flush(self, batch):
        """Create the mails, contact entries and activities ``batch`` collected.

        :return: the mails queued
        """
        mails = self._send_mails(batch.mails)
        batch.mails = []
        if batch.contacts:
            system_env(self.env["collection.contact"]).create(batch.contacts)
        if batch.activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(batch.activities)
        batch.contacts, batch.activities = [], []
        return mails

    @api.model
    def _send_mails(self, specs):
        """Queue the mails of ``specs`` (:class:`MailSpec`): one
        ``send_mail_batch`` per template and language (Odoo checks a
        template's expressions once per call, not once per mail); each mail
        then gets the run's recipient and attachments, and the contact entry
        of its spec the mail's id.

        :return: the mails queued
        """
        groups = {}
        for spec in specs:
            groups.setdefault((spec.template, spec.lang), []).append(spec)
        mails = self.env["mail.mail"].sudo()
        for (template, lang), group in groups.items():
            created = template.with_context(lang=lang).send_mail_batch(
                [spec.debtor_id for spec in group],
                email_layout_xmlid=MAIL_LAYOUT,
                email_values={"auto_delete": False},
            )
            for mail, spec in zip(created, group, strict=True):
                # The template's own recipients and attachments give way to
                # the run's (written only where they differ).
                changes = {}
                if mail.recipient_ids.ids != spec.recipient_ids:
                    changes["recipient_ids"] = [Command.set(spec.recipient_ids)]
                if mail.attachment_ids.ids != spec.attachment_ids:
                    changes["attachment_ids"] = [Command.set(spec.attachment_ids)]
                if changes:
                    mail.write(changes)
                spec.contact_vals["mail_id"] = mail.id
            mails |= created
        return mails

    @api.model
    def _new_contact(self, vals):
        """Create a contact entry now, or with its slice's batch."""
        batch = self._batch()
        if batch:
            batch.contacts.append(vals)
            return self.env["collection.contact"]
        return (
            system_env(self.env["collection.contact"]).create(vals).with_env(self.env)
        )

    @api.model
    def _create_contact(self, debtor, level, channel, moves, **extra):
        """An automatic entry of the contact log (evidence: append-only)."""
        return self._new_contact(
            self._contact_vals(debtor, level, channel, moves, **extra)
        )

    @api.model
    def _contact_vals(self, debtor, level, channel, moves, **extra):
        return {
            "debtor_id": debtor.id,
            "channel": channel,
            "direction": "outbound",
            "is_automatic": True,
            "level_id": level.id,
            "episode": debtor.episode,
            "user_id": self._responsible(debtor).id,
            "move_ids": [Command.set(moves.ids)],
            **extra,
        }

    @api.model
    def _log_skipped(self, debtor, skipped, level):
        """One log entry for the levels passed over: they were due, a higher
        one is taken instead; listed, not sent."""
        skipped = self.env["collection.level"].browse([s.key for s in skipped])
        self._new_contact(
            {
                "debtor_id": debtor.id,
                "channel": ACTION_CHANNEL[level.action],
                "is_automatic": True,
                "skipped_level_ids": [Command.set(skipped.ids)],
                "episode": debtor.episode,
                "state": "skipped",
                "user_id": self.env.user.id,
                "note": self.env._(
                    "Skipped: %(levels)s; a higher level (%(level)s) was already due.",
                    levels=", ".join(skipped.mapped("name")),
                    level=level.name,
                ),
            }
        )

    @api.model
    def _responsible(self, debtor):
        """The collector, else a collections manager of the company, else us."""
        if debtor.user_id:
            return debtor.user_id
        return self._manager(debtor) or self.env.user

    @api.model
    def _manager(self, debtor):
        """A Collections Manager of the debtor's company (not OdooBot)."""
        batch = self._batch()
        company = debtor.company_id
        if batch and company.id in batch.managers:
            return batch.managers[company.id]
        manager = company._collection_managers()[:1]
        if batch:
            batch.managers[company.id] = manager
        return manager

    @api.model
    def _recipient(self, debtor, role):
        """The contact to write to: the one with ``role``, else the partner.

        :return: a partner with a usable, not blacklisted e-mail, or empty
        """
        partner = debtor.partner_id
        for candidate in (partner._collection_contact(role), partner):
            if candidate.email_normalized and not candidate.is_blacklisted:
                return candidate
        return self.env["res.partner"]

    @api.model
    def _failed_contact(self, debtor, level):
        """The contact entry of this level and episode whose mail failed."""
        batch = self._batch()
        if batch:
            return batch.failed.get(
                (debtor.id, level.id, debtor.episode), self.env["collection.contact"]
            )
        return self.env["collection.contact"].search(
            self._failed_domain(debtor) + [("level_id", "=", level.id)], limit=1
        )

    @api.model
    def _failed_domain(self, debtors):
        return [
            ("debtor_id", "in", debtors.ids),
            ("state", "=", "failed"),
            ("mail_id", "!=", False),
        ]

    @api.model
    def _failed_contacts(self, debtors):
        """The failed mails of ``debtors`` to retry, read once for a slice."""
        contacts = self.env["collection.contact"].search(
            self._failed_domain(debtors), order="id desc"
        )
        failed = {}
        for contact in contacts:
            if contact.episode == contact.debtor_id.episode:
                key = (contact.debtor_id.id, contact.level_id.id, contact.episode)
                failed.setdefault(key, contact)
        return failed

    @api.model
    def _retry(self, contact):
        """Queue the same mail again: a retry never renders a second mail."""
        contact.mail_id.sudo().write(
            {"state": "outgoing", "failure_reason": False, "failure_type": False}
        )
        system_env(contact).write({"state": "pending", "failure_reason": False})
        return {"contact": contact, "mail": contact.mail_id, "retried": True}

    @api.model
    def _mail_contact(
        self,
        debtor,
        level,
        channel,
        moves,
        template,
        recipient,
        attachments=None,
        **vals,
    ):
        """Queue ``template`` for ``debtor`` in the recipient's language and
        log it: a pending contact entry linked to the mail.

        The mail is only created in the run's transaction; Odoo's mail queue
        sends it after the commit and settles the contact entry. In a slice's
        batch both are created at its end (:meth:`_flush`).

        :return: dict with ``contact`` and ``mail`` (both empty in a batch)
        """
        spec = MailSpec(
            template=template,
            lang=recipient.lang or debtor.partner_id.lang,
            debtor_id=debtor.id,
            recipient_ids=recipient.ids,
            attachment_ids=attachments.ids if attachments else [],
            contact_vals=self._contact_vals(
                debtor, level, channel, moves, state="pending", **vals
            ),
        )
        batch = self._batch()
        if batch:
            batch.mails.append(spec)
            batch.contacts.append(spec.contact_vals)
            return {
                "contact": self.env["collection.contact"],
                "mail": self.env["mail.mail"],
            }
        mail = self._send_mails([spec])
        return {"contact": self._new_contact(spec.contact_vals), "mail": mail}

    @api.model
    def _fallback_call(self, debtor, level, moves, today, reason):
        """No usable e-mail address: the collector calls instead; never stuck."""
        self._activity(
            debtor,
            "mail.mail_activity_data_call",
            today,
            self.env._(
                "%(level)s: call instead (%(reason)s)", level=level.name, reason=reason
            ),
        )
        contact = self._create_contact(
            debtor, level, "call", moves, state="done", failure_reason=reason
        )
        return {"contact": contact}

    @api.model
    def _activity(self, debtor, xmlid, date_deadline, summary, user=None, note=None):
        """Schedule an automated activity for the collector.

        No e-mail per activity: a run schedules hundreds of them, and they are
        listed in the collector's activities and queue anyway.
        """
        user = user or self._responsible(debtor)
        batch = self._batch()
        if not batch:
            return debtor.with_context(
                mail_activity_quick_update=True
            ).activity_schedule(
                xmlid,
                date_deadline=date_deadline,
                summary=summary,
                note=note,
                user_id=user.id,
            )
        if xmlid not in batch.activity_types:
            kind = self.env.ref(xmlid)
            batch.activity_types[xmlid] = (kind.id, kind.summary, kind.default_note)
        type_id, default_summary, default_note = batch.activity_types[xmlid]
        batch.activities.append(
            {
                "res_model_id": self.env["ir.model"]._get_id(debtor._name),
                "res_id": debtor.id,
                "activity_type_id": type_id,
                "summary": summary or default_summary,
                "note": note or default_note,
                "automated": True,
                "date_deadline": date_deadline,
                "user_id": user.id,
            }
        )
        return self.env["mail.activity"]
