# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a caller can combine over JSON-RPC, as each role would try it: the
sensitive type and the letters, four eyes, the contact log and bad input.

Every case is a real ``/jsonrpc`` call; each guard is checked on the record
the database holds afterwards, not on the answer alone. The frozen-field cases
are generated from the models' ``_collection_evidence`` declarations.
"""

import base64
import math
import re

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.collections_addon.lib import bounds
from odoo.addons.collections_addon.models.collection_guard import ALL, system_env

from .common import MANAGER, JsonRpcMixin
from .test_guards import GuardCommon, forged

LONG = "x" * 100_000


@tagged("post_install", "-at_install")
class TestAttackRpc(GuardCommon, JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_2 = new_test_user(
            cls.env,
            login="coll_manager2",
            groups=f"base.group_user,{MANAGER}",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        # A debtor a manager marked fraudulent, with a stored letter.
        cls.fraud_invoice = cls.make_invoice(700.0, -40, partner=cls.customer_b)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.fraud = cls.env["collection.debtor"].search(
            [
                ("partner_id", "=", cls.customer_b.id),
                ("company_id", "=", cls.env.company.id),
            ]
        )
        cls.fraud.with_user(cls.manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Fake address"}
        )
        cls.letter = cls.env["ir.attachment"].create(
            {
                "name": "Demand letter.pdf",
                "raw": b"%PDF-1.4 letter",
                "res_model": "collection.debtor",
                "res_id": cls.fraud.id,
            }
        )

    def debtor_of(self, partner, company=None):
        return (
            self.env["collection.debtor"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.commercial_partner_id.id),
                    ("company_id", "=", (company or self.env.company).id),
                ]
            )
        )

    # --- the sensitive type and the letters -----------------------------------
    def test_viewer_never_reads_the_sensitive_type(self):
        """Directly, in a full read, in a grouping and in the kanban arch."""
        for fname in ("debtor_type", "fraud_review", "debtor_type_reason"):
            with self.subTest(field=fname):
                answer = self.rpc(
                    self.viewer, "collection.debtor", "read", self.fraud.ids, [fname]
                )
                self.assertRpcRefused(answer, AccessError)
        answer = self.rpc(self.viewer, "collection.debtor", "read", self.fraud.ids, [])
        record = answer["result"][0]
        for fname in ("debtor_type", "fraud_review", "debtor_type_reason"):
            self.assertNotIn(fname, record)
        self.assertEqual(record["debtor_type_label"], "Review with collections")
        answer = self.rpc(
            self.viewer,
            "collection.debtor",
            "read_group",
            [],
            ["amount_overdue:sum"],
            ["debtor_type"],
        )
        self.assertRpcRefused(answer, AccessError)
        answer = self.rpc(
            self.viewer,
            "collection.debtor",
            "get_views",
            [[False, "kanban"], [False, "form"], [False, "list"]],
        )
        for view in answer["result"]["views"].values():
            self.assertNotIn("fraudulent", view["arch"])
            self.assertNotIn('name="debtor_type"', view["arch"])
        self.assertEqual(
            self.rpc(
                self.collector,
                "collection.debtor",
                "read",
                self.fraud.ids,
                ["debtor_type"],
            )["result"][0]["debtor_type"],
            "fraudulent",
        )

    def test_viewer_cannot_list_or_download_the_stored_letters(self):
        answer = self.rpc(
            self.viewer,
            "ir.attachment",
            "search_read",
            [("res_model", "=", "collection.debtor")],
            ["name"],
        )
        self.assertEqual(answer["result"], [])
        answer = self.rpc(
            self.viewer, "ir.attachment", "read", self.letter.ids, ["datas"]
        )
        self.assertRpcRefused(answer, AccessError)
        self.authenticate(self.viewer.login, "coll_viewer")
        response = self.url_open(f"/web/content/{self.letter.id}?download=true")
        self.assertNotEqual(response.content, b"%PDF-1.4 letter")
        answer = self.rpc(
            self.collector, "ir.attachment", "read", self.letter.ids, ["datas"]
        )
        self.assertEqual(
            base64.b64decode(answer["result"][0]["datas"]), b"%PDF-1.4 letter"
        )

    def test_collector_cannot_lift_or_set_the_fraudulent_type(self):
        attempts = {
            "another type": ("write", [self.fraud.ids, {"debtor_type": "chronic"}]),
            "cleared": ("write", [self.fraud.ids, {"debtor_type": False}]),
            "suggestion": ("action_reset_debtor_type", [self.fraud.ids]),
            "combined": (
                "write",
                [
                    self.fraud.ids,
                    {"debtor_type_reason": "x", "debtor_type": "forgetful"},
                ],
            ),
        }
        for name, (method, args) in attempts.items():
            with self.subTest(attempt=name):
                answer = self.rpc(self.collector, "collection.debtor", method, *args)
                self.assertRpcRefused(answer, AccessError, "fraudulent")
                self.assertEqual(self.fraud.debtor_type, "fraudulent")
        answer = self.rpc(
            self.collector,
            "collection.debtor",
            "write",
            self.debtor.ids,
            {"debtor_type": "fraudulent", "debtor_type_reason": "Guess"},
        )
        self.assertRpcRefused(answer, AccessError, "fraudulent")
        self.assertNotEqual(self.debtor.debtor_type, "fraudulent")
        partner = self.env["res.partner"].create({"name": "New", "is_company": True})
        for way, (args, kwargs) in {
            "vals": (
                [
                    {
                        "partner_id": partner.id,
                        "debtor_type": "fraudulent",
                        "debtor_type_reason": "x",
                    }
                ],
                {},
            ),
            "default": (
                [{"partner_id": partner.id}],
                {"context": {"default_debtor_type": "fraudulent"}},
            ),
        }.items():
            with self.subTest(create=way):
                answer = self.rpc(
                    self.collector, "collection.debtor", "create", *args, **kwargs
                )
                self.assertRpcRefused(answer, AccessError, "fraudulent")
        self.assertFalse(self.debtor_of(partner))

    def test_a_manager_decides_the_fraudulent_type_and_it_is_logged(self):
        answer = self.rpc(
            self.manager_2,
            "collection.debtor",
            "write",
            self.fraud.ids,
            {"debtor_type": "chronic", "debtor_type_reason": "Paid after all"},
        )
        self.assertNotIn("error", answer)
        self.assertEqual(self.fraud.debtor_type, "chronic")
        self.assertEqual(self.fraud.debtor_type_decided_by_id, self.manager_2)
        self.env.flush_all()
        self.env.cr.flush()
        tracked = self.fraud.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "debtor_type"
        )
        self.assertIn("chronic", tracked.mapped("new_value_char")[0].lower())

    # --- four eyes ------------------------------------------------------------
    def draft_plan(self, user, count=3, invoice=None):
        invoice = invoice or self.make_invoice(20000.0, -30)
        plan = (
            self.env["collection.plan"]
            .with_user(user)
            .create(
                {
                    "debtor_id": self.debtor.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "installment_count": count,
                }
            )
        )
        plan.with_user(user).action_generate_lines()
        return plan.with_env(self.env)

    def test_manager_reshaping_lines_directly_cannot_approve(self):
        """Deleting and creating installments is shaping the plan."""
        plan = self.draft_plan(self.collector)
        line = plan.line_ids[-1]
        amount = line.amount
        self.rpc(self.manager, "collection.plan.line", "unlink", line.ids)
        answer = self.rpc(
            self.manager,
            "collection.plan.line",
            "create",
            [
                {
                    "plan_id": plan.id,
                    "date_due": str(self.days(200)),
                    "amount": amount,
                    "sequence": 99,
                }
            ],
        )
        self.assertNotIn("error", answer)
        self.assertIn(self.manager, plan.shaper_ids)
        plan.with_user(self.collector).action_submit()
        self.assertEqual(plan.state, "to_approve")
        answer = self.rpc(self.manager, "collection.plan", "action_approve", plan.ids)
        self.assertRpcRefused(answer, UserError, "four eyes")
        self.assertEqual(plan.state, "to_approve")

    def test_handing_a_plan_over_and_back_does_not_let_its_collector_approve(self):
        plan = self.draft_plan(self.collector)
        plan.user_id = self.manager  # the manager collects it
        system_env(plan).write({"shaper_ids": [Command.set(self.collector.ids)]})
        plan.with_user(self.collector).action_submit()
        self.assertEqual(plan.state, "to_approve")
        self.rpc(
            self.manager,
            "collection.plan",
            "write",
            plan.ids,
            {"user_id": self.manager_2.id},
        )
        answer = self.rpc(self.manager, "collection.plan", "action_approve", plan.ids)
        self.assertRpcRefused(answer, UserError, "four eyes")
        self.rpc(
            self.manager,
            "collection.plan",
            "write",
            plan.ids,
            {"user_id": self.manager.id},
        )
        self.assertEqual(plan.state, "to_approve")
        answer = self.rpc(self.manager_2, "collection.plan", "action_approve", plan.ids)
        self.assertRpcRefused(answer, UserError, "four eyes")

    def test_a_passing_type_change_does_not_dodge_approval(self):
        """A chronic debtor set to forgetful by a collector: the plan reads
        the suggested type too, and the change is logged."""
        system_env(self.debtor).write({"debtor_type_suggested": "chronic"})
        self.rpc(
            self.collector,
            "collection.debtor",
            "write",
            self.debtor.ids,
            {"debtor_type": "forgetful", "debtor_type_reason": "Seems fine"},
        )
        self.assertEqual(self.debtor.debtor_type, "forgetful")
        self.assertEqual(self.debtor.debtor_type_decided_by_id, self.collector)
        invoice = self.make_invoice(100.0, -30)
        plan = self.draft_plan(self.collector, count=2, invoice=invoice)
        self.rpc(self.collector, "collection.plan", "action_submit", plan.ids)
        self.assertEqual(plan.state, "to_approve")
        self.assertIn("chronic", plan.approval_reason.lower())

    def test_schedule_lines_beyond_the_count_or_the_calendar_are_refused(self):
        plan = self.draft_plan(self.collector, count=3)
        count = bounds.MAX_INSTALLMENTS + 5
        lines = [Command.clear()] + [
            Command.create(
                {
                    "date_due": str(self.days(30 + i)),
                    "amount": plan.amount_to_schedule / count,
                    "sequence": 100 + i,
                }
            )
            for i in range(count)
        ]
        answer = self.rpc(
            self.collector, "collection.plan", "write", plan.ids, {"line_ids": lines}
        )
        self.assertRpcRefused(answer, ValidationError, str(bounds.MAX_INSTALLMENTS))
        self.assertEqual(len(plan.line_ids), 3)
        for year in ("9999-01-01", "1900-01-01"):
            with self.subTest(date=year):
                answer = self.rpc(
                    self.collector,
                    "collection.plan.line",
                    "write",
                    plan.line_ids[:1].ids,
                    {"date_due": year},
                )
                self.assertRpcRefused(answer, ValidationError, "Due Date")
                self.assertNotEqual(str(plan.line_ids[:1].date_due), year)

    def test_a_plan_with_more_scheduled_lines_than_its_count_needs_approval(self):
        company = self.env.company
        company.collection_plan_max_installments = 4
        plan = self.draft_plan(
            self.collector, count=3, invoice=self.make_invoice(300.0, -30)
        )
        extra = [
            Command.create(
                {"date_due": str(self.days(120 + i)), "amount": 1.0, "sequence": 50 + i}
            )
            for i in range(3)
        ]
        first = plan.line_ids[0]
        self.rpc(
            self.collector,
            "collection.plan",
            "write",
            plan.ids,
            {
                "line_ids": [
                    *extra,
                    Command.update(first.id, {"amount": first.amount - 3}),
                ]
            },
        )
        self.assertEqual(plan._installment_total(), 6)
        self.rpc(self.collector, "collection.plan", "action_submit", plan.ids)
        self.assertEqual(plan.state, "to_approve")

    # --- the contact log --------------------------------------------------------
    def test_an_entry_is_logged_by_who_made_the_contact(self):
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "create",
            [
                {
                    "debtor_id": self.debtor.id,
                    "channel": "call",
                    "user_id": self.manager.id,
                }
            ],
        )
        self.assertRpcRefused(answer, AccessError, "another person")
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "create",
            [{"debtor_id": self.debtor.id, "channel": "call"}],
            context={"default_user_id": self.manager.id},
        )
        self.assertRpcRefused(answer, AccessError, "another person")
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "write",
            self.contact.ids,
            {"user_id": self.manager.id},
        )
        self.assertRpcRefused(answer, UserError)
        self.assertNotEqual(self.contact.user_id, self.manager)

    def test_system_channels_dates_and_corrections_are_the_systems(self):
        channels = dict(
            self.env["collection.contact"]
            ._fields["channel"]
            ._description_selection(self.env)
        )
        for channel in set(channels) - {"call", "email", "sms", "letter", "meeting"}:
            with self.subTest(channel=channel):
                answer = self.rpc(
                    self.collector,
                    "collection.contact",
                    "create",
                    [{"debtor_id": self.debtor.id, "channel": channel}],
                )
                self.assertRpcRefused(answer, AccessError, "recorded by Collections")
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "create",
            [
                {
                    "debtor_id": self.debtor.id,
                    "channel": "call",
                    "date": "1900-01-01 10:00:00",
                }
            ],
        )
        self.assertRpcRefused(answer, ValidationError, "within a month")
        other = self.env["collection.contact"].create(
            {"debtor_id": self.fraud.id, "channel": "call", "outcome": "reached"}
        )
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "create",
            [
                {
                    "debtor_id": self.debtor.id,
                    "channel": "call",
                    "correction_of_id": other.id,
                }
            ],
        )
        self.assertRpcRefused(answer, ValidationError, "same debtor")

    def test_texts_of_a_hundred_thousand_characters_are_refused_not_cut(self):
        cases = [
            (
                "collection.contact",
                "create",
                [{"debtor_id": self.debtor.id, "note": LONG}],
            ),
            ("collection.contact", "write", self.contact.ids, {"note": LONG}),
            (
                "collection.debtor",
                "write",
                self.debtor.ids,
                {"hold_until": str(self.days(3)), "hold_reason": LONG},
            ),
            (
                "account.move",
                "write",
                self.invoice.ids,
                {"collection_excluded": True, "collection_exclusion_reason": LONG},
            ),
            (
                "collection.promise",
                "create",
                [
                    {
                        "debtor_id": self.debtor.id,
                        "amount": 5.0,
                        "date": str(self.days(4)),
                        "note": LONG,
                    }
                ],
            ),
        ]
        for model, method, *args in cases:
            with self.subTest(model=model, method=method):
                answer = self.rpc(self.collector, model, method, *args)
                self.assertRpcRefused(answer, ValidationError, "shorten it")
        self.assertFalse(self.debtor.hold_reason)
        self.assertFalse(self.invoice.collection_excluded)
        self.assertNotEqual(self.contact.note, LONG)

    def test_editing_a_recorded_entry_says_who_recorded_it(self):
        release = (
            self.env["collection.contact"]
            .with_user(self.manager)
            ._log({"debtor_id": self.debtor.id, "channel": "call", "note": "Released"})
        )
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "write",
            release.ids,
            {"outcome": "reached"},
        )
        message = self.assertRpcRefused(answer, UserError, re.escape(self.manager.name))
        self.assertNotIn("escalation run", message)
        self.assertFalse(release.outcome)

    # --- evidence, generated from the declarations -------------------------------
    def frozen_records(self):
        """A record of each evidence model where each of its rules holds."""
        plan = self.draft_plan(
            self.collector, count=2, invoice=self.make_invoice(90.0, -5)
        )
        system_env(plan).write({"state": "active"})
        automatic = self.env["collection.contact"]._log(
            {"debtor_id": self.debtor.id, "channel": "email", "note": "Sent"}
        )
        recorded = self.env["collection.contact"].create(
            {"debtor_id": self.debtor.id, "channel": "call", "outcome": "no_answer"}
        )
        return [automatic, recorded, self.contact, self.promise, plan, plan.line_ids[0]]

    def test_frozen_fields_and_deletions_refused_over_rpc(self):
        for record in self.frozen_records():
            for rule in record._collection_evidence:
                if rule.when and not record.filtered_domain(list(rule.when)):
                    continue
                names = rule.covers(
                    name
                    for name, field in record._fields.items()
                    if field.store
                    and not field.compute
                    and not field.related
                    and name not in record._collection_system_fields
                    and name not in record._collection_fixed_fields
                    and not name.startswith(("message_", "activity_", "website_"))
                    and name not in ("id", "create_uid", "create_date", "write_uid")
                    and name not in ("write_date", "display_name")
                )
                if rule.fields != ALL:
                    names &= set(rule.fields)
                for fname in sorted(names):
                    with self.subTest(model=record._name, field=fname):
                        before = self.snapshot(record)
                        answer = self.rpc(
                            self.manager,
                            record._name,
                            "write",
                            record.ids,
                            {fname: forged(record, fname)},
                        )
                        self.assertRpcRefused(answer, UserError, "cannot be changed")
                        self.assertEqual(self.snapshot(record), before)
                if rule.unlink:
                    with self.subTest(model=record._name, unlink=True):
                        answer = self.rpc(
                            self.manager, record._name, "unlink", record.ids
                        )
                        self.assertRpcRefused(answer, UserError)
                        self.assertTrue(record.exists())

    def test_evidence_changed_through_the_parent_is_refused(self):
        """One2many commands on the debtor reach the same guards."""
        automatic = self.env["collection.contact"]._log(
            {"debtor_id": self.debtor.id, "channel": "email", "note": "Sent"}
        )
        attempts = {
            "contact update": {
                "contact_ids": [Command.update(automatic.id, {"note": "Edited"})]
            },
            "contact delete": {"contact_ids": [Command.delete(automatic.id)]},
            "promise update": {
                "promise_ids": [Command.update(self.promise.id, {"amount": 1.0})]
            },
            "promise state": {
                "promise_ids": [
                    Command.create(
                        {"amount": 5.0, "date": str(self.days(2)), "state": "kept"}
                    )
                ]
            },
        }
        for name, vals in attempts.items():
            with self.subTest(attempt=name):
                answer = self.rpc(
                    self.manager, "collection.debtor", "write", self.debtor.ids, vals
                )
                self.assertRpcRefused(answer, UserError)
        self.assertEqual(automatic.note, "Sent")
        self.assertEqual(self.promise.amount, 100.0)

    def test_related_fields_do_not_move_a_record_to_another_debtor_or_company(self):
        """A related field writes through to its source: the source's fixed
        fields refuse it, or the write changes nothing."""
        attempts = [
            ("collection.contact", self.contact, {"partner_id": self.customer_b.id}),
            ("collection.contact", self.contact, {"company_id": self.other_company.id}),
            ("collection.promise", self.promise, {"partner_id": self.customer_b.id}),
            ("collection.plan", self.plan, {"company_id": self.other_company.id}),
            ("collection.plan.line", self.plan.line_ids[:1], {"partner_id": 1}),
        ]
        for model, record, vals in attempts:
            with self.subTest(model=model, vals=vals):
                before = self.snapshot(record)
                debtor = self.snapshot(self.debtor)
                self.rpc(self.manager, model, "write", record.ids, vals)
                self.assertEqual(self.snapshot(record), before)
                self.assertEqual(self.snapshot(self.debtor), debtor)

    # --- clear errors -------------------------------------------------------------
    def test_bad_numbers_get_the_field_and_the_rule(self):
        for value in (math.nan, math.inf, -math.inf):
            with self.subTest(value=value):
                answer = self.rpc(
                    self.manager,
                    "res.config.settings",
                    "create",
                    [{"collection_interest_rate": value}],
                )
                self.assertRpcRefused(answer, ValidationError, "Late Interest Rate")
        for days in ("abc", 1e308, 0, 400, [3]):
            with self.subTest(days=days):
                answer = self.rpc(
                    self.collector,
                    "collection.debtor",
                    "action_queue_later",
                    self.debtor.ids,
                    days,
                )
                self.assertRpcRefused(answer, UserError, "number of days")
        answer = self.rpc(
            self.collector,
            "collection.debtor",
            "action_queue_later",
            self.debtor.ids,
            7,
        )
        self.assertNotIn("error", answer)
        self.assertEqual(self.debtor.next_action_date, self.days(7))
        answer = self.rpc(
            self.collector, "collection.debtor", "write", self.debtor.ids, {"nope": 1}
        )
        self.assertIn("Invalid field", answer["error"]["data"]["message"])
        self.assertNotIn("KeyError", answer["error"]["data"]["name"])
        answer = self.rpc(
            self.collector,
            "collection.contact",
            "action_log_outcome",
            self.contact.ids,
            "nonsense",
        )
        self.assertRpcRefused(answer, UserError, "not a known outcome")
        self.assertFalse(self.contact.outcome)
