# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CollectionHoldRelease(models.TransientModel):
    _name = "collection.hold.release"
    _description = "Release a Credit Hold"

    # === FIELDS === #
    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    banner_html = fields.Html(
        related="order_id.collection_banner_html", string="Hold", readonly=True
    )
    reason = fields.Text(
        required=True,
        help="Why this order may be confirmed despite the hold: it is logged on the "
        "order and in the debtor's contact log.",
    )

    # === ACTIONS === #
    def action_release(self):
        self.ensure_one()
        self.order_id.action_collection_release_hold(self.reason)
        return {"type": "ir.actions.act_window_close"}
