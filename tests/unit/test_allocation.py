# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import random
from datetime import date, timedelta
from decimal import Decimal

import collections_lib.allocation as allocation
import pytest
from collections_lib.allocation import (
    InstallmentIn,
    InstallmentOut,
    allocate,
    plan_outcome,
)

D = Decimal
Q = D("0.01")
TODAY = date(2025, 3, 15)
MARCH = InstallmentIn(1, date(2025, 3, 1), D("100.00"))
APRIL = InstallmentIn(2, date(2025, 4, 1), D("100.00"))
MAY = InstallmentIn(3, date(2025, 5, 1), D("100.00"))
PLAN = (MAY, MARCH, APRIL)  # deliberately unsorted


def _by_key(outs):
    return {out.key: out for out in outs}


def test_allocate_nothing_paid_past_line_overdue():
    assert _by_key(allocate(D(0), PLAN, TODAY, Q))[1].state == "overdue"


def test_allocate_nothing_paid_future_line_pending():
    assert _by_key(allocate(D(0), PLAN, TODAY, Q))[2].state == "pending"


def test_allocate_oldest_line_paid_first():
    assert _by_key(allocate(D("100"), PLAN, TODAY, Q))[1] == InstallmentOut(
        1, D("100.00"), "paid"
    )


def test_allocate_result_in_due_date_order():
    assert [out.key for out in allocate(D(0), PLAN, TODAY, Q)] == [1, 2, 3]


def test_allocate_partial_payment_on_next_line():
    assert _by_key(allocate(D("150"), PLAN, TODAY, Q))[2].amount_paid == D("50.00")


def test_allocate_partial_payment_line_not_paid():
    assert _by_key(allocate(D("150"), PLAN, TODAY, Q))[2].state == "pending"


def test_allocate_partial_payment_past_line_overdue():
    assert _by_key(allocate(D("99.99"), PLAN, TODAY, Q))[1].state == "overdue"


def test_allocate_line_due_today_pending():
    line = InstallmentIn(9, TODAY, D("10.00"))
    assert allocate(D(0), [line], TODAY, Q)[0].state == "pending"


def test_allocate_future_line_paid_early_paid():
    assert _by_key(allocate(D("300"), PLAN, TODAY, Q))[3].state == "paid"


def test_allocate_overpayment_lines_capped_at_amount():
    outs = allocate(D("1000"), PLAN, TODAY, Q)
    assert [out.amount_paid for out in outs] == [D("100.00")] * 3


def test_allocate_negative_paid_counts_as_zero():
    outs = allocate(D("-50"), PLAN, TODAY, Q)
    assert [out.amount_paid for out in outs] == [D("0.00")] * 3


def test_allocate_same_date_sequence_breaks_tie():
    first = InstallmentIn(8, TODAY, D("10.00"), sequence=1)
    second = InstallmentIn(5, TODAY, D("10.00"), sequence=2)
    assert _by_key(allocate(D("10"), [second, first], TODAY, Q))[8].state == "paid"


def test_allocate_same_date_and_sequence_key_breaks_tie():
    high = InstallmentIn(8, TODAY, D("10.00"))
    low = InstallmentIn(5, TODAY, D("10.00"))
    assert _by_key(allocate(D("10"), [high, low], TODAY, Q))[5].state == "paid"


def test_allocate_amounts_quantized_to_quantum():
    line = InstallmentIn(1, TODAY, D("10"))
    assert str(allocate(D("3.456"), [line], TODAY, Q)[0].amount_paid) == "3.46"


def test_allocate_unit_quantum_whole_amounts():
    line = InstallmentIn(1, TODAY, D("1000"))
    assert str(allocate(D("250"), [line], TODAY, D(1))[0].amount_paid) == "250"


def test_allocate_no_lines_empty():
    assert allocate(D("100"), [], TODAY, Q) == []


def test_allocate_random_plans_never_allocate_more_than_paid():
    rng = random.Random(11)
    for _ in range(500):
        lines = [
            InstallmentIn(
                k, TODAY + timedelta(days=rng.randint(-60, 60)), D(rng.randint(1, 500))
            )
            for k in range(rng.randint(1, 12))
        ]
        paid = D(rng.randint(0, 3000))
        assert sum(out.amount_paid for out in allocate(paid, lines, TODAY, Q)) <= paid


def test_allocate_random_plans_paid_lines_form_a_prefix():
    rng = random.Random(12)
    for _ in range(500):
        lines = [
            InstallmentIn(
                k, TODAY + timedelta(days=rng.randint(-60, 60)), D(rng.randint(1, 500))
            )
            for k in range(rng.randint(1, 12))
        ]
        states = [
            out.state for out in allocate(D(rng.randint(0, 3000)), lines, TODAY, Q)
        ]
        paid = states.count("paid")
        assert states[:paid] == ["paid"] * paid


def test_plan_outcome_all_paid_done():
    states = [(date(2025, 3, 1), "paid"), (date(2025, 4, 1), "paid")]
    assert plan_outcome(states, TODAY, 7) == "done"


def test_plan_outcome_no_lines_done():
    assert plan_outcome([], TODAY, 7) == "done"


def test_plan_outcome_pending_line_active():
    states = [(date(2025, 3, 1), "paid"), (date(2025, 4, 1), "pending")]
    assert plan_outcome(states, TODAY, 7) == "active"


def test_plan_outcome_overdue_within_grace_active():
    assert plan_outcome([(date(2025, 3, 8), "overdue")], TODAY, 7) == "active"


def test_plan_outcome_overdue_beyond_grace_defaulted():
    assert plan_outcome([(date(2025, 3, 7), "overdue")], TODAY, 7) == "defaulted"


def test_plan_outcome_zero_grace_day_after_due_defaulted():
    assert plan_outcome([(date(2025, 3, 14), "overdue")], TODAY, 0) == "defaulted"


def test_plan_outcome_negative_grace_raises():
    with pytest.raises(ValueError):
        plan_outcome([(date(2025, 3, 14), "overdue")], TODAY, -1)


def test_allocation_doctests_all_pass():
    assert doctest.testmod(allocation).failed == 0
