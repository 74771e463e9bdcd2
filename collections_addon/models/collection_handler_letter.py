# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models


class CollectionHandlerLetter(models.AbstractModel):
    """Letter: the PDF of the level, to post, and e-mailed when possible."""

    _name = "collection.handler.letter"
    _inherit = "collection.handler"
    _description = "Collections: Letter"

    @api.model
    def _take(self, debtor, level, moves, today):
        failed = self._failed_contact(debtor, level)
        if failed:
            return self._retry(failed)
        attachment = self.env["collection.document"]._letter_attachment(debtor, level)
        self._activity(
            debtor,
            "collections_addon.mail_activity_collection_post_letter",
            today,
            self.env._("Post %(document)s", document=attachment.name),
        )
        partner = debtor.partner_id
        recipient = self._recipient(debtor, "decision_maker")
        vals = {
            "state": "done",
            "attachment_ids": [Command.set(attachment.ids)],
            "contact_partner_id": partner._collection_contact("decision_maker").id,
        }
        result = {}
        if recipient:
            template = level.mail_template_id or self.env.ref(
                "collections_addon.mail_template_collection_letter"
            )
            mail = self._mail(debtor, template, recipient, attachment)
            vals.update(state="pending", mail_id=mail.id)
            result["mail"] = mail
        result["contact"] = self._create_contact(debtor, level, "letter", moves, **vals)
        return result


class CollectionHandlerDemand(models.AbstractModel):
    """Formal demand letter: a letter of the formal tone (its own template)."""

    _name = "collection.handler.demand"
    _inherit = "collection.handler.letter"
    _description = "Collections: Formal Demand Letter"
