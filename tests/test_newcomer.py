# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a newcomer trips over (issue #15)."""

import ast

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.collections_addon.models.collection_guard import system_env
from odoo.addons.collections_addon.models.selections import LEVEL_ACTIONS

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestNewcomer(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(1000.0, -10)
        cls.make_invoice(300.0, 20, partner=cls.customer_b)  # not due yet
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.env["collection.policy"]._ensure_default_policy(cls.env.company)
        cls.policy = cls.env["collection.policy"].search(
            [("company_id", "=", cls.env.company.id), ("is_default", "=", True)]
        )

    # --- 1. the board groups by step ---------------------------------------
    def test_board_columns_are_the_steps_in_ladder_order_empty_ones_folded(self):
        """One column per step (no repeated level names), empty columns folded."""
        level = self.policy.level_ids.filtered(lambda lv: lv.action == "call")[:1]
        system_env(self.debtor).write({"level_id": level.id})
        arch = self.Debtor.get_view(
            self.env.ref("collections_addon.collection_debtor_view_kanban").id,
            "kanban",
        )["arch"]
        self.assertEqual(etree.fromstring(arch).get("default_group_by"), "level_action")
        groups = self.Debtor.with_user(self.collector).read_group(
            [("company_id", "=", self.env.company.id)],
            ["level_action"],
            ["level_action"],
        )
        self.assertEqual(
            [g["level_action"] for g in groups],
            [False] + [key for key, _label in LEVEL_ACTIONS],
        )
        folded = {g["level_action"]: g["__fold"] for g in groups}
        self.assertFalse(folded["call"])
        self.assertFalse(folded[False])  # customer B: no step yet
        self.assertTrue(folded["email"])
        self.assertTrue(folded["agency"])

    # --- 2. a Collections Manager saves the settings -------------------------
    def test_manager_without_admin_rights_saves_collections_settings(self):
        """A Collections Manager (not a Settings admin) saves a setting."""
        self.assertFalse(self.manager._is_admin())
        settings = (
            self.env["res.config.settings"]
            .with_user(self.manager)
            .create({"collection_payment_deadline_days": 12})
        )
        settings.execute()
        self.assertEqual(self.env.company.collection_payment_deadline_days, 12)

    def test_manager_settings_never_widen_other_company_fields(self):
        """Other company settings still need the rights they always needed."""
        Settings = self.env["res.config.settings"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Settings.create({"report_footer": "Renamed"}).execute()
        self.assertNotEqual(self.env.company.report_footer, "Renamed")

    def test_viewer_cannot_save_collections_settings(self):
        """A Viewer has no access to the settings at all."""
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.viewer).create(
                {"collection_payment_deadline_days": 12}
            ).execute()
        self.assertNotEqual(self.env.company.collection_payment_deadline_days, 12)

    # --- 3. the interest setting says its unit --------------------------------
    def test_interest_setting_shows_unit_basis_and_example(self):
        """ "% per year", the 365-day basis and a worked example."""
        settings = self.env["res.config.settings"].create(
            {"collection_interest_rate": 10.0}
        )
        self.assertIn(
            "1,000.00 overdue 30 days = 8.22", settings.collection_interest_example
        )
        field = self.env["res.company"]._fields["collection_interest_rate"]
        self.assertIn("% per year", field.string)
        self.assertIn("365", field.help)
        self.assertNotIn("per day on", field.help)

    # --- 4. cancelling a kept promise ----------------------------------------
    def test_cancel_button_only_on_open_promise_and_refusal_names_state(self):
        """The button shows on open promises; the refusal names the state."""
        arch = etree.fromstring(
            self.env["collection.promise"].get_view(
                self.env.ref("collections_addon.collection_promise_view_form").id,
                "form",
            )["arch"]
        )
        button = arch.xpath("//button[@name='action_cancel']")[0]
        self.assertIn("state != 'open'", button.get("invisible"))
        promise = (
            self.env["collection.promise"]
            .with_user(self.collector)
            .create(
                {"debtor_id": self.debtor.id, "amount": 100.0, "date": self.days(5)}
            )
        )
        system_env(promise).write({"state": "kept"})
        with self.assertRaisesRegex(UserError, "is Kept"):
            promise.with_user(self.collector).action_cancel()

    # --- 5. the Viewer's list and the searchable summary ---------------------
    def test_partner_summary_search_is_one_query(self):
        """ "To Collect > 0" finds the customer and its contacts in one query."""
        Partner = self.env["res.partner"].with_user(self.viewer)
        domain = [("collection_amount_collectible", ">", 0)]
        Partner.search(domain)  # warm the caches of rules and groups
        self.env.flush_all()
        with self.assertQueryCount(1):
            found = Partner.search(domain)
        self.assertIn(self.customer, found)
        self.assertIn(self.customer_contact, found)
        self.assertNotIn(self.customer_b, found)
        self.assertIn(
            self.customer_b,
            Partner.search([("collection_amount_due", ">", 0)]),
        )
        self.assertIn(
            self.customer_b,
            Partner.search([("collection_max_days_overdue", "=", 0)]),
        )

    def test_viewer_menu_lists_customers_with_overdue_debt(self):
        """The Viewer's action lists commercial partners with debt to collect."""
        action = self.env.ref(
            "collections_addon.res_partner_action_collections_overdue"
        )
        Partner = self.env["res.partner"].with_user(self.viewer)
        partners = Partner.search(ast.literal_eval(action.domain))
        self.assertIn(self.customer, partners)
        self.assertNotIn(self.customer_contact, partners)
        self.assertNotIn(self.customer_b, partners)
        rows = partners.filtered(lambda p: p == self.customer).read(
            ["collection_amount_collectible", "collection_max_days_overdue"]
        )
        self.assertEqual(rows[0]["collection_amount_collectible"], 1000.0)
        menus = self.env["ir.ui.menu"].with_user(self.viewer)._visible_menu_ids()
        menu = self.env.ref
        self.assertIn(
            menu("collections_addon.res_partner_menu_collections_overdue").id, menus
        )
        for xmlid in (
            "collection_run_menu",
            "collection_promise_menu",
            "collection_plan_menu",
            "collection_contact_menu",
        ):
            self.assertNotIn(menu(f"collections_addon.{xmlid}").id, menus, xmlid)

    # --- 6. every screen says what appears there -------------------------------
    def test_every_window_action_has_a_help(self):
        """Every window action of the addon says what appears there."""
        actions = self.env["ir.model.data"].search(
            [
                ("module", "=", "collections_addon"),
                ("model", "=", "ir.actions.act_window"),
            ]
        )
        self.assertTrue(actions)
        for data in actions:
            action = self.env["ir.actions.act_window"].browse(data.res_id)
            self.assertTrue(action.help and action.help.strip(), data.name)

    # --- 7. the run counts failed mails and opens its records ------------------
    def test_run_counts_failed_mails_and_opens_them(self):
        """A run whose mails all failed shows it; the counters open the records."""
        Contact = system_env(self.env["collection.contact"])
        failed = Contact.create(
            [
                {
                    "debtor_id": self.debtor.id,
                    "is_automatic": True,
                    "channel": "email",
                    "state": state,
                    "date": fields.Datetime.now(),
                }
                for state in ("failed", "failed", "sent")
            ]
        )[:2]
        # The engine logs its run after the run's entries.
        run = system_env(self.env["collection.run"]).create(
            {"company_id": self.env.company.id, "date": self.today, "state": "done"}
        )
        run = run.with_user(self.collector)
        self.assertEqual(run.failure_count, 0)
        self.assertEqual(run.mail_failed_count, 2)
        self.assertEqual(run.contact_count, 3)
        action = run.action_view_failed_mails()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), failed)
        self.assertEqual(run.action_view_contacts()["res_model"], "collection.contact")
        self.assertEqual(run.action_view_promises()["res_model"], "collection.promise")
        self.assertEqual(run.action_view_plans()["res_model"], "collection.plan")
