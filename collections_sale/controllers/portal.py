# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.sale.controllers import portal


class CustomerPortal(portal.CustomerPortal):
    @http.route()
    def portal_quote_accept(
        self, order_id, access_token=None, name=None, signature=None
    ):
        """Refuse the acceptance of a quotation on credit hold before its
        signature is saved. The confirmation itself checks the hold again
        (``sale.order.action_confirm``): this only says it kindly."""
        token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=token
            )
        except (AccessError, MissingError):
            order_sudo = None
        if order_sudo:
            refusal = request.env["collection.sale.hold"]._online_refusal(order_sudo)
            if refusal:
                return {"error": refusal}
        return super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )
