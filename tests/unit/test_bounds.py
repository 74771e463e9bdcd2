# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date
from decimal import Decimal

import collections_lib.bounds as bounds
import pytest
from collections_lib.bounds import (
    DATE_FUTURE_DAYS,
    DATE_PAST_DAYS,
    MAX_AMOUNT,
    MAX_INSTALLMENTS,
    check_amount,
    check_count,
    check_date,
)

D = Decimal
TODAY = date(2025, 3, 1)


def test_max_amount_ten_to_the_twelfth():
    assert MAX_AMOUNT == 10**12


@pytest.mark.parametrize("value", [D("0"), D("12.50"), 0, 7, 12.5, MAX_AMOUNT])
def test_check_amount_usable_amount_none(value):
    assert check_amount(value) is None


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), D("NaN"), D("Infinity"), D("-Inf")],
)
def test_check_amount_nan_or_infinite_not_finite(value):
    assert check_amount(value, allow_negative=True) == "not_finite"


@pytest.mark.parametrize("value", [D("-0.01"), -1, -0.5])
def test_check_amount_negative_negative(value):
    assert check_amount(value) == "negative"


def test_check_amount_negative_allowed_none():
    assert check_amount(D("-100.00"), allow_negative=True) is None


def test_check_amount_negative_zero_none():
    assert check_amount(-0.0) is None


@pytest.mark.parametrize("value", [MAX_AMOUNT + D("0.01"), 10**12 + 1, 1e13])
def test_check_amount_above_max_too_large(value):
    assert check_amount(value) == "too_large"


def test_check_amount_large_negative_allowed_too_large():
    assert check_amount(-(MAX_AMOUNT + 1), allow_negative=True) == "too_large"


def test_check_amount_large_negative_not_allowed_negative_first():
    assert check_amount(-(MAX_AMOUNT + 1)) == "negative"


def test_check_amount_string_raises_type_error():
    with pytest.raises(TypeError):
        check_amount("12")


def test_check_date_today_none():
    assert check_date(TODAY, TODAY) is None


def test_check_date_oldest_allowed_none():
    assert (
        check_date(date.fromordinal(TODAY.toordinal() - DATE_PAST_DAYS), TODAY) is None
    )


def test_check_date_day_before_oldest_too_early():
    day = date.fromordinal(TODAY.toordinal() - DATE_PAST_DAYS - 1)
    assert check_date(day, TODAY) == "too_early"


def test_check_date_latest_allowed_none():
    day = date.fromordinal(TODAY.toordinal() + DATE_FUTURE_DAYS)
    assert check_date(day, TODAY) is None


def test_check_date_day_after_latest_too_late():
    day = date.fromordinal(TODAY.toordinal() + DATE_FUTURE_DAYS + 1)
    assert check_date(day, TODAY) == "too_late"


def test_check_date_custom_bounds_applied():
    assert check_date(date(2025, 3, 9), TODAY, past_days=0, future_days=7) == "too_late"


def test_check_date_extreme_dates_no_overflow():
    assert check_date(date.min, date.max) == "too_early"


def test_check_count_one_none():
    assert check_count(1) is None


def test_check_count_cap_none():
    assert check_count(MAX_INSTALLMENTS) is None


@pytest.mark.parametrize("value", [0, -3])
def test_check_count_below_one_below_one(value):
    assert check_count(value) == "below_one"


def test_check_count_above_cap_above_cap():
    assert check_count(MAX_INSTALLMENTS + 1) == "above_cap"


def test_check_count_custom_cap_applied():
    assert check_count(13, cap=12) == "above_cap"


def test_bounds_doctests_all_pass():
    assert doctest.testmod(bounds).failed == 0
