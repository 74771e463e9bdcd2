# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCollectionsTour(HttpCase):
    """The web client builds its assets with the addon and opens Collections."""

    def test_open_collections_menu(self):
        today = fields.Date.context_today(self.env.user)
        partner = self.env["res.partner"].create(
            {"name": "Tour Debtor Ltd", "is_company": True}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": today - timedelta(days=40),
                "invoice_date_due": today - timedelta(days=10),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Consulting", "quantity": 1, "price_unit": 950.0}
                    )
                ],
            }
        )
        invoice.action_post()
        self.env["collection.ledger"]._refresh_companies(self.env.company)
        # One escalation run puts the debtor in a level column of the kanban;
        # its mails are only queued.
        self.env["collection.escalation"]._run_company(self.env.company)
        self.start_tour("/odoo", "collections_addon_open_menu", login="admin")
