# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input over RPC, on every model: a clear error naming the field and the
rule, and nothing written. Cross-company reads over RPC are refused."""

import xmlrpc.client
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

MANAGER = "collections_addon.collections_addon_group_manager"
USER = "collections_addon.collections_addon_group_user"


@tagged("post_install", "-at_install")
class TestRpcBadInput(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._collection_today()
        company = cls.env.company
        cls.env["collection.policy"]._ensure_default_policy(company)
        cls.manager = new_test_user(
            cls.env,
            login="rpc_manager",
            email="rpc_manager@example.com",
            groups=f"base.group_user,base.group_system,{MANAGER}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "RPC Debtor", "is_company": True, "email": "rpc@debtor.test"}
        )
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.partner.id,
                "invoice_date": cls.today - timedelta(days=30),
                "invoice_date_due": cls.today - timedelta(days=10),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "x",
                            "quantity": 1,
                            "price_unit": 500.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        cls.invoice.action_post()
        cls.env["collection.ledger"]._refresh_company(company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.partner.id)]
        )
        cls.policy = cls.env["collection.policy"].search(
            [("company_id", "=", company.id), ("is_default", "=", True)]
        )
        cls.plan = cls.env["collection.plan"].create(
            {"debtor_id": cls.debtor.id, "invoice_ids": [Command.set(cls.invoice.ids)]}
        )
        cls.plan.action_generate_lines()

    def rpc(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.manager.id,
            "rpc_manager",
            model,
            method,
            list(args),
            kwargs,
        )

    def counts(self):
        return {
            model: self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_count([])
            for model in (
                "collection.debtor",
                "collection.policy",
                "collection.level",
                "collection.contact",
                "collection.promise",
                "collection.plan",
                "collection.plan.line",
                "collection.run",
            )
        }

    def assertRefused(self, pattern, model, method, *args, **kwargs):
        before = self.counts()
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(model, method, *args, **kwargs)
        self.assertRegex(caught.exception.faultString, pattern)
        self.env.invalidate_all()
        self.assertEqual(self.counts(), before)

    def test_bad_input_on_every_model(self):
        date = str(self.today + timedelta(days=5))
        past = str(self.today - timedelta(days=1))
        level = self.policy.level_ids[:1]
        cases = [
            (
                "override reason",
                "collection.debtor",
                "write",
                [self.debtor.id],
                {"debtor_type": "chronic"},
            ),
            (
                "Hold Reason",
                "collection.debtor",
                "write",
                [self.debtor.id],
                {"hold_until": date},
            ),
            (
                "own day|same day",
                "collection.policy",
                "create",
                {
                    "name": "Twice",
                    "level_ids": [
                        (0, 0, {"name": "A", "days": 7, "action": "email"}),
                        (0, 0, {"name": "B", "days": 7, "action": "call"}),
                    ],
                },
            ),
            (
                "default policy",
                "collection.policy",
                "create",
                {"name": "Second default", "is_default": True},
            ),
            (
                "Action of level",
                "collection.level",
                "create",
                {"policy_id": self.policy.id, "name": "No action", "days": 60},
            ),
            ("Fee", "collection.level", "write", [level.id], {"fee_amount": -1}),
            (
                "Minimum Amount",
                "collection.level",
                "write",
                [level.id],
                {"min_amount": -1},
            ),
            (
                "outcome",
                "collection.contact",
                "create",
                {"debtor_id": self.debtor.id, "outcome": "maybe"},
            ),
            (
                "Amount: a promise",
                "collection.promise",
                "create",
                {"debtor_id": self.debtor.id, "amount": 0, "date": date},
            ),
            (
                "Amount",
                "collection.promise",
                "create",
                {"debtor_id": self.debtor.id, "amount": -5, "date": date},
            ),
            (
                "more than the open debt",
                "collection.promise",
                "create",
                {"debtor_id": self.debtor.id, "amount": 501, "date": date},
            ),
            (
                "in the past",
                "collection.promise",
                "create",
                {"debtor_id": self.debtor.id, "amount": 100, "date": past},
            ),
            (
                "Down Payment",
                "collection.plan",
                "write",
                [self.plan.id],
                {"down_payment": -10},
            ),
            (
                "Installments",
                "collection.plan",
                "write",
                [self.plan.id],
                {"installment_count": 0},
            ),
            (
                "Schedule",
                "collection.plan",
                "create",
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [(6, 0, self.invoice.ids)],
                    "line_ids": [(0, 0, {"date_due": date, "amount": 100})],
                },
            ),
            (
                "Installment",
                "collection.plan.line",
                "write",
                [self.plan.line_ids[0].id],
                {"amount": 0},
            ),
            (
                "add up to 100",
                "res.company",
                "write",
                [self.env.company.id],
                {"collection_abc_a": 90},
            ),
            (
                "Exclusion Reason",
                "account.move",
                "write",
                [self.invoice.id],
                {"collection_excluded": True},
            ),
        ]
        for pattern, model, method, *args in cases:
            with self.subTest(model=model, pattern=pattern):
                self.assertRefused(pattern, model, method, *args)

    def test_cross_company_read_is_refused(self):
        other = self.env["res.company"].create({"name": "RPC Other Co"})
        foreign = self.env["collection.debtor"].create(
            {"partner_id": self.partner.id, "company_id": other.id}
        )
        collector = new_test_user(
            self.env,
            login="rpc_collector",
            groups=f"base.group_user,{USER}",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        own = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            collector.id,
            "rpc_collector",
            "collection.debtor",
            "read",
            [[self.debtor.id], ["amount_overdue"]],
        )
        self.assertEqual(own[0]["amount_overdue"], 500.0)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                collector.id,
                "rpc_collector",
                "collection.debtor",
                "read",
                [[foreign.id], ["amount_overdue"]],
            )
        self.assertIn("doesn't have 'read' access", caught.exception.faultString)
        found = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            collector.id,
            "rpc_collector",
            "collection.debtor",
            "search",
            [[("partner_id", "=", self.partner.id)]],
        )
        self.assertEqual(found, [self.debtor.id])
