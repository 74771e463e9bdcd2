# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import random
from datetime import date, timedelta
from decimal import Decimal

import collections_lib.schedule as schedule
import pytest
from collections_lib.bounds import MAX_INSTALLMENTS
from collections_lib.schedule import (
    INTERVALS,
    Installment,
    ScheduleError,
    add_months,
    build_schedule,
    check_schedule,
)

D = Decimal
START = date(2025, 1, 31)
QUANTA = (D("0.01"), D("1"), D("0.001"))


def _dates(lines):
    return [ln.date_due for ln in lines]


def _amounts(lines):
    return [ln.amount for ln in lines]


# === build_schedule: amounts === #


def test_build_schedule_even_split_equal_lines():
    lines = build_schedule(D("300.00"), D(0), 3, "monthly", START)
    assert _amounts(lines) == [D("100.00")] * 3


def test_build_schedule_uneven_split_remainder_on_last_line():
    lines = build_schedule(D("100.00"), D(0), 3, "monthly", START)
    assert _amounts(lines) == [D("33.33"), D("33.33"), D("33.34")]


def test_build_schedule_rounds_down_not_half_up():
    # 200 / 3 = 66.666...: the equal lines are 66.66, never 66.67
    lines = build_schedule(D("200.00"), D(0), 3, "weekly", START)
    assert _amounts(lines) == [D("66.66"), D("66.66"), D("66.68")]


def test_build_schedule_single_installment_whole_amount():
    lines = build_schedule(D("99.99"), D(0), 1, "weekly", START)
    assert lines == [Installment(START, D("99.99"))]


def test_build_schedule_down_payment_first_line_flagged():
    lines = build_schedule(D("1000.00"), D("250.00"), 3, "monthly", START)
    assert lines[0] == Installment(START, D("250.00"), is_down_payment=True)


def test_build_schedule_down_payment_rest_split_equally():
    lines = build_schedule(D("1000.00"), D("250.00"), 3, "monthly", START)
    assert _amounts(lines[1:]) == [D("250.00")] * 3


def test_build_schedule_down_payment_only_first_line_flagged():
    lines = build_schedule(D("1000.00"), D("250.00"), 3, "monthly", START)
    assert [ln.is_down_payment for ln in lines] == [True, False, False, False]


def test_build_schedule_zero_down_payment_no_down_payment_line():
    lines = build_schedule(D("1000.00"), D("0.00"), 4, "monthly", START)
    assert len(lines) == 4 and not any(ln.is_down_payment for ln in lines)


def test_build_schedule_unit_quantum_whole_amounts():
    lines = build_schedule(D("1000"), D(0), 3, "monthly", START, quantum=D(1))
    assert _amounts(lines) == [D(333), D(333), D(334)]


def test_build_schedule_thousandth_quantum_three_decimals():
    lines = build_schedule(D("1.000"), D(0), 3, "monthly", START, quantum=D("0.001"))
    assert _amounts(lines) == [D("0.333"), D("0.333"), D("0.334")]


def test_build_schedule_amounts_carry_quantum_exponent():
    lines = build_schedule(D("300"), D(0), 3, "monthly", START)
    assert [str(a) for a in _amounts(lines)] == ["100.00", "100.00", "100.00"]


def test_build_schedule_smallest_possible_split_one_unit_each():
    lines = build_schedule(D("0.05"), D(0), 5, "weekly", START)
    assert _amounts(lines) == [D("0.01")] * 5


# === build_schedule: dates === #


def test_build_schedule_no_down_payment_first_line_on_start():
    lines = build_schedule(D("100.00"), D(0), 2, "weekly", START)
    assert lines[0].date_due == START


def test_build_schedule_down_payment_first_installment_one_interval_later():
    lines = build_schedule(D("100.00"), D("10.00"), 2, "weekly", START)
    assert lines[1].date_due == START + timedelta(days=7)


def test_build_schedule_weekly_seven_days_apart():
    lines = build_schedule(D("100.00"), D(0), 3, "weekly", date(2025, 3, 3))
    assert _dates(lines) == [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]


def test_build_schedule_biweekly_fourteen_days_apart():
    lines = build_schedule(D("100.00"), D(0), 3, "biweekly", date(2025, 3, 3))
    assert _dates(lines) == [date(2025, 3, 3), date(2025, 3, 17), date(2025, 3, 31)]


def test_build_schedule_monthly_month_end_clamped_from_start():
    lines = build_schedule(D("400.00"), D(0), 4, "monthly", date(2024, 1, 31))
    assert _dates(lines) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]


def test_build_schedule_monthly_non_leap_february_28():
    lines = build_schedule(D("200.00"), D(0), 2, "monthly", date(2025, 1, 29))
    assert lines[1].date_due == date(2025, 2, 28)


def test_build_schedule_monthly_crosses_year_end():
    lines = build_schedule(D("300.00"), D(0), 3, "monthly", date(2025, 11, 15))
    assert _dates(lines)[-1] == date(2026, 1, 15)


# === build_schedule: errors === #


def _error(total, down="0", count=3, interval="monthly", quantum="0.01"):
    with pytest.raises(ScheduleError) as info:
        build_schedule(D(total), D(down), count, interval, START, quantum=D(quantum))
    return info.value


@pytest.mark.parametrize(
    ("total", "down", "count", "interval", "quantum", "code"),
    [
        ("0", "0", 3, "monthly", "0.01", "total_not_positive"),
        ("-10", "0", 3, "monthly", "0.01", "total_not_positive"),
        ("100", "0", 0, "monthly", "0.01", "count_below_one"),
        ("100", "0", 121, "monthly", "0.01", "count_above_cap"),
        ("100", "-1", 3, "monthly", "0.01", "down_payment_negative"),
        ("100", "100", 3, "monthly", "0.01", "down_payment_not_below_total"),
        ("100", "150", 3, "monthly", "0.01", "down_payment_not_below_total"),
        ("100.005", "0", 3, "monthly", "0.01", "not_multiple"),
        ("100", "10.5", 3, "monthly", "1", "not_multiple"),
        ("0.03", "0", 5, "monthly", "0.01", "too_small_to_split"),
        ("100", "0", 3, "daily", "0.01", "bad_interval"),
        ("100", "0", 3, "monthly", "0", "bad_quantum"),
    ],
)
def test_build_schedule_invalid_input_raises_code(
    total, down, count, interval, quantum, code
):
    assert _error(total, down, count, interval, quantum).code == code


def test_build_schedule_invalid_input_error_is_value_error():
    assert isinstance(_error("0"), ValueError)


def test_build_schedule_total_not_multiple_params_name_total():
    params = _error("100.005").params
    assert params == {"label": "total", "value": D("100.005"), "quantum": D("0.01")}


def test_build_schedule_down_payment_not_multiple_params_name_down_payment():
    params = _error("100", down="10.5", quantum="1").params
    assert params == {"label": "down_payment", "value": D("10.5"), "quantum": D(1)}


def test_build_schedule_too_small_to_split_params_rest_count_quantum():
    params = _error("0.03", count=5).params
    assert params == {"rest": D("0.03"), "count": 5, "quantum": D("0.01")}


def test_build_schedule_count_above_cap_params_count_and_cap():
    assert _error("1000", count=121).params == {"count": 121, "cap": 120}


def test_build_schedule_count_at_cap_builds_cap_lines():
    lines = build_schedule(D("1200.00"), D(0), MAX_INSTALLMENTS, "monthly", START)
    assert len(lines) == MAX_INSTALLMENTS


def test_build_schedule_down_payment_not_below_total_params_both_figures():
    params = _error("100", down="150").params
    assert params == {"down_payment": D(150), "total": D(100)}


# === build_schedule: properties === #


def _random_plan(rng):
    quantum = rng.choice(QUANTA)
    count = rng.randint(1, 60)
    units = rng.randint(count, 10_000_000)
    total = D(units) * quantum
    down = D(0)
    if rng.random() < 0.5 and units - count > 0:
        down = D(rng.randint(0, units - count)) * quantum
    start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 800))
    args = (total, down, count, rng.choice(INTERVALS), start)
    return args, quantum


def _random_schedules(seed, runs=3000):
    rng = random.Random(seed)
    for _ in range(runs):
        args, quantum = _random_plan(rng)
        yield args, quantum, build_schedule(*args, quantum=quantum)


def test_build_schedule_random_plans_sum_exactly_total():
    for (total, *_rest), _q, lines in _random_schedules(1):
        assert sum(_amounts(lines), D(0)) == total


def test_build_schedule_random_plans_dates_strictly_increase():
    for _args, _q, lines in _random_schedules(2):
        dates = _dates(lines)
        assert all(a < b for a, b in zip(dates, dates[1:], strict=False))


def test_build_schedule_random_plans_every_amount_positive_multiple():
    for _args, quantum, lines in _random_schedules(3):
        assert all(a > 0 and a % quantum == 0 for a in _amounts(lines))


def test_build_schedule_random_plans_all_but_last_equal():
    for _args, _q, lines in _random_schedules(4):
        regular = [ln.amount for ln in lines if not ln.is_down_payment]
        assert len(set(regular[:-1])) <= 1 and regular[-1] >= regular[0]


def test_build_schedule_random_plans_remainder_below_count_units():
    for (_t, _d, count, *_r), quantum, lines in _random_schedules(5):
        regular = [ln.amount for ln in lines if not ln.is_down_payment]
        assert regular[-1] - regular[0] < count * quantum


def test_build_schedule_random_plans_line_count_matches():
    for (_t, down, count, *_r), _q, lines in _random_schedules(6):
        assert len(lines) == count + (1 if down > 0 else 0)


def test_build_schedule_random_monthly_day_clamped_to_month_end():
    rng = random.Random(7)
    for _ in range(2000):
        start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 3000))
        count = rng.randint(1, 40)
        lines = build_schedule(D(count), D(0), count, "monthly", start, D(1))
        assert all(
            ln.date_due.day == min(start.day, _month_end(ln.date_due)) for ln in lines
        )


def _month_end(day):
    return (add_months(day.replace(day=1), 1) - timedelta(days=1)).day


# === add_months === #


def test_add_months_thirty_first_to_thirtieth_clamped():
    assert add_months(date(2025, 3, 31), 1) == date(2025, 4, 30)


def test_add_months_twelve_same_day_next_year():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_add_months_negative_goes_back():
    assert add_months(date(2025, 1, 15), -1) == date(2024, 12, 15)


# === check_schedule === #


def _line(day, amount):
    return (date(2025, 1, day), D(amount))


def test_check_schedule_valid_no_problems():
    assert check_schedule([_line(1, "50"), _line(2, "50")], D("100")) == []


def test_check_schedule_generated_schedule_no_problems():
    lines = build_schedule(D("1000.00"), D("100.00"), 7, "biweekly", START)
    assert check_schedule([(ln.date_due, ln.amount) for ln in lines], D("1000")) == []


def test_check_schedule_sum_too_low_code_names_both_figures():
    problems = check_schedule([_line(1, "50.00"), _line(2, "40.00")], D("100.00"))
    assert problems == [
        ("sum_mismatch", {"total": D("90.00"), "expected": D("100.00")})
    ]


def test_check_schedule_sum_too_high_code():
    problems = check_schedule([_line(1, "60.00"), _line(2, "50.00")], D("100.00"))
    assert problems == [
        ("sum_mismatch", {"total": D("110.00"), "expected": D("100.00")})
    ]


def test_check_schedule_same_date_twice_code():
    problems = check_schedule([_line(1, "50"), _line(1, "50")], D("100"))
    assert problems == [
        (
            "dates_not_increasing",
            {"line": 2, "date": date(2025, 1, 1), "previous": date(2025, 1, 1)},
        )
    ]


def test_check_schedule_date_going_back_code_names_both_dates():
    problems = check_schedule([_line(5, "50"), _line(2, "50")], D("100"))
    assert problems[0] == (
        "dates_not_increasing",
        {"line": 2, "date": date(2025, 1, 2), "previous": date(2025, 1, 5)},
    )


def test_check_schedule_zero_amount_code():
    problems = check_schedule([_line(1, "100"), _line(2, "0")], D("100"))
    assert problems == [("not_positive", {"line": 2, "amount": D(0)})]


def test_check_schedule_negative_amount_code():
    problems = check_schedule([_line(1, "110"), _line(2, "-10")], D("100"))
    assert problems == [("not_positive", {"line": 2, "amount": D(-10)})]


def test_check_schedule_empty_code():
    assert check_schedule([], D("100")) == [("empty", {})]


def test_check_schedule_several_problems_all_codes():
    problems = check_schedule([_line(3, "0"), _line(2, "20")], D("100"))
    assert [code for code, _params in problems] == [
        "not_positive",
        "dates_not_increasing",
        "sum_mismatch",
    ]


def test_schedule_doctests_all_pass():
    assert doctest.testmod(schedule).failed == 0
