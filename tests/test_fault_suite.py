# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Faults with real, committed connections: concurrent payments and postings,
a second run, a crash between batches.

Each test works in cursors of its own (``registry.cursor()``) that commit, as
the cron worker and the accountants' requests do; the test's own transaction
cannot see their commits, so it is not used for data.
"""

import contextlib
from datetime import timedelta

from odoo import Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

SUPERUSER_ID = 1


@tagged("post_install", "-at_install")
class TestFaultsTwoConnections(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        with cls.committed() as env:
            company = env["res.company"].search([("name", "=", "Fault Co")])
            if not company:
                company = env["res.company"].create({"name": "Fault Co"})
                env["account.chart.template"].try_loading(
                    "generic_coa", company=company, install_demo=False
                )
            cls.company_id = company.id
            env.user.company_ids |= company

    @classmethod
    @contextlib.contextmanager
    def committed(cls, rollback=False):
        """An environment on a connection of its own, committed at the end."""
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].browse(getattr(cls, "company_id", False))
            if company:
                env = env(context={"allowed_company_ids": company.ids})
            yield env
            if rollback:
                cr.rollback()

    @classmethod
    def make_debtors(cls, env, count, overdue_days=5, tag="F"):
        """``count`` customers, each with one invoice overdue ``overdue_days``."""
        company = env.company
        partners = env["res.partner"].create(
            [
                {
                    "name": f"{tag} {cls.__name__} {i}",
                    "is_company": True,
                    "email": f"{tag.lower()}{i}@fault.test",
                }
                for i in range(count)
            ]
        )
        moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_date": cls.today - timedelta(days=overdue_days + 10),
                    "invoice_date_due": cls.today - timedelta(days=overdue_days),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Goods",
                                "quantity": 1,
                                "price_unit": 100.0 + i,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for i, partner in enumerate(partners)
            ]
        )
        moves.action_post()
        env["collection.policy"]._ensure_default_policy(company)
        env["collection.ledger"]._refresh_company(company)
        return partners, moves

    def taken(self, env, partners):
        return env["collection.contact"].search(
            [("partner_id", "in", partners.ids), ("state", "not in", ("skipped",))]
        )

    def test_payment_reconciled_between_decision_and_action(self):
        with self.committed() as env:
            partners, moves = self.make_debtors(env, 2, tag="Pay")
        Engine = type(self.env["collection.escalation"])
        original = Engine._decide

        def decide_then_pay(engine, company, today, open_sql, policies=None):
            decisions = original(engine, company, today, open_sql, policies)
            # An accountant reconciles a payment on another connection, now.
            with self.committed() as other:
                invoice = other["account.move"].browse(moves[0].id)
                other["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create({"payment_date": self.today})._create_payments()
            return decisions

        with self.committed() as env:
            Engine._decide = decide_then_pay
            try:
                _run, stats = env["collection.escalation"]._run_company(env.company)
            finally:
                Engine._decide = original
        with self.committed() as env:
            paid, unpaid = partners
            self.assertFalse(self.taken(env, paid))
            self.assertEqual(len(self.taken(env, unpaid)), 1)
            self.assertEqual(stats.concurrent_count, 1)

    def test_invoice_posted_during_the_run_does_not_wait(self):
        with self.committed() as env:
            partners, _moves = self.make_debtors(env, 3, tag="Post")
        with self.committed(rollback=True) as run_env:
            run_env["collection.escalation"]._run_company(run_env.company)
            self.assertEqual(len(self.taken(run_env, partners)), 3)
            # The run's transaction is still open, holding its locks.
            with self.committed() as accountant:
                accountant.cr.execute("SET LOCAL lock_timeout = '3s'")
                invoice = accountant["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partners[0].id,
                        "invoice_date": self.today,
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "More", "quantity": 1, "price_unit": 10.0}
                            )
                        ],
                    }
                )
                invoice.action_post()
                self.assertEqual(invoice.state, "posted")

    def test_run_now_queued_while_the_scheduled_run_holds_the_lock(self):
        """Run now never waits for the running slice: it only queues a request."""
        with self.committed() as env:
            self.make_debtors(env, 1, tag="Lock")
            collector = env["res.users"].search([("login", "=", "fault_collector")])
            if not collector:
                collector = env["res.users"].create(
                    {
                        "name": "Fault Collector",
                        "login": "fault_collector",
                        "email": "fc@fault.test",
                        "company_id": env.company.id,
                        "company_ids": [Command.set(env.company.ids)],
                        "groups_id": [
                            Command.set(
                                [
                                    env.ref("base.group_user").id,
                                    env.ref(
                                        "collections_addon.collections_addon_group_user"
                                    ).id,
                                ]
                            )
                        ],
                    }
                )
        with self.committed(rollback=True) as cron_env:
            cron_env["collection.escalation"]._run_company(
                cron_env.company, trigger="cron"
            )
            with self.committed(rollback=True) as user_env:
                user_env.cr.execute("SET LOCAL lock_timeout = '3s'")
                user_env = user_env(user=collector.id)
                result = user_env["collection.run"].action_run_now()
                self.assertEqual(result["params"]["type"], "info")
                queued = user_env["collection.run"].search([("state", "=", "queued")])
                self.assertEqual(queued.company_id, user_env.company)
            with self.assertRaisesRegex(UserError, "already in progress"):
                with self.committed(rollback=True) as other:
                    other["collection.escalation"]._run_company(other.company)

    def test_crash_in_batch_two_then_rerun_acts_once_each(self):
        with self.committed() as env:
            partners, _moves = self.make_debtors(env, 5, tag="Crash")
            # Only this company is due today; earlier tests' debtors are done.
        with self.committed() as env:  # batch 1 commits
            env["collection.escalation"]._run_company(
                env.company, limit=2, trigger="cron"
            )
        with self.committed(rollback=True) as env:  # batch 2 dies mid-way
            env["collection.escalation"]._run_company(
                env.company, limit=2, trigger="cron"
            )
            env.flush_all()
            # the worker is killed here: nothing of this batch is committed
        for _batch in range(3):  # the re-run finishes the job
            with self.committed() as env:
                env["collection.escalation"]._run_company(
                    env.company, limit=2, trigger="cron"
                )
        with self.committed() as env:
            taken = self.taken(env, partners)
            self.assertEqual(len(taken), 5)
            self.assertEqual(sorted(taken.partner_id.ids), sorted(partners.ids))
