# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .collection_guard import system_env


class MailMail(models.Model):
    _inherit = "mail.mail"

    # === BUSINESS / HOOKS === #
    def _postprocess_sent_message(self, success_pids, failure_reason=False, **kwargs):
        """Settle the contact entries of these mails: sent only when really sent.

        Odoo's mail queue calls this once a mail was handed to the SMTP server
        or failed, so a reminder is never marked sent by the run that queued
        it. A failed one stays failed; the next run retries the same mail.
        """
        contacts = (
            self.env["collection.contact"]
            .sudo()
            .search([("mail_id", "in", self.ids), ("state", "in", ("pending",))])
        )
        if contacts:
            system_env(contacts)._collection_settle_mail()
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, **kwargs
        )
