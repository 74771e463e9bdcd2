# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The escalation actions (one handler model per level action) and the batch
of a run slice that they fill.

The batch is an argument, never a context key: the engine creates it, passes
it to each handler's :meth:`~CollectionHandler._prepare_batch` and
:meth:`~CollectionHandler._take`, and creates what it collected with
:meth:`~CollectionHandler._flush`. A debtor acting alone (the fallback when a
slice failed) is a batch of one, flushed at once: the same code.
"""

from dataclasses import dataclass, field

from odoo import Command, api, models

# The layout of the collection mails (company header, no Odoo footer).
MAIL_LAYOUT = "collections_addon.mail_layout_collections"


@dataclass
class MailSpec:
    """A mail to queue from ``template`` for the record ``res_id``.

    :param contact_vals: the contact entry that logs the mail (it gets the
        mail's id), or ``None`` for a mail the contact log does not record
    """

    template: object
    lang: str
    res_id: int
    recipient_ids: list
    attachment_ids: list = field(default_factory=list)
    contact_vals: dict | None = None


@dataclass(slots=True)
class ActionResult:
    """What one action did, for the run's counts. What it created waits in
    the batch until :meth:`CollectionHandler._flush`."""

    retried: bool = False


class ActionBatch:
    """What the handlers of one run slice need and create.

    Mails, contact entries and activities are collected here and created by
    :meth:`CollectionHandler._flush`: the mails with one rendering per
    template and language, then the contact entries and the activities with
    one ``create`` each. What a slice reads once lives here too: the failed
    mails of its debtors, their locked eligible lines, the letters rendered
    together, the managers of the company.

    :param company: the company of the slice
    :param today: the run's day
    :param open_sql: the run's condition of an open receivable line
        (``collection.receivable._open_sql``)
    :param failed: ``{(debtor_id, level_id, episode): contact}`` of the
        failed mails to retry
    """

    def __init__(self, company, today, open_sql, debtor_ids=(), failed=None):
        self.company = company
        self.today = today
        self.open_sql = open_sql
        self.debtor_ids = list(debtor_ids)
        self.failed = failed or {}
        # Created together by _flush.
        self.contacts = []
        self.mails = []
        self.activities = []
        # The debtors locked at the start of the slice, and their eligible
        # lines read by the same query: {debtor_id: row} (absent: nothing due).
        self.locked = frozenset()
        self.fresh = {}
        # Debtors whose handler prepared its part (see _prepare_batch), and
        # the letters rendered together: {debtor_id: (content, "pdf"/"html")}.
        self.prepared = set()
        self.letters = {}
        # Read once per slice.
        self.refs = {}
        self.activity_types = {}
        self.managers = {}


class CollectionHandler(models.AbstractModel):
    """The interface of an escalation action, one model per level action.

    The engine calls ``_take`` of ``collection.handler.<action>`` for the level
    it decided. A new channel (SMS, registered post) is one new handler model,
    with its ``_channel``, plus its ``selection_add`` on
    ``collection.level.action``: the engine knows no list of actions. Handlers
    create the evidence (contact entries) through the contact log's one creator
    and never call back into the engine.
    """

    _name = "collection.handler"
    _description = "Collections: Escalation Action"

    # The contact log's channel of this action.
    _channel = "email"

    # === THE INTERFACE === #
    @api.model
    def _for_action(self, action):
        """The handler of a level action."""
        return self.env[f"collection.handler.{action}"]

    @api.model
    def _prepare_batch(self, batch, todo, big_lines=None):
        """Prepare what this handler's next actions of ``todo`` need, before
        the first of them is taken (the letter handler renders its letters
        together). The engine calls it for the first item of ``todo`` not
        yet in ``batch.prepared``; that item is this handler's.

        :param todo: the slice's ``(debtor_id, Decision)`` still to act on
        :param big_lines: a debtor with more open lines than this gets a
            cron slice of its own (``None``: no such limit)
        """
        batch.prepared.add(todo[0][0])

    @api.model
    def _take(self, debtor, level, moves, today, batch):
        """Run the action of ``level`` for ``debtor``.

        :param moves: the invoices that made the level due
        :param batch: the slice's :class:`ActionBatch`
        :return: an :class:`ActionResult`
        """
        raise NotImplementedError

    @api.model
    def _flush(self, batch):
        """Create the mails, contact entries and activities ``batch``
        collected, and empty it.

        :return: the mails queued
        """
        mails = self._send_mails(batch.mails)
        if batch.contacts:
            self.env["collection.contact"]._log(batch.contacts)
        if batch.activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(batch.activities)
        batch.mails, batch.contacts, batch.activities = [], [], []
        return mails

    # === MAILS === #
    @api.model
    def _send_mails(self, specs):
        """Queue the mails of ``specs`` (:class:`MailSpec`): one
        ``send_mail_batch`` per template and language (Odoo checks a
        template's expressions once per call, not once per mail); each mail
        then gets its spec's recipients and attachments where the template's
        differ, and the contact entry of its spec the mail's id.

        The one mail sender of Collections: the run's reminders and letters,
        the reminders of promises and installments.

        :return: the mails queued (Odoo's mail queue sends them after the
            commit)
        """
        groups = {}
        for spec in specs:
            groups.setdefault((spec.template, spec.lang), []).append(spec)
        mails = self.env["mail.mail"].sudo()
        for (template, lang), group in groups.items():
            created = template.with_context(lang=lang).send_mail_batch(
                [spec.res_id for spec in group],
                email_layout_xmlid=MAIL_LAYOUT,
                email_values={"auto_delete": False},
            )
            for mail, spec in zip(created, group, strict=True):
                changes = {}
                if mail.recipient_ids.ids != spec.recipient_ids:
                    changes["recipient_ids"] = [Command.set(spec.recipient_ids)]
                if mail.attachment_ids.ids != spec.attachment_ids:
                    changes["attachment_ids"] = [Command.set(spec.attachment_ids)]
                if changes:
                    mail.write(changes)
                if spec.contact_vals is not None:
                    spec.contact_vals["mail_id"] = mail.id
            mails |= created
        return mails

    @api.model
    def _mail_contact(
        self, debtor, level, moves, template, recipient, batch, attachments=None, **vals
    ):
        """Queue ``template`` for ``debtor`` in the recipient's language and
        log it: a pending contact entry linked to the mail, both created when
        the batch is flushed. Odoo's mail queue sends the mail after the
        commit and settles the entry (``mail.mail._postprocess_sent_message``).
        """
        spec = MailSpec(
            template=template,
            lang=recipient.lang or debtor.partner_id.lang,
            res_id=debtor.id,
            recipient_ids=recipient.ids,
            attachment_ids=attachments.ids if attachments else [],
            contact_vals=self._contact_vals(
                debtor, level, moves, batch, state="pending", **vals
            ),
        )
        batch.mails.append(spec)
        batch.contacts.append(spec.contact_vals)
        return ActionResult()

    @api.model
    def _failed_contacts(self, debtors):
        """The failed mails of ``debtors`` to retry, read once for a batch.

        :return: ``{(debtor_id, level_id, episode): contact}``
        """
        contacts = self.env["collection.contact"].search(
            [
                ("debtor_id", "in", debtors.ids),
                ("state", "=", "failed"),
                ("mail_id", "!=", False),
            ],
            order="id desc",
        )
        failed = {}
        for contact in contacts:
            if contact.episode == contact.debtor_id.episode:
                key = (contact.debtor_id.id, contact.level_id.id, contact.episode)
                failed.setdefault(key, contact)
        return failed

    @api.model
    def _failed_contact(self, debtor, level, batch):
        """The contact entry of this level and episode whose mail failed."""
        return batch.failed.get(
            (debtor.id, level.id, debtor.episode), self.env["collection.contact"]
        )

    @api.model
    def _retry(self, contact):
        """Queue the same mail again: a retry never renders a second mail."""
        contact.mail_id.sudo().write(
            {"state": "outgoing", "failure_reason": False, "failure_type": False}
        )
        self.env["collection.contact"]._settle(contact, "pending")
        return ActionResult(retried=True)

    # === CONTACTS AND ACTIVITIES === #
    @api.model
    def _contact_vals(self, debtor, level, moves, batch, channel=None, **extra):
        """An automatic entry of the contact log (evidence: append-only)."""
        return {
            "debtor_id": debtor.id,
            "channel": channel or self._channel,
            "direction": "outbound",
            "level_id": level.id,
            "episode": debtor.episode,
            "user_id": self._responsible(debtor, batch).id,
            "move_ids": [Command.set(moves.ids)],
            **extra,
        }

    @api.model
    def _log(self, debtor, level, moves, batch, **extra):
        """Log the action in the contact log when the batch is flushed."""
        batch.contacts.append(self._contact_vals(debtor, level, moves, batch, **extra))
        return ActionResult()

    @api.model
    def _log_skipped(self, debtor, skipped, level, batch):
        """One log entry for the levels passed over: they were due, a higher
        one is taken instead; listed, not sent."""
        skipped = self.env["collection.level"].browse([s.key for s in skipped])
        batch.contacts.append(
            {
                "debtor_id": debtor.id,
                "channel": self._channel,
                "skipped_level_ids": [Command.set(skipped.ids)],
                "episode": debtor.episode,
                "state": "skipped",
                "note": self.env._(
                    "Skipped: %(levels)s; a higher level (%(level)s) was already due.",
                    levels=", ".join(skipped.mapped("name")),
                    level=level.name,
                ),
            }
        )

    @api.model
    def _fallback_call(self, debtor, level, moves, today, reason, batch):
        """No usable e-mail address: the collector calls instead; never stuck."""
        self._activity(
            debtor,
            "mail.mail_activity_data_call",
            today,
            self.env._(
                "%(level)s: call instead (%(reason)s)", level=level.name, reason=reason
            ),
            batch,
        )
        return self._log(
            debtor,
            level,
            moves,
            batch,
            channel="call",
            state="done",
            failure_reason=reason,
        )

    @api.model
    def _activity(
        self, debtor, xmlid, date_deadline, summary, batch, user=None, note=None
    ):
        """Schedule an automated activity for the collector, created with the
        batch. No e-mail per activity: a run schedules hundreds of them, and
        they are listed in the collector's activities and queue anyway."""
        user = user or self._responsible(debtor, batch)
        if xmlid not in batch.activity_types:
            kind = self._ref(xmlid, batch)
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

    # === LOOKUPS === #
    @api.model
    def _ref(self, xmlid, batch):
        """``env.ref(xmlid)``, once per batch: it checks that the record
        exists, a query each time."""
        if xmlid not in batch.refs:
            batch.refs[xmlid] = self.env.ref(xmlid)
        return batch.refs[xmlid]

    @api.model
    def _responsible(self, debtor, batch=None):
        """The collector, else a Collections Manager of the company, else us."""
        if debtor.user_id:
            return debtor.user_id
        return self._manager(debtor, batch) or self.env.user

    @api.model
    def _manager(self, debtor, batch=None):
        """A Collections Manager of the debtor's company (read once a batch)."""
        company = debtor.company_id
        if batch is not None and company.id in batch.managers:
            return batch.managers[company.id]
        manager = company._collection_managers()[:1]
        if batch is not None:
            batch.managers[company.id] = manager
        return manager
