# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit hold, its release and the company walls, attacked as each role.

Every case is a call a client that does not use our screens can make
(``execute_kw``): combined writes, create instead of write, ``default_`` keys,
``onchange``, related fields, one2many commands on the parent, wizards,
hand-over-and-back sequences. The guards hold on the resulting order; each case
is refused with a message a user understands, or changes nothing. The protected
fields are generated from ``sale_order.SYSTEM_FIELDS``.

:class:`HoldAttacks` holds the cases; this file runs them through
``with_user``, ``test_sale_attack_rpc.py`` through real JSON-RPC calls.
"""

from itertools import combinations, product

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.collections_sale.models.sale_order import SYSTEM_FIELDS

from .test_sale_common import HoldGuardCommon

HELD = "is on credit hold because"
# Context keys a caller may send: none of them switches the hold off.
CONTEXT_KEYS = ("collection_system", "collection_skip_hold", "tracking_disable")
REASONS_NOT_TEXT = (42, [1, 2], {"why": "x"}, None, "   ", True)


def forged(env, fname):
    """A value for a protected field of sale.order."""
    field = env["sale.order"]._fields[fname]
    if field.type == "many2one":
        return env[field.comodel_name].sudo().search([], limit=1).id
    if field.type == "many2many":
        return [Command.set(env[field.comodel_name].sudo().search([], limit=1).ids)]
    if field.type == "monetary":
        return 99.0
    if field.type == "datetime":
        return "2026-01-02 03:04:05"
    return "Forged"


class HoldAttacks:
    """The attack cases, run by a class that provides ``call`` (see
    :class:`~.test_sale_common.HoldGuardCommon`)."""

    # --- the hold is checked on the resulting order ----------------------------
    def test_combined_write_of_held_customer_and_state_is_refused(self):
        """{partner_id: held, state: sale} on a clean quotation: refused."""
        order = self.make_order(self.clean)
        answer = self.call(
            self.rep,
            "sale.order",
            "write",
            order.ids,
            {"partner_id": self.customer.id, "state": "sale"},
        )
        self.assertRefused(answer, UserError, f"cannot be confirmed: .* {HELD}")
        self.assertEqual((order.state, order.partner_id), ("draft", self.clean))

    def test_every_combination_of_the_hold_fields(self):
        """Each combination of a held customer, a held invoice address and the
        confirmed state, written on a clean quotation or a clean order, or
        created: refused exactly when the resulting order is confirmed with
        something on hold, and then nothing changed."""
        held = {
            "partner_id": self.customer.id,
            "partner_invoice_id": self.customer_contact.id,
            "state": "sale",
        }
        combos = [
            dict(combo)
            for size in range(1, len(held) + 1)
            for combo in combinations(held.items(), size)
        ]
        Order = self.env["sale.order"]
        for vals, start in product(combos, ("draft", "sale", "create")):
            with self.subTest(vals=sorted(vals), start=start):
                refused = vals.get("state", "draft" if start == "create" else start)
                refused = refused == "sale" and (
                    "partner_id" in vals or "partner_invoice_id" in vals
                )
                if start == "create":
                    count = Order.search_count([])
                    answer = self.call(
                        self.rep,
                        "sale.order",
                        "create",
                        {"partner_id": self.clean.id, **vals},
                    )
                    if refused:
                        self.assertRefused(answer, UserError, "credit hold")
                        self.assertEqual(Order.search_count([]), count)
                    else:
                        self.assertAllowed(answer)
                    continue
                order = self.make_order(self.clean)
                if start == "sale":
                    order.action_confirm()
                answer = self.call(self.rep, "sale.order", "write", order.ids, vals)
                if refused:
                    self.assertRefused(answer, UserError, "credit hold")
                    self.assertEqual(
                        (order.state, order.partner_id, order.partner_invoice_id),
                        (start, self.clean, self.clean),
                    )
                else:
                    self.assertAllowed(answer)

    def test_create_confirmed_for_held_customer_is_refused(self):
        """Create instead of write: an order created confirmed is checked."""
        Order = self.env["sale.order"]
        count = Order.search_count([])
        vals = {
            "partner_id": self.customer.id,
            "state": "sale",
            "order_line": [Command.create(self.line_vals(1))],
        }
        answer = self.call(self.rep, "sale.order", "create", vals)
        self.assertRefused(answer, UserError, HELD)
        self.assertEqual(Order.search_count([]), count)

    def test_default_state_key_confirms_nothing(self):
        """A default_state key makes a confirmation, checked as one."""
        Order = self.env["sale.order"]
        count = Order.search_count([])
        answer = self.call(
            self.rep,
            "sale.order",
            "create",
            {"partner_id": self.customer.id},
            context={"default_state": "sale"},
        )
        self.assertRefused(answer, UserError, HELD)
        self.assertEqual(Order.search_count([]), count)

    def test_confirmed_order_cannot_move_to_a_held_customer(self):
        """A confirmed order's customer cannot become a held one."""
        order = self.confirmed()
        answer = self.call(
            self.rep, "sale.order", "write", order.ids, {"partner_id": self.customer.id}
        )
        self.assertRefused(answer, UserError, "is confirmed: its customer cannot")
        self.assertEqual(order.partner_id, self.clean)
        other = self.env["res.partner"].create({"name": "Clean Too", "is_company": 1})
        answer = self.call(
            self.rep, "sale.order", "write", order.ids, {"partner_id": other.id}
        )
        self.assertAllowed(answer)
        self.assertEqual(order.partner_id, other)

    def test_confirmed_order_cannot_move_its_invoice_address_to_a_held_one(self):
        """Nor its invoice address (the debt would go to the held one)."""
        order = self.confirmed()
        answer = self.call(
            self.rep,
            "sale.order",
            "write",
            order.ids,
            {"partner_invoice_id": self.customer_contact.id},
        )
        self.assertRefused(answer, UserError, "its invoice address cannot become")
        self.assertEqual(order.partner_invoice_id, self.clean)

    def test_held_invoice_address_blocks_the_confirmation(self):
        """A clean customer's order invoiced to a held one is on hold."""
        order = self.make_order(self.clean, partner_invoice_id=self.customer_contact.id)
        answer = self.call(self.rep, "sale.order", "action_confirm", order.ids)
        self.assertRefused(answer, UserError, f"its invoice address .* {HELD}")
        self.assertEqual(order.state, "draft")
        answer = self.call(
            self.rep, "sale.order", "write", order.ids, {"state": "sale"}
        )
        self.assertRefused(answer, UserError, "its invoice address")
        self.assertEqual(order.state, "draft")

    def test_related_field_of_a_line_moves_no_confirmed_order(self):
        """The line's related customer: refused or without effect."""
        order = self.confirmed()
        self.call(
            self.rep,
            "sale.order.line",
            "write",
            order.order_line.ids,
            {"order_partner_id": self.customer.id},
        )
        self.assertEqual((order.partner_id, order.state), (self.clean, "sale"))

    def test_one2many_commands_on_the_customer_confirm_and_move_nothing(self):
        """Commands on res.partner.sale_order_ids go through the hold too."""
        quotation = self.make_order()
        answer = self.call(
            self.sales_admin,
            "res.partner",
            "write",
            self.customer.ids,
            {"sale_order_ids": [Command.update(quotation.id, {"state": "sale"})]},
        )
        self.assertRefused(answer, UserError, HELD)
        self.assertEqual(quotation.state, "draft")
        order = self.confirmed()
        answer = self.call(
            self.sales_admin,
            "res.partner",
            "write",
            self.customer.ids,
            {"sale_order_ids": [Command.link(order.id)]},
        )
        self.assertRefused(answer, UserError, "its customer cannot become")
        self.assertEqual(order.partner_id, self.clean)

    def test_context_keys_do_not_switch_the_hold_off(self):
        """Context keys a caller could send change nothing."""
        order = self.make_order()
        for key in CONTEXT_KEYS:
            with self.subTest(key=key):
                answer = self.call(
                    self.rep,
                    "sale.order",
                    "action_confirm",
                    order.ids,
                    context={key: True},
                )
                self.assertRefused(answer, UserError, HELD)
                self.assertEqual(order.state, "draft")

    # --- what a release covers -------------------------------------------------
    def test_release_for_one_customer_is_void_for_another(self):
        """A release given for B2 does not survive a change to B3."""
        order = self.released()
        answer = self.call(
            self.rep,
            "sale.order",
            "write",
            order.ids,
            {"partner_id": self.customer_b.id},
        )
        self.assertAllowed(answer)
        answer = self.call(self.rep, "sale.order", "action_confirm", order.ids)
        self.assertRefused(answer, UserError, "no longer covers it: the customer")
        self.assertEqual(order.state, "draft")
        self.assertIn("no longer covers this order", self.banner(order))

    def test_release_covers_up_to_its_amount(self):
        """A released one-line quotation that grows needs a new release."""
        order = self.released()
        answer = self.call(
            self.rep,
            "sale.order",
            "write",
            order.ids,
            {"order_line": [Command.create(self.line_vals())]},
        )
        self.assertAllowed(answer)
        answer = self.call(self.rep, "sale.order", "action_confirm", order.ids)
        self.assertRefused(answer, UserError, "the order grew to .* above the")
        self.assertEqual(order.state, "draft")
        answer = self.call(
            self.sale_manager,
            "sale.order",
            "action_collection_release_hold",
            order.ids,
            "A bigger deal, guaranteed by the director.",
        )
        self.assertAllowed(answer)
        self.assertAllowed(
            self.call(self.rep, "sale.order", "action_confirm", order.ids)
        )
        self.assertEqual(order.state, "sale")

    def test_growth_and_confirmation_in_one_write_are_refused(self):
        """One write adding lines and confirming: checked after both."""
        order = self.released()
        amount = order.amount_total
        answer = self.call(
            self.rep,
            "sale.order",
            "write",
            order.ids,
            {"order_line": [Command.create(self.line_vals())], "state": "sale"},
        )
        self.assertRefused(answer, UserError, "grew to")
        self.assertEqual((order.state, order.amount_total), ("draft", amount))

    def test_smaller_released_order_confirms(self):
        """A release covers a smaller order."""
        order = self.released()
        line = order.order_line
        self.assertAllowed(
            self.call(
                self.rep,
                "sale.order",
                "write",
                order.ids,
                {"order_line": [Command.update(line.id, {"product_uom_qty": 1})]},
            )
        )
        self.assertAllowed(
            self.call(self.rep, "sale.order", "action_confirm", order.ids)
        )
        self.assertEqual(order.state, "sale")

    # --- four eyes ---------------------------------------------------------------
    def test_hand_over_and_back_does_not_bypass_four_eyes(self):
        """The salesperson (a manager) hands over, releases, takes back: no."""
        seller = self.selling_manager
        order = self.make_order(user=seller)
        self.assertAllowed(
            self.call(
                seller, "sale.order", "write", order.ids, {"user_id": self.rep.id}
            )
        )
        answer = self.call(
            seller,
            "sale.order",
            "action_collection_release_hold",
            order.ids,
            "I know this customer.",
        )
        self.assertRefused(answer, UserError, "you are or were its salesperson")
        self.assertFalse(order.collection_hold_released_by_id)
        self.assertAllowed(
            self.call(seller, "sale.order", "write", order.ids, {"user_id": seller.id})
        )
        answer = self.call(seller, "sale.order", "action_confirm", order.ids)
        self.assertRefused(answer, UserError, HELD)
        self.assertEqual(order.state, "draft")

    def test_releaser_who_becomes_salesperson_voids_the_release(self):
        """Released by a manager who then takes the order: void."""
        order = self.released()
        self.assertAllowed(
            self.call(
                self.sale_collector,
                "sale.order",
                "write",
                order.ids,
                {"user_id": self.sale_manager.id},
            )
        )
        answer = self.call(self.sale_manager, "sale.order", "action_confirm", order.ids)
        self.assertRefused(answer, UserError, "has been its salesperson")
        self.assertEqual(order.state, "draft")

    # --- the release itself ------------------------------------------------------
    def test_release_reason_must_be_text(self):
        """A number, a list, a dict, nothing: a clear refusal, never a crash."""
        order = self.make_order()
        for reason in REASONS_NOT_TEXT:
            with self.subTest(reason=reason):
                answer = self.call(
                    self.sale_manager,
                    "sale.order",
                    "action_collection_release_hold",
                    order.ids,
                    reason,
                )
                self.assertRefused(answer, UserError, "the reason is required")
        answer = self.call(
            self.sale_manager, "sale.order", "action_collection_release_hold", order.ids
        )
        self.assertRefused(answer, UserError, "the reason is required")
        self.assertFalse(order.collection_hold_released_by_id)

    def test_release_refused_to_every_other_role(self):
        """Only a Collections Manager who can open the order releases it."""
        order = self.make_order()
        expected = {
            "sales rep": "needs the .+ rights",
            "collector": "needs the .+ rights",
            "viewer": "needs the .+ rights",
            "other company": ".",
        }
        for role, pattern in expected.items():
            with self.subTest(role=role):
                answer = self.call(
                    self.roles[role],
                    "sale.order",
                    "action_collection_release_hold",
                    order.ids,
                    "Please.",
                )
                self.assertRefused(answer, AccessError, pattern)
                self.assertFalse(order.collection_hold_released_by_id)

    def test_release_is_one_order_at_a_time(self):
        """Several orders at once: a clear refusal."""
        orders = self.make_order() | self.make_order()
        answer = self.call(
            self.sale_manager,
            "sale.order",
            "action_collection_release_hold",
            orders.ids,
            "Both.",
        )
        self.assertRefused(answer, UserError, "one order at a time")
        self.assertFalse(orders.collection_hold_released_by_id)

    def test_protected_fields_refused_from_every_role(self):
        """Each release field and the salespeople, by each role, written,
        created or sent as a default_ key: refused, nothing written."""
        order = self.make_order()
        Order = self.env["sale.order"]
        for fname, (role, user) in product(sorted(SYSTEM_FIELDS), self.roles.items()):
            value = forged(self.env, fname)
            ways = {
                "write": ("write", (order.ids, {fname: value}), {}),
                "create": (
                    "create",
                    ({"partner_id": self.clean.id, fname: value},),
                    {},
                ),
                "default": (
                    "create",
                    ({"partner_id": self.clean.id},),
                    {"context": {f"default_{fname}": value}},
                ),
            }
            for way, (method, args, kwargs) in ways.items():
                with self.subTest(field=fname, role=role, way=way):
                    count = Order.search_count([])
                    answer = self.call(user, "sale.order", method, *args, **kwargs)
                    self.assertRefused(answer, AccessError)
                    self.assertEqual(Order.search_count([]), count)
                    self.assertFalse(order.collection_hold_released_by_id)
                    self.assertEqual(order.collection_salesperson_ids, self.rep)

    # --- company walls -----------------------------------------------------------
    def test_onchange_naming_another_company_shows_no_debt(self):
        """A company-A user asks the onchange for company B: no debt of B."""
        spec = {
            "company_id": {},
            "partner_id": {},
            "collection_amount_collectible": {},
            "collection_hold": {},
            "collection_banner_html": {},
        }
        values = {"company_id": self.company_b.id, "partner_id": self.customer.id}
        answer = self.call(
            self.sale_manager,
            "sale.order",
            "onchange",
            [],
            values,
            ["partner_id"],
            spec,
        )
        result = self.assertAllowed(answer)["value"]
        self.assertFalse(result.get("collection_amount_collectible"))
        self.assertFalse(result.get("collection_hold"))
        self.assertFalse(result.get("collection_banner_html"))
        # Company B's own user reads the debt there: the wall, not a blank.
        answer = self.call(
            self.other_user, "sale.order", "onchange", [], values, ["partner_id"], spec
        )
        result = self.assertAllowed(answer)["value"]
        self.assertEqual(result.get("collection_amount_collectible"), 700.0)

    def test_release_wizard_on_another_company_order_is_refused(self):
        """A company-A manager cannot open the wizard on company B's order."""
        Wizard = self.env["collection.hold.release"]
        count = Wizard.search_count([])
        answer = self.call(
            self.sale_manager,
            "collection.hold.release",
            "create",
            {"order_id": self.order_b.id, "reason": "Because."},
        )
        self.assertRefused(answer, AccessError, "you cannot open order")
        self.assertEqual(Wizard.search_count([]), count)
        answer = self.call(
            self.sale_manager,
            "collection.hold.release",
            "onchange",
            [],
            {"order_id": self.order_b.id},
            ["order_id"],
            {"order_id": {}, "banner_html": {}},
        )
        if "result" in answer:
            self.assertFalse(answer["result"]["value"].get("banner_html"))
        self.assertFalse(self.order_b.collection_hold_released_by_id)

    def test_other_company_reads_no_order_of_this_company(self):
        """A company-B user reads nothing of company A's order."""
        order = self.make_order()
        answer = self.call(
            self.other_user,
            "sale.order",
            "read",
            order.ids,
            ["collection_banner_html", "collection_amount_collectible"],
        )
        self.assertRefused(answer, AccessError)

    # --- what the rep reads --------------------------------------------------------
    def test_rep_reads_the_hold_and_neutral_reasons(self):
        """The rep's banner over RPC: the hold, never a sensitive type."""
        self.debtor.with_user(self.sale_manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Struck off."}
        )
        order = self.make_order()
        answer = self.call(
            self.rep, "sale.order", "read", order.ids, ["collection_banner_html"]
        )
        banner = self.assertAllowed(answer)[0]["collection_banner_html"]
        self.assertIn("Confirmation blocked", banner)
        self.assertIn("Review with collections", banner)
        self.assertNotIn("Fraudulent", banner)
        answer = self.call(self.rep, "sale.order", "action_confirm", order.ids)
        message = self.assertRefused(answer, UserError, "needs a review")
        self.assertNotIn("Fraudulent", message)


@tagged("post_install", "-at_install")
class TestSaleGuards(HoldAttacks, HoldGuardCommon):
    """The attacks through ``with_user``."""
