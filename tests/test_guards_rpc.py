# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guards of ``test_guards.py`` over real JSON-RPC calls (``/jsonrpc``):
the same tables, an error in a JSON answer (HTTP 200), nothing written."""

import base64
from itertools import product

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import JsonRpcMixin
from .test_guards import (
    CONTEXT_KEYS,
    GROUPS,
    MANAGER,
    NEEDS_GROUP,
    PLAN_ACTIONS,
    PLAN_RESULTS,
    PLAN_STATES,
    PROMISE_STATES,
    USER,
    USER_ACTIONS,
    VIEWER,
    GuardCommon,
    forged,
    plan_expectation,
    promise_expectation,
)

REPORTS = ("report_collection_letter", "report_collection_statement")


@tagged("post_install", "-at_install")
class TestGuardsRpc(GuardCommon, JsonRpcMixin, HttpCase):
    """Fields, transitions and context keys through ``/jsonrpc`` per group."""

    def test_system_fields_refused_on_write(self):
        """Each system field written over JSON-RPC by each group: refused, row kept."""
        for record, _vals in self.guarded():
            for fname, group in product(self.system_fields(record), GROUPS):
                with self.subTest(model=record._name, field=fname, group=group):
                    before = self.snapshot(record)
                    answer = self.rpc(
                        self.users[group],
                        record._name,
                        "write",
                        record.ids,
                        {fname: forged(record, fname)},
                    )
                    self.assertRpcRefused(answer, AccessError, rf"\b{fname}\b")
                    self.assertEqual(self.snapshot(record), before)

    def test_system_fields_refused_on_create(self):
        """Each system field in create values or as default_ key over RPC: no row."""
        for record, vals in self.guarded():
            for fname, group in product(self.system_fields(record), GROUPS):
                value = forged(record, fname)
                ways = {
                    "vals": ((dict(vals, **{fname: value}),), {}),
                    "default": ((vals,), {"context": {f"default_{fname}": value}}),
                }
                for way, (args, kwargs) in ways.items():
                    with self.subTest(
                        model=record._name, field=fname, group=group, way=way
                    ):
                        before = self.count(record._name)
                        user = self.users[group]
                        answer = self.rpc(user, record._name, "create", *args, **kwargs)
                        self.assertRpcRefused(answer, AccessError, rf"\b{fname}\b")
                        self.assertEqual(self.count(record._name), before)

    def check_rpc_transition(self, record, method, group, expected, on_model=False):
        """Call ``method`` over JSON-RPC: refused with ``expected`` and nothing
        changed, or allowed (the answer is returned) when it is None."""
        args = () if on_model else (record.ids,)
        before = self.snapshot(record), self.count("collection.contact")
        answer = self.rpc(self.users[group], record._name, method, *args)
        if not expected:
            self.assertNotIn("error", answer, answer.get("error"))
            return answer["result"]
        self.assertRpcRefused(answer, *expected)
        after = self.snapshot(record), self.count("collection.contact")
        self.assertEqual(after, before)

    def test_plan_transitions(self):
        """Each plan transition from each state for each group over JSON-RPC."""
        for method, (state, _label), group in product(
            PLAN_ACTIONS, PLAN_STATES, GROUPS
        ):
            expected = plan_expectation(method, state, group)
            with self.subTest(method=method, state=state, group=group):
                plan = self.new_plan(state)
                self.check_rpc_transition(plan, method, group, expected)
                if not expected:
                    self.env.invalidate_all()
                    self.assertEqual(plan.state, PLAN_RESULTS[method])

    def test_promise_cancel(self):
        """Cancelling a promise over JSON-RPC, per state and group."""
        for state, group in product(PROMISE_STATES, GROUPS):
            expected = promise_expectation(state, group)
            with self.subTest(state=state, group=group):
                promise = self.new_promise(state)
                self.check_rpc_transition(promise, "action_cancel", group, expected)
                if not expected:
                    self.env.invalidate_all()
                    self.assertEqual(promise.state, "cancelled")

    def test_user_buttons(self):
        """Reset type, refresh, letter, statement, export, run now over JSON-RPC."""
        records = {"collection.debtor": self.debtor, "collection.run": self.run_log}
        for (model, method, on_model), group in product(USER_ACTIONS, GROUPS):
            expected = (AccessError, NEEDS_GROUP) if group == VIEWER else None
            with self.subTest(method=method, group=group):
                result = self.check_rpc_transition(
                    records[model], method, group, expected, on_model
                )
                if not expected:
                    self.assertTrue(result)

    def test_context_keys_change_nothing(self):
        """Context keys sent over JSON-RPC switch no guard off."""
        for key, (record, vals) in product(CONTEXT_KEYS, self.guarded()):
            names = self.system_fields(record)
            if not names:
                continue
            forged_vals = {fname: forged(record, fname) for fname in names}
            context = {"context": {key: True}}
            with self.subTest(key=key, model=record._name):
                before = self.snapshot(record), self.count(record._name)
                manager = self.users[MANAGER]
                answer = self.rpc(
                    manager, record._name, "write", record.ids, forged_vals, **context
                )
                self.assertRpcRefused(answer, AccessError)
                answer = self.rpc(
                    manager,
                    record._name,
                    "create",
                    dict(vals, **forged_vals),
                    **context,
                )
                self.assertRpcRefused(answer, AccessError)
                after = self.snapshot(record), self.count(record._name)
                self.assertEqual(after, before)
        plan = self.new_plan("to_approve")
        for key in CONTEXT_KEYS:
            with self.subTest(key=key, case="transitions"):
                context = {"context": {key: True}}
                answer = self.rpc(
                    self.collector, plan._name, "action_approve", plan.ids, **context
                )
                self.assertRpcRefused(answer, AccessError, NEEDS_GROUP)
                for method in ("export_aging_xlsx", "action_print_letter"):
                    answer = self.rpc(
                        self.viewer,
                        self.debtor._name,
                        method,
                        self.debtor.ids,
                        **context,
                    )
                    self.assertRpcRefused(answer, AccessError, NEEDS_GROUP)
                self.env.invalidate_all()
                self.assertEqual(plan.state, "to_approve")

    def test_fixed_fields_never_change(self):
        """Company, debtor, partner, plan and policy links refused over JSON-RPC."""
        values = {
            "company_id": self.other_company.id,
            "debtor_id": self.new_debtor().id,
            "partner_id": self.customer_b.id,
            "plan_id": self.new_plan().id,
            "policy_id": self.env["collection.policy"].create({"name": "Other"}).id,
        }
        for record, _vals in self.guarded():
            names = getattr(record, "_collection_fixed_fields", ())
            for fname in sorted(name for name in names if record[name]):
                value = values.get(fname) or forged(record, fname)
                with self.subTest(model=record._name, field=fname):
                    before = self.snapshot(record)
                    answer = self.rpc(
                        self.manager, record._name, "write", record.ids, {fname: value}
                    )
                    self.assertRpcRefused(answer, UserError)
                    self.assertEqual(self.snapshot(record), before)

    def test_four_eyes(self):
        """The manager who created a plan cannot approve it over JSON-RPC."""
        plan = self.new_plan("to_approve", user=self.manager)
        answer = self.rpc(self.manager, plan._name, "action_approve", plan.ids)
        self.assertRpcRefused(answer, UserError, "four eyes")
        self.env.invalidate_all()
        self.assertEqual(plan.state, "to_approve")
        answer = self.rpc(self.env.user, plan._name, "action_approve", plan.ids)
        self.assertNotIn("error", answer)
        self.env.invalidate_all()
        self.assertEqual(plan.state, "active")

    def test_export_answers_base64_in_json(self):
        """export_aging_xlsx over JSON-RPC answers a dict with the base64 workbook."""
        for group in (USER, MANAGER):
            with self.subTest(group=group):
                answer = self.rpc(
                    self.users[group], "collection.debtor", "export_aging_xlsx", []
                )
                result = answer["result"]
                self.assertEqual(set(result), {"name", "mimetype", "datas"})
                self.assertTrue(result["name"].endswith(".xlsx"))
                self.assertEqual(base64.b64decode(result["datas"])[:2], b"PK")

    def test_viewer_cannot_download_letter_nor_statement(self):
        """The report routes refuse the letter and the statement to a Viewer."""
        self.authenticate(self.viewer.login, self.viewer.login)
        for report in REPORTS:
            with self.subTest(report=report):
                with mute_logger("odoo.http"):
                    response = self.url_open(
                        f"/report/html/collections_addon.{report}/{self.debtor.id}"
                    )
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(self.customer.name, response.text)
