# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a walk through the screens found (issue #23): the queue's rules, the
dispute a collector records, the run's own counts, figures that explain
themselves and a confirmation after each step."""

from datetime import timedelta
from pathlib import Path

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import MANAGER, CollectionsCommon

DEMO = Path(__file__).resolve().parent.parent / "collections_addon" / "demo"


@tagged("post_install", "-at_install")
class TestQueueRules(CollectionsCommon):
    """Who works which debtor today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_c = cls.env["res.partner"].create(
            {"name": "Debtor Three Ltd", "is_company": True}
        )
        cls.customer_d = cls.env["res.partner"].create(
            {"name": "Debtor Four Ltd", "is_company": True}
        )
        cls.invoice = cls.make_invoice(1000.0, -20)
        cls.invoice_b = cls.make_invoice(500.0, -10, partner=cls.customer_b)
        cls.invoice_c = cls.make_invoice(400.0, -30, partner=cls.customer_c)
        cls.invoice_d1 = cls.make_invoice(600.0, -40, partner=cls.customer_d)
        cls.invoice_d2 = cls.make_invoice(300.0, -5, partner=cls.customer_d)
        # Debtor C: credits above its overdue, nothing to collect.
        cls.unapplied_payment(cls.customer_c, 900.0)
        cls.refresh_all()
        cls.debtor, cls.debtor_b, cls.debtor_c, cls.debtor_d = (
            cls.find(partner)
            for partner in (
                cls.customer,
                cls.customer_b,
                cls.customer_c,
                cls.customer_d,
            )
        )
        cls.all = cls.debtor | cls.debtor_b | cls.debtor_c | cls.debtor_d
        cls.all.write({"next_action_date": cls.today, "user_id": cls.collector.id})
        cls.other_manager = cls.collections_user("coll_manager_2", MANAGER)

    @classmethod
    def refresh_all(cls):
        cls.env["collection.ledger"]._refresh_company(cls.env.company)

    @classmethod
    def find(cls, partner):
        return cls.env["collection.debtor"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", cls.env.company.id)]
        )

    def queue(self, user, pool=False):
        field = "in_pool" if pool else "in_my_queue"
        return (
            self.env["collection.debtor"]
            .with_user(user)
            .search([(field, "=", True), ("id", "in", self.all.ids)])
        )

    def test_credit_balance_is_class_c_and_out_of_every_queue(self):
        """Credits above the overdue: nothing to collect, class C, no call."""
        self.assertEqual(self.debtor_c.amount_overdue, 400.0)
        self.assertEqual(self.debtor_c.amount_collectible, 0.0)
        self.assertEqual(self.debtor_c.abc_class, "c")
        self.assertNotIn(self.debtor_c, self.queue(self.collector))
        self.assertFalse(self.debtor_c.with_user(self.collector).in_my_queue)
        self.assertIn(self.debtor, self.queue(self.collector))

    def test_unassigned_go_to_the_managers_queue_by_default(self):
        self.assertEqual(self.env.company.collection_unassigned_queue, "manager")
        self.debtor_b.user_id = False
        self.assertNotIn(self.debtor_b, self.queue(self.collector))
        self.assertIn(self.debtor_b, self.queue(self.manager))
        self.assertIn(self.debtor_b, self.queue(self.other_manager))
        self.assertFalse(self.queue(self.collector, pool=True))
        # A manager's queue holds no other collector's debtor.
        self.assertNotIn(self.debtor, self.queue(self.manager))

    def test_shared_pool_lists_the_unassigned_apart(self):
        self.env.company.collection_unassigned_queue = "pool"
        self.debtor_b.user_id = False
        for user in (self.collector, self.manager):
            with self.subTest(user=user.login):
                self.assertNotIn(self.debtor_b, self.queue(user))
                self.assertEqual(self.queue(user, pool=True), self.debtor_b)
        self.assertTrue(self.debtor_b.with_user(self.collector).in_pool)
        self.assertFalse(self.debtor_b.with_user(self.manager).in_my_queue)

    def test_an_active_plan_covering_the_overdue_keeps_a_debtor_out(self):
        plan = (
            self.env["collection.plan"]
            .with_user(self.collector)
            .create(
                {
                    "debtor_id": self.debtor_d.id,
                    "invoice_ids": [Command.set(self.invoice_d1.ids)],
                    "installment_count": 2,
                    "date_start": self.days(7),
                }
            )
        )
        plan.action_submit()
        if plan.state == "to_approve":
            plan.with_user(self.manager).action_approve()
        self.assertEqual(plan.state, "active")
        # One overdue invoice is outside the plan: still a call to make.
        self.assertIn(self.debtor_d, self.queue(self.collector))
        plan.action_revise()
        plan.write(
            {
                "invoice_ids": [Command.link(self.invoice_d2.id)],
                "line_ids": [Command.clear()],
            }
        )
        plan.action_generate_lines()
        plan.action_submit()
        plan.with_user(self.other_manager).action_approve()
        self.assertEqual(plan.state, "active")
        self.assertNotIn(self.debtor_d, self.queue(self.collector))
        self.assertFalse(self.debtor_d.with_user(self.collector).in_my_queue)
        # A defaulted plan is not in good standing: the debtor is back.
        system_env(plan).write({"state": "defaulted"})
        self.assertIn(self.debtor_d, self.queue(self.collector))

    def test_queue_search_refuses_other_operators_by_name(self):
        with self.assertRaisesRegex(UserError, "In My Queue Today"):
            self.env["collection.debtor"].search([("in_my_queue", "in", [True])])
        not_mine = (
            self.env["collection.debtor"]
            .with_user(self.collector)
            .search([("in_my_queue", "!=", True), ("id", "in", self.all.ids)])
        )
        self.assertEqual(not_mine, self.debtor_c)


@tagged("post_install", "-at_install")
class TestDisputeFromACall(CollectionsCommon):
    """A collector disputes an invoice in two clicks; escalation stops on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls.make_invoice(1000.0, -40)
        cls.recent = cls.make_invoice(300.0, -5)
        cls.env["collection.policy"]._ensure_default_policy(cls.env.company)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.debtor.user_id = cls.collector

    def call(self, note):
        action = self.debtor.with_user(self.collector).action_log_call()
        return (
            self.env["collection.contact"]
            .with_user(self.collector)
            .with_context(action["context"])
            .create({"note": note})
        )

    def dispute_form(self, action):
        Dispute = self.env["collection.dispute"].with_user(self.collector)
        return Form(Dispute.with_context(action["context"]))

    def test_call_outcome_dispute_excludes_and_logs_one_entry(self):
        call = self.call("The customer says pallet 3 never arrived.")
        action = call.action_log_outcome("dispute")
        form = self.dispute_form(action)
        # Filled from the call: its note is the reason, the oldest overdue invoice.
        self.assertEqual(form.reason, "The customer says pallet 3 never arrived.")
        self.assertEqual(form.channel, "call")
        self.assertEqual(form.move_ids[:], self.old)
        result = form.save().action_confirm()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(self.old.name, result["params"]["message"])
        self.assertRecordValues(
            self.old,
            [
                {
                    "collection_excluded": True,
                    "collection_exclusion_reason": "The customer says pallet 3 "
                    "never arrived.",
                    "collection_excluded_by_id": self.collector.id,
                }
            ],
        )
        entry = self.debtor.contact_ids
        self.assertEqual(len(entry), 1, "one entry: the dispute replaces the call")
        self.assertFalse(call.exists())
        self.assertRecordValues(
            entry,
            [
                {
                    "channel": "call",
                    "outcome": "dispute",
                    "is_automatic": True,
                    "user_id": self.collector.id,
                    "note": "The customer says pallet 3 never arrived.",
                }
            ],
        )
        self.assertEqual(entry.move_ids, self.old)
        # The run no longer escalates the disputed invoice.
        self.env["collection.escalation"]._run_company(self.env.company)
        acted = self.debtor.contact_ids.filtered("level_id")
        self.assertTrue(acted, "the other overdue invoice is still escalated")
        self.assertNotIn(self.old, acted.move_ids)
        self.assertIn(self.recent, acted.move_ids)

    def test_nothing_else_disputed_leaves_the_run_nothing_to_do(self):
        Dispute = self.env["collection.dispute"].with_user(self.collector)
        for move in (self.old, self.recent):
            action = move.with_user(self.collector).action_collection_dispute()
            form = Form(Dispute.with_context(action["context"]))
            self.assertEqual(form.move_ids[:], move)
            form.reason = "Wrong price"
            form.save().action_confirm()
        self.env["collection.escalation"]._run_company(self.env.company)
        self.assertFalse(self.debtor.contact_ids.filtered("level_id"))
        self.assertEqual(len(self.debtor.contact_ids), 2)

    def test_dispute_from_the_open_items(self):
        lines = self.env["collection.receivable"]._open_lines(self.debtor)
        Dispute = (
            self.env["collection.dispute"]
            .with_user(self.collector)
            .with_context(active_model="account.move.line", active_ids=lines.ids)
        )
        form = Form(Dispute)
        self.assertEqual(form.debtor_id, self.debtor)
        self.assertEqual(form.move_ids[:], self.old | self.recent)
        form.reason = "Both invoices bill the same delivery"
        form.save().action_confirm()
        self.assertTrue(all((self.old | self.recent).mapped("collection_excluded")))
        self.assertEqual(self.debtor.contact_ids.move_ids, self.old | self.recent)

    def test_a_discarded_dispute_leaves_the_call_without_outcome(self):
        call = self.call("Says the price is wrong")
        call.action_log_outcome("dispute")
        self.assertFalse(call.outcome)
        self.assertFalse(self.old.collection_excluded)

    def test_refusals_name_the_field_and_the_rule(self):
        Move = self.env["account.move"].with_user(self.collector)
        with self.assertRaisesRegex(ValidationError, "^Reason: "):
            self.old.with_user(self.collector)._collection_dispute(self.debtor, "  ")
        with self.assertRaisesRegex(UserError, "^Disputed Invoices: choose"):
            Move._collection_dispute(self.debtor, "Wrong price")
        self.old.with_user(self.collector)._collection_dispute(self.debtor, "Wrong")
        with self.assertRaisesRegex(UserError, "already excluded"):
            self.old.with_user(self.collector)._collection_dispute(self.debtor, "x")
        with self.assertRaises(AccessError):
            self.recent.with_user(self.viewer)._collection_dispute(self.debtor, "x")
        other = self.make_invoice(50.0, -3, partner=self.customer_b)
        with self.assertRaisesRegex(ValidationError, "do not belong to"):
            other.with_user(self.collector)._collection_dispute(self.debtor, "x")


@tagged("post_install", "-at_install")
class TestCallOutcomes(CollectionsCommon):
    """Each outcome of the call log ends in a confirmation or the next form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(800.0, -12)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.accountant = new_test_user(
            cls.env,
            login="coll_accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    def log(self, outcome, note="Spoke to the accountant"):
        action = self.debtor.with_user(self.collector).action_log_call()
        contact = (
            self.env["collection.contact"]
            .with_user(self.collector)
            .with_context(action["context"])
            .create({"note": note})
        )
        return contact, contact.action_log_outcome(outcome)

    def test_plan_requested_opens_the_plan_filled_in(self):
        contact, action = self.log("plan_requested")
        self.assertEqual(contact.outcome, "plan_requested")
        self.assertEqual(action["res_model"], "collection.plan")
        plan = Form(
            self.env["collection.plan"]
            .with_user(self.collector)
            .with_context(action["context"])
        )
        self.assertEqual(plan.debtor_id, self.debtor)
        self.assertEqual(plan.invoice_ids[:], self.invoice)

    def test_paid_claimed_asks_date_and_reference_and_an_accountant_checks(self):
        contact, action = self.log("paid_claimed", note="Says it paid")
        self.assertFalse(contact.outcome)
        self.assertEqual(action["res_model"], "collection.payment.claim")
        claim = Form(
            self.env["collection.payment.claim"]
            .with_user(self.collector)
            .with_context(action["context"])
        )
        claim.date = self.days(-2)
        claim.reference = "TRF-20931"
        result = claim.save().action_confirm()
        self.assertEqual(contact.outcome, "paid_claimed")
        self.assertIn("Says it paid", contact.note)
        self.assertIn("TRF-20931", contact.note)
        checker = self.env.company._collection_payment_checkers()[:1]
        self.assertIn(self.accountant, self.env.company._collection_payment_checkers())
        self.assertTrue(checker.has_group("account.group_account_invoice"))
        self.assertIn(checker.name, result["params"]["message"])
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", self.invoice.id)]
        )
        self.assertEqual(activity.user_id, checker)
        self.assertIn("TRF-20931", activity.note)
        # The accountant opens it from the invoice, which they can read.
        self.assertTrue(self.invoice.with_user(checker).has_access("read"))

    def test_paid_claimed_goes_to_a_manager_without_accountants(self):
        company = self.env["res.company"].sudo().create({"name": "No Accountants"})
        # Only a Collections Manager works there (the creator got it too).
        self.env.user.company_ids = [Command.unlink(company.id)]
        self.manager.company_ids = [Command.link(company.id)]
        self.assertEqual(company._collection_payment_checkers(), self.manager)

    def test_paid_in_the_future_is_a_promise(self):
        contact, action = self.log("paid_claimed")
        claim = (
            self.env["collection.payment.claim"]
            .with_user(self.collector)
            .with_context(action["context"])
            .create({"date": self.days(5)})
        )
        with self.assertRaisesRegex(ValidationError, "^Paid On: .*promise to pay"):
            claim.action_confirm()
        self.assertFalse(contact.outcome)

    def test_promise_hold_and_refresh_confirm(self):
        promise = (
            self.env["collection.promise"]
            .with_user(self.collector)
            .create(
                {"debtor_id": self.debtor.id, "amount": 100.0, "date": self.days(3)}
            )
        )
        result = promise.action_saved()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(promise.name, result["params"]["message"])
        debtor = self.debtor.with_user(self.collector)
        action = debtor.action_hold()
        self.assertEqual(action["target"], "new")
        with self.assertRaisesRegex(ValidationError, "^On Hold Until"):
            debtor.action_hold_confirm()
        debtor.write({"hold_until": self.days(10), "hold_reason": "Audit"})
        result = debtor.action_hold_confirm()
        self.assertIn("on hold until", result["params"]["message"])
        result = debtor.action_refresh_all()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(result["params"]["next"]["tag"], "soft_reload")


@tagged("post_install", "-at_install")
class TestRunCounts(CollectionsCommon):
    """A run counts the mails it sent, not the day's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_invoice(700.0, -10)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )

    def engine_run(self, states):
        """What a run slice leaves: its entries, then its log."""
        entries = system_env(self.env["collection.contact"]).create(
            [
                {
                    "debtor_id": self.debtor.id,
                    "is_automatic": True,
                    "channel": "email",
                    "state": state,
                }
                for state in states
            ]
        )
        run = system_env(self.env["collection.run"]).create(
            {"company_id": self.env.company.id, "date": self.today, "state": "done"}
        )
        return run, entries

    def test_two_runs_of_a_day_count_their_own_failures(self):
        first, first_entries = self.engine_run(["failed", "failed", "sent"])
        # A dispute logged between the runs is nobody's run.
        self.env["collection.contact"]._log(
            {"debtor_id": self.debtor.id, "outcome": "dispute", "note": "x"}
        )
        second, second_entries = self.engine_run(["failed", "sent"])
        self.assertEqual(first.date, second.date)
        self.assertEqual((first.mail_failed_count, first.contact_count), (2, 3))
        self.assertEqual((second.mail_failed_count, second.contact_count), (1, 2))
        action = second.with_user(self.collector).action_view_failed_mails()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]),
            second_entries.filtered(lambda c: c.state == "failed"),
        )
        self.assertEqual(
            self.env["collection.contact"].search(first._contacts_domain()),
            first_entries,
        )

    def test_run_now_request_counts_its_slices_once_done(self):
        request = (
            self.env["collection.run"]
            .with_user(self.collector)
            .browse()
            .action_run_now()
        )
        self.assertEqual(request["tag"], "display_notification")
        queued = self.env["collection.run"].search(
            [("company_id", "=", self.env.company.id), ("state", "=", "queued")]
        )
        self.assertEqual(queued.mail_failed_count, 0)
        slice_, _entries = self.engine_run(["failed"])
        system_env(queued).write({"state": "done", "date_end": fields.Datetime.now()})
        self.assertEqual(queued.mail_failed_count, 1)
        self.assertEqual(slice_.mail_failed_count, 1)

    def test_run_now_from_the_list_header_with_or_without_a_selection(self):
        """The button's calls: ``[[]]`` and ``[[id1, id2]]`` (no @api.model)."""
        first, _e = self.engine_run(["sent"])
        second, _e = self.engine_run(["sent"])
        Run = self.env["collection.run"].with_user(self.collector)
        for ids in ([], [first.id, second.id]):
            with self.subTest(ids=ids):
                result = Run.browse(ids).action_run_now()
                self.assertEqual(result["tag"], "display_notification")
        queued = Run.search([("state", "=", "queued")])
        self.assertEqual(len(queued), 1, "one request per company at a time")


@tagged("post_install", "-at_install")
class TestFiguresExplainThemselves(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_invoice(1000.0, -20)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )

    def arch(self, xmlid, user=None):
        """The view as ``user`` gets it (default: the manager)."""
        view = self.env.ref(xmlid) if isinstance(xmlid, str) else xmlid
        Model = self.env[view.model].with_user(user or self.manager)
        return etree.fromstring(Model.get_view(view.id, view.type)["arch"])

    def test_priority_is_named_and_the_risk_is_in_points(self):
        field = self.env["collection.debtor"]._fields["priority_score"]
        self.assertEqual(field.string, "Priority (collectible × risk)")
        self.assertIn("× the risk score ÷ 100", field.help)
        self.assertNotEqual(field.type, "monetary")
        self.assertEqual(self.debtor.risk_score_max, 100)
        kanban = self.arch("collections_addon.collection_debtor_view_kanban_queue")
        text = etree.tostring(kanban, encoding="unicode")
        self.assertNotIn("At stake", text)
        self.assertIn("/ 100", text)
        for xmlid in (
            "collections_addon.collection_debtor_view_list",
            "collections_addon.collection_debtor_view_list_queue",
            "collections_addon.collection_debtor_view_form",
        ):
            with self.subTest(view=xmlid):
                risk = self.arch(xmlid).xpath("//field[@name='risk_score']")[0]
                self.assertIn("risk_score_max", risk.get("options"))
        partner = etree.fromstring(
            self.env["res.partner"]
            .with_user(self.viewer)
            .get_view(view_type="form")["arch"]
        )
        risk = partner.xpath("//field[@name='collection_risk_score']")[0]
        self.assertNotEqual(risk.get("widget"), "progressbar")
        self.assertEqual(risk.getnext().text, "/ 100")

    def test_group_by_level_shows_each_rung_once_in_ladder_order(self):
        """Two policies share level names: "Group By > Level" lists them once."""
        company = self.env.company
        default = self.env["collection.policy"].search(
            [("company_id", "=", company.id), ("is_default", "=", True)]
        )
        copy = self.env["collection.policy"].create(
            {
                "name": "Key accounts",
                "company_id": company.id,
                "abc_class": "a",
                "level_ids": [
                    Command.create(
                        {
                            "name": level.name,
                            "days": level.days - 1,
                            "action": level.action,
                        }
                    )
                    for level in default.level_ids
                ],
            }
        )
        self.assertEqual(
            copy.level_ids.mapped("name"), default.level_ids.mapped("name")
        )
        system_env(self.debtor).write({"level_id": copy.level_ids[-1].id})
        groups = self.env["collection.debtor"].read_group(
            [("company_id", "=", company.id)], ["level_name"], ["level_name"]
        )
        listed = [g["level_name"] for g in groups]
        self.assertEqual(len(listed), len(set(listed)))
        expected = list(dict.fromkeys(default.level_ids.sorted("days").mapped("name")))
        self.assertEqual([name for name in listed if name], expected)
        search = self.arch("collections_addon.collection_debtor_view_search")
        level = search.xpath("//filter[@name='group_level']")[0]
        self.assertIn("level_name", level.get("context"))

    def test_no_sample_data_and_real_empty_states(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "collections_addon"), ("model", "=", "ir.ui.view")]
        )
        for view in self.env["ir.ui.view"].browse(data.mapped("res_id")):
            if view.type in ("kanban", "list", "pivot", "graph"):
                with self.subTest(view=view.xml_id):
                    self.assertFalse(etree.fromstring(view.arch_db).get("sample"))
        plans = self.env.ref("collections_addon.collection_plan_action")
        self.assertIn("o_view_nocontent_smiling_face", plans.help)

    def test_every_amount_column_shows_its_currency(self):
        """A monetary column of our lists has its currency field in the list."""
        data = self.env["ir.model.data"].search(
            [
                ("module", "in", ("collections_addon", "collections_sale")),
                ("model", "=", "ir.ui.view"),
            ]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id"))
        roots = {view.inherit_id or view for view in views if view.type == "list"}
        roots |= {view for view in views if view.type == "form"}
        admin = self.env.ref("base.user_admin")  # every group: every column
        for root in roots:
            arch = self.arch(root, admin)
            for listing in arch.iter("list"):
                model = self.model_of(root.model, listing)
                names = {node.get("name") for node in listing.iter("field")}
                for node in listing.iter("field"):
                    field = self.env[model]._fields.get(node.get("name"))
                    if not field or field.type != "monetary":
                        continue
                    options = node.get("options") or ""
                    currency = field.get_currency_field(self.env[model])
                    with self.subTest(view=root.xml_id, field=field.name):
                        self.assertTrue(
                            currency in names or "currency_field" in options,
                            f"{field.name} in {root.xml_id} without {currency}",
                        )

    def model_of(self, model, node):
        for ancestor in reversed(list(node.iterancestors())):
            if ancestor.tag == "field":
                model = self.env[model]._fields[ancestor.get("name")].comodel_name
        return model

    def test_open_items_add_up_to_the_total_due(self):
        action = self.debtor.with_user(self.collector).action_view_open_invoices()
        lines = (
            self.env["account.move.line"]
            .with_user(self.collector)
            .search(action["domain"])
        )
        self.assertAlmostEqual(
            sum(lines.mapped("amount_residual")), self.debtor.amount_due
        )
        list_view = self.env["account.move.line"].get_view(
            action["views"][0][0], "list"
        )
        self.assertIn("amount_residual_currency", list_view["arch"])


@tagged("post_install", "-at_install")
class TestApproveButton(CollectionsCommon):
    """Four eyes: the button shows to the managers who may approve."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.collection_plan_approval_amount = 100.0
        invoice = cls.make_invoice(900.0, -20)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.plan = (
            cls.env["collection.plan"]
            .with_user(cls.manager)
            .create(
                {
                    "debtor_id": debtor.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "date_start": cls.today + timedelta(days=7),
                }
            )
        )
        cls.plan.action_submit()
        cls.other_manager = cls.collections_user("coll_manager_2", MANAGER)

    def test_can_approve_only_for_a_manager_who_did_not_shape_it(self):
        self.assertEqual(self.plan.state, "to_approve")
        for user, can, waiting in (
            (self.manager, False, "four eyes"),
            (self.collector, False, "Waiting for a Collections Manager"),
            (self.other_manager, True, False),
        ):
            with self.subTest(user=user.login):
                plan = self.plan.with_user(user)
                self.assertEqual(plan.can_approve, can)
                if waiting:
                    self.assertIn(waiting, plan.approval_waiting)
                else:
                    self.assertFalse(plan.approval_waiting)
        arch = self.plan.with_user(self.other_manager).get_view(view_type="form")[
            "arch"
        ]
        button = etree.fromstring(arch).xpath("//button[@name='action_approve']")[0]
        self.assertEqual(button.get("invisible"), "not can_approve")
        # The server still refuses the hidden button.
        with self.assertRaisesRegex(UserError, "four eyes"):
            self.plan.with_user(self.manager).action_approve()


@tagged("post_install", "-at_install")
class TestManagerSettings(CollectionsCommon):
    def test_manager_saves_the_settings_as_the_browser_does(self):
        """``web_save`` reads the record back, display name included: that
        read needed Settings rights."""
        self.assertFalse(self.manager.has_group("base.group_system"))
        Settings = self.env["res.config.settings"].with_user(self.manager)
        values = Settings.web_save(
            {
                "collection_payment_deadline_days": 9,
                "collection_unassigned_queue": "pool",
            },
            {"display_name": {}, "collection_payment_deadline_days": {}},
        )
        self.assertTrue(values[0]["display_name"])
        Settings.browse(values[0]["id"]).execute()
        self.assertEqual(self.env.company.collection_payment_deadline_days, 9)
        self.assertEqual(self.env.company.collection_unassigned_queue, "pool")

    def test_demo_users_land_on_collections(self):
        """The demo logins (demo XML, read as a file) each get a home action."""
        tree = etree.parse(str(DEMO / "collection_demo.xml"))
        homes = {
            record.get("id"): record.find("field[@name='action_id']").get("ref")
            for record in tree.iter("record")
            if record.get("model") == "res.users"
        }
        self.assertEqual(
            homes,
            {
                "res_users_collector_1": "collection_debtor_action_queue",
                "res_users_collector_2": "collection_debtor_action_queue",
                "res_users_manager": "collection_debtor_action",
                "base.user_demo": "res_partner_action_collections_overdue",
            },
        )
        for ref in homes.values():
            self.assertTrue(self.env.ref(f"collections_addon.{ref}"))
