# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import random
from datetime import date
from decimal import Decimal

import collections_lib.dunning as dunning
import pytest
from collections_lib.dunning import (
    Level,
    LevelDecision,
    demand_state,
    due_level,
    episode_closed,
    episode_horizon,
    next_action_date,
    pre_due_window,
    refresh_next_action,
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


def test_validate_ladder_empty_code_empty():
    assert validate_ladder([]) == [("empty", {})]


def test_validate_ladder_duplicate_days_code_names_the_day():
    problems = validate_ladder([Level(1, 1, 7), Level(2, 2, 7), Level(3, 3, 9)])
    assert problems == [("duplicate_days", {"days": 7})]


def test_validate_ladder_duplicate_key_code_names_the_key():
    problems = validate_ladder([Level(1, 1, 7), Level(1, 2, 9)])
    assert problems == [("duplicate_key", {"key": 1})]


def test_validate_ladder_negative_minimum_code_names_day_and_amount():
    problems = validate_ladder([Level(1, 1, 7, D("-1"))])
    assert problems == [("negative_min_amount", {"days": 7, "amount": D("-1")})]


def test_validate_ladder_several_problems_codes_in_order():
    ladder = [Level(1, 1, 7, D("-1")), Level(1, 2, 7)]
    codes = [code for code, _params in validate_ladder(ladder)]
    assert codes == ["duplicate_days", "duplicate_key", "negative_min_amount"]


def test_validate_ladder_any_problem_params_are_no_sentences():
    ladder = [Level(1, 1, 7, D("-1")), Level(1, 2, 7)]
    values = [v for _code, params in validate_ladder(ladder) for v in params.values()]
    assert not any(isinstance(v, str) for v in values)


# === episodes === #

TODAY = date(2025, 3, 1)


def test_pre_due_window_pre_due_level_its_days_before():
    assert pre_due_window([30, -3, 5]) == 3


def test_pre_due_window_no_pre_due_level_zero():
    assert pre_due_window([5, 30]) == 0


def test_pre_due_window_level_on_due_date_zero():
    assert pre_due_window([0, 5]) == 0


def test_pre_due_window_no_levels_zero():
    assert pre_due_window([]) == 0


def test_episode_horizon_no_last_action_today_plus_window():
    assert episode_horizon(TODAY, None, 3) == date(2025, 3, 4)


def test_episode_horizon_last_action_before_today_counts_from_today():
    assert episode_horizon(TODAY, date(2025, 2, 1), 3) == date(2025, 3, 4)


def test_episode_horizon_clock_backwards_counts_from_last_action():
    assert episode_horizon(TODAY, date(2025, 3, 10), 3) == date(2025, 3, 13)


def test_episode_horizon_zero_window_today():
    assert episode_horizon(TODAY, None, 0) == TODAY


def test_episode_closed_nothing_due_true():
    assert episode_closed(D(0)) is True


def test_episode_closed_credit_balance_true():
    assert episode_closed(D(-50)) is True


def test_episode_closed_amount_due_false():
    assert episode_closed(D("0.01")) is False


# === next action === #


def test_refresh_next_action_overdue_today():
    assert refresh_next_action(D("0.01"), date(2025, 4, 1), TODAY) == TODAY


def test_refresh_next_action_nothing_overdue_next_due_date():
    assert refresh_next_action(D(0), date(2025, 4, 1), TODAY) == date(2025, 4, 1)


def test_refresh_next_action_nothing_open_none():
    assert refresh_next_action(D(0), None, TODAY) is None


def test_next_action_date_user_date_ahead_kept():
    assert next_action_date(TODAY, date(2025, 3, 8), True, TODAY) == (
        date(2025, 3, 8),
        True,
    )


def test_next_action_date_user_date_today_kept():
    assert next_action_date(date(2025, 4, 1), TODAY, True, TODAY) == (TODAY, True)


def test_next_action_date_user_date_passed_proposed():
    assert next_action_date(TODAY, date(2025, 2, 20), True, TODAY) == (TODAY, False)


def test_next_action_date_not_set_by_user_proposed():
    assert next_action_date(TODAY, date(2025, 3, 8), False, TODAY) == (TODAY, False)


def test_next_action_date_user_flag_without_date_proposed():
    assert next_action_date(TODAY, None, True, TODAY) == (TODAY, False)


def test_next_action_date_nothing_proposed_none():
    assert next_action_date(None, None, False, TODAY) == (None, False)


def test_dunning_doctests_all_pass():
    assert doctest.testmod(dunning).failed == 0


# --- escalation eases in (issue: the first hour) ----------------------------
EASE = [
    Level(1, 1, -3, action="email"),
    Level(2, 2, 3, action="email"),
    Level(3, 3, 45, action="demand"),
    Level(4, 4, 90, action="letter"),
    Level(5, 5, 180, action="legal"),
]


def test_due_level_first_seen_with_old_debt_takes_the_demand_at_most():
    decision = due_level(EASE, 200, Decimal(100), taken=(), demand="none")
    assert decision.level.key == 3


def test_due_level_first_seen_logs_the_lower_levels_as_skipped():
    decision = due_level(EASE, 200, Decimal(100), taken=(), demand="none")
    assert [lv.key for lv in decision.skipped] == [1, 2]


def test_due_level_demand_deadline_running_takes_nothing():
    assert due_level(EASE, 200, Decimal(100), {3}, demand="pending").level is None


def test_due_level_without_demand_never_hands_over():
    decision = due_level(EASE, 200, Decimal(100), taken={1, 2}, demand="none")
    assert decision.level.key == 4


def test_due_level_demand_deadline_passed_hands_over():
    decision = due_level(EASE, 200, Decimal(100), taken={3}, demand="passed")
    assert decision.level.key == 5


def test_due_level_skipped_only_above_the_last_level_taken():
    decision = due_level(EASE, 200, Decimal(100), taken={3}, demand="passed")
    assert [lv.key for lv in decision.skipped] == [4]


def test_due_level_net_zero_amount_takes_nothing():
    assert due_level(EASE, 200, Decimal(0), taken=(), demand="none").level is None


def test_demand_state_no_demand_is_none():
    assert demand_state(None, date(2026, 1, 10), 7) == "none"


def test_demand_state_on_the_deadline_is_pending():
    assert demand_state(date(2026, 1, 3), date(2026, 1, 10), 7) == "pending"


def test_demand_state_after_the_deadline_is_passed():
    assert demand_state(date(2026, 1, 3), date(2026, 1, 11), 7) == "passed"


def test_validate_ladder_handover_without_demand_is_refused():
    ladder = [Level(1, 1, 5, action="email"), Level(2, 2, 90, action="legal")]
    assert validate_ladder(ladder) == [("handover_without_demand", {"days": 90})]
