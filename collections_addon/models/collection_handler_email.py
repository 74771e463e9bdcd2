# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CollectionHandlerEmail(models.AbstractModel):
    """E-mail reminder: a mail in the partner's language, retried if it failed."""

    _name = "collection.handler.email"
    _inherit = "collection.handler"
    _description = "Collections: E-mail Reminder"

    _channel = "email"

    @api.model
    def _take(self, debtor, level, moves, today, batch):
        failed = self._failed_contact(debtor, level, batch)
        if failed:
            return self._retry(failed)
        recipient = debtor.reminder_partner_id
        if not recipient:
            return self._fallback_call(
                debtor,
                level,
                moves,
                today,
                self.env._("no usable e-mail address"),
                batch,
            )
        template = level.mail_template_id or self._ref(
            "collections_addon.mail_template_collection_reminder", batch
        )
        return self._mail_contact(
            debtor,
            level,
            moves,
            template,
            recipient,
            batch,
            contact_partner_id=recipient.id,
        )
