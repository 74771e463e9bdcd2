# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    # === CRUD === #
    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "cancel":
            # Odoo never post-processes a cancelled mail.
            self.env["collection.contact"]._settle_mails(self)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_settle_collection_contacts(self):
        """A mail deleted before it went out leaves no entry pending."""
        pending = self.filtered(lambda mail: mail.state not in ("sent", "exception"))
        if pending:
            self.env["collection.contact"]._settle_mails(pending, deleted=True)

    # === BUSINESS / HOOKS === #
    def _postprocess_sent_message(self, success_pids, failure_reason=False, **kwargs):
        """Settle the contact entries of these mails: sent only when really sent.

        Odoo's mail queue calls this once a mail was handed to the SMTP server
        or failed, so a reminder is never marked sent by the run that queued
        it. A failed one stays failed; the next run retries the same mail.
        """
        self.env["collection.contact"]._settle_mails(self)
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, **kwargs
        )
