# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import random
from decimal import Decimal

import collections_lib.interest as interest
import pytest
from collections_lib.interest import late_interest

D = Decimal


def test_late_interest_one_year_full_rate():
    assert late_interest(D("1000.00"), 365, D("8")) == D("80.00")


def test_late_interest_thirty_days_rounds_half_up():
    # 1000 * 10 % * 30 / 365 = 8.219... -> 8.22
    assert late_interest(D("1000.00"), 30, D("10")) == D("8.22")


def test_late_interest_exact_half_cent_rounds_up():
    # 365 * 1 % * 1 / 365 = 0.01 * 0.5 with amount 182.50 -> 0.005 -> 0.01
    assert late_interest(D("182.50"), 1, D("1")) == D("0.01")


def test_late_interest_360_day_basis_higher_than_365():
    assert late_interest(D("1000"), 30, D("10"), days_in_year=360) == D("8.33")


def test_late_interest_zero_days_zero():
    assert late_interest(D("1000"), 0, D("10")) == D("0.00")


def test_late_interest_negative_days_zero():
    assert late_interest(D("1000"), -5, D("10")) == D("0.00")


def test_late_interest_zero_amount_zero():
    assert late_interest(D("0"), 30, D("10")) == D("0.00")


def test_late_interest_negative_amount_zero():
    assert late_interest(D("-100"), 30, D("10")) == D("0.00")


def test_late_interest_zero_rate_zero():
    assert late_interest(D("1000"), 30, D("0")) == D("0.00")


def test_late_interest_negative_rate_raises():
    with pytest.raises(ValueError, match="negative"):
        late_interest(D("1000"), 30, D("-1"))


def test_late_interest_zero_days_in_year_raises():
    with pytest.raises(ValueError, match="Days in year"):
        late_interest(D("1000"), 30, D("5"), days_in_year=0)


def test_late_interest_zero_quantum_raises():
    with pytest.raises(ValueError, match="quantum"):
        late_interest(D("1000"), 30, D("5"), quantum=D("0"))


def test_late_interest_unit_quantum_whole_number():
    assert late_interest(D("100000"), 30, D("10"), quantum=D("1")) == D("822")


def test_late_interest_thousandth_quantum_three_decimals():
    assert late_interest(D("1000.000"), 30, D("10"), quantum=D("0.001")) == D("8.219")


def test_late_interest_result_has_quantum_exponent():
    assert late_interest(D("1000"), 30, D("10")).as_tuple().exponent == -2


def test_late_interest_more_days_never_less_interest():
    rng = random.Random(20250301)
    for _ in range(2000):
        amount = D(rng.randint(1, 10_000_000)) / 100
        rate = D(rng.randint(0, 2500)) / 100
        days = rng.randint(-5, 2000)
        assert late_interest(amount, days + 1, rate) >= late_interest(
            amount, days, rate
        )


def test_interest_doctests_all_pass():
    assert doctest.testmod(interest).failed == 0
