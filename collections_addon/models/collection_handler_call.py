# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CollectionHandlerCall(models.AbstractModel):
    """Phone call: an activity for the collector, logged as done."""

    _name = "collection.handler.call"
    _inherit = "collection.handler"
    _description = "Collections: Phone Call"

    _channel = "call"

    @api.model
    def _take(self, debtor, level, moves, today, batch):
        activity_type = level.activity_type_id
        self._activity(
            debtor,
            activity_type.get_external_id().get(activity_type.id)
            or "mail.mail_activity_data_call",
            today,
            level.name,
            batch,
            note=level.letter_text or False,
        )
        return self._log(
            debtor,
            level,
            moves,
            batch,
            state="done",
            note=self.env._(
                "Call scheduled for %(user)s.",
                user=self._responsible(debtor, batch).name,
            ),
        )
