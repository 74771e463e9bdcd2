# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models

from .collection_guard import MANAGER, system_env

# The contact log's channel of each level action.
ACTION_CHANNEL = {
    "email": "email",
    "call": "call",
    "letter": "letter",
    "demand": "letter",
    "legal": "letter",
    "agency": "letter",
}


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
    def _take(self, debtor, level, moves, today):
        """Run the action of ``level`` for ``debtor``.

        :param moves: the invoices that made the level due
        :return: dict with ``contact`` and, for e-mails, ``mail`` (queued) and
            ``retried``
        """
        raise NotImplementedError

    # === BUSINESS / HOOKS === #
    @api.model
    def _create_contact(self, debtor, level, channel, moves, **extra):
        """An automatic entry of the contact log (evidence: append-only)."""
        vals = {
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
        return (
            system_env(self.env["collection.contact"]).create(vals).with_env(self.env)
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
        return self.env.ref(MANAGER).users.filtered(
            lambda u: debtor.company_id in u.company_ids and not u.share and u.id != 1
        )[:1]

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
        return self.env["collection.contact"].search(
            [
                ("debtor_id", "=", debtor.id),
                ("level_id", "=", level.id),
                ("episode", "=", debtor.episode),
                ("state", "=", "failed"),
                ("mail_id", "!=", False),
            ],
            limit=1,
        )

    @api.model
    def _retry(self, contact):
        """Queue the same mail again: a retry never renders a second mail."""
        contact.mail_id.sudo().write(
            {"state": "outgoing", "failure_reason": False, "failure_type": False}
        )
        system_env(contact).write({"state": "pending", "failure_reason": False})
        return {"contact": contact, "mail": contact.mail_id, "retried": True}

    @api.model
    def _mail(self, debtor, template, recipient, attachments=None):
        """Queue ``template`` for ``debtor`` in the recipient's language.

        The mail is only created here, in the run's transaction; Odoo's mail
        queue sends it after the commit and settles the contact entry.
        """
        mail_id = template.with_context(
            lang=recipient.lang or debtor.partner_id.lang
        ).send_mail(
            debtor.id,
            force_send=False,
            email_layout_xmlid="mail.mail_notification_light",
            email_values={
                "recipient_ids": [Command.set(recipient.ids)],
                "attachment_ids": [Command.set(attachments.ids if attachments else [])],
                "auto_delete": False,
            },
        )
        return self.env["mail.mail"].sudo().browse(mail_id)

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
        return debtor.with_context(mail_activity_quick_update=True).activity_schedule(
            xmlid,
            date_deadline=date_deadline,
            summary=summary,
            note=note,
            user_id=(user or self._responsible(debtor)).id,
        )
