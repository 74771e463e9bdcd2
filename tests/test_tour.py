# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A day of each persona in the browser, and the README's screenshots.

The tours (``collections_addon/static/tests/tours``) save pictures of the
screens they pass through into ``docs/screenshots``: a tour step calls the
``collectionsScreenshot`` binding that :class:`ScreenshotBrowser` adds to the
page; the browser captures the page (Chrome DevTools ``Page.captureScreenshot``
at the HttpCase's fixed window size) and tells the tour to go on.
"""

import base64
import json
import re
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, common, new_test_user, tagged

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
BINDING = "collectionsScreenshot"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
USER = "collections_addon.collections_addon_group_user"
MANAGER = "collections_addon.collections_addon_group_manager"


class ScreenshotBrowser(common.ChromeBrowser):
    """Odoo's headless Chrome, with a binding that saves a screenshot."""

    def __init__(self, test_case, *args, **kwargs):
        super().__init__(test_case, *args, **kwargs)
        self._handlers["Runtime.bindingCalled"] = self._handle_screenshot
        # Without an execution context, the binding is there on every page.
        self._websocket_request("Runtime.addBinding", params={"name": BINDING})

    def _handle_screenshot(self, name, payload, executionContextId, **_kw):
        """Capture the page, save it, then set the marker the tour waits for.

        Runs in the browser's websocket thread: nothing here waits for Chrome,
        the capture's answer continues in a callback.
        """
        if name != BINDING:
            return
        test_case = self.test_case

        def saved(future):
            try:
                if not re.fullmatch(r"[a-z0-9_]+", payload):
                    raise ValueError(f"bad screenshot name {payload!r}")
                data = base64.b64decode(future.result()["data"], validate=True)
                if not data.startswith(PNG_SIGNATURE):
                    raise ValueError(f"{payload}: not a PNG")
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                (SCREENSHOTS / f"{payload}.png").write_bytes(data)
                test_case.screenshots_saved.append(payload)
            except Exception as error:  # noqa: BLE001 - reported by the test
                test_case.screenshot_errors.append(f"{payload}: {error}")
            self._websocket_send(
                "Runtime.evaluate",
                params={
                    "expression": "document.body.dataset.collectionsScreenshot = "
                    + json.dumps(payload),
                    "contextId": executionContextId,
                },
            )

        capture = self._websocket_send(
            "Page.captureScreenshot",
            params={"format": "png", "captureBeyondViewport": False},
            with_future=True,
        )
        capture.add_done_callback(saved)


class ScreenshotTourCase(HttpCase):
    """Runs a tour whose screenshots land in docs/screenshots."""

    # Stable pictures: the same window size on every machine.
    browser_size = "1366x768"

    def start_tour_with_screenshots(self, url, tour, login, screenshots):
        self.screenshots_saved = []
        self.screenshot_errors = []
        with patch.object(common, "ChromeBrowser", ScreenshotBrowser):
            self.start_tour(url, tour, login=login, timeout=240)
        self.assertEqual(self.screenshot_errors, [])
        self.assertEqual(self.screenshots_saved, screenshots)
        for name in screenshots:
            with (SCREENSHOTS / f"{name}.png").open("rb") as picture:
                self.assertEqual(picture.read(8), PNG_SIGNATURE)


@tagged("post_install", "-at_install")
class TestCollectionsTours(ScreenshotTourCase):
    """A collector's and a manager's day in Collections."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.today = cls.env.company._collection_today()
        cls.company.write(
            {
                "collection_plan_approval_amount": 5000.0,
                "collection_plan_max_installments": 6,
                "collection_promise_horizon_days": 30,
            }
        )
        cls.collector = cls.new_user("tour_collector", "Clara Collector", USER)
        cls.manager = cls.new_user("tour_manager", "Max Manager", MANAGER)

    @classmethod
    def new_user(cls, login, name, group):
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            email=f"{login}@example.com",
            groups=f"base.group_user,{group}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            tz="UTC",
        )

    def debtor_with_invoices(self, name, *invoices):
        """A customer with posted invoices of (amount, days overdue)."""
        partner = self.env["res.partner"].create(
            {"name": name, "is_company": True, "email": "ap@example.com"}
        )
        moves = self.env["account.move"]
        for amount, late in invoices:
            moves |= self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": self.today - timedelta(days=late + 30),
                    "invoice_date_due": self.today - timedelta(days=late),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Supplies",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        moves.action_post()
        return partner, moves

    def debtor_of(self, partner):
        return self.env["collection.debtor"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )

    def test_collector_day(self):
        """Queue, a call that ends in a promise, the debtor, its demand letter."""
        partner, _invoices = self.debtor_with_invoices(
            "Harbour Lights Trading Ltd", (3400.0, 45), (1850.0, 12)
        )
        accountant = self.env["res.partner"].create(
            {
                "name": "Paula Payables",
                "parent_id": partner.id,
                "type": "invoice",
                "collection_role": "accountant",
                "email": "paula@harbour.example.com",
            }
        )
        others = [
            self.debtor_with_invoices("Orchard Tools Ltd", (6900.0, 70))[0],
            self.debtor_with_invoices("Bluebell Bakery Ltd", (1200.0, 20))[0],
        ]
        self.env["collection.ledger"]._refresh_companies(self.company)
        debtor = self.debtor_of(partner)
        mine = debtor | self.debtor_of(others[0]) | self.debtor_of(others[1])
        self.assertEqual(len(mine), 3)
        mine.user_id = self.collector
        # The demo debtors belong to another collector: the queue is Clara's.
        self.env["collection.debtor"].search([("id", "not in", mine.ids)]).write(
            {"user_id": self.env.ref("base.user_admin").id}
        )
        # The nightly escalation: each debtor gets its level.
        self.env["collection.escalation"]._run_company(self.company)
        self.assertEqual(
            self.env["collection.debtor"]
            .with_user(self.collector)
            .search([("in_my_queue", "=", True)]),
            mine,
        )

        self.start_tour_with_screenshots(
            "/odoo",
            "collections_collector_day",
            login=self.collector.login,
            screenshots=["collector_queue", "collector_promise", "collector_debtor"],
        )

        call = debtor.contact_ids.filtered(lambda c: not c.is_automatic)
        self.assertRecordValues(
            call,
            [
                {
                    "channel": "call",
                    "outcome": "promise",
                    "user_id": self.collector.id,
                    "contact_partner_id": accountant.id,
                    "note": "Paula confirms a transfer for the oldest invoice "
                    "next week.",
                }
            ],
        )
        promise = self.env["collection.promise"].search([("debtor_id", "=", debtor.id)])
        self.assertRecordValues(
            promise,
            [
                {
                    "state": "open",
                    "amount": 3400.0,
                    "contact_id": call.id,
                    "channel": "call",
                    "contact_partner_id": accountant.id,
                    "user_id": self.collector.id,
                    "create_uid": self.collector.id,
                }
            ],
        )
        # In a week, as the browser's clock counted it (either side of midnight).
        self.assertTrue(
            self.today + timedelta(days=6)
            <= promise.date
            <= self.today + timedelta(days=8),
            promise.date,
        )

    def test_manager_day(self):
        """Approve a collector's plan; a plan they reshaped is not theirs to
        approve (four eyes)."""
        submitted, invoices = self.debtor_with_invoices(
            "Meadow Farms Ltd", (5200.0, 50), (2600.0, 25)
        )
        reshaped, invoices_b = self.debtor_with_invoices(
            "Quayside Marine Ltd", (8400.0, 40)
        )
        self.env["collection.ledger"]._refresh_companies(self.company)
        plans = self.env["collection.plan"]
        for partner, moves in ((submitted, invoices), (reshaped, invoices_b)):
            debtor = self.debtor_of(partner)
            debtor.user_id = self.collector
            plan = (
                self.env["collection.plan"]
                .with_user(self.collector)
                .create(
                    {
                        "debtor_id": debtor.id,
                        "invoice_ids": [Command.set(moves.ids)],
                        "installment_count": 6,
                        "down_payment": 1200.0,
                        "interval": "monthly",
                        "date_start": self.today + timedelta(days=7),
                    }
                )
            )
            plan.action_generate_lines()
            plan.action_submit()
            plans |= plan
        plan_a, plan_b = plans
        self.assertEqual(plans.mapped("state"), ["to_approve", "to_approve"])
        self.assertEqual(plans.shaper_ids, self.collector)

        self.start_tour_with_screenshots(
            "/odoo",
            "collections_manager_day",
            login=self.manager.login,
            screenshots=["manager_plan", "manager_four_eyes"],
        )

        self.assertRecordValues(
            plan_a,
            [
                {
                    "state": "active",
                    "approved_by_id": self.manager.id,
                    "date_approved": self.company._collection_today(),
                }
            ],
        )
        self.assertRecordValues(
            plan_b,
            [
                {
                    "state": "to_approve",
                    "approved_by_id": False,
                    "installment_count": 4,
                }
            ],
        )
        self.assertEqual(plan_b.shaper_ids, self.collector | self.manager)
        self.assertEqual(len(plan_b.line_ids), 5)
        self.assertEqual(sum(plan_b.line_ids.mapped("amount")), 8400.0)

    def test_collector_disputes_from_a_call(self):
        """Two clicks from the call: the invoice leaves the ladder, one entry."""
        partner, invoices = self.debtor_with_invoices(
            "Riverside Joinery Ltd", (4200.0, 35), (900.0, 8)
        )
        oldest, recent = invoices.sorted("invoice_date_due")
        self.env["collection.ledger"]._refresh_companies(self.company)
        debtor = self.debtor_of(partner)
        debtor.write({"user_id": self.collector.id, "next_action_date": self.today})

        self.start_tour_with_screenshots(
            "/odoo",
            "collections_collector_dispute",
            login=self.collector.login,
            screenshots=["collector_dispute"],
        )

        self.assertRecordValues(
            oldest,
            [
                {
                    "collection_excluded": True,
                    "collection_exclusion_reason": "The customer says pallet 3 "
                    "never arrived.",
                    "collection_excluded_by_id": self.collector.id,
                }
            ],
        )
        self.assertFalse(recent.collection_excluded)
        entry = debtor.contact_ids
        self.assertRecordValues(
            entry,
            [{"outcome": "dispute", "channel": "call", "user_id": self.collector.id}],
        )
        self.assertEqual(entry.move_ids, oldest)
        # The run goes on with the other invoice only.
        self.env["collection.escalation"]._run_company(self.company)
        acted = debtor.contact_ids.filtered("level_id")
        self.assertTrue(acted)
        self.assertNotIn(oldest, acted.move_ids)

    def test_collector_runs_now(self):
        """Run Now from the runs list: a run is queued and listed."""
        queued = [("company_id", "=", self.company.id), ("state", "=", "queued")]
        self.assertFalse(self.env["collection.run"].search(queued))
        self.start_tour_with_screenshots(
            "/odoo",
            "collections_run_now",
            login=self.collector.login,
            screenshots=["collector_run_now"],
        )
        run = self.env["collection.run"].search(queued)
        self.assertRecordValues(run, [{"trigger": "manual", "state": "queued"}])

    def test_manager_saves_settings(self):
        """A Collections Manager without Settings rights saves the settings."""
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.company.write(
            {
                "collection_payment_deadline_days": 7,
                "collection_unassigned_queue": "manager",
            }
        )
        self.start_tour_with_screenshots(
            "/odoo",
            "collections_manager_settings",
            login=self.manager.login,
            screenshots=["manager_settings"],
        )
        self.assertRecordValues(
            self.company,
            [
                {
                    "collection_payment_deadline_days": 12,
                    "collection_unassigned_queue": "pool",
                }
            ],
        )
