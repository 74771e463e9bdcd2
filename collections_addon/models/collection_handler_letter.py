# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command, api, models

_logger = logging.getLogger(__name__)

# The level actions that print a letter, and how many letters one
# wkhtmltopdf process renders at most.
LETTER_ACTIONS = frozenset({"letter", "demand"})
LETTER_BATCH = 25


class CollectionHandlerLetter(models.AbstractModel):
    """Letter: the PDF of the level, to post, and e-mailed when possible."""

    _name = "collection.handler.letter"
    _inherit = "collection.handler"
    _description = "Collections: Letter"

    @api.model
    def _render_batch(self, todo, big_lines=None):
        """The letters of the next letter levels of ``todo``, in one batch.

        One wkhtmltopdf process for up to :data:`LETTER_BATCH` letters
        instead of one each. The batch stops before a debtor with more than
        ``big_lines`` open lines (it gets a cron slice of its own). A batch that
        fails is logged; each letter is then rendered by :meth:`_take`.

        :param todo: the run's ``(debtor_id, decision)`` still to act on
        :return: ``{debtor_id: (content, type)}``
        """
        levels = {}
        for index, (debtor_id, decision) in enumerate(todo):
            if decision.level_record.action not in LETTER_ACTIONS:
                continue
            if index and big_lines and decision.line_count > big_lines:
                break
            levels[debtor_id] = decision.level_record.id
            if len(levels) == LETTER_BATCH:
                break
        if len(levels) < 2:
            return {}
        debtors = self.env["collection.debtor"].browse(list(levels))
        try:
            with self.env.cr.savepoint():
                return self.env["collection.document"]._letter_pdfs(debtors, levels)
        except Exception as error:  # noqa: BLE001 - one by one instead
            _logger.warning("Collections: a batch of letters failed: %s", error)
            return {}

    @api.model
    def _take(self, debtor, level, moves, today, rendered=None):
        failed = self._failed_contact(debtor, level)
        if failed:
            return self._retry(failed)
        attachment = self.env["collection.document"]._letter_attachment(
            debtor, level, rendered=rendered
        )
        self._activity(
            debtor,
            "collections_addon.mail_activity_collection_post_letter",
            today,
            self.env._("Post %(document)s", document=attachment.name),
        )
        partner = debtor.partner_id
        recipient = self._recipient(debtor, "decision_maker")
        vals = {
            "attachment_ids": [Command.set(attachment.ids)],
            "contact_partner_id": partner._collection_contact("decision_maker").id,
        }
        if not recipient:  # printed and posted only
            contact = self._create_contact(
                debtor, level, "letter", moves, state="done", **vals
            )
            return {"contact": contact}
        template = level.mail_template_id or self._ref(
            "collections_addon.mail_template_collection_letter"
        )
        return self._mail_contact(
            debtor, level, "letter", moves, template, recipient, attachment, **vals
        )


class CollectionHandlerDemand(models.AbstractModel):
    """Formal demand letter: a letter of the formal tone (its own template)."""

    _name = "collection.handler.demand"
    _inherit = "collection.handler.letter"
    _description = "Collections: Formal Demand Letter"
