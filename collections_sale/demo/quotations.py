# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo quotations: a blocked customer, one with an open promise, one with an
active plan, and a clean one, all sold by the demo sales rep."""

import logging

from odoo import Command

from odoo.addons.collections_addon.demo.partners import REF_PATTERN

_logger = logging.getLogger(__name__)

DEMO_REFS = [REF_PATTERN % num for num in range(1, 31)]


def generate_quotations(env):
    """One quotation per case for the demo customers of collections_addon.

    Also holds orders of customers more than 30 days late (a demo setting), so
    the promise and the plan visibly lift a hold. Does nothing without the demo
    customers, or when their quotations exist.

    :param env: the install environment (superuser)
    """
    company = env.company
    debtors = env["collection.debtor"].search(
        [("company_id", "=", company.id), ("partner_id.ref", "in", DEMO_REFS)]
    )
    product = env["product.product"].search(
        [("sale_ok", "=", True), ("type", "=", "service")], limit=1
    ) or env["product.product"].search([("sale_ok", "=", True)], limit=1)
    if not debtors or not product:
        _logger.info("Collections for Sales demo skipped: no demo customers.")
        return
    Order = env["sale.order"].with_context(tracking_disable=True)
    if Order.search_count([("partner_id", "in", debtors.partner_id.ids)], limit=1):
        return
    company.collection_hold_days = 30
    blocked = debtors.filtered(lambda d: d.debtor_type == "fraudulent")[:1]
    promised = debtors.filtered(
        lambda d: any(p.state == "open" for p in d.promise_ids)
    )[:1]
    planned = debtors.filtered(lambda d: any(p.state == "active" for p in d.plan_ids))[
        :1
    ]
    clean = debtors.filtered(
        lambda d: d.amount_collectible <= 0
        and not d.promise_ids
        and not d.plan_ids
        and d.debtor_type != "fraudulent"
    )[:1].partner_id or env["res.partner"].create(
        {"name": "Newcomer Trading Ltd", "is_company": True}
    )
    rep = env.ref("base.user_demo", raise_if_not_found=False)
    partners = [blocked.partner_id, promised.partner_id, planned.partner_id, clean]
    Order.create(
        [
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "user_id": rep.id if rep else env.uid,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 5})
                ],
            }
            for partner in partners
            if partner
        ]
    )
