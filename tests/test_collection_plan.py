# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_collection_run import EscalationCommon


@tagged("post_install", "-at_install")
class TestPlans(EscalationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_1 = cls.make_invoice(700.0, -40)
        cls.invoice_2 = cls.make_invoice(300.0, -20)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.env.company.write(
            {
                "collection_plan_approval_amount": 5000.0,
                "collection_plan_max_installments": 6,
                "collection_plan_grace_days": 5,
            }
        )
        cls.other_manager = cls.env["res.users"].create(
            {
                "name": "Second Manager",
                "login": "coll_manager_2",
                "email": "manager2@example.com",
                "company_id": cls.env.company.id,
                "company_ids": [Command.set(cls.env.company.ids)],
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref(
                                "collections_addon.collections_addon_group_manager"
                            ).id,
                        ]
                    )
                ],
            }
        )

    def new_plan(self, user=None, **vals):
        plan = (
            self.env["collection.plan"]
            .with_user(user or self.collector)
            .create(
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [Command.set((self.invoice_1 | self.invoice_2).ids)],
                    "installment_count": 3,
                    "down_payment": 100.0,
                    "interval": "monthly",
                    "date_start": self.today,
                    **vals,
                }
            )
        )
        plan.action_generate_lines()
        return plan

    def follow(self, day):
        with freeze_time(self.today + timedelta(days=day)):
            return self.env["collection.commitments"]._follow_plans(
                self.env.company, self.days(day)
            )

    def test_generate_edit_submit_without_approval(self):
        plan = self.new_plan()
        self.assertEqual(plan.amount_total, 1000.0)
        self.assertEqual(plan.line_ids.mapped("amount"), [100.0, 300.0, 300.0, 300.0])
        self.assertTrue(plan.line_ids[0].is_down_payment)
        # Lines are editable in draft, as long as they still add up.
        plan.write(
            {
                "line_ids": [
                    Command.update(plan.line_ids[1].id, {"amount": 250.0}),
                    Command.update(plan.line_ids[3].id, {"amount": 350.0}),
                ]
            }
        )
        # A line edited alone may leave the sum wrong in draft; submit refuses it.
        plan.line_ids[1].amount = 10.0
        with self.assertRaisesRegex(ValidationError, "add up to"):
            with self.cr.savepoint():
                plan.action_submit()
        plan.line_ids[1].amount = 250.0
        self.assertFalse(plan.needs_approval)
        plan.action_submit()
        self.assertEqual(plan.state, "active")
        with self.assertRaises(UserError):
            plan.line_ids[1].amount = 300.0

    def test_schedule_rules_are_enforced(self):
        plan = self.new_plan()
        with self.assertRaisesRegex(ValidationError, "add up to"):
            with self.cr.savepoint():
                plan.write(
                    {
                        "line_ids": [
                            Command.create({"date_due": self.days(200), "amount": 1.0})
                        ]
                    }
                )
        with self.assertRaisesRegex(ValidationError, "Schedule"):
            with self.cr.savepoint():
                plan.write(
                    {
                        "line_ids": [
                            Command.update(
                                plan.line_ids[2].id, {"date_due": self.today}
                            ),
                        ]
                    }
                )
        with self.assertRaisesRegex(ValidationError, "above zero|must be positive"):
            with self.cr.savepoint():
                plan.write(
                    {
                        "line_ids": [
                            Command.update(plan.line_ids[1].id, {"amount": 0.0}),
                            Command.update(plan.line_ids[3].id, {"amount": 600.0}),
                        ]
                    }
                )
        with self.assertRaisesRegex(ValidationError, "Installments"):
            with self.cr.savepoint():
                plan.installment_count = 0
        with self.assertRaisesRegex(ValidationError, "Down Payment"):
            with self.cr.savepoint():
                plan.down_payment = 1000.0

    def test_installment_count_is_capped_and_amounts_must_be_finite(self):
        plan = self.new_plan()
        with self.assertRaisesRegex(ValidationError, "not between 1 and 120"):
            with self.cr.savepoint():
                plan.installment_count = 121
        for fname in ("down_payment", "interest_amount", "fee_amount"):
            with self.subTest(field=fname):
                with self.assertRaisesRegex(ValidationError, "not a finite amount"):
                    with self.cr.savepoint():
                        plan.write({fname: float("nan")})
        with self.assertRaisesRegex(ValidationError, "not a finite amount"):
            with self.cr.savepoint():
                line = plan.line_ids[1]
                plan.write(
                    {"line_ids": [Command.update(line.id, {"amount": float("nan")})]}
                )
        plan.installment_count = 120
        plan.action_generate_lines()
        self.assertEqual(len(plan.line_ids), 121)  # the down payment, then 120

    def test_schedule_error_is_a_sentence_from_the_lib_code(self):
        tiny = self.make_invoice(0.02, -10)
        plan = (
            self.env["collection.plan"]
            .with_user(self.collector)
            .create(
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [Command.set(tiny.ids)],
                    "installment_count": 3,
                    "down_payment": 0.0,
                }
            )
        )
        with self.assertRaisesRegex(
            UserError, "0.02 cannot be split into 3 installments"
        ):
            plan.action_generate_lines()

    def test_approval_needed_and_four_eyes(self):
        plan = self.new_plan(user=self.manager, installment_count=12)
        self.assertTrue(plan.needs_approval)
        plan.action_submit()
        self.assertEqual(plan.state, "to_approve")
        self.assertTrue(plan.activity_ids)
        with self.assertRaisesRegex(AccessError, "Approving a plan"):
            plan.with_user(self.collector).action_approve()
        with self.assertRaisesRegex(UserError, "four eyes"):
            plan.with_user(self.manager).action_approve()
        plan.with_user(self.other_manager).action_approve()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.approved_by_id, self.other_manager)

    def test_whoever_changed_the_terms_cannot_approve(self):
        plan = self.new_plan(installment_count=12)
        self.assertEqual(plan.shaper_ids, self.collector)
        plan.with_user(self.other_manager).write({"installment_count": 10})
        plan.action_generate_lines()
        self.assertEqual(plan.shaper_ids, self.collector | self.other_manager)
        plan.action_submit()
        with self.assertRaisesRegex(UserError, "four eyes"):
            plan.with_user(self.other_manager).action_approve()
        plan.with_user(self.manager).action_approve()
        self.assertEqual(plan.state, "active")

    def test_the_plans_collector_cannot_approve(self):
        plan = self.new_plan(installment_count=12)
        plan.with_user(self.manager).write({"user_id": self.other_manager.id})
        plan.action_submit()
        with self.assertRaisesRegex(UserError, "four eyes"):
            plan.with_user(self.other_manager).action_approve()

    def test_editing_a_line_makes_you_a_shaper(self):
        plan = self.new_plan(installment_count=12)
        line = plan.line_ids[1].with_user(self.other_manager)
        line.date_due += timedelta(days=1)
        self.assertIn(self.other_manager, plan.shaper_ids)

    def test_approval_fields_are_refused_to_users(self):
        plan = self.new_plan(installment_count=12)
        plan.action_submit()
        for vals in (
            {"state": "active"},
            {"approved_by_id": self.other_manager.id},
            {"shaper_ids": [Command.clear()]},
            {"approval_required": False},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError):
                    plan.with_user(self.manager).write(vals)
        self.assertEqual(plan.state, "to_approve")

    def test_installments_given_with_the_plan_keep_their_guard(self):
        """A plan is created in the system's name (it sets its own name and
        shapers); installments sent along with it are still the user's."""
        line = {"date_due": self.today, "amount": 1000.0}
        for extra in ({"state": "paid"}, {"amount_paid": 1000.0}):
            with self.subTest(extra=extra):
                with self.assertRaises(AccessError):
                    self.env["collection.plan"].with_user(self.collector).create(
                        {
                            "debtor_id": self.debtor.id,
                            "invoice_ids": [
                                Command.set((self.invoice_1 | self.invoice_2).ids)
                            ],
                            "installment_count": 1,
                            "line_ids": [Command.create(dict(line, **extra))],
                        }
                    )
        plan = (
            self.env["collection.plan"]
            .with_user(self.collector)
            .create(
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [Command.set((self.invoice_1 | self.invoice_2).ids)],
                    "installment_count": 1,
                    "line_ids": [Command.create(line)],
                }
            )
        )
        self.assertEqual(plan.line_ids.mapped("state"), ["pending"])
        self.assertEqual(plan.shaper_ids, self.collector)
        with self.assertRaises(AccessError):
            plan.write(
                {"line_ids": [Command.update(plan.line_ids.id, {"state": "paid"})]}
            )

    def test_terms_only_change_in_draft(self):
        plan = self.new_plan()
        plan.action_submit()
        self.assertEqual(plan.state, "active")
        for vals in (
            {"installment_count": 4},
            {"down_payment": 50.0},
            {"interest_amount": 10.0},
            {"date_start": self.days(1)},
            {"invoice_ids": [Command.set(self.invoice_1.ids)]},
            {"line_ids": [Command.delete(plan.line_ids[-1].id)]},
            {"terms": "<p>Other terms</p>"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "only be changed in draft"):
                    plan.write(vals)
        with self.assertRaisesRegex(UserError, "only be changed"):
            plan.line_ids[-1].unlink()
        with self.assertRaisesRegex(UserError, "only be changed"):
            self.env["collection.plan.line"].with_user(self.collector).create(
                {"plan_id": plan.id, "date_due": self.days(400), "amount": 1.0}
            )
        plan.user_id = self.other_manager  # who collects it is not a term
        self.assertEqual(plan.installment_count, 3)

    def test_revise_sends_back_to_draft_and_needs_a_new_approval(self):
        plan = self.new_plan()
        self.assertFalse(plan.needs_approval)
        plan.action_submit()
        self.assertEqual(plan.state, "active")
        plan.with_user(self.other_manager).action_revise()
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.approval_required)
        self.assertEqual(plan.shaper_ids, self.other_manager)
        self.assertTrue(plan.needs_approval)
        self.assertIn("changed after its approval", plan.approval_reason)
        plan.write({"installment_count": 2, "line_ids": [Command.clear()]})
        plan.action_submit()
        self.assertEqual(plan.state, "to_approve")
        with self.assertRaisesRegex(UserError, "four eyes"):
            plan.with_user(self.other_manager).action_approve()
        plan.with_user(self.manager).action_approve()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.approved_by_id, self.manager)
        self.assertEqual(len(plan.line_ids), 3)

    def test_revise_only_from_active(self):
        plan = self.new_plan()
        with self.assertRaisesRegex(UserError, "only possible from Active"):
            plan.action_revise()
        with self.assertRaises(AccessError):
            plan.with_user(self.viewer).action_revise()

    def test_only_a_manager_cancels_an_active_plan(self):
        draft = self.new_plan()
        draft.action_cancel()  # a draft: the collector may drop it
        self.assertEqual(draft.state, "cancelled")
        plan = self.new_plan()
        plan.action_submit()
        with self.assertRaisesRegex(AccessError, "Cancelling an active plan"):
            plan.action_cancel()
        plan.with_user(self.manager).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        with self.assertRaisesRegex(UserError, "only possible from"):
            plan.with_user(self.manager).action_cancel()

    def test_only_a_never_approved_draft_is_deleted(self):
        draft = self.new_plan()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())
        plan = self.new_plan()
        plan.action_submit()
        with self.assertRaisesRegex(UserError, "cancel it instead of deleting it"):
            plan.with_user(self.manager).unlink()
        plan.with_user(self.manager).action_revise()
        with self.assertRaisesRegex(UserError, "cancel it instead of deleting it"):
            plan.with_user(self.manager).unlink()
        self.assertTrue(plan.exists())

    def test_chronic_debtor_plan_needs_approval(self):
        self.debtor.with_user(self.collector).write(
            {"debtor_type": "chronic", "debtor_type_reason": "Always late"}
        )
        plan = self.new_plan()
        self.assertTrue(plan.needs_approval)
        self.assertIn("Chronic", plan.approval_reason)

    def test_partial_and_early_payments_go_to_installments_in_order(self):
        plan = self.new_plan()
        plan.action_submit()
        self.pay(self.invoice_1, 250.0)  # down payment + 150 of the first one
        self.follow(0)
        lines = plan.line_ids
        self.assertEqual(lines.mapped("amount_paid"), [100.0, 150.0, 0.0, 0.0])
        self.assertEqual(
            lines.mapped("state"), ["paid", "pending", "pending", "pending"]
        )
        self.pay(self.invoice_1, 450.0)  # early: completes 1 and 2
        self.follow(1)
        self.assertEqual(lines.mapped("state"), ["paid", "paid", "paid", "pending"])
        self.assertEqual(plan.amount_paid, 700.0)

    def test_plan_done_when_everything_is_paid(self):
        plan = self.new_plan()
        plan.action_submit()
        self.pay(self.invoice_1, 700.0)
        self.pay(self.invoice_2, 300.0)
        reached, _mails = self.follow(0)
        self.assertEqual(plan.state, "done")
        self.assertIn(plan, reached["done"])

    def test_covered_invoices_leave_the_ladder(self):
        plan = self.new_plan()
        plan.action_submit()
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 0)
        plan.with_user(self.manager).action_cancel()
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 1)

    def test_default_re_escalates_at_the_configured_level(self):
        demand = self.levels[45]
        self.env.company.collection_plan_default_level_id = demand
        plan = self.new_plan()
        plan.action_submit()
        self.pay(self.invoice_1, 100.0)  # only the down payment
        _run, stats = self.run_on(37)  # first installment (day 30) + 5 grace passed
        self.assertEqual(plan.state, "defaulted")
        self.assertEqual(stats.plan_defaulted_count, 1)
        self.assertEqual(self.debtor.level_id, demand)
        self.assertFalse(self.debtor.forced_level_id)
        self.refresh(today=self.days(37))
        self.assertEqual(self.debtor.plans_defaulted, 1)
        self.assertGreater(dict(self.debtor.risk_components)["Defaulted plans"], 0)

    def test_cancel_restores_normal_aging(self):
        plan = self.new_plan()
        plan.action_submit()
        self.run_on(0)
        self.assertFalse(self.contacts(level_id=self.levels[15].id))
        plan.with_user(self.manager).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        self.run_on(0)
        self.assertTrue(self.contacts(level_id=self.levels[25].id))

    def test_interest_and_fee_are_invoiced_separately(self):
        plan = self.new_plan(interest_amount=30.0, fee_amount=20.0)
        self.assertEqual(plan.amount_to_schedule, 1050.0)
        self.assertEqual(sum(plan.line_ids.mapped("amount")), 1050.0)
        plan.action_submit()
        self.assertEqual(plan.fee_invoice_id.amount_total, 50.0)
        self.assertIn(plan.fee_invoice_id, plan.invoice_ids)
        plan.with_user(self.manager).action_cancel()
        self.assertEqual(plan.fee_invoice_id.payment_state, "reversed")

    def test_installment_reminders_before_and_when_late(self):
        plan = self.new_plan()
        plan.action_submit()
        self.pay(self.invoice_1, 100.0)
        # A month after the start: 28 to 31 days, as the calendar has it.
        first = plan.line_ids.filtered(lambda line: not line.is_down_payment)[0]
        due_in = (first.date_due - self.today).days
        before = self.env.company.collection_plan_reminder_days
        self.follow(due_in - before)  # the reminder before it falls due
        self.follow(due_in - before)  # the same day again: not twice
        self.follow(due_in + 1)  # late
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "collection.plan.line"),
                    ("res_id", "in", plan.line_ids.ids),
                ]
            )
        )
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})  # queued only

    def test_viewer_cannot_create_and_invoices_must_be_the_debtors(self):
        with self.assertRaises(AccessError):
            self.new_plan(user=self.viewer)
        stranger = self.make_invoice(100.0, -5, partner=self.customer_b)
        with self.assertRaisesRegex(ValidationError, "do not belong"):
            with self.cr.savepoint():
                self.new_plan(invoice_ids=[Command.set(stranger.ids)], down_payment=0)
