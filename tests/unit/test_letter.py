# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date
from decimal import Decimal

import collections_lib.letter as letter
import pytest
from collections_lib.letter import LetterItem, LetterLine, letter_totals

D = Decimal
Q = D("0.01")
TODAY = date(2025, 3, 1)
OLD = LetterItem("INV/1", date(2025, 1, 30), D("1000.00"))  # 30 days, 8.22
RECENT = LetterItem("INV/2", date(2025, 2, 19), D("365.00"))  # 10 days, 1.00
NOT_DUE = LetterItem("INV/3", date(2025, 4, 1), D("50.00"))
CREDIT = LetterItem("RINV/1", date(2025, 1, 1), D("-20.00"))
NO_DATE = LetterItem("MISC/1", None, D("5.00"))
ITEMS = (OLD, RECENT, NOT_DUE, CREDIT, NO_DATE)


def _totals(items=ITEMS, fee="5.00", overdue_only=True, max_lines=None, rate="10"):
    return letter_totals(items, TODAY, D(rate), D(fee), Q, overdue_only, max_lines)


def test_letter_totals_overdue_only_keeps_overdue_positive_items():
    assert [ln.key for ln in _totals().lines] == ["INV/1", "INV/2"]


def test_letter_totals_all_items_kept_in_given_order():
    keys = [ln.key for ln in _totals(overdue_only=False).lines]
    assert keys == ["INV/1", "INV/2", "INV/3", "RINV/1", "MISC/1"]


def test_letter_totals_line_days_interest_and_residual():
    assert _totals().lines[0] == LetterLine("INV/1", 30, D("1000.00"), D("8.22"))


def test_letter_totals_not_due_item_zero_days_no_interest():
    line = _totals(overdue_only=False).lines[2]
    assert (line.days, line.interest) == (0, D("0.00"))


def test_letter_totals_no_due_date_zero_days():
    assert _totals(overdue_only=False).lines[4].days == 0


def test_letter_totals_credit_no_interest():
    assert _totals(overdue_only=False).lines[3].interest == D("0.00")


def test_letter_totals_letter_demands_collectible_interest_and_fee():
    collectible = D("1000.00") + D("365.00") - D("20.00")
    assert _totals().total == collectible + D("8.22") + D("1.00") + D(5)


def test_letter_totals_zero_fee_total_without_fee():
    assert _totals(fee="0").total == D("1354.22")


def test_letter_totals_letter_lists_the_unapplied_credits():
    assert [(ln.key, ln.residual) for ln in _totals().credits] == [
        ("RINV/1", D("-20.00"))
    ]


def test_letter_totals_collectible_is_overdue_less_credits():
    assert _totals().collectible == D("1345.00")


def test_letter_totals_credits_above_overdue_collectible_zero():
    big = LetterItem("RINV/2", date(2025, 1, 1), D("-5000.00"))
    assert _totals(items=(OLD, big)).collectible == D("0.00")


def test_letter_totals_credits_above_overdue_demands_interest_and_fee_only():
    big = LetterItem("RINV/2", date(2025, 1, 1), D("-5000.00"))
    assert _totals(items=(OLD, big)).total == D("8.22") + D("5.00")


def test_letter_totals_statement_totals_every_item_net():
    totals = _totals(overdue_only=False, fee="0")
    assert totals.total == D("1400.00") + D("9.22")


def test_letter_totals_zero_rate_no_interest():
    assert _totals(rate="0").interest_total == D("0.00")


def test_letter_totals_max_lines_caps_lines():
    assert len(_totals(overdue_only=False, max_lines=2).lines) == 2


def test_letter_totals_max_lines_rest_counted():
    assert _totals(overdue_only=False, max_lines=2).more_count == 3


def test_letter_totals_max_lines_rest_amount_residual_plus_interest():
    assert _totals(overdue_only=False, max_lines=2).more_amount == D("35.00")


def test_letter_totals_max_lines_totals_cover_all_lines():
    assert _totals(max_lines=1).residual_total == D("1365.00")


def test_letter_totals_max_lines_interest_total_covers_all_lines():
    assert _totals(max_lines=1).interest_total == D("9.22")


def test_letter_totals_max_lines_none_nothing_summed():
    assert _totals(overdue_only=False).more_count == 0


def test_letter_totals_max_lines_zero_everything_summed():
    assert _totals(max_lines=0).more_amount == D("1374.22")


def test_letter_totals_negative_max_lines_raises():
    with pytest.raises(ValueError):
        _totals(max_lines=-1)


def test_letter_totals_no_items_total_is_fee():
    assert _totals(items=()).total == D("5.00")


def test_letter_totals_residual_rounded_to_quantum():
    item = LetterItem(1, date(2025, 2, 1), D("10.005"))
    assert str(_totals(items=[item]).residual_total) == "10.01"


def test_letter_totals_unit_quantum_whole_amounts():
    totals = letter_totals([OLD], TODAY, D(10), D(5), D(1), True, None)
    assert str(totals.total) == "1013"


def test_letter_doctests_all_pass():
    assert doctest.testmod(letter).failed == 0
