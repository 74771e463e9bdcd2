# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command, api, models

_logger = logging.getLogger(__name__)

# How many letters one wkhtmltopdf process renders at most.
LETTER_BATCH = 25


class CollectionHandlerLetter(models.AbstractModel):
    """Letter: the PDF of the level, to post, and e-mailed when possible."""

    _name = "collection.handler.letter"
    _inherit = "collection.handler"
    _description = "Collections: Letter"

    _channel = "letter"
    # Handlers whose action prints the letter report render it together.
    _renders_letter = True

    @api.model
    def _prepare_batch(self, batch, todo, big_lines=None):
        """Render the letters of the next letter actions of ``todo`` together:
        one wkhtmltopdf process for up to :data:`LETTER_BATCH` letters instead
        of one each. The batch stops before a debtor with more than
        ``big_lines`` open lines (it gets a cron slice of its own). A batch
        that fails is logged; each letter is then rendered by :meth:`_take`.
        """
        levels = {}
        for index, (debtor_id, decision) in enumerate(todo):
            handler = self._for_action(decision.level_record.action)
            if not getattr(handler, "_renders_letter", False):
                continue
            if index and big_lines and decision.line_count > big_lines:
                break
            levels[debtor_id] = decision.level_record.id
            if len(levels) == LETTER_BATCH:
                break
        batch.prepared.update(levels)
        batch.prepared.add(todo[0][0])
        if len(levels) < 2:
            return
        debtors = self.env["collection.debtor"].browse(list(levels))
        try:
            with self.env.cr.savepoint():
                batch.letters.update(
                    self.env["collection.document"]._letter_pdfs(
                        debtors, levels, batch.today
                    )
                )
        except Exception as error:  # noqa: BLE001 - one by one instead
            _logger.warning("Collections: a batch of letters failed: %s", error)

    @api.model
    def _take(self, debtor, level, moves, today, batch):
        failed = self._failed_contact(debtor, level, batch)
        if failed:
            return self._retry(failed)
        attachment = self.env["collection.document"]._letter_attachment(
            debtor, level, today, rendered=batch.letters.get(debtor.id)
        )
        self._activity(
            debtor,
            "collections_addon.mail_activity_collection_post_letter",
            today,
            self.env._("Post %(document)s", document=attachment.name),
            batch,
        )
        recipient = debtor.letter_partner_id
        vals = {
            "attachment_ids": [Command.set(attachment.ids)],
            "contact_partner_id": debtor.partner_id._collection_contact(
                "decision_maker"
            ).id,
        }
        if not recipient:  # printed and posted only
            return self._log(debtor, level, moves, batch, state="done", **vals)
        template = level.mail_template_id or self._ref(
            "collections_addon.mail_template_collection_letter", batch
        )
        return self._mail_contact(
            debtor, level, moves, template, recipient, batch, attachment, **vals
        )


class CollectionHandlerDemand(models.AbstractModel):
    """Formal demand letter: a letter of the formal tone (its own template)."""

    _name = "collection.handler.demand"
    _inherit = "collection.handler.letter"
    _description = "Collections: Formal Demand Letter"
