# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the collections_sale tests (no test here).

A sales rep with Sales and Collections Viewer rights, a salesperson without
Viewer rights, a collector and two Collections Managers (one also sells);
customers whose debt the tests shape through the services, as the nightly
run would.
"""

from odoo import Command

from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import MANAGER, USER, VIEWER, CollectionsCommon

SALESMAN = "sales_team.group_sale_salesman"
SALES_ALL = "sales_team.group_sale_salesman_all_leads"
SALES_MANAGER = "sales_team.group_sale_manager"
BANNER_FIELDS = [
    "collection_debtor_id",
    "collection_currency_id",
    "collection_amount_collectible",
    "collection_has_overdue",
    "collection_hold",
    "collection_banner_html",
]


class SaleCollectionsCommon(CollectionsCommon):
    """Orders of indebted customers, with every hold rule off but the type."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref(SALES_MANAGER)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.rep = cls.sales_user("sale_rep", f"{SALESMAN},{VIEWER}")
        cls.rep_plain = cls.sales_user("sale_plain", SALESMAN)
        cls.sale_collector = cls.sales_user("sale_coll", f"{SALES_ALL},{USER}")
        cls.sale_manager = cls.sales_user("sale_mgr", f"{SALES_ALL},{MANAGER}")
        cls.selling_manager = cls.sales_user("sale_mgr2", f"{SALES_ALL},{MANAGER}")
        cls.levels = cls.env["collection.level"].search(
            [("company_id", "=", company.id), ("policy_id.is_default", "=", True)],
            order="days, sequence, id",
        )
        cls.demand = cls.levels.filtered(lambda lv: lv.action == "demand")[:1]
        cls.first_reminder = cls.levels.filtered(lambda lv: lv.days > 0)[:1]
        company.sudo().write(
            {
                "collection_hold_level_id": False,
                "collection_hold_debtor_type": "fraudulent",
                "collection_hold_amount": 0.0,
                "collection_hold_days": 0,
                "collection_hold_plan_defaulted": True,
                "collection_hold_commitment_lifts": True,
            }
        )
        cls.clean = cls.env["res.partner"].create(
            {"name": "Clean Customer Ltd", "is_company": True}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Consulting day", "type": "service", "list_price": 800.0}
        )

    # --- helpers --------------------------------------------------------------
    @classmethod
    def sales_user(cls, login, groups):
        return cls.collections_user(login, groups)

    @classmethod
    def make_order(cls, partner=None, user=None, **vals):
        """A quotation of ``partner`` sold by ``user`` (default: the sales rep)."""
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "user_id": (user or cls.rep).id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 2})
                ],
                **vals,
            }
        )

    @classmethod
    def indebted(cls, amount=1200.0, days=45, partner=None):
        """An invoice of ``partner`` ``days`` overdue, then the refresh."""
        cls.make_invoice(amount, -days, partner=partner)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        return cls.env["collection.debtor"].search(
            [
                ("partner_id", "=", (partner or cls.customer).id),
                ("company_id", "=", cls.env.company.id),
            ]
        )

    @classmethod
    def set_level(cls, debtor, level, **vals):
        """What the run does when it takes ``level``."""
        system_env(debtor).write({"level_id": level.id, **vals})

    @classmethod
    def promise(cls, debtor, amount=300.0, in_days=5):
        return (
            cls.env["collection.promise"]
            .with_user(cls.sale_collector)
            .create(
                {
                    "debtor_id": debtor.id,
                    "amount": amount,
                    "date": cls.days(in_days),
                }
            )
        )

    @classmethod
    def plan(cls, debtor, count=3):
        """An active plan on the debtor's overdue invoices."""
        moves = cls.env["account.move"].search(
            [
                ("commercial_partner_id", "=", debtor.partner_id.id),
                ("company_id", "=", debtor.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ]
        )
        plan = (
            cls.env["collection.plan"]
            .with_user(cls.sale_collector)
            .create(
                {
                    "debtor_id": debtor.id,
                    "invoice_ids": [Command.set(moves.ids)],
                    "installment_count": count,
                }
            )
        )
        plan.action_submit()
        return plan.with_user(cls.env.user)

    def settings(self, **vals):
        self.env.company.sudo().write(
            {f"collection_hold_{name}": value for name, value in vals.items()}
        )

    def banner(self, order, user=None):
        """The order's banner as the given user reads it (default: the rep)."""
        order = order.with_user(user or self.rep)
        order.invalidate_recordset(BANNER_FIELDS)
        return order.collection_banner_html or ""
