# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from .selections import SALES_CHANNELS


def _keep_sales_entries(contacts):
    """On uninstall, keep the release entries (the log is append-only and its
    channel never changes through the ORM): they become meetings."""
    if contacts:
        contacts.env.cr.execute(
            SQL(
                "UPDATE collection_contact SET channel = 'meeting' WHERE id IN %s",
                tuple(contacts.ids),
            )
        )
        contacts.invalidate_recordset(["channel"])


class CollectionContact(models.Model):
    _inherit = "collection.contact"

    # === FIELDS === #
    # A credit hold released on an order is logged with the debtor's contacts.
    channel = fields.Selection(
        selection_add=SALES_CHANNELS,
        ondelete={"sales": _keep_sales_entries},
    )
