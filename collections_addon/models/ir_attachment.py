# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The run's letters, statements and hand-over packs are stored on the debtor:
they list the open items, which printing refuses to Viewers, so reading them
is refused to Viewers too (a Viewer reads the debtor, not its documents)."""

from odoo import api, models
from odoo.exceptions import AccessError

from .collection_guard import USER

# Models whose attachments are Collections documents.
DOCUMENT_MODELS = ("collection.debtor",)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values)
        if self._collection_denied():
            models_ = {values.get("res_model")} if values else set()
            if self:
                self.flush_model(["res_model"])
                models_ |= set(self.sudo().mapped("res_model"))
            if models_ & set(DOCUMENT_MODELS):
                raise AccessError(
                    self.env._(
                        "The letters, statements and hand-over packs of a debtor "
                        "list its open items: reading them needs the Collections "
                        "User rights, which %(user)s does not have.",
                        user=self.env.user.name,
                    )
                )
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self._collection_denied():
            domain = [*domain, ("res_model", "not in", DOCUMENT_MODELS)]
        return super()._search(domain, offset, limit, order)

    @api.model
    def _collection_denied(self):
        """A user who may not read the debtors' documents."""
        return not self.env.su and not self.env.user.has_group(USER)
