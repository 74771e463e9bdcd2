# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import CollectionsCommon

# model -> (viewer, user, manager) rights as "rwcu" letters
EXPECTED = {
    "collection.debtor": ("r", "rwc", "rwcu"),
    "collection.policy": ("r", "r", "rwcu"),
    "collection.level": ("r", "r", "rwcu"),
    "collection.contact": ("r", "rwc", "rwcu"),
    "collection.run": ("", "r", "rwcu"),
    "collection.promise": ("r", "rwc", "rwcu"),
    "collection.plan": ("r", "rwc", "rwcu"),
    "collection.plan.line": ("r", "rwcu", "rwcu"),
}
# Accounting models: Collections groups imply no accounting group; collectors
# read customer documents (ir_rules.xml narrows the rows), write none of them.
EXPECTED_ACCOUNTING = {
    "account.move": ("", "r", "r"),
    "account.move.line": ("", "r", "r"),
    "account.journal": ("", "r", "r"),
    "account.payment": ("", "", ""),
    "account.payment.register": ("", "", ""),
    "account.partial.reconcile": ("", "", ""),
    "account.bank.statement.line": ("", "", ""),
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccessRights(CollectionsCommon):
    """Every model x every group x read/write/create/unlink, and company rules."""

    def test_model_access_per_group(self):
        users = (self.viewer, self.collector, self.manager)
        for model, rights in EXPECTED.items():
            for user, allowed in zip(users, rights, strict=True):
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, user=user.login, op=operation):
                        has = self.env[model].with_user(user).has_access(operation)
                        self.assertEqual(has, letter in allowed)

    def test_accounting_access_per_group(self):
        """No Collections group writes accounting data; collectors read it."""
        users = (self.viewer, self.collector, self.manager)
        for model, rights in EXPECTED_ACCOUNTING.items():
            for user, allowed in zip(users, rights, strict=True):
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, user=user.login, op=operation):
                        has = self.env[model].with_user(user).has_access(operation)
                        self.assertEqual(has, letter in allowed)

    def test_company_rules_on_every_model(self):
        company_2 = self.setup_other_company()["company"]
        self.env["collection.policy"]._ensure_default_policy(
            self.env.company | company_2
        )
        invoice_2 = self.make_invoice(100.0, -10, company=company_2)
        self.env["collection.ledger"]._refresh_company(company_2)
        debtor_2 = self.env["collection.debtor"].search(
            [("company_id", "=", company_2.id)]
        )
        contact_2 = self.env["collection.contact"].create(
            {"debtor_id": debtor_2.id, "outcome": "reached"}
        )
        # The run log is written by the engine only.
        run_2 = system_env(self.env["collection.run"]).create(
            {"company_id": company_2.id, "date": self.today}
        )
        policy_2 = self.env["collection.policy"].search(
            [("company_id", "=", company_2.id)]
        )
        promise_2 = self.env["collection.promise"].create(
            {"debtor_id": debtor_2.id, "amount": 40.0, "date": self.days(3)}
        )
        plan_2 = self.env["collection.plan"].create(
            {
                "debtor_id": debtor_2.id,
                "invoice_ids": [Command.set(invoice_2.ids)],
                "installment_count": 2,
            }
        )
        plan_2.action_generate_lines()
        records = (
            debtor_2,
            contact_2,
            run_2,
            policy_2,
            policy_2.level_ids[:1],
            promise_2,
            plan_2,
            plan_2.line_ids[:1],
        )
        for record in records:
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    record.with_user(self.manager).read(["id"])
                self.assertFalse(
                    record.with_user(self.manager).search([("id", "=", record.id)])
                )
        # Given the second company, the same manager sees them.
        self.manager.write({"company_ids": [Command.link(company_2.id)]})
        visible = debtor_2.with_user(self.manager).with_context(
            allowed_company_ids=[company_2.id]
        )
        self.assertEqual(visible.read(["amount_overdue"])[0]["amount_overdue"], 100.0)
        self.assertEqual(visible.promise_ids, promise_2)
        self.assertEqual(visible.plan_ids, plan_2)

    def test_the_run_log_is_read_only_for_everyone(self):
        run = system_env(self.env["collection.run"]).create(
            {"company_id": self.env.company.id, "date": self.today}
        )
        run = run.with_env(self.env)
        with self.assertRaises(AccessError):
            self.env["collection.run"].with_user(self.manager).create(
                {"company_id": self.env.company.id, "date": self.today}
            )
        with self.assertRaises(AccessError):
            run.with_user(self.manager).write({"action_count": 99})
        with self.assertRaisesRegex(UserError, "evidence"):
            run.with_user(self.manager).unlink()
