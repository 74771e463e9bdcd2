# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import random
from decimal import Decimal

import collections_lib.dunning as dunning
import pytest
from collections_lib.dunning import (
    Level,
    LevelDecision,
    due_level,
    episode_closed,
    validate_ladder,
)

D = Decimal

BEFORE = Level(key=1, sequence=10, days=-3)
FRIENDLY = Level(key=2, sequence=20, days=5)
CALL = Level(key=3, sequence=30, days=20)
DEMAND = Level(key=4, sequence=40, days=45, min_amount=D("500"))
LADDER = (DEMAND, BEFORE, CALL, FRIENDLY)  # deliberately unsorted


def _keys(levels):
    return [lv.key for lv in levels]


def test_due_level_before_first_level_nothing():
    assert due_level(LADDER, -10, D(100), taken=()) == LevelDecision(None, ())


def test_due_level_pre_due_reminder_taken_before_due_date():
    assert due_level(LADDER, -3, D(100), taken=()).level == BEFORE


def test_due_level_exact_day_reaches_level():
    assert due_level(LADDER, 5, D(100), taken={1}).level == FRIENDLY


def test_due_level_day_before_level_stays_lower():
    assert due_level(LADDER, 4, D(100), taken=()).level == BEFORE


def test_due_level_unsorted_ladder_sorted_by_days():
    assert due_level(LADDER, 25, D(100), taken={1, 2}).level == CALL


def test_due_level_already_taken_target_nothing():
    assert due_level(LADDER, 10, D(100), taken={1, 2}).level is None


def test_due_level_higher_level_taken_never_deescalates():
    # the demand was taken when the amount was 1000; now 100 is left
    assert due_level(LADDER, 60, D(100), taken={4}).level is None


def test_due_level_higher_level_taken_but_not_due_nothing():
    # e.g. the due date was moved back after the call was taken
    assert due_level(LADDER, 6, D(100), taken={3}).level is None


def test_due_level_jump_takes_highest_due_level():
    assert due_level(LADDER, 50, D(1000), taken=()).level == DEMAND


def test_due_level_jump_reports_lower_untaken_levels_skipped():
    decision = due_level(LADDER, 50, D(1000), taken={1})
    assert _keys(decision.skipped) == [2, 3]


def test_due_level_skipped_in_ladder_order():
    decision = due_level(LADDER, 50, D(1000), taken=())
    assert _keys(decision.skipped) == [1, 2, 3]


def test_due_level_amount_below_minimum_stops_at_lower_level():
    assert due_level(LADDER, 50, D("499.99"), taken={1, 2}).level == CALL


def test_due_level_amount_equal_minimum_reaches_level():
    assert due_level(LADDER, 50, D("500"), taken={1, 2, 3}).level == DEMAND


def test_due_level_zero_amount_nothing():
    assert due_level(LADDER, 50, D(0), taken=()).level is None


def test_due_level_negative_amount_nothing():
    assert due_level(LADDER, 50, D(-10), taken=()).level is None


def test_due_level_empty_ladder_nothing():
    assert due_level((), 50, D(100), taken=()).level is None


def test_due_level_same_days_sequence_breaks_tie_raises():
    ladder = (Level(1, 10, 5), Level(2, 20, 5))
    with pytest.raises(ValueError, match="same day"):
        due_level(ladder, 10, D(100), taken=())


def test_due_level_taken_keys_not_in_ladder_ignored():
    assert due_level(LADDER, 5, D(100), taken={99}).level == FRIENDLY


def test_due_level_random_walk_never_repeats_or_descends():
    rng = random.Random(4242)
    for _ in range(500):
        days = rng.sample(range(-10, 120), rng.randint(1, 6))
        ladder = [
            Level(k, rng.randint(1, 99), d, D(rng.choice([0, 0, 100, 1000])))
            for k, d in enumerate(days, start=1)
        ]
        order = {lv.key: i for i, lv in enumerate(sorted(ladder, key=lambda x: x.days))}
        taken, highest = [], -1
        day = -15
        while day < 150:
            day += rng.randint(1, 20)
            amount = D(rng.randint(0, 2000))
            level = due_level(ladder, day, amount, set(taken)).level
            if level is not None:
                assert level.key not in taken and order[level.key] > highest
                taken.append(level.key)
                highest = order[level.key]


def test_validate_ladder_valid_no_problems():
    assert validate_ladder(LADDER) == []


def test_validate_ladder_empty_one_problem():
    assert validate_ladder([]) == ["The escalation ladder has no levels."]


def test_validate_ladder_duplicate_days_names_the_day():
    problems = validate_ladder([Level(1, 1, 7), Level(2, 2, 7), Level(3, 3, 9)])
    assert problems == [
        "Two or more levels are set at 7 days; each level needs its own day."
    ]


def test_validate_ladder_duplicate_key_reported():
    problems = validate_ladder([Level(1, 1, 7), Level(1, 2, 9)])
    assert problems == ["Level 1 appears more than once in the ladder."]


def test_validate_ladder_negative_minimum_reported():
    problems = validate_ladder([Level(1, 1, 7, D("-1"))])
    assert problems == ["The level at 7 days has a negative minimum amount (-1)."]


def test_episode_closed_nothing_open_true():
    assert episode_closed(D(0), D(0)) is True


def test_episode_closed_credit_balance_true():
    assert episode_closed(D(-50), D(0)) is True


def test_episode_closed_amount_overdue_false():
    assert episode_closed(D("0.01"), D(0)) is False


def test_episode_closed_amount_due_soon_false():
    assert episode_closed(D(0), D("10")) is False


def test_dunning_doctests_all_pass():
    assert doctest.testmod(dunning).failed == 0
