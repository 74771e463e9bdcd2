# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date
from decimal import Decimal

import collections_lib.promise as promise
import pytest
from collections_lib.promise import judge_promise, validate_promise

D = Decimal
PROMISED = date(2025, 3, 10)


def _judge(paid, today, debt_open=1000, amount=500, grace=2):
    return judge_promise(D(amount), D(paid), PROMISED, today, grace, D(debt_open))


def test_judge_promise_paid_in_full_on_date_kept():
    assert _judge(500, PROMISED) == "kept"


def test_judge_promise_paid_early_kept():
    assert _judge(500, date(2025, 3, 1)) == "kept"


def test_judge_promise_paid_late_in_full_kept():
    assert _judge(500, date(2025, 4, 30)) == "kept"


def test_judge_promise_overpaid_kept():
    assert _judge(800, PROMISED) == "kept"


def test_judge_promise_paid_and_debt_cleared_kept():
    assert _judge(500, PROMISED, debt_open=0) == "kept"


def test_judge_promise_debt_cleared_by_credit_note_cancelled():
    assert _judge(100, date(2025, 3, 5), debt_open=0) == "cancelled"


def test_judge_promise_debt_cleared_after_deadline_cancelled():
    assert _judge(0, date(2025, 4, 30), debt_open=0) == "cancelled"


def test_judge_promise_before_date_unpaid_open():
    assert _judge(0, date(2025, 3, 9)) == "open"


def test_judge_promise_last_grace_day_partly_paid_open():
    assert _judge(499, date(2025, 3, 12)) == "open"


def test_judge_promise_day_after_grace_partly_paid_broken():
    assert _judge("499.99", date(2025, 3, 13)) == "broken"


def test_judge_promise_zero_grace_day_after_date_broken():
    assert _judge(0, date(2025, 3, 11), grace=0) == "broken"


def test_judge_promise_negative_grace_raises():
    with pytest.raises(ValueError, match="Grace"):
        _judge(0, PROMISED, grace=-1)


def test_judge_promise_any_input_known_state():
    states = {
        _judge(paid, date(2025, 3, day), debt_open=debt)
        for paid in (0, 250, 500)
        for day in (1, 10, 12, 13, 31)
        for debt in (-1, 0, 1000)
    }
    assert states == {"open", "kept", "broken", "cancelled"}


def _validate(amount="100", debt="300", promised=date(2025, 3, 5), horizon=30):
    return validate_promise(D(amount), D(debt), promised, date(2025, 3, 1), horizon)


def test_validate_promise_valid_no_problems():
    assert _validate() == []


def test_validate_promise_whole_debt_today_no_problems():
    assert _validate(amount="300", promised=date(2025, 3, 1)) == []


def test_validate_promise_last_horizon_day_no_problems():
    assert _validate(promised=date(2025, 3, 31)) == []


def test_validate_promise_zero_amount_code():
    assert _validate(amount="0") == [("amount_not_positive", {"amount": D(0)})]


def test_validate_promise_negative_amount_code():
    assert _validate(amount="-5") == [("amount_not_positive", {"amount": D(-5)})]


def test_validate_promise_above_open_debt_code():
    assert _validate(amount="300.01") == [
        ("amount_above_debt", {"amount": D("300.01"), "debt": D(300)})
    ]


def test_validate_promise_past_date_code():
    assert _validate(promised=date(2025, 2, 28)) == [
        ("date_in_past", {"date": date(2025, 2, 28)})
    ]


def test_validate_promise_beyond_horizon_code_names_limit():
    assert _validate(promised=date(2025, 4, 1)) == [
        (
            "date_beyond_horizon",
            {"date": date(2025, 4, 1), "days": 30, "limit": date(2025, 3, 31)},
        )
    ]


def test_validate_promise_two_problems_both_codes():
    problems = _validate(amount="0", promised=date(2025, 2, 1))
    assert [code for code, _params in problems] == [
        "amount_not_positive",
        "date_in_past",
    ]


def test_promise_doctests_all_pass():
    assert doctest.testmod(promise).failed == 0
