# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class CollectionHoldRelease(models.TransientModel):
    _name = "collection.hold.release"
    _description = "Release a Credit Hold"

    # === FIELDS === #
    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    banner_html = fields.Html(
        string="Hold", compute="_compute_banner_html", sanitize=False
    )
    reason = fields.Text(
        required=True,
        help="Why this order may be confirmed despite the hold: it is logged on the "
        "order and in the debtor's contact log.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("order_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_banner_html(self):
        """The order's banner as the manager reads it (never as superuser):
        nothing for an order the manager cannot open."""
        for wizard in self:
            order = wizard.order_id._filtered_access("read")
            wizard.banner_html = order.collection_banner_html if order else False

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("order_id")
    def _check_order_id(self):
        """Only an order the manager can open (its company is one of theirs,
        and they have Sales rights on it)."""
        for wizard in self:
            if not wizard.order_id._filtered_access("read"):
                raise AccessError(
                    self.env._(
                        "Release a credit hold: you cannot open order #%(order)s "
                        "(it belongs to a company you do not work in, or you have "
                        "no Sales rights on it).",
                        order=wizard.order_id.id,
                    )
                )

    # === ACTIONS === #
    def action_release(self):
        self.ensure_one()
        self.order_id.action_collection_release_hold(self.reason)
        return {"type": "ir.actions.act_window_close"}
