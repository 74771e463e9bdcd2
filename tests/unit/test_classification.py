# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import dataclasses
import doctest
import json
import random
from decimal import Decimal

import collections_lib.classification as classification
import pytest
from collections_lib.classification import (
    DEBTOR_TYPES,
    FRAUD_ARGS,
    FRAUD_CODES,
    REASON_ARGS,
    REASON_CODES,
    SCORE_WEIGHTS,
    Behaviour,
    abc_classes,
    abc_exposure,
    clamp_components,
    risk_score,
    suggest_type,
)

D = Decimal


def _b(**kw):
    """A debtor with 1000 overdue for 10 days and a clean 12-invoice history."""
    values = {
        "amount_overdue": D(1000),
        "amount_due": D(1000),
        "max_days_overdue": 10,
        "paid_count": 12,
        "paid_late_count": 0,
        "avg_days_late": D(0),
        "days_since_last_payment": 20,
    }
    values.update(kw)
    return Behaviour(**values)


CLEAN = _b(amount_overdue=D(0), amount_due=D(0), max_days_overdue=0)
NEWCOMER = _b(paid_count=0, days_since_last_payment=None)


def _points(score):
    return dict(score.components)


# === Behaviour === #


def test_behaviour_late_share_fraction_of_paid():
    assert _b(paid_count=8, paid_late_count=2).late_share == D("0.25")


def test_behaviour_late_share_nothing_paid_zero():
    assert _b(paid_count=0).late_share == 0


def test_behaviour_late_share_more_late_than_paid_capped_at_one():
    assert _b(paid_count=2, paid_late_count=3).late_share == 1


def test_behaviour_negative_count_raises():
    with pytest.raises(ValueError, match="paid_count cannot be negative"):
        _b(paid_count=-1)


def test_behaviour_negative_days_since_payment_raises():
    with pytest.raises(ValueError, match="days_since_last_payment"):
        _b(days_since_last_payment=-1)


def test_behaviour_is_frozen_assignment_raises():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CLEAN.paid_count = 3


# === abc_classes === #


def test_abc_classes_classic_split_a_b_c():
    exposures = {1: D(700), 2: D(200), 3: D(60), 4: D(40)}
    assert abc_classes(exposures) == {1: "a", 2: "a", 3: "b", 4: "c"}


def test_abc_classes_dominant_debtor_alone_in_a():
    # before debtor 2 the share is already 95 %, past A + B
    exposures = {1: D(950), 2: D(30), 3: D(20)}
    assert abc_classes(exposures) == {1: "a", 2: "c", 3: "c"}


def test_abc_classes_single_debtor_a():
    assert abc_classes({7: D("0.01")}) == {7: "a"}


def test_abc_classes_zero_exposure_c():
    assert abc_classes({1: D(100), 2: D(0)})[2] == "c"


def test_abc_classes_negative_exposure_c():
    assert abc_classes({1: D(100), 2: D(-50)})[2] == "c"


def test_abc_classes_all_zero_all_c():
    assert set(abc_classes({1: D(0), 2: D(0)}).values()) == {"c"}


def test_abc_classes_empty_empty():
    assert abc_classes({}) == {}


def test_abc_classes_equal_exposures_tie_broken_by_key():
    exposures = {k: D(10) for k in (5, 3, 9, 1, 7, 2, 8, 4, 6, 10)}
    result = abc_classes(exposures)
    assert [k for k in sorted(result) if result[k] == "a"] == list(range(1, 9))


def test_abc_classes_boundary_share_exactly_threshold_not_a():
    # before debtor 3 the cumulative share is exactly 80 %: it is no longer A
    exposures = {1: D(40), 2: D(40), 3: D(15), 4: D(5)}
    assert abc_classes(exposures) == {1: "a", 2: "a", 3: "b", 4: "c"}


def test_abc_classes_custom_thresholds_applied():
    exposures = {1: D(50), 2: D(25), 3: D(15), 4: D(10)}
    result = abc_classes(exposures, thresholds=(50, 30, 20))
    assert result == {1: "a", 2: "b", 3: "b", 4: "c"}


def test_abc_classes_string_keys_supported():
    assert abc_classes({"x": D(1), "y": D(9)}) == {"y": "a", "x": "b"}


@pytest.mark.parametrize(
    "thresholds",
    [(80, 15, 4), (80, 20, 0), (90, 15, -5), (80.0, 15, 5), (True, 94, 5), (80, 20)],
)
def test_abc_classes_invalid_thresholds_raises(thresholds):
    with pytest.raises(ValueError, match="three positive whole percentages"):
        abc_classes({1: D(1)}, thresholds=thresholds)


def test_abc_classes_random_bigger_exposure_never_worse_class():
    rng = random.Random(11)
    for _ in range(500):
        exposures = {k: D(rng.randint(-50, 5000)) for k in range(rng.randint(1, 40))}
        result = abc_classes(exposures)
        ranked = sorted(exposures, key=lambda k: (-exposures[k], k))
        classes = [result[k] for k in ranked]
        assert classes == sorted(classes)


def test_abc_classes_random_a_share_before_last_a_below_threshold():
    rng = random.Random(12)
    for _ in range(500):
        exposures = {k: D(rng.randint(1, 5000)) for k in range(rng.randint(1, 40))}
        result = abc_classes(exposures)
        a_amounts = sorted((v for k, v in exposures.items() if result[k] == "a"))
        total = sum(exposures.values())
        assert (sum(a_amounts) - a_amounts[0]) * 100 < 80 * total


# === abc_exposure === #


def test_abc_exposure_overdue_less_credits():
    assert abc_exposure(D(1000), D(-400)) == D(600)


def test_abc_exposure_credits_exceed_overdue_zero():
    assert abc_exposure(D(300), D(-500)) == D(0)


def test_abc_exposure_no_credit_is_the_overdue():
    assert abc_exposure(D(250), D(0)) == D(250)


def test_abc_exposure_positive_credit_ignored():
    # credits are 0 or negative; a positive value adds nothing
    assert abc_exposure(D(250), D(10)) == D(250)


def test_abc_class_credit_balance_is_c_even_when_the_overdue_is_largest():
    """Credits over the overdue: class C, though its overdue tops the list."""
    exposures = {
        1: abc_exposure(D(5000), D(-6000)),  # largest overdue, credit balance
        2: abc_exposure(D(850), D(0)),
        3: abc_exposure(D(150), D(0)),
    }
    assert abc_classes(exposures) == {1: "c", 2: "a", 3: "b"}


# === risk_score === #


def test_risk_score_clean_history_zero():
    assert risk_score(CLEAN).total == 0


def test_risk_score_newcomer_nothing_overdue_zero():
    assert risk_score(_b(paid_count=0, amount_overdue=D(0))).total == 0


def test_risk_score_components_fixed_labels_in_order():
    labels = [label for label, _points in risk_score(CLEAN).components]
    assert labels == [
        "Days overdue",
        "Share paid late",
        "Average days late",
        "Broken promises",
        "Unanswered contacts",
        "Defaulted plans",
    ]


def test_risk_score_weights_sum_to_hundred():
    assert sum(weight for _label, _fn, weight in SCORE_WEIGHTS) == 100


def test_risk_score_worst_behaviour_hundred():
    worst = _b(
        max_days_overdue=400,
        paid_late_count=12,
        avg_days_late=D(90),
        promises_broken=9,
        contacts_total=10,
        contacts_unanswered=10,
        plans_defaulted=3,
    )
    assert risk_score(worst).total == 100


def test_risk_score_days_overdue_full_at_180_days():
    assert _points(risk_score(_b(max_days_overdue=180)))["Days overdue"] == 35


def test_risk_score_days_overdue_half_at_90_days_rounded_up():
    assert _points(risk_score(_b(max_days_overdue=90)))["Days overdue"] == 18


def test_risk_score_nothing_overdue_days_ignored():
    score = risk_score(_b(amount_overdue=D(0), max_days_overdue=200))
    assert _points(score)["Days overdue"] == 0


def test_risk_score_half_paid_late_ten_points():
    score = risk_score(_b(paid_count=10, paid_late_count=5))
    assert _points(score)["Share paid late"] == 10


def test_risk_score_one_late_of_one_dampened():
    score = risk_score(_b(paid_count=1, paid_late_count=1))
    assert _points(score)["Share paid late"] == 4


def test_risk_score_average_late_full_at_60_days():
    score = risk_score(_b(paid_late_count=6, avg_days_late=D(60)))
    assert _points(score)["Average days late"] == 15


def test_risk_score_broken_promises_five_each():
    assert _points(risk_score(_b(promises_broken=2)))["Broken promises"] == 10


def test_risk_score_broken_promises_capped_at_fifteen():
    assert _points(risk_score(_b(promises_broken=7)))["Broken promises"] == 15


def test_risk_score_unanswered_contacts_dampened_below_five():
    score = risk_score(_b(contacts_total=1, contacts_unanswered=1))
    assert _points(score)["Unanswered contacts"] == 2


def test_risk_score_all_contacts_unanswered_ten_points():
    score = risk_score(_b(contacts_total=8, contacts_unanswered=8))
    assert _points(score)["Unanswered contacts"] == 10


def test_risk_score_one_defaulted_plan_three_points():
    assert _points(risk_score(_b(plans_defaulted=1)))["Defaulted plans"] == 3


def test_risk_score_two_defaulted_plans_capped_at_five():
    assert _points(risk_score(_b(plans_defaulted=2)))["Defaulted plans"] == 5


def _random_behaviour(rng):
    paid = rng.randint(0, 30)
    contacts = rng.randint(0, 20)
    return Behaviour(
        amount_overdue=D(rng.choice([0, rng.randint(1, 10**6)])),
        amount_due=D(rng.randint(0, 10**6)),
        max_days_overdue=rng.choice([rng.randint(0, 20), rng.randint(0, 500)]),
        paid_count=paid,
        paid_late_count=rng.randint(0, paid),
        avg_days_late=D(rng.randint(0, rng.choice([150, 1200]))) / 10 if paid else D(0),
        promises_kept=rng.randint(0, 6),
        promises_broken=rng.choice([0, 0, 1, rng.randint(0, 6)]),
        contacts_total=contacts,
        contacts_unanswered=rng.randint(0, contacts),
        days_since_last_payment=rng.choice([None, rng.randint(0, 700)]),
        plans_defaulted=rng.choice([0, 0, 0, rng.randint(0, 3)]),
        disputes=rng.randint(0, 3),
    )


def _random_behaviours(seed, runs=3000):
    rng = random.Random(seed)
    for _ in range(runs):
        yield rng, _random_behaviour(rng)


def test_risk_score_random_components_sum_to_total():
    for _rng, b in _random_behaviours(21):
        score = risk_score(b)
        assert sum(p for _label, p in score.components) == score.total


def test_risk_score_random_total_between_0_and_100():
    for _rng, b in _random_behaviours(22):
        assert 0 <= risk_score(b).total <= 100


def _worse(b, rng):
    """``b`` with one risk factor made worse."""
    field = rng.choice(
        [
            "max_days_overdue",
            "avg_days_late",
            "promises_broken",
            "plans_defaulted",
            "paid_late_count",
            "contacts_unanswered",
        ]
    )
    step = rng.randint(1, 50)
    if field == "paid_late_count":
        return dataclasses.replace(
            b, paid_late_count=min(b.paid_count, b.paid_late_count + step)
        )
    if field == "contacts_unanswered":
        return dataclasses.replace(
            b, contacts_unanswered=min(b.contacts_total, b.contacts_unanswered + step)
        )
    return dataclasses.replace(b, **{field: getattr(b, field) + step})


def test_risk_score_random_worse_factor_never_lowers_score():
    for rng, b in _random_behaviours(23):
        assert risk_score(_worse(b, rng)).total >= risk_score(b).total


def test_clamp_components_under_cap_unchanged():
    score = clamp_components((("x", 30), ("y", 20)))
    assert score.components == (("x", 30), ("y", 20))


def test_clamp_components_over_cap_total_capped():
    assert clamp_components((("x", 70), ("y", 40), ("z", 10))).total == 100


def test_clamp_components_over_cap_excess_taken_from_last():
    score = clamp_components((("x", 70), ("y", 40), ("z", 10)))
    assert score.components == (("x", 70), ("y", 30), ("z", 0))


# === suggest_type === #


def test_suggest_type_nothing_overdue_no_history_none():
    empty = Behaviour(D(0), D(500), 0, 0, 0, D(0))
    assert suggest_type(empty).debtor_type is None


def test_suggest_type_good_payer_nothing_overdue_forgetful():
    assert suggest_type(CLEAN).debtor_type == "forgetful"


def test_suggest_type_small_delay_answers_forgetful():
    b = _b(max_days_overdue=8, paid_late_count=2, avg_days_late=D(4))
    assert suggest_type(b).debtor_type == "forgetful"


def test_suggest_type_good_history_sudden_long_delay_involuntary():
    b = _b(max_days_overdue=40, contacts_total=3, contacts_unanswered=0)
    assert suggest_type(b).debtor_type == "involuntary"


def test_suggest_type_new_customer_long_delay_involuntary():
    assert suggest_type(_b(paid_count=0, max_days_overdue=40)).debtor_type == (
        "involuntary"
    )


def test_suggest_type_single_very_late_payment_involuntary():
    b = _b(paid_count=3, paid_late_count=1, avg_days_late=D(12))
    assert suggest_type(b).debtor_type == "involuntary"


def test_suggest_type_mostly_late_long_history_chronic():
    b = _b(paid_count=10, paid_late_count=6, avg_days_late=D(20))
    assert suggest_type(b).debtor_type == "chronic"


def test_suggest_type_two_broken_promises_chronic():
    b = _b(promises_kept=3, promises_broken=2, contacts_total=5)
    assert suggest_type(b).debtor_type == "chronic"


def test_suggest_type_defaulted_plan_chronic():
    assert suggest_type(_b(plans_defaulted=1)).debtor_type == "chronic"


def test_suggest_type_short_history_regularly_late_chronic():
    b = _b(paid_count=4, paid_late_count=2, avg_days_late=D(12), max_days_overdue=30)
    assert suggest_type(b).debtor_type == "chronic"


def test_suggest_type_ignores_contacts_no_promise_irresponsible():
    b = _b(max_days_overdue=45, contacts_total=4, contacts_unanswered=3)
    assert suggest_type(b).debtor_type == "irresponsible"


def test_suggest_type_ignores_contacts_beats_chronic_history_irresponsible():
    b = _b(
        max_days_overdue=45,
        days_since_last_payment=60,
        paid_late_count=10,
        avg_days_late=D(30),
        contacts_total=4,
        contacts_unanswered=4,
    )
    assert suggest_type(b).debtor_type == "irresponsible"


def test_suggest_type_paid_since_delay_not_silent_irresponsible_rule():
    # a payment 5 days ago with a chronic history: rule 2 does not apply
    b = _b(
        max_days_overdue=45,
        days_since_last_payment=5,
        paid_late_count=10,
        avg_days_late=D(30),
        contacts_total=4,
        contacts_unanswered=4,
    )
    assert suggest_type(b).debtor_type == "chronic"


def test_suggest_type_small_delay_but_ignores_contacts_irresponsible():
    b = _b(max_days_overdue=10, contacts_total=2, contacts_unanswered=2)
    assert suggest_type(b).debtor_type == "irresponsible"


def test_suggest_type_one_unanswered_contact_not_ignoring_forgetful():
    b = _b(max_days_overdue=10, contacts_total=1, contacts_unanswered=1)
    assert suggest_type(b).debtor_type == "forgetful"


def test_suggest_type_reason_names_metric_values():
    b = _b(paid_count=10, paid_late_count=6, avg_days_late=D("20.25"))
    assert suggest_type(b).reason_args == {
        "late": 6,
        "paid": 10,
        "percent": 60,
        "avg_days": "20.3",
    }


def test_suggest_type_reason_is_one_code():
    suggestion = suggest_type(_b(max_days_overdue=40))
    assert suggestion.reason_code == "involuntary_delay"


# One behaviour per reason code, with the figures it must come with.
REASON_CASES = {
    "no_history": (Behaviour(D(0), D(500), 0, 0, 0, D(0)), {}),
    "silent": (
        _b(
            max_days_overdue=45,
            days_since_last_payment=60,
            contacts_total=4,
            contacts_unanswered=3,
        ),
        {"unanswered": 3, "contacts": 4, "amount": "1000", "days": 45},
    ),
    "chronic_late": (
        _b(paid_count=10, paid_late_count=6, avg_days_late=D("20.25")),
        {"late": 6, "paid": 10, "percent": 60, "avg_days": "20.3"},
    ),
    "chronic_broken_promises": (
        _b(promises_kept=3, promises_broken=2, contacts_total=5),
        {"broken": 2, "kept": 3},
    ),
    "chronic_defaulted_plans": (_b(plans_defaulted=1), {"plans": 1}),
    "forgetful": (
        _b(
            max_days_overdue=8,
            paid_late_count=2,
            avg_days_late=D(4),
            contacts_total=3,
            contacts_unanswered=1,
        ),
        {"days": 8, "avg_days": "4", "unanswered": 1, "contacts": 3},
    ),
    "ignores_contacts": (
        _b(max_days_overdue=10, contacts_total=2, contacts_unanswered=2),
        {"unanswered": 2, "contacts": 2},
    ),
    "regularly_late": (
        _b(paid_count=4, paid_late_count=2, avg_days_late=D(12), max_days_overdue=30),
        {"late": 2, "paid": 4, "percent": 50, "avg_days": "12"},
    ),
    "involuntary_delay": (
        _b(max_days_overdue=40, contacts_total=3),
        {
            "late": 0,
            "paid": 12,
            "percent": 0,
            "avg_days": "0",
            "unanswered": 0,
            "contacts": 3,
            "days": 40,
        },
    ),
    "involuntary_late_payment": (
        _b(paid_count=3, paid_late_count=1, avg_days_late=D(12)),
        {
            "late": 1,
            "paid": 3,
            "percent": 33,
            "avg_days": "12",
            "unanswered": 0,
            "contacts": 0,
        },
    ),
    "involuntary_new_delay": (
        _b(paid_count=0, max_days_overdue=40),
        {"unanswered": 0, "contacts": 0, "days": 40},
    ),
    # inconsistent input (late on average with nothing paid) still gets a code
    "involuntary_new_late_payment": (
        _b(paid_count=0, avg_days_late=D(12)),
        {"unanswered": 0, "contacts": 0},
    ),
}


def test_suggest_type_reason_cases_cover_every_code():
    assert set(REASON_CASES) == set(REASON_CODES)


@pytest.mark.parametrize("code", list(REASON_CASES))
def test_suggest_type_reason_case_expected_code(code):
    assert suggest_type(REASON_CASES[code][0]).reason_code == code


@pytest.mark.parametrize("code", list(REASON_CASES))
def test_suggest_type_reason_case_expected_args(code):
    behaviour, args = REASON_CASES[code]
    assert suggest_type(behaviour).reason_args == args


def test_reason_args_names_match_codes():
    assert set(REASON_ARGS) == set(REASON_CODES)


def test_suggest_type_no_fraud_signs_no_fraud_code():
    suggestion = suggest_type(_b(max_days_overdue=40))
    assert (suggestion.fraud_code, suggestion.fraud_args) == (None, {})


def test_suggest_type_never_paid_long_overdue_ignoring_fraud_review():
    b = _b(
        paid_count=0,
        days_since_last_payment=None,
        max_days_overdue=120,
        contacts_total=5,
        contacts_unanswered=5,
    )
    assert suggest_type(b).fraud_review is True


def test_suggest_type_never_paid_long_overdue_disputes_fraud_review():
    b = _b(paid_count=0, days_since_last_payment=None, max_days_overdue=120, disputes=2)
    assert suggest_type(b).fraud_review is True


def test_suggest_type_fraud_review_reason_explains_flag():
    b = _b(paid_count=0, days_since_last_payment=None, max_days_overdue=120, disputes=2)
    suggestion = suggest_type(b)
    assert (suggestion.fraud_code, suggestion.fraud_args) == (
        "fraud_disputes",
        {"days": 120, "disputes": 2},
    )


def test_suggest_type_fraud_ignoring_contacts_contacts_code():
    b = _b(
        paid_count=0,
        days_since_last_payment=None,
        max_days_overdue=120,
        contacts_total=5,
        contacts_unanswered=5,
    )
    suggestion = suggest_type(b)
    assert (suggestion.fraud_code, suggestion.fraud_args) == (
        "fraud_contacts",
        {"days": 120, "unanswered": 5, "contacts": 5},
    )


def test_suggest_type_fraud_ignoring_and_disputes_both_signs_code():
    b = _b(
        paid_count=0,
        days_since_last_payment=None,
        max_days_overdue=120,
        contacts_total=5,
        contacts_unanswered=5,
        disputes=2,
    )
    suggestion = suggest_type(b)
    assert (suggestion.fraud_code, suggestion.fraud_args) == (
        "fraud_contacts_disputes",
        {"days": 120, "unanswered": 5, "contacts": 5, "disputes": 2},
    )


def test_fraud_args_names_match_codes():
    assert set(FRAUD_ARGS) == set(FRAUD_CODES)


def test_suggest_type_never_paid_90_days_no_fraud_review():
    b = _b(paid_count=0, days_since_last_payment=None, max_days_overdue=90, disputes=2)
    assert suggest_type(b).fraud_review is False


def test_suggest_type_paid_once_long_overdue_disputes_no_fraud_review():
    b = _b(paid_count=1, max_days_overdue=200, disputes=2)
    assert suggest_type(b).fraud_review is False


def test_suggest_type_never_paid_cooperative_no_fraud_review():
    b = _b(paid_count=0, days_since_last_payment=None, max_days_overdue=200)
    assert suggest_type(b).fraud_review is False


def test_suggest_type_random_never_fraudulent():
    suggested = {suggest_type(b).debtor_type for _rng, b in _random_behaviours(31)}
    assert "fraudulent" not in suggested


def test_suggest_type_random_only_known_types():
    suggested = {suggest_type(b).debtor_type for _rng, b in _random_behaviours(32)}
    assert suggested <= set(DEBTOR_TYPES[:4]) | {None}


def test_suggest_type_random_every_rule_reachable():
    suggested = {suggest_type(b).debtor_type for _rng, b in _random_behaviours(33)}
    assert suggested >= set(DEBTOR_TYPES[:4])


def test_suggest_type_random_reason_known_code_with_its_args():
    for _rng, b in _random_behaviours(34, runs=1000):
        suggestion = suggest_type(b)
        assert set(suggestion.reason_args) == set(REASON_ARGS[suggestion.reason_code])


def test_suggest_type_random_fraud_code_only_with_flag():
    for _rng, b in _random_behaviours(35, runs=1000):
        suggestion = suggest_type(b)
        assert suggestion.fraud_review == (suggestion.fraud_code is not None)
        assert set(suggestion.fraud_args) == set(
            FRAUD_ARGS.get(suggestion.fraud_code, ())
        )


def test_suggest_type_random_args_plain_json_numbers():
    for _rng, b in _random_behaviours(36, runs=1000):
        suggestion = suggest_type(b)
        args = {**suggestion.reason_args, **suggestion.fraud_args}
        assert json.loads(json.dumps(args)) == args
        for value in args.values():
            assert type(value) is int or D(value).is_finite()


def test_debtor_types_fraudulent_listed_last():
    assert DEBTOR_TYPES[-1] == "fraudulent"


def test_classification_doctests_all_pass():
    assert doctest.testmod(classification).failed == 0
