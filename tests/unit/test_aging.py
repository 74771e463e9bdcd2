# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date

import collections_lib.aging as aging
import pytest
from collections_lib.aging import BUCKETS, bucket_for, bucket_sql_bounds, days_overdue


def test_days_overdue_before_due_date_zero():
    assert days_overdue(date(2025, 3, 10), date(2025, 3, 1)) == 0


def test_days_overdue_due_today_zero():
    assert days_overdue(date(2025, 3, 1), date(2025, 3, 1)) == 0


def test_days_overdue_day_after_due_date_one():
    assert days_overdue(date(2025, 3, 1), date(2025, 3, 2)) == 1


def test_days_overdue_across_leap_day_counts_calendar_days():
    assert days_overdue(date(2024, 2, 28), date(2024, 3, 1)) == 2


def test_days_overdue_across_year_end_counts_calendar_days():
    assert days_overdue(date(2024, 12, 31), date(2025, 12, 31)) == 365


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, "not_due"),
        (1, "1_30"),
        (30, "1_30"),
        (31, "31_60"),
        (60, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "91_180"),
        (180, "91_180"),
        (181, "181_365"),
        (365, "181_365"),
        (366, "over_365"),
        (10_000, "over_365"),
    ],
)
def test_bucket_for_boundary_day_expected_bucket(days, bucket):
    assert bucket_for(days) == bucket


def test_bucket_for_negative_days_not_due():
    assert bucket_for(-7) == "not_due"


def test_bucket_sql_bounds_keys_in_bucket_order():
    assert [key for key, _low, _high in bucket_sql_bounds()] == list(BUCKETS)


def test_bucket_sql_bounds_ranges_contiguous_without_gap():
    bounds = bucket_sql_bounds()
    assert all(
        prev[2] + 1 == nxt[1] for prev, nxt in zip(bounds, bounds[1:], strict=False)
    )


def test_bucket_sql_bounds_open_ended_only_at_extremes():
    bounds = bucket_sql_bounds()
    assert (bounds[0][1], bounds[-1][2]) == (None, None)


def test_bucket_sql_bounds_any_day_agrees_with_bucket_for():
    def sql_bucket(days):
        return [
            key
            for key, low, high in bucket_sql_bounds()
            if (low is None or days >= low) and (high is None or days <= high)
        ]

    assert all(sql_bucket(d) == [bucket_for(d)] for d in range(-400, 2000))


def test_bucket_sql_bounds_mutated_result_module_unchanged():
    bucket_sql_bounds().clear()
    assert len(bucket_sql_bounds()) == len(BUCKETS)


def test_aging_doctests_all_pass():
    assert doctest.testmod(aging).failed == 0


def test_kanban_color_nothing_overdue_is_green():
    assert aging.kanban_color(0) == 10


def test_kanban_color_ninety_days_is_orange():
    assert aging.kanban_color(90) == 2


def test_kanban_color_over_ninety_days_is_red():
    assert aging.kanban_color(91) == 1
