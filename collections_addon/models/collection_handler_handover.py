# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models

from .collection_guard import system_env


class CollectionHandlerLegal(models.AbstractModel):
    """Legal hand-over: the debtor's stage changes and a manager gets the pack."""

    _name = "collection.handler.legal"
    _inherit = "collection.handler"
    _description = "Collections: Legal Hand-over"

    _channel = "letter"
    _stage = "legal"

    @api.model
    def _take(self, debtor, level, moves, today, batch):
        system_env(debtor).write({"stage": self._stage})
        pack = self.env["collection.document"]._handover_attachment(
            debtor, level, today
        )
        manager = self._responsible(debtor, batch)
        if manager not in debtor.company_id._collection_managers():
            manager = self._manager(debtor, batch) or manager
        self._activity(
            debtor,
            "collections_addon.mail_activity_collection_handover",
            today,
            self.env._(
                "Hand %(debtor)s over: %(level)s", debtor=debtor.name, level=level.name
            ),
            batch,
            user=manager,
        )
        return self._log(
            debtor,
            level,
            moves,
            batch,
            state="done",
            attachment_ids=[Command.set(pack.ids)],
            note=self.env._("Hand-over pack prepared for %(user)s.", user=manager.name),
        )


class CollectionHandlerAgency(models.AbstractModel):
    """Agency hand-over: as the legal one, to a collection agency."""

    _name = "collection.handler.agency"
    _inherit = "collection.handler.legal"
    _description = "Collections: Agency Hand-over"

    _stage = "agency"
