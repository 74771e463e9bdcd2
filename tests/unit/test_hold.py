# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit hold of collections_sale, without a database.

``collections_sale/lib`` is loaded as the standalone package
``collections_sale_lib``, as ``conftest.py`` loads the lib of collections_addon:
importing ``collections_sale.lib`` would import the models, hence ``odoo``.
"""

import doctest
import importlib
import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

_LIB = Path(__file__).resolve().parents[2] / "collections_sale" / "lib"
if "collections_sale_lib" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "collections_sale_lib",
        _LIB / "__init__.py",
        submodule_search_locations=[str(_LIB)],
    )
    sys.modules["collections_sale_lib"] = _mod = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_mod)
hold = importlib.import_module("collections_sale_lib.hold")

TODAY = date(2025, 3, 10)


def settings(**values):
    values.setdefault("debtor_type", None)
    values.setdefault("plan_defaulted", False)
    return hold.HoldSettings(**values)


def standing(**values):
    if "amount" in values:
        values["amount_collectible"] = Decimal(values.pop("amount"))
    return hold.Standing(**values)


def test_decide_clean_debtor_is_not_blocked():
    decision = hold.decide(hold.HoldSettings(), standing(), TODAY)
    assert not decision.blocked


def test_decide_default_settings_block_fraudulent_type():
    decision = hold.decide(
        hold.HoldSettings(), standing(debtor_type="fraudulent"), TODAY
    )
    assert decision.reasons == (hold.DEBTOR_TYPE,)


def test_decide_other_type_is_not_blocked_by_default():
    decision = hold.decide(hold.HoldSettings(), standing(debtor_type="chronic"), TODAY)
    assert not decision.blocked


def test_decide_type_rule_off_lets_fraudulent_through():
    decision = hold.decide(settings(), standing(debtor_type="fraudulent"), TODAY)
    assert not decision.blocked


def test_decide_level_at_chosen_level_blocks():
    decision = hold.decide(settings(level_days=45), standing(level_days=45), TODAY)
    assert decision.reasons == (hold.LEVEL,)


def test_decide_level_past_chosen_level_blocks():
    decision = hold.decide(settings(level_days=45), standing(level_days=180), TODAY)
    assert decision.reasons == (hold.LEVEL,)


def test_decide_level_before_chosen_level_passes():
    decision = hold.decide(settings(level_days=45), standing(level_days=15), TODAY)
    assert not decision.blocked


def test_decide_no_level_taken_passes_level_rule():
    decision = hold.decide(settings(level_days=-3), standing(), TODAY)
    assert not decision.blocked


def test_decide_amount_above_limit_blocks():
    decision = hold.decide(
        settings(max_amount=Decimal(1000)), standing(amount="1000.01"), TODAY
    )
    assert decision.reasons == (hold.AMOUNT,)


def test_decide_amount_at_limit_passes():
    decision = hold.decide(
        settings(max_amount=Decimal(1000)), standing(amount=1000), TODAY
    )
    assert not decision.blocked


def test_decide_amount_rule_off_at_zero():
    decision = hold.decide(settings(), standing(amount=10**9), TODAY)
    assert not decision.blocked


def test_decide_days_above_limit_blocks():
    decision = hold.decide(
        settings(max_days=30), standing(amount=10, days_overdue=31), TODAY
    )
    assert decision.reasons == (hold.DAYS,)


def test_decide_days_without_collectible_debt_passes():
    decision = hold.decide(
        settings(max_days=30), standing(amount=0, days_overdue=90), TODAY
    )
    assert not decision.blocked


def test_decide_defaulted_plan_blocks():
    decision = hold.decide(
        settings(plan_defaulted=True), standing(plan_defaulted=True), TODAY
    )
    assert decision.reasons == (hold.PLAN_DEFAULTED,)


def test_decide_reports_every_rule_in_order():
    decision = hold.decide(
        hold.HoldSettings(level_days=45, max_amount=Decimal(100), max_days=10),
        standing(
            level_days=90,
            debtor_type="fraudulent",
            amount=500,
            days_overdue=100,
            plan_defaulted=True,
        ),
        TODAY,
    )
    assert decision.reasons == hold.REASONS


def test_decide_open_promise_lifts_debt_rules():
    decision = hold.decide(
        settings(max_days=30),
        standing(amount=10, days_overdue=40, promise_date=date(2025, 3, 20)),
        TODAY,
    )
    assert (decision.blocked, decision.lifted, decision.lifted_by) == (
        False,
        (hold.DAYS,),
        hold.PROMISE,
    )


def test_decide_promise_past_its_grace_does_not_lift():
    decision = hold.decide(
        settings(max_days=30, promise_grace_days=3),
        standing(amount=10, days_overdue=40, promise_date=date(2025, 3, 6)),
        TODAY,
    )
    assert decision.reasons == (hold.DAYS,)


def test_decide_promise_within_its_grace_lifts():
    decision = hold.decide(
        settings(max_days=30, promise_grace_days=3),
        standing(amount=10, days_overdue=40, promise_date=date(2025, 3, 7)),
        TODAY,
    )
    assert decision.lifted_by == hold.PROMISE


def test_decide_plan_on_schedule_lifts_level():
    decision = hold.decide(
        settings(level_days=45),
        standing(level_days=90, plan_active=True, plan_next_due=date(2025, 4, 1)),
        TODAY,
    )
    assert (decision.blocked, decision.lifted_by) == (False, hold.PLAN)


def test_decide_plan_late_beyond_grace_does_not_lift():
    decision = hold.decide(
        settings(level_days=45, plan_grace_days=5),
        standing(level_days=90, plan_active=True, plan_next_due=date(2025, 3, 4)),
        TODAY,
    )
    assert decision.reasons == (hold.LEVEL,)


def test_decide_new_plan_lifts_a_defaulted_one():
    decision = hold.decide(
        settings(plan_defaulted=True),
        standing(plan_defaulted=True, plan_active=True),
        TODAY,
    )
    assert decision.lifted == (hold.PLAN_DEFAULTED,)


def test_decide_commitment_never_lifts_debtor_type():
    decision = hold.decide(
        hold.HoldSettings(max_days=30),
        standing(
            debtor_type="fraudulent",
            amount=10,
            days_overdue=40,
            promise_date=date(2025, 3, 20),
        ),
        TODAY,
    )
    assert (decision.reasons, decision.lifted) == ((hold.DEBTOR_TYPE,), (hold.DAYS,))


def test_decide_setting_off_commitment_does_not_lift():
    decision = hold.decide(
        settings(max_days=30, commitment_lifts=False),
        standing(amount=10, days_overdue=40, promise_date=date(2025, 3, 20)),
        TODAY,
    )
    assert (decision.reasons, decision.lifted_by) == ((hold.DAYS,), None)


def test_decide_commitment_without_hold_lifts_nothing():
    decision = hold.decide(settings(), standing(promise_date=date(2025, 3, 20)), TODAY)
    assert decision == hold.HoldDecision()


def test_plan_in_good_standing_inactive_plan_is_not():
    assert not hold.plan_in_good_standing(False, None, TODAY, 5)


def test_plan_in_good_standing_all_paid_is():
    assert hold.plan_in_good_standing(True, None, TODAY, 5)


def test_promise_in_good_standing_no_promise_is_not():
    assert not hold.promise_in_good_standing(None, TODAY, 3)


def test_hold_doctests_pass():
    assert doctest.testmod(hold).failed == 0


def facts(**values):
    base = {
        "state": "draft",
        "customer": 1,
        "invoice": 1,
        "company": 1,
        "currency": 1,
        "amount": Decimal(100),
    }
    return hold.OrderFacts(**{**base, **values})


BOTH = frozenset({"customer", "invoice"})


def test_hold_event_quotation_confirmed_checks_both():
    assert hold.hold_event(facts(), facts(state="sale")) == (hold.CONFIRMED, BOTH)


def test_hold_event_order_created_confirmed_checks_both():
    assert hold.hold_event(None, facts(state="sale")) == (hold.CONFIRMED, BOTH)


def test_hold_event_cancelled_order_set_back_to_sale_is_a_confirmation():
    event = hold.hold_event(facts(state="cancel"), facts(state="sale"))
    assert event == (hold.CONFIRMED, BOTH)


def test_hold_event_confirmed_order_to_another_customer_checks_the_customer():
    before = facts(state="sale")
    assert hold.hold_event(before, facts(state="sale", customer=2)) == (
        hold.MOVED,
        frozenset({hold.CUSTOMER}),
    )


def test_hold_event_confirmed_order_to_another_invoice_address_checks_it():
    before = facts(state="sale")
    assert hold.hold_event(before, facts(state="sale", invoice=2)) == (
        hold.MOVED,
        frozenset({hold.INVOICE}),
    )


def test_hold_event_confirmed_order_to_another_company_checks_both():
    before = facts(state="sale")
    assert hold.hold_event(before, facts(state="sale", company=2)) == (
        hold.MOVED,
        BOTH,
    )


def test_hold_event_confirmed_order_otherwise_changed_is_not_checked():
    before = facts(state="sale")
    event = hold.hold_event(before, facts(state="sale", amount=Decimal(9)))
    assert event == (None, frozenset())


def test_hold_event_quotation_changed_is_not_checked():
    assert hold.hold_event(facts(), facts(customer=2)) == (None, frozenset())


def test_hold_event_confirmed_order_cancelled_is_not_checked():
    event = hold.hold_event(facts(state="sale"), facts(state="cancel"))
    assert event == (None, frozenset())


def test_release_voids_same_order_is_covered():
    assert hold.release_voids(facts(), facts(), 7, frozenset({5})) == ()


def test_release_voids_smaller_amount_is_covered():
    now = facts(amount=Decimal("99.99"))
    assert hold.release_voids(facts(), now, 7, frozenset({5})) == ()


def test_release_voids_other_customer():
    now = facts(customer=2)
    assert hold.release_voids(facts(), now, 7, frozenset()) == (hold.CUSTOMER_CHANGED,)


def test_release_voids_other_invoice_address():
    now = facts(invoice=2)
    assert hold.release_voids(facts(), now, 7, frozenset()) == (hold.INVOICE_CHANGED,)


def test_release_voids_other_company():
    now = facts(company=2)
    assert hold.release_voids(facts(), now, 7, frozenset()) == (hold.COMPANY_CHANGED,)


def test_release_voids_other_currency_without_comparing_amounts():
    now = facts(currency=2, amount=Decimal(10**6))
    assert hold.release_voids(facts(), now, 7, frozenset()) == (hold.CURRENCY_CHANGED,)


def test_release_voids_amount_above_the_release():
    now = facts(amount=Decimal("100.01"))
    assert hold.release_voids(facts(), now, 7, frozenset()) == (
        hold.AMOUNT_ABOVE_RELEASE,
    )


def test_release_voids_releaser_who_was_salesperson():
    assert hold.release_voids(facts(), facts(), 7, frozenset({5, 7})) == (
        hold.RELEASER_SOLD,
    )
