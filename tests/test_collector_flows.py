# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestCollectorFlows(CollectionsCommon):
    """A collector's day: the queue, the customer, disputes, promises, plans."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_c = cls.env["res.partner"].create(
            {"name": "Debtor Three Ltd", "is_company": True}
        )
        cls.invoice = cls.make_invoice(1000.0, -20)
        cls.invoice_2 = cls.make_invoice(300.0, -5)
        cls.invoice_b = cls.make_invoice(5000.0, -40, partner=cls.customer_b)
        cls.invoice_c = cls.make_invoice(200.0, -10, partner=cls.customer_c)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.debtor_b = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer_b.id)]
        )
        cls.debtor_c = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer_c.id)]
        )
        cls.other_collector = cls.collections_user("coll_user_2", USER_GROUP)

    def queue(self, user=None):
        Debtor = self.env["collection.debtor"].with_user(user or self.collector)
        return Debtor.search(
            [("in_my_queue", "=", True)], order="priority_score desc, id desc"
        )

    # --- 1. the daily worklist -------------------------------------------------
    def test_queue_has_my_due_debtors_ranked_by_priority(self):
        """Due today and mine, the highest priority (collectible × risk) first."""
        debtors = self.debtor | self.debtor_b | self.debtor_c
        debtors.write({"next_action_date": self.today})
        (self.debtor | self.debtor_b).user_id = self.collector
        self.debtor_c.user_id = self.other_collector
        self.env.cr.execute(
            "UPDATE collection_debtor SET risk_score = %s WHERE id = %s",
            (90, self.debtor.id),
        )
        self.env.cr.execute(
            "UPDATE collection_debtor SET risk_score = %s WHERE id = %s",
            (10, self.debtor_b.id),
        )
        self.debtor.invalidate_recordset()
        self.debtor_b.invalidate_recordset()
        queue = self.queue()
        # 1300 × 90% = 1170 before 5000 × 10% = 500; the other's debtor is not here.
        self.assertEqual(queue, self.debtor | self.debtor_b)
        self.assertEqual(queue[0], self.debtor)
        self.assertAlmostEqual(self.debtor.priority_score, 1170.0)
        self.assertNotIn(self.debtor_c, queue)
        self.assertIn(self.debtor_c, self.queue(self.other_collector))

    def test_later_and_done_take_a_debtor_off_today(self):
        """ "Tomorrow" moves the next action, "Done" clears it: both leave the queue."""
        self.debtor.write({"next_action_date": self.today})
        self.debtor_b.write({"next_action_date": self.today})
        (self.debtor | self.debtor_b).user_id = self.collector
        debtor = self.debtor.with_user(self.collector)
        debtor.action_queue_later(1)
        self.assertEqual(self.debtor.next_action_date, self.days(1))
        self.assertTrue(self.debtor.next_action_by_user)
        self.debtor_b.with_user(self.collector).action_queue_done()
        self.assertFalse(self.debtor_b.next_action_date)
        queue = self.queue()
        self.assertNotIn(self.debtor, queue)
        self.assertNotIn(self.debtor_b, queue)

    def test_viewer_cannot_postpone(self):
        with self.assertRaises(AccessError):
            self.debtor.with_user(self.viewer).action_queue_done()

    def test_queue_is_the_collectors_first_menu(self):
        """Collections opens on the queue for a collector."""
        root = self.env.ref("collections_addon.collections_menu_root")
        menus = self.env["ir.ui.menu"].with_user(self.collector).load_menus(debug=False)
        first = menus[root.id]["children"][0]
        first_child = menus[first]["children"][0]
        queue_menu = self.env.ref("collections_addon.collection_debtor_menu_queue")
        self.assertEqual(first_child, queue_menu.id)
        viewer_menus = (
            self.env["ir.ui.menu"].with_user(self.viewer).load_menus(debug=False)
        )
        self.assertNotIn(queue_menu.id, viewer_menus)

    # --- 2. from the customer and the invoice list ------------------------------
    def test_partner_buttons_log_a_call_and_record_a_promise(self):
        partner = self.customer.with_user(self.collector)
        action = partner.action_collection_log_call()
        self.assertEqual(action["context"]["default_debtor_id"], self.debtor.id)
        action = partner.action_collection_promise()
        self.assertEqual(action["res_model"], "collection.promise")
        action = partner.action_collection_print_statement()
        self.assertEqual(action["type"], "ir.actions.report")

    def test_viewer_gets_no_customer_buttons(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.viewer).action_collection_log_call()
        arch = (
            self.env["res.partner"]
            .with_user(self.viewer)
            .get_view(view_type="form")["arch"]
        )
        self.assertNotIn("action_collection_log_call", arch)
        arch = (
            self.env["res.partner"]
            .with_user(self.collector)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn("action_collection_log_call", arch)

    def test_invoice_list_actions_are_the_collectors(self):
        """Bound to invoices, run on a selection of one customer's invoices."""
        action = self.env.ref(
            "collections_addon.account_move_action_collection_promise"
        )
        invoices = (self.invoice | self.invoice_2).with_user(self.collector)
        result = (
            action.with_user(self.collector)
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .run()
        )
        self.assertEqual(result["context"]["default_debtor_id"], self.debtor.id)
        bindings = self.env["ir.actions.actions"].with_user(self.viewer)
        names = [
            a["id"] for a in bindings.get_bindings("account.move").get("action", [])
        ]
        self.assertNotIn(action.id, names)
        with self.assertRaises(AccessError):
            action.with_user(self.viewer).with_context(
                active_model="account.move", active_ids=invoices.ids
            ).run()

    # --- 4. a plan -------------------------------------------------------------
    def test_new_plan_preselects_overdue_invoices_and_starts_later(self):
        action = self.debtor.with_user(self.collector).action_new_plan()
        plan_form = Form(
            self.env["collection.plan"]
            .with_user(self.collector)
            .with_context(action["context"])
        )
        self.assertEqual(
            set(plan_form.invoice_ids.ids), {self.invoice.id, self.invoice_2.id}
        )
        plan = plan_form.save()
        self.assertGreater(plan.date_start, self.today)
        self.assertEqual(plan.amount_total, 1300.0)

    # --- 5. a promise ----------------------------------------------------------
    def test_promise_starts_with_the_collectible_or_the_invoices(self):
        Promise = self.env["collection.promise"].with_user(self.collector)
        action = self.debtor.with_user(self.collector).action_new_promise()
        values = Promise.with_context(action["context"]).default_get(["amount"])
        self.assertEqual(values["amount"], 1300.0)
        action = self.invoice_2.with_user(self.collector).action_collection_promise()
        values = Promise.with_context(action["context"]).default_get(["amount"])
        self.assertEqual(values["amount"], 300.0)

    def quick_log(self, note):
        action = self.debtor.with_user(self.collector).action_log_call()
        contact = (
            self.env["collection.contact"]
            .with_user(self.collector)
            .with_context(action["context"])
            .create({"note": note})
        )
        result = contact.action_log_outcome("promise")
        return contact, result

    def test_promise_from_a_call_carries_its_note_and_sets_its_outcome(self):
        contact, result = self.quick_log("Will pay Friday, confirmed by CFO")
        self.assertFalse(contact.outcome)  # nothing is saved yet
        promise = (
            self.env["collection.promise"]
            .with_user(self.collector)
            .with_context(result["context"])
            .create({"date": self.days(3)})
        )
        self.assertEqual(promise.note, "Will pay Friday, confirmed by CFO")
        self.assertEqual(promise.amount, 1300.0)
        self.assertEqual(promise.contact_id, contact)
        self.assertEqual(contact.outcome, "promise")

    def test_discarded_promise_leaves_no_promise_call(self):
        contact, result = self.quick_log("Said maybe")
        self.assertEqual(result["res_model"], "collection.promise")
        # The promise form is discarded: the call keeps no "promise" outcome.
        self.assertNotEqual(contact.outcome, "promise")


USER_GROUP = "collections_addon.collections_addon_group_user"


@tagged("post_install", "-at_install")
class TestDisputesAndHolds(CollectionsCommon):
    """Excluded invoices and held debtors: listed, then resolved into the log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(800.0, -15)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )

    def test_exclusion_records_who_and_when(self):
        invoice = self.invoice.with_user(self.collector)
        invoice.write(
            {"collection_excluded": True, "collection_exclusion_reason": "Wrong qty"}
        )
        self.assertEqual(self.invoice.collection_excluded_by_id, self.collector)
        self.assertEqual(self.invoice.collection_excluded_on, self.today)
        with self.assertRaises(AccessError):
            invoice.write({"collection_excluded_by_id": self.manager.id})
        action = self.env.ref(
            "collections_addon.account_move_action_collection_excluded"
        )
        listed = (
            self.env["account.move"]
            .with_user(self.collector)
            .search(safe_eval(action.domain))
        )
        self.assertIn(self.invoice, listed)

    def test_resolve_lifts_the_dispute_and_logs_the_outcome(self):
        self.invoice.with_user(self.collector).write(
            {"collection_excluded": True, "collection_exclusion_reason": "Wrong qty"}
        )
        wizard = (
            self.env["collection.dispute.resolve"]
            .with_user(self.collector)
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({"note": "Credit note for one unit, rest due"})
        )
        wizard.action_resolve()
        self.assertFalse(self.invoice.collection_excluded)
        self.assertFalse(self.invoice.collection_excluded_by_id)
        entry = self.debtor.contact_ids
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.move_ids, self.invoice)
        self.assertIn("Credit note for one unit", entry.note)
        self.assertIn("Wrong qty", entry.note)

    def test_resolve_lifts_a_hold(self):
        self.debtor.with_user(self.collector).write(
            {"hold_until": self.days(10), "hold_reason": "Awaiting audit"}
        )
        held = (
            self.env["collection.debtor"]
            .with_user(self.collector)
            .search([("on_hold", "=", True)])
        )
        self.assertEqual(held, self.debtor)
        wizard = (
            self.env["collection.dispute.resolve"]
            .with_user(self.collector)
            .with_context(active_model="collection.debtor", active_ids=held.ids)
            .create({"note": "Audit done", "outcome": "reached"})
        )
        wizard.action_resolve()
        self.assertFalse(self.debtor.hold_until)
        self.assertIn("Awaiting audit", self.debtor.contact_ids.note)

    def test_viewer_cannot_resolve(self):
        with self.assertRaises(AccessError):
            self.env["collection.dispute.resolve"].with_user(self.viewer).create(
                {"note": "x", "move_ids": [Command.set(self.invoice.ids)]}
            )


@tagged("post_install", "-at_install")
class TestSensitiveLabels(CollectionsCommon):
    """A Viewer reads "Review with collections", never the sensitive type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_invoice(900.0, -30)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.env["collection.debtor"].search(
            [("partner_id", "=", cls.customer.id)]
        )
        cls.debtor.with_user(cls.manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off"}
        )

    def test_viewer_reads_the_neutral_label_on_the_customer(self):
        values = self.customer.with_user(self.viewer).read(
            ["collection_debtor_type_label", "collection_debtor_type"]
        )[0]
        self.assertEqual(
            values["collection_debtor_type_label"], "Review with collections"
        )
        self.assertFalse(values["collection_debtor_type"])
        banner = self.customer.with_user(self.viewer).collection_banner_html or ""
        self.assertNotIn("Fraudulent", banner)
        label = self.customer.with_user(self.collector).collection_debtor_type_label
        self.assertEqual(label, "Fraudulent")

    def test_viewer_screens_of_the_debtor_show_no_type(self):
        Debtor = self.env["collection.debtor"].with_user(self.viewer)
        for view_type in ("form", "list", "graph", "search"):
            arch = Debtor.get_view(view_type=view_type)["arch"]
            self.assertNotIn("debtor_type", arch, view_type)
            self.assertNotIn("Fraudulent", arch, view_type)
        arch = (
            self.env["collection.debtor"]
            .with_user(self.collector)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn("debtor_type", arch)


@tagged("post_install", "-at_install")
class TestCollectionsGroups(CollectionsCommon):
    """The user form shows Collections under Accounting, with a help per level."""

    def test_groups_sit_under_accounting_with_help(self):
        category = self.env.ref("collections_addon.module_category_collections")
        self.assertEqual(
            category.parent_id, self.env.ref("base.module_category_accounting")
        )
        for xmlid in (VIEWER_GROUP, USER_GROUP, MANAGER_GROUP):
            self.assertTrue(self.env.ref(xmlid).comment, xmlid)
        fields_info = self.env["res.users"].fields_get()
        helps = [
            info.get("help") or ""
            for info in fields_info.values()
            if info.get("string") == "Collections"
        ]
        self.assertTrue(any("Collectors:" in text for text in helps))


VIEWER_GROUP = "collections_addon.collections_addon_group_viewer"
MANAGER_GROUP = "collections_addon.collections_addon_group_manager"
