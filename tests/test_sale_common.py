# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the collections_sale tests (no test here).

A sales rep with Sales and Collections Viewer rights, a salesperson without
Viewer rights, a collector and two Collections Managers (one also sells);
customers whose debt the tests shape through the services, as the nightly
run would. :class:`HoldGuardCommon` adds customers on hold, a second company
sharing a customer, and the roles that attack the hold.
"""

from odoo import Command
from odoo.api import call_kw
from odoo.tests import new_test_user

from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import MANAGER, USER, VIEWER, CollectionsCommon

SALESMAN = "sales_team.group_sale_salesman"
SALES_ALL = "sales_team.group_sale_salesman_all_leads"
SALES_MANAGER = "sales_team.group_sale_manager"
BANNER_FIELDS = [
    "collection_currency_id",
    "collection_amount_collectible",
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


class HoldGuardCommon(SaleCollectionsCommon):
    """Customers on credit hold (45 and 60 days late, the hold above 30
    days), a clean one, a second company where the held customer also owes,
    with its own sales manager and order, and the roles that attack the hold.

    The attacks go through :meth:`call`, which runs ``model.method(*args,
    **kwargs)`` as ``user`` the way ``execute_kw`` does (``call_kw``): a test
    class runs them through ``with_user`` (here) or through a real JSON-RPC
    call (``test_sale_attack_rpc.py``), with the same assertions.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.sudo().collection_hold_days = 30
        cls.debtor = cls.indebted(1200.0, 45)
        cls.debtor_b = cls.indebted(900.0, 60, partner=cls.customer_b)
        cls.company_b = cls.setup_other_company(name="Hold Company B")["company"]
        cls.company_b.sudo().collection_hold_days = 30
        cls.make_invoice(700.0, -50, company=cls.company_b)
        cls.env["collection.ledger"]._refresh_company(cls.company_b)
        cls.other_user = new_test_user(
            cls.env,
            login="sale_other",
            email="sale_other@example.com",
            groups=f"base.group_user,{SALES_ALL},{MANAGER}",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.order_b = (
            cls.env["sale.order"]
            .with_company(cls.company_b)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company_b.id,
                    "user_id": cls.other_user.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                }
            )
        )
        # Sales administrators edit customers (their one2many of orders too).
        cls.sales_admin = cls.sales_user("sale_admin", SALES_MANAGER)
        cls.roles = {
            "sales rep": cls.rep,
            "collector": cls.sale_collector,
            "manager": cls.sale_manager,
            "viewer": cls.viewer,
            "other company": cls.other_user,
        }

    # --- the caller ------------------------------------------------------------
    def call(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user``, in a savepoint (what a
        refused call wrote is rolled back, as its request would be).

        :return: ``{"result": ...}`` or ``{"error": {"name": ..., "message":
            ...}}``, as a JSON-RPC answer
        """
        env = self.env(user=user, su=False)
        try:
            with self.env.cr.savepoint():
                result = call_kw(env[model], method, list(args), dict(kwargs))
                env.flush_all()
        except Exception as error:  # noqa: BLE001 - the answer tells the test
            self.env.invalidate_all()
            kind = type(error)
            return {
                "error": {
                    "name": f"{kind.__module__}.{kind.__name__}",
                    "message": str(error),
                }
            }
        self.env.invalidate_all()
        return {"result": result}

    def assertRefused(self, answer, exception, pattern="."):
        """The answer is an error of exactly ``exception`` whose message
        matches ``pattern`` (never a Python error)."""
        error = answer.get("error")
        self.assertTrue(error, f"not refused, answered {answer.get('result')!r}")
        message = error.get("data", error).get("message")
        name = error.get("data", error).get("name")
        self.assertEqual(name, f"odoo.exceptions.{exception.__name__}", message)
        self.assertRegex(message, pattern)
        return message

    def assertAllowed(self, answer):
        error = answer.get("error")
        self.assertFalse(error, error and error.get("data", error).get("message"))
        return answer["result"]

    # --- helpers ---------------------------------------------------------------
    def confirmed(self, partner=None, user=None):
        """A confirmed order of ``partner`` (default: the clean customer)."""
        order = self.make_order(partner or self.clean, user=user)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        return order

    def released(self, order=None, manager=None):
        """A quotation of the held customer, released by a manager."""
        order = order or self.make_order()
        order.with_user(manager or self.sale_manager).action_collection_release_hold(
            "Paid by bank transfer this morning."
        )
        return order

    def line_vals(self, quantity=10000):
        return {"product_id": self.product.id, "product_uom_qty": quantity}
