# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server-side guards through ``with_user``: system and fixed fields,
transitions, four eyes, context keys and bounds, for each Collections group.

Cases are generated from the models' own sets (``_collection_system_fields``,
``_collection_fixed_fields``, the company's ``SYSTEM_FIELDS``), so a field
added to a set is covered without a new test. ``test_guards_rpc.py`` runs the
same tables over JSON-RPC.
"""

import base64
import io
import re
import zipfile
from contextlib import contextmanager
from datetime import timedelta
from itertools import product
from xml.etree import ElementTree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.collections_addon.lib import bounds
from odoo.addons.collections_addon.models.collection_guard import system_env
from odoo.addons.collections_addon.models.res_company import SYSTEM_FIELDS
from odoo.addons.collections_addon.models.selections import PLAN_STATES

from .common import MANAGER, USER, VIEWER, CollectionsCommon

GROUPS = (VIEWER, USER, MANAGER)
RANK = {group: rank for rank, group in enumerate(GROUPS)}
# Guarded models without a mixin set of their own.
EXTRA_SYSTEM_FIELDS = {
    "res.company": SYSTEM_FIELDS,
    "account.move": frozenset({"collection_level_id"}),
}
# Context keys a caller may send: none of them switches a guard off.
CONTEXT_KEYS = (
    "collection_refresh",
    "collection_plan_follow",
    "collection_plan_batch",
    "collection_system",
)
# Plan transitions and the states each one starts from.
PLAN_ACTIONS = {
    "action_generate_lines": ("draft",),
    "action_submit": ("draft",),
    "action_approve": ("to_approve",),
    "action_reset_draft": ("to_approve",),
    "action_revise": ("active",),
    "action_cancel": ("draft", "to_approve", "active"),
}
# The state an allowed transition leads to (the test plans need approval).
PLAN_RESULTS = {
    "action_generate_lines": "draft",
    "action_submit": "to_approve",
    "action_approve": "active",
    "action_reset_draft": "draft",
    "action_revise": "draft",
    "action_cancel": "cancelled",
}
PROMISE_STATES = ("open", "kept", "broken", "cancelled")
# Buttons a Collections User may press and a Viewer may not:
# (model, method, called on the model rather than on a record).
USER_ACTIONS = (
    ("collection.debtor", "action_reset_debtor_type", False),
    ("collection.debtor", "action_refresh_all", True),
    ("collection.debtor", "action_print_letter", False),
    ("collection.debtor", "action_print_statement", False),
    ("collection.debtor", "export_aging_xlsx", False),
    ("collection.run", "action_run_now", False),  # a list header: ids, or none
)
NEEDS_GROUP = r"needs the .+ rights"
GROUP_REFUSAL = (AccessError, NEEDS_GROUP)
NOT_FINITE = (float("nan"), float("inf"), 1e13)
# A name that a spreadsheet would run as a command if written as a formula.
FORMULA = "=cmd|' /C calc'!A0"
XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def plan_expectation(method, state, group):
    """``(exception, pattern)`` a plan transition raises, ``None`` if allowed."""
    if RANK[group] < RANK[USER] or (
        method == "action_approve" and RANK[group] < RANK[MANAGER]
    ):
        return GROUP_REFUSAL
    allowed = PLAN_ACTIONS[method]
    if state not in allowed:
        labels = dict(PLAN_STATES)
        return UserError, re.escape(
            "only possible from " + ", ".join(labels[s] for s in allowed)
        )
    if (method, state) == ("action_cancel", "active") and RANK[group] < RANK[MANAGER]:
        return GROUP_REFUSAL
    return None


def promise_expectation(state, group):
    if RANK[group] < RANK[USER]:
        return GROUP_REFUSAL
    if state != "open":
        return UserError, "only an open promise can be cancelled"
    return None


def xlsx_cells(content):
    """``(type, text, formula)`` of every cell of every sheet of a workbook."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        names = book.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = [
                "".join(t.text or "" for t in item.iter(f"{XLSX_NS}t"))
                for item in root.iter(f"{XLSX_NS}si")
            ]
        for name in names:
            if not name.startswith("xl/worksheets/sheet"):
                continue
            for cell in ElementTree.fromstring(book.read(name)).iter(f"{XLSX_NS}c"):
                kind, value = cell.get("t"), cell.find(f"{XLSX_NS}v")
                if kind == "s":
                    text = shared[int(value.text)]
                else:
                    text = "".join(t.text or "" for t in cell.iter(f"{XLSX_NS}t"))
                formula = cell.find(f"{XLSX_NS}f")
                yield kind, text, formula.text if formula is not None else None


def forged(record, fname):
    """A value of ``fname`` that differs from what ``record`` holds."""
    field = record._fields[fname]
    current = record.sudo()[fname]
    env = record.env
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if field.type == "date":
        return fields.Date.add(current or fields.Date.today(), days=1)
    if field.type == "datetime":
        return "2020-01-02 03:04:05"
    if field.type == "selection":
        keys = [key for key, _label in field._description_selection(env)]
        return next(key for key in keys if key != current)
    if field.type == "many2one":
        other = (
            env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
        )
        return other.id
    if field.type in ("many2many", "one2many"):
        other = env[field.comodel_name].sudo().search([], limit=1)
        return [Command.set(other.ids)]
    if field.type == "json":
        return [["forged", 1]]
    return "forged"


class GuardCommon(CollectionsCommon):
    """A record of every guarded model, and fresh plans and promises by state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.env["collection.policy"]._ensure_default_policy(company)
        cls.policy = cls.env["collection.policy"].search(
            [("company_id", "=", company.id), ("is_default", "=", True)]
        )
        cls.level = cls.policy.level_ids[:1]
        cls.invoice = cls.make_invoice(1000.0, -20)
        cls.env["collection.ledger"]._refresh_company(company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id), ("company_id", "=", company.id)]
        )
        cls.contact = cls.env["collection.contact"].create(
            {"debtor_id": cls.debtor.id, "channel": "call"}
        )
        cls.promise = cls.env["collection.promise"].create(
            {"debtor_id": cls.debtor.id, "amount": 100.0, "date": cls.days(5)}
        )
        cls.plan = cls.env["collection.plan"].create(
            {"debtor_id": cls.debtor.id, "invoice_ids": [Command.set(cls.invoice.ids)]}
        )
        cls.plan.action_generate_lines()
        cls.run_log = (
            system_env(cls.env["collection.run"].sudo())
            .create({"company_id": company.id, "date": cls.today})
            .with_env(cls.env)
        )
        cls.other_company = cls.env["res.company"].sudo().create({"name": "Guard Co"})
        cls.users = {VIEWER: cls.viewer, USER: cls.collector, MANAGER: cls.manager}

    @contextmanager
    def refused(self, exception, pattern="."):
        """``assertRaisesRegex`` in a savepoint: what the refused call wrote
        is rolled back, as the request's transaction would be."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    # --- tables ---------------------------------------------------------------
    def guarded(self):
        """``(record, create values)`` of every guarded model, without system
        fields: the create would pass without the forged field."""
        return [
            (self.debtor, {"partner_id": self.customer_b.id}),
            (self.policy, {"name": "Guarded policy"}),
            (self.level, {"policy_id": self.policy.id, "name": "L", "days": 400}),
            (self.contact, {"debtor_id": self.debtor.id, "channel": "call"}),
            (
                self.promise,
                {"debtor_id": self.debtor.id, "amount": 10.0, "date": self.days(3)},
            ),
            (self.plan, {"debtor_id": self.debtor.id}),
            (
                self.plan.line_ids[:1],
                {"plan_id": self.plan.id, "date_due": self.days(9), "amount": 1.0},
            ),
            (self.run_log, {}),
            (self.env.company, {"name": "Guarded Co"}),
            (
                self.invoice,
                {"move_type": "out_invoice", "partner_id": self.customer.id},
            ),
        ]

    def create_vals(self, model):
        return next(vals for record, vals in self.guarded() if record._name == model)

    @staticmethod
    def system_fields(record):
        names = EXTRA_SYSTEM_FIELDS.get(record._name)
        if names is None:
            names = record._collection_system_fields
        return sorted(names)

    def snapshot(self, records):
        """What the database holds for ``records``, read again after the cache
        is dropped."""
        self.env.invalidate_all()
        names = [
            name
            for name, field in records._fields.items()
            if field.store and field.type != "binary"
        ]
        return records.sudo().with_context(active_test=False).read(names)

    def count(self, model):
        self.env.invalidate_all()
        return self.env[model].sudo().with_context(active_test=False).search_count([])

    # --- factories ------------------------------------------------------------
    def new_plan(self, state="draft", user=None):
        """A fresh plan in ``state`` on an invoice of its own; it needs approval
        (7 installments), except an active one."""
        invoice = self.make_invoice(300.0, -20)
        plan = (
            self.env["collection.plan"]
            .with_user(user or self.env.user)
            .create(
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "installment_count": 3 if state == "active" else 7,
                }
            )
        )
        plan.action_generate_lines()
        if state in ("to_approve", "active"):
            plan.action_submit()
        elif state in ("done", "defaulted"):
            system_env(plan).write({"state": state})
        elif state == "cancelled":
            plan.action_cancel()
        self.assertEqual(plan.state, state)
        return plan.with_env(self.env)

    def new_debtor(self):
        return self.env["collection.debtor"].create({"partner_id": self.customer_b.id})

    def new_promise(self, state="open"):
        invoice = self.make_invoice(200.0, -20)
        promise = self.env["collection.promise"].create(
            {
                "debtor_id": self.debtor.id,
                "amount": 100.0,
                "date": self.days(5),
                "invoice_ids": [Command.set(invoice.ids)],
            }
        )
        if state != "open":
            system_env(promise).write({"state": state})
        return promise


@tagged("post_install", "-at_install")
class TestGuardedFields(GuardCommon):
    """System fields refused to every group; fixed fields never change."""

    def test_system_fields_refused_on_write(self):
        """Each system field written by each group: AccessError naming it, row kept."""
        for record, _vals in self.guarded():
            for fname, group in product(self.system_fields(record), GROUPS):
                with self.subTest(model=record._name, field=fname, group=group):
                    before = self.snapshot(record)
                    value = forged(record, fname)
                    with self.refused(AccessError, rf"\b{fname}\b"):
                        record.with_user(self.users[group]).write({fname: value})
                    self.assertEqual(self.snapshot(record), before)

    def test_system_fields_refused_on_create(self):
        """Each system field in create values or as default_ key: refused, no row."""
        for record, vals in self.guarded():
            Model = self.env[record._name]
            for fname, group in product(self.system_fields(record), GROUPS):
                value = forged(record, fname)
                as_user = Model.with_user(self.users[group])
                ways = {
                    "vals": (as_user, dict(vals, **{fname: value})),
                    "default": (
                        as_user.with_context(**{f"default_{fname}": value}),
                        vals,
                    ),
                }
                for way, (creator, create_vals) in ways.items():
                    with self.subTest(
                        model=record._name, field=fname, group=group, way=way
                    ):
                        before = self.count(record._name)
                        with self.refused(AccessError, rf"\b{fname}\b"):
                            creator.create(dict(create_vals))
                        self.assertEqual(self.count(record._name), before)

    def test_installment_system_fields_refused_through_the_plan(self):
        """A plan created with installments carrying system fields is refused."""
        line = self.plan.line_ids[:1]
        for fname, group in product(self.system_fields(line), (USER, MANAGER)):
            with self.subTest(field=fname, group=group):
                before = self.count("collection.plan")
                invoice = self.make_invoice(100.0, -20)
                vals = {
                    "date_due": self.days(10),
                    "amount": 100.0,
                    fname: forged(line, fname),
                }
                with self.refused(AccessError, rf"\b{fname}\b"):
                    self.env["collection.plan"].with_user(self.users[group]).create(
                        {
                            "debtor_id": self.debtor.id,
                            "invoice_ids": [Command.set(invoice.ids)],
                            "installment_count": 1,
                            "line_ids": [Command.create(vals)],
                        }
                    )
                self.assertEqual(self.count("collection.plan"), before)

    def test_system_fields_refused_through_the_debtor(self):
        """Promises, plans and contacts edited through the debtor keep their guards."""
        cases = [
            ("promise_ids", self.promise, {"state": "kept"}),
            ("plan_ids", self.plan, {"state": "active"}),
            ("contact_ids", self.contact, {"state": "sent", "is_automatic": True}),
        ]
        for (fname, record, vals), group in product(cases, (USER, MANAGER)):
            for command in (
                Command.update(record.id, vals),
                Command.create(dict(self.create_vals(record._name), **vals)),
            ):
                with self.subTest(field=fname, group=group, command=command[0]):
                    before = self.snapshot(record), self.count(record._name)
                    with self.assertRaises(UserError):
                        self.debtor.with_user(self.users[group]).write(
                            {fname: [command]}
                        )
                    after = self.snapshot(record), self.count(record._name)
                    self.assertEqual(after, before)

    def test_fixed_fields_never_change(self):
        """Company, debtor, partner, plan and policy links stay, whoever writes."""
        other_contact = self.env["collection.contact"].create(
            {"debtor_id": self.debtor.id, "channel": "email"}
        )
        others = {
            "company_id": self.other_company.id,
            "debtor_id": self.new_debtor().id,
            "partner_id": self.customer_b.id,
            "plan_id": self.new_plan().id,
            "policy_id": self.env["collection.policy"].create({"name": "Other"}).id,
            "contact_id": other_contact.id,
            "correction_of_id": other_contact.id,
        }
        for record, _vals in self.guarded():
            names = getattr(record, "_collection_fixed_fields", ())
            # Fixed once set: only fields holding a value are tried.
            for fname in sorted(name for name in names if record[name]):
                value = others.get(fname) or forged(record, fname)
                writers = {
                    "manager": record.with_user(self.manager),
                    "system": system_env(record),
                }
                for name, writer in writers.items():
                    with self.subTest(model=record._name, field=fname, writer=name):
                        before = self.snapshot(record)
                        with self.assertRaises(UserError):
                            writer.write({fname: value})
                        self.assertEqual(self.snapshot(record), before)


@tagged("post_install", "-at_install")
class TestTransitions(GuardCommon):
    """Buttons allowed and refused per group and per state."""

    def check_transition(self, record, method, user, expected, model_method=False):
        """Call ``method`` as ``user``: refused with ``expected`` and nothing
        changed, or allowed when ``expected`` is None."""
        target = self.env[record._name] if model_method else record
        call = getattr(target.with_user(user), method)
        if not expected:
            return call()
        before = self.snapshot(record), self.count("collection.contact")
        with self.refused(*expected):
            call()
        self.assertEqual(
            (self.snapshot(record), self.count("collection.contact")), before
        )

    def test_plan_transitions(self):
        """Each plan transition, state and group; a refusal says what is allowed."""
        for method, (state, _label), group in product(
            PLAN_ACTIONS, PLAN_STATES, GROUPS
        ):
            expected = plan_expectation(method, state, group)
            with self.subTest(method=method, state=state, group=group):
                plan = self.new_plan(state)
                self.check_transition(plan, method, self.users[group], expected)
                if not expected:
                    self.assertEqual(plan.state, PLAN_RESULTS[method])

    def test_promise_cancel(self):
        """Only an open promise is cancelled, and only by a collector or manager."""
        for state, group in product(PROMISE_STATES, GROUPS):
            expected = promise_expectation(state, group)
            with self.subTest(state=state, group=group):
                promise = self.new_promise(state)
                user = self.users[group]
                self.check_transition(promise, "action_cancel", user, expected)
                if not expected:
                    self.assertEqual(promise.state, "cancelled")

    def test_user_buttons(self):
        """Reset type, refresh, letter, statement, export, run now: not for Viewers."""
        records = {"collection.debtor": self.debtor, "collection.run": self.run_log}
        for (model, method, on_model), group in product(USER_ACTIONS, GROUPS):
            expected = GROUP_REFUSAL if group == VIEWER else None
            with self.subTest(method=method, group=group):
                result = self.check_transition(
                    records[model], method, self.users[group], expected, on_model
                )
                if not expected:
                    self.assertTrue(result)

    def test_viewer_cannot_render_letter_nor_statement(self):
        """The report engine refuses the letter and the statement to a Viewer."""
        reports = self.env["ir.actions.report"].with_user(self.viewer)
        for report in (
            "collections_addon.action_report_collection_letter",
            "collections_addon.action_report_collection_statement",
        ):
            with self.subTest(report=report):
                with self.refused(AccessError, NEEDS_GROUP):
                    reports._render_qweb_html(report, self.debtor.ids)


@tagged("post_install", "-at_install")
class TestFourEyes(GuardCommon):
    """Who shaped a version of a plan never approves it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_2 = cls.collections_user("coll_manager_2", MANAGER)

    def assertApprovalRefused(self, plan, user):
        before = self.snapshot(plan)
        with self.refused(UserError, "four eyes"):
            plan.with_user(user).action_approve()
        self.assertEqual(self.snapshot(plan), before)

    def test_creator_cannot_approve(self):
        """A manager who created the plan cannot approve it; another manager can."""
        plan = self.new_plan("to_approve", user=self.manager)
        self.assertApprovalRefused(plan, self.manager)
        plan.with_user(self.manager_2).action_approve()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.approved_by_id, self.manager_2)

    def test_term_changer_cannot_approve(self):
        """A manager who changed a draft's terms cannot approve once it is submitted."""
        changes = {
            "terms": lambda plan: plan.write({"installment_count": 8}),
            "schedule": lambda plan: plan.line_ids[-1:].write(
                {"date_due": self.days(400)}
            ),
            "schedule computed": lambda plan: plan.action_generate_lines(),
        }
        for name, change in changes.items():
            with self.subTest(change=name):
                plan = self.new_plan(user=self.collector)
                change(plan.with_user(self.manager))
                plan.with_user(self.collector).action_generate_lines()
                plan.with_user(self.collector).action_submit()
                self.assertEqual(plan.state, "to_approve")
                self.assertApprovalRefused(plan, self.manager)
                plan.with_user(self.manager_2).action_approve()
                self.assertEqual(plan.state, "active")

    def test_revised_plan_needs_approval_again(self):
        """A revised active plan goes to approval, whatever its figures."""
        plan = self.new_plan("active", user=self.collector)
        self.assertFalse(plan.needs_approval)
        plan.with_user(self.manager).action_revise()
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.needs_approval)
        plan.with_user(self.collector).action_submit()
        self.assertEqual(plan.state, "to_approve")
        self.assertApprovalRefused(plan, self.manager)
        plan.with_user(self.manager_2).action_approve()
        self.assertEqual(plan.state, "active")


@tagged("post_install", "-at_install")
class TestContextKeys(GuardCommon):
    """No context key a caller can send switches a guard off."""

    def test_context_keys_change_nothing(self):
        """With each key set to True, fields and transitions are still refused."""
        for key in CONTEXT_KEYS:
            context = {key: True}
            for record, vals in self.guarded():
                names = self.system_fields(record)
                if not names:
                    continue
                forged_vals = {fname: forged(record, fname) for fname in names}
                as_manager = record.with_user(self.manager).with_context(**context)
                with self.subTest(key=key, model=record._name):
                    before = self.snapshot(record), self.count(record._name)
                    with self.assertRaises(AccessError):
                        as_manager.write(forged_vals)
                    with self.assertRaises(AccessError):
                        as_manager.browse().create(dict(vals, **forged_vals))
                    after = self.snapshot(record), self.count(record._name)
                    self.assertEqual(after, before)
            plan = self.new_plan("to_approve").with_context(**context)
            with self.subTest(key=key, case="transitions"):
                with self.refused(UserError, "four eyes"):
                    plan.action_approve()
                with self.refused(AccessError, NEEDS_GROUP):
                    plan.with_user(self.collector).action_approve()
                with self.refused(UserError, "only possible from"):
                    plan.action_revise()
                viewer_debtor = self.debtor.with_user(self.viewer).with_context(
                    **context
                )
                for method in ("export_aging_xlsx", "action_print_letter"):
                    with self.refused(AccessError, NEEDS_GROUP):
                        getattr(viewer_debtor, method)()


@tagged("post_install", "-at_install")
class TestBounds(GuardCommon):
    """Amounts, counts and dates outside the bounds of lib/bounds.py."""

    def assertBoundRefused(self, pattern, write, *records):
        before = [self.snapshot(record) for record in records]
        with self.refused(ValidationError, pattern):
            write()
        self.assertEqual([self.snapshot(record) for record in records], before)

    def test_amounts_not_finite_or_too_large(self):
        """NaN, infinity, 1e13 on fees, interest, down payment, promise, threshold."""
        plan = self.new_plan(user=self.collector)
        company = self.env.company
        cases = [
            (self.level.with_user(self.manager), "fee_amount"),
            (plan.with_user(self.collector), "fee_amount"),
            (plan.with_user(self.collector), "interest_amount"),
            (plan.with_user(self.collector), "down_payment"),
            (company, "collection_plan_approval_amount"),
        ]
        for (record, fname), value in product(cases, NOT_FINITE):
            label = re.escape(record._fields[fname].string)
            with self.subTest(model=record._name, field=fname, value=value):
                self.assertBoundRefused(
                    label, lambda r=record, f=fname, v=value: r.write({f: v}), record
                )
        Promise = self.env["collection.promise"].with_user(self.collector)
        for value in NOT_FINITE:
            vals = {
                "debtor_id": self.debtor.id,
                "invoice_ids": [Command.set(self.invoice.ids)],
                "amount": value,
                "date": self.days(2),
            }
            with self.subTest(model=Promise._name, value=value):
                count = self.count(Promise._name)
                with self.refused(ValidationError, "Amount"):
                    Promise.create(vals)
                self.assertEqual(self.count(Promise._name), count)

    def test_installments_capped(self):
        """10,000 installments are refused on create and on write (cap 120)."""
        plan = self.new_plan(user=self.collector).with_user(self.collector)
        pattern = f"not between 1 and {bounds.MAX_INSTALLMENTS}"
        self.assertBoundRefused(
            pattern, lambda: plan.write({"installment_count": 10000}), plan
        )
        invoice = self.make_invoice(100.0, -20)
        count = self.count("collection.plan")
        with self.refused(ValidationError, pattern):
            plan.create(
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "installment_count": 10000,
                }
            )
        self.assertEqual(self.count("collection.plan"), count)

    def test_dates_outside_the_window(self):
        """Plan start, debtor hold and next action date outside the window: refused."""
        plan = self.new_plan(user=self.collector).with_user(self.collector)
        debtor = self.debtor.with_user(self.collector)
        too_early = self.today - timedelta(days=bounds.DATE_PAST_DAYS + 1)
        too_late = self.today + timedelta(days=bounds.DATE_FUTURE_DAYS + 1)
        for day in (too_early, too_late):
            cases = [
                ("Start Date", plan, {"date_start": day}),
                ("On Hold Until", debtor, {"hold_until": day, "hold_reason": "x"}),
                ("Next Action Date", debtor, {"next_action_date": day}),
            ]
            for label, record, vals in cases:
                with self.subTest(field=label, day=day):
                    self.assertBoundRefused(
                        f"{label}: .* outside the allowed window",
                        lambda r=record, v=vals: r.write(v),
                        record,
                    )


@tagged("post_install", "-at_install")
class TestXlsxInjection(GuardCommon):
    """User text in the workbooks is text, never a formula."""

    def test_formula_like_text_stays_text(self):
        """A partner named like a formula: text cells in the aging and the hand-over."""
        partner = self.env["res.partner"].create(
            {"name": FORMULA, "is_company": True, "email": "x@formula.test"}
        )
        self.make_invoice(100.0, -30, partner=partner)
        self.env["collection.ledger"]._refresh_company(self.env.company)
        debtor = self.env["collection.debtor"].search([("partner_id", "=", partner.id)])
        self.env["collection.contact"].create(
            {"debtor_id": debtor.id, "channel": "call", "note": FORMULA}
        )
        export = debtor.with_user(self.collector).export_aging_xlsx()
        workbooks = {
            "aging": base64.b64decode(export["datas"]),
            "hand-over": self.env["collection.document"]
            ._handover_attachment(debtor, debtor.level_id, self.today)
            .raw,
        }
        for name, content in workbooks.items():
            with self.subTest(workbook=name):
                cells = list(xlsx_cells(content))
                texts = [(kind, text) for kind, text, _f in cells if FORMULA in text]
                self.assertIn(FORMULA, [text for _kind, text in texts])
                for kind, _text in texts:
                    self.assertIn(kind, ("s", "inlineStr"))
                formulas = [formula for _k, _t, formula in cells if formula]
                self.assertTrue(all(f.startswith("SUM(") for f in formulas))
