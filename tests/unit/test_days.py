# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date, datetime

import collections_lib.days as days


def test_days_doctests_pass():
    assert doctest.testmod(days).failed == 0


def test_local_today_east_of_utc_after_midnight_is_next_day():
    assert days.local_today("Europe/Moscow", datetime(2026, 12, 7, 22, 30)) == date(
        2026, 12, 8
    )


def test_local_today_unknown_zone_falls_back_to_utc():
    assert days.local_today("Mars/Olympus", datetime(2026, 12, 7, 23, 59)) == date(
        2026, 12, 7
    )


def test_day_bounds_span_the_local_day_in_utc():
    start, end = days.day_bounds(date(2026, 12, 8), "Europe/Moscow")
    assert (start, end) == (datetime(2026, 12, 7, 21, 0), datetime(2026, 12, 8, 21, 0))
