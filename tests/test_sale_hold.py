# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.collections_addon.models.collection_guard import system_env

from .test_sale_common import SaleCollectionsCommon


@tagged("post_install", "-at_install")
class TestSaleOrderHold(SaleCollectionsCommon):
    """Confirming an order of a customer on credit hold, and its release."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.debtor = cls.indebted(1200.0, 45)
        cls.order = cls.make_order()

    def confirm_as_rep(self, order=None):
        (order or self.order).with_user(self.rep).action_confirm()

    def assert_refused(self, *fragments, order=None):
        with self.assertRaises(UserError) as caught:
            self.confirm_as_rep(order)
        message = str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual((order or self.order).state, "draft")
        return message

    # --- the rules -------------------------------------------------------------
    def test_clean_customer_confirms(self):
        """No rule hit: the order is confirmed."""
        order = self.make_order(self.clean)
        self.confirm_as_rep(order)
        self.assertEqual(order.state, "sale")

    def test_indebted_customer_confirms_when_no_rule_hits(self):
        """Debt alone blocks nothing: the company's rules decide."""
        self.confirm_as_rep()
        self.assertEqual(self.order.state, "sale")

    def test_level_at_or_past_the_chosen_level_refuses(self):
        """Level rule: at the chosen level or a later one."""
        self.settings(level_id=self.demand.id)
        self.set_level(self.debtor, self.first_reminder)
        self.confirm_as_rep(self.make_order())
        self.set_level(self.debtor, self.demand)
        message = self.assert_refused("the escalation has reached", self.demand.name)
        self.assertIn("Collections Manager", message)
        later = self.levels.filtered(lambda lv: lv.days > self.demand.days)[:1]
        self.set_level(self.debtor, later)
        self.assert_refused("the escalation has reached", later.name)

    def test_debtor_type_refuses_with_neutral_reason_for_rep(self):
        """Type rule (default: fraudulent); the rep reads a neutral reason."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off."}
        )
        message = self.assert_refused("needs a review with collections")
        self.assertNotIn("Fraudulent", message)
        with self.assertRaises(UserError) as caught:
            self.order.with_user(self.sale_collector).action_confirm()
        self.assertIn("Fraudulent", str(caught.exception))

    def test_debtor_type_setting_empty_lets_fraudulent_through(self):
        """The type rule is off when the setting is empty."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off."}
        )
        self.settings(debtor_type=False)
        self.confirm_as_rep()
        self.assertEqual(self.order.state, "sale")

    def test_amount_above_limit_refuses(self):
        """Amount rule: the collectible amount above the limit."""
        self.settings(amount=1000.0)
        self.assert_refused("above the limit of")
        self.settings(amount=1200.0)
        self.confirm_as_rep()

    def test_days_above_limit_refuses(self):
        """Days rule: the oldest overdue item more days late than allowed."""
        self.settings(days=30)
        self.assert_refused("45 days overdue, more than the 30 days allowed")

    def test_defaulted_plan_refuses(self):
        """Defaulted-plan rule: a plan defaulted in the last 12 months."""
        plan = self.plan(self.debtor)
        system_env(plan).write({"state": "defaulted"})
        self.assert_refused("an installment plan defaulted")
        self.settings(plan_defaulted=False)
        self.confirm_as_rep()

    def test_reasons_name_who_can_release(self):
        """The refusal states the reason, the managers and the collector."""
        self.debtor.with_user(self.sale_collector).write(
            {"user_id": self.sale_collector.id}
        )
        self.settings(days=30)
        message = self.assert_refused(
            self.order.name, self.sale_manager.name, self.sale_collector.name
        )
        self.assertIn("never was the order's salesperson", message)

    def test_refusal_names_only_managers_who_can_open_the_order(self):
        """A Collections Manager without Sales rights, or who sold the order,
        is not named as a releaser."""
        self.settings(days=30)
        order = self.make_order(user=self.selling_manager)
        order.write({"user_id": self.rep.id})
        message = self.assert_refused(order=order)
        self.assertIn(self.sale_manager.name, message)
        self.assertFalse(self.manager.has_group("sales_team.group_sale_salesman"))
        self.assertNotIn(self.manager.name, message)
        self.assertNotIn(self.selling_manager.name, message)
        # The one it names can open the order and release it.
        self.release(self.sale_manager, order=order)
        self.confirm_as_rep(order)
        self.assertEqual(order.state, "sale")

    # --- commitments lift the hold -------------------------------------------
    def test_open_promise_lifts_the_hold(self):
        """A promise in good standing lifts the days rule."""
        self.settings(days=30)
        self.promise(self.debtor, 300.0, 5)
        banner = self.banner(self.order)
        self.assertIn("Credit hold lifted by the open promise to pay", banner)
        self.assertFalse(self.order.with_user(self.rep).collection_hold)
        self.confirm_as_rep()
        self.assertEqual(self.order.state, "sale")

    def test_active_plan_on_time_lifts_the_hold(self):
        """An active plan paid on time lifts the level rule."""
        self.settings(level_id=self.demand.id)
        self.set_level(self.debtor, self.demand)
        self.plan(self.debtor)
        self.assertIn("active installment plan, paid on time", self.banner(self.order))
        self.confirm_as_rep()
        self.assertEqual(self.order.state, "sale")

    def test_promise_does_not_lift_when_settings_say_so(self):
        """The setting keeps the hold despite a promise."""
        self.settings(days=30, commitment_lifts=False)
        self.promise(self.debtor, 300.0, 5)
        self.assert_refused("more than the 30 days allowed")

    def test_promise_never_lifts_the_debtor_type(self):
        """A promise lifts the debt rules, never the type."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off."}
        )
        self.promise(self.debtor, 300.0, 5)
        self.assert_refused("needs a review with collections")

    # --- nothing bypasses it ----------------------------------------------------
    def test_no_context_key_switches_the_hold_off(self):
        """Context keys a caller could send change nothing."""
        self.settings(days=30)
        for key in ("collection_system", "collection_skip_hold", "sudo"):
            with self.subTest(key=key), self.assertRaises(UserError):
                self.order.with_user(self.rep).with_context(
                    **{key: True}
                ).action_confirm()

    def test_writing_the_state_is_refused_too(self):
        """A direct write (RPC) or create of a confirmed order is checked."""
        self.settings(days=30)
        with self.assertRaises(UserError):
            self.order.with_user(self.rep).write({"state": "sale"})
        with self.assertRaises(UserError):
            self.make_order(state="sale")
        self.assertEqual(self.order.state, "draft")
        self.order.with_user(self.rep).action_cancel()
        with self.assertRaises(UserError):
            self.order.with_user(self.rep).write({"state": "sale"})

    def test_a_caller_that_swallows_the_refusal_confirms_nothing(self):
        """Caught without a savepoint, the refused confirmation left nothing."""
        self.settings(days=30)
        try:
            self.order.with_user(self.rep).action_confirm()
        except UserError:
            pass
        self.env.invalidate_all()
        self.assertEqual(self.order.state, "draft")
        order = self.make_order(self.clean)
        order.action_confirm()
        try:
            order.with_user(self.rep).write({"partner_id": self.customer.id})
        except UserError:
            pass
        self.env.invalidate_all()
        self.assertEqual(order.partner_id, self.clean)

    def test_superuser_is_held_too(self):
        """Even as superuser, only a release lets the order through."""
        self.settings(days=30)
        with self.assertRaises(UserError):
            self.order.sudo().action_confirm()

    def test_other_company_debt_does_not_hold(self):
        """The hold reads the order's company only."""
        self.settings(days=30)
        company_2 = self.setup_other_company()["company"]
        company_2.sudo().collection_hold_days = 30
        order = (
            self.env["sale.order"]
            .with_company(company_2)
            .create({"partner_id": self.customer.id, "company_id": company_2.id})
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # --- release ----------------------------------------------------------------
    def release(self, user, reason="Paid by bank transfer this morning.", order=None):
        return (
            (order or self.order).with_user(user).action_collection_release_hold(reason)
        )

    def test_manager_releases_with_a_reason_then_the_rep_confirms(self):
        """A manager releases one order; the rep confirms it."""
        self.settings(days=30)
        self.release(self.sale_manager)
        self.assertEqual(self.order.collection_hold_released_by_id, self.sale_manager)
        self.assertTrue(self.order.collection_hold_release_date)
        self.assertFalse(self.order.with_user(self.rep).collection_hold)
        self.assertIn("Credit hold released", self.banner(self.order))
        self.confirm_as_rep()
        self.assertEqual(self.order.state, "sale")

    def test_release_is_logged_on_order_and_in_contact_log(self):
        """The release: a note on the order and an entry in the contact log."""
        self.settings(days=30)
        self.release(self.sale_manager, "Director's guarantee received.")
        note = self.order.message_ids.filtered(
            lambda m: "Director's guarantee received." in (m.body or "")
        )
        self.assertEqual(note.author_id, self.sale_manager.partner_id)
        entry = self.env["collection.contact"].search(
            [("debtor_id", "=", self.debtor.id), ("channel", "=", "sales")]
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.sale_manager)
        self.assertIn(self.order.name, entry.note)
        self.assertIn("Director's guarantee received.", entry.note)
        # The entry is evidence: nobody edits it.
        with self.assertRaises(UserError):
            entry.with_user(self.sale_manager).write({"note": "Changed."})

    def test_release_does_not_carry_over(self):
        """Another order of the customer, or a copy, stays on hold."""
        self.settings(days=30)
        self.release(self.sale_manager)
        copy = self.order.copy()
        self.assertFalse(copy.collection_hold_released_by_id)
        self.assert_refused("more than the 30 days allowed", order=copy)
        self.assert_refused("more than the 30 days allowed", order=self.make_order())

    def test_salesperson_cannot_release_own_order(self):
        """A manager who sells the order cannot release it."""
        self.settings(days=30)
        order = self.make_order(user=self.selling_manager)
        with self.assertRaisesRegex(UserError, "you are or were its salesperson"):
            self.release(self.selling_manager, order=order)
        self.release(self.sale_manager, order=order)
        self.assertEqual(order.collection_hold_released_by_id, self.sale_manager)

    def test_release_needs_manager_and_reason(self):
        """Not a rep, not a collector; never without a reason."""
        self.settings(days=30)
        for user in (self.rep, self.sale_collector):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.release(user)
        with self.assertRaisesRegex(UserError, "the reason is required"):
            self.release(self.sale_manager, "   ")
        self.assertFalse(self.order.collection_hold_released_by_id)

    def test_release_only_of_an_order_on_hold(self):
        """Nothing to release on a clean order."""
        with self.assertRaisesRegex(UserError, "is not on credit hold"):
            self.release(self.sale_manager)

    def test_release_fields_are_refused_from_users(self):
        """Nobody writes the release fields but the release itself."""
        self.settings(days=30)
        for user in (self.rep, self.sale_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.order.with_user(user).write(
                    {"collection_hold_released_by_id": user.id}
                )
        with self.assertRaises(AccessError):
            self.make_order(collection_hold_release_reason="Because.")
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_context(
                default_collection_hold_released_by_id=self.sale_manager.id
            ).create({"partner_id": self.customer.id})
        with self.assertRaises(UserError):
            self.confirm_as_rep()

    def test_release_wizard_collects_the_reason(self):
        """The wizard only collects the reason and calls the release."""
        self.settings(days=30)
        wizard = (
            self.env["collection.hold.release"]
            .with_user(self.sale_manager)
            .create({"order_id": self.order.id, "reason": "Cash in advance."})
        )
        wizard.action_release()
        self.assertEqual(self.order.collection_hold_release_reason, "Cash in advance.")
        with self.assertRaises(AccessError):
            self.env["collection.hold.release"].with_user(self.rep).create(
                {"order_id": self.order.id, "reason": "Please."}
            )

    # --- ask collections ------------------------------------------------------
    def test_ask_collections_schedules_activity_for_collector(self):
        """The rep asks: an activity for the collector, linking the order."""
        self.debtor.with_user(self.sale_collector).write(
            {"user_id": self.sale_collector.id}
        )
        self.settings(days=30)
        action = self.order.with_user(self.rep).action_collection_ask()
        self.assertEqual(action["tag"], "display_notification")
        activity = self.debtor.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.sale_collector)
        self.assertIn(f'data-oe-id="{self.order.id}"', str(activity.note))
        self.assertIn("more than the 30 days allowed", str(activity.note))
        # Asking twice does not pile up activities.
        self.order.with_user(self.rep).action_collection_ask()
        self.assertEqual(len(self.debtor.activity_ids), 1)

    def test_ask_collections_without_collector_goes_to_a_manager(self):
        """No collector: a Collections Manager of the company gets it."""
        self.order.with_user(self.rep).action_collection_ask()
        self.assertIn(
            self.debtor.activity_ids.user_id,
            self.env.ref("collections_addon.collections_addon_group_manager").users,
        )

    def test_ask_collections_needs_viewer_rights(self):
        """Sales rights alone cannot ask (the debt is not theirs to see)."""
        order = self.make_order(user=self.rep_plain)
        with self.assertRaises(AccessError):
            order.with_user(self.rep_plain).action_collection_ask()
