# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation ladder: which dunning level to take now for a collection episode.

An *episode* starts when a debtor has something overdue (or due soon) and ends
when nothing is due by the episode's horizon any more (:func:`episode_horizon`,
:func:`episode_closed`). Within one episode each level is taken at most once
and the case never moves down.
"""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class Level:
    """One step of the ladder.

    :param key: the record id of the level.
    :param sequence: tie-breaker for display order.
    :param days: days past the due date when the level becomes due; negative
        values are reminders before the due date (-3 = three days before).
    :param min_amount: the level is only due when the amount is at least this.
    """

    key: int
    sequence: int
    days: int
    min_amount: Decimal = Decimal(0)
    action: str = ""


# A hand-over (legal, agency) needs a formal demand whose deadline has passed.
HANDOVER_ACTIONS = ("legal", "agency")
DEMAND_ACTION = "demand"
# Where a debtor stands with the formal demand of the current episode.
DEMAND_NONE, DEMAND_PENDING, DEMAND_PASSED = "none", "pending", "passed"


@dataclass(frozen=True)
class LevelDecision:
    """Outcome of :func:`due_level`.

    :param level: the level to take now, or ``None`` when there is nothing to do.
    :param skipped: lower levels that were due but are passed over because a
        higher one is due too: log them, do not send them.
    """

    level: Level | None
    skipped: tuple[Level, ...] = ()


def validate_ladder(levels: Sequence[Level]) -> list[tuple[str, dict]]:
    """Problems that make a ladder unusable, as codes.

    :param levels: the levels of one policy, in any order.
    :return: an empty list when the ladder is valid; otherwise one
        ``(code, params)`` per problem, in this order:

        - ``("empty", {})``: no levels;
        - ``("duplicate_days", {"days": int})``: two levels on the same day;
        - ``("duplicate_key", {"key": int})``: the same record twice;
        - ``("negative_min_amount", {"days": int, "amount": Decimal})``;
        - ``("handover_without_demand", {"days": int})``: a legal or agency
          hand-over with no formal demand letter before it.

    >>> validate_ladder([Level(1, 10, 5), Level(2, 20, 5)])
    [('duplicate_days', {'days': 5})]
    >>> validate_ladder([Level(1, 10, -3), Level(2, 20, 5)])
    []
    """
    if not levels:
        return [("empty", {})]
    problems = []
    for days, count in sorted(Counter(lv.days for lv in levels).items()):
        if count > 1:
            problems.append(("duplicate_days", {"days": days}))
    for key, count in sorted(Counter(lv.key for lv in levels).items()):
        if count > 1:
            problems.append(("duplicate_key", {"key": key}))
    for lv in sorted(levels, key=lambda lv: (lv.days, lv.sequence)):
        if lv.min_amount < 0:
            problems.append(
                ("negative_min_amount", {"days": lv.days, "amount": lv.min_amount})
            )
    ordered = sorted(levels, key=lambda lv: (lv.days, lv.sequence))
    for index, lv in enumerate(ordered):
        if lv.action in HANDOVER_ACTIONS and not any(
            lower.action == DEMAND_ACTION for lower in ordered[:index]
        ):
            problems.append(("handover_without_demand", {"days": lv.days}))
    return problems


def due_level(
    levels: Sequence[Level],
    days_overdue: int,
    amount: Decimal,
    taken: Collection[int],
    demand: str = DEMAND_PASSED,
) -> LevelDecision:
    """The level to take now in the current episode.

    Levels are ordered by ``(days, sequence)``. The *target* is the highest
    level with ``days <= days_overdue`` and ``amount >= min_amount``, within
    these limits, so that escalation eases in:

    - while a formal demand's payment deadline runs (``demand`` is
      ``"pending"``), nothing is taken: the debtor was given that time;
    - a legal or agency hand-over is only due once a demand letter was sent in
      the episode and its deadline has passed (``demand`` is ``"passed"``);
    - the first action of an episode (nothing ``taken``) is at most the first
      demand letter of the ladder: a debtor first seen with old debt gets the
      demand, never a hand-over, and the ladder continues from there.

    If the target or any level above it is already in ``taken``, there is
    nothing to do: the case never moves down and never repeats a level. The
    due levels between the last taken one and the target are reported as
    skipped (logged, not sent).

    :param levels: the ladder, in any order.
    :param days_overdue: days past the due date of the oldest item; negative
        before the due date (-3 = due in three days).
    :param amount: the amount concerned (net of credits); nothing is due when
        it is 0 or less.
    :param taken: keys of the levels already taken in this episode.
    :param demand: ``"none"``, ``"pending"`` or ``"passed"`` (see
        :func:`demand_state`).
    :return: a :class:`LevelDecision`; ``level`` is ``None`` when nothing is due.
    :raises ValueError: two levels share the same ``days``.

    >>> ladder = [Level(1, 1, -3), Level(2, 2, 5), Level(3, 3, 30)]
    >>> due_level(ladder, -3, Decimal(100), taken=()).level.key
    1
    >>> decision = due_level(ladder, 31, Decimal(100), taken={1})
    >>> decision.level.key, [lv.key for lv in decision.skipped]
    (3, [2])
    >>> due_level(ladder, 10, Decimal(100), taken={3}).level is None
    True
    >>> ladder = [Level(1, 1, 45, action="demand"), Level(2, 2, 180, action="legal")]
    >>> due_level(ladder, 200, Decimal(100), taken=(), demand="none").level.key
    1
    >>> due_level(ladder, 200, Decimal(100), taken={1}, demand="pending").level
    >>> due_level(ladder, 200, Decimal(100), taken={1}, demand="passed").level.key
    2
    """
    days_seen = Counter(lv.days for lv in levels)
    duplicates = sorted(days for days, count in days_seen.items() if count > 1)
    if duplicates:
        raise ValueError(
            f"Two or more levels are set at the same day(s): {duplicates}."
        )
    if amount <= 0 or demand == DEMAND_PENDING:
        return LevelDecision(None)
    ordered = sorted(levels, key=lambda lv: (lv.days, lv.sequence))
    ceiling = len(ordered)
    if not taken:
        demands = [i for i, lv in enumerate(ordered) if lv.action == DEMAND_ACTION]
        ceiling = demands[0] + 1 if demands else ceiling
    due = [
        idx
        for idx, lv in enumerate(ordered[:ceiling])
        if lv.days <= days_overdue
        and amount >= lv.min_amount
        and (demand == DEMAND_PASSED or lv.action not in HANDOVER_ACTIONS)
    ]
    if not due:
        return LevelDecision(None)
    target = due[-1]
    if any(lv.key in taken for lv in ordered[target:]):
        return LevelDecision(None)
    floor = max((i for i, lv in enumerate(ordered) if lv.key in taken), default=-1)
    skipped = tuple(ordered[idx] for idx in due[:-1] if idx > floor)
    return LevelDecision(ordered[target], skipped)


def demand_state(sent_on: date | None, today: date, deadline_days: int) -> str:
    """Where a debtor stands with the formal demand of the current episode.

    :param sent_on: the day the episode's demand letter was sent, if any.
    :param today: the day of the run.
    :param deadline_days: the payment deadline the letter gives, in days.
    :return: ``"none"`` (no demand yet), ``"pending"`` (its deadline runs,
        today included) or ``"passed"``.

    >>> demand_state(None, date(2026, 1, 10), 7)
    'none'
    >>> demand_state(date(2026, 1, 3), date(2026, 1, 10), 7)
    'pending'
    >>> demand_state(date(2026, 1, 3), date(2026, 1, 11), 7)
    'passed'
    """
    if sent_on is None:
        return DEMAND_NONE
    if today > sent_on + timedelta(days=deadline_days):
        return DEMAND_PASSED
    return DEMAND_PENDING


def pre_due_window(level_days: Sequence[int]) -> int:
    """How many days before the due date the earliest reminder goes out.

    :param level_days: the ``days`` of every level of the ladder.
    :return: ``-min(level_days)`` when the earliest level is before the due
        date, else 0 (also for an empty ladder).

    >>> pre_due_window([-3, 5, 30]), pre_due_window([5, 30]), pre_due_window([])
    (3, 0, 0)
    """
    if not level_days:
        return 0
    return max(0, -min(level_days))


def episode_horizon(today: date, last_action_date: date | None, window: int) -> date:
    """The last due date that still belongs to the current episode.

    Items due by this day keep the episode open. The horizon counts from the
    later of ``today`` and the last action, so a clock that goes backwards
    (a server date fixed by hand, a test run) never closes and restarts a
    ladder.

    :param today: the day of the evaluation.
    :param last_action_date: the day of the last action taken in the episode,
        ``None`` when there is none.
    :param window: the pre-due window in days (see :func:`pre_due_window`).
    :return: ``max(today, last_action_date) + window`` days.

    >>> episode_horizon(date(2025, 3, 1), None, 3)
    datetime.date(2025, 3, 4)
    >>> episode_horizon(date(2025, 3, 1), date(2025, 3, 10), 3)
    datetime.date(2025, 3, 13)
    """
    start = max(today, last_action_date) if last_action_date else today
    return start + timedelta(days=window)


def episode_closed(amount_due_by_horizon: Decimal) -> bool:
    """Whether the collection episode is over.

    :param amount_due_by_horizon: the debtor's open amount due on or before
        the horizon (see :func:`episode_horizon`): overdue items and the ones
        inside the pre-due window.
    :return: ``True`` when it is not positive; the next item falling due then
        starts a new episode from the bottom of the ladder.

    >>> episode_closed(Decimal(0)), episode_closed(Decimal("10.00"))
    (True, False)
    """
    return amount_due_by_horizon <= 0


def refresh_next_action(
    amount_overdue: Decimal, next_due_date: date | None, today: date
) -> date | None:
    """The next action date the ledger proposes.

    :param amount_overdue: the debtor's amount past its due date.
    :param next_due_date: the earliest due date of the items not yet due,
        ``None`` when there is none.
    :param today: the day of the evaluation.
    :return: ``today`` when something is overdue, else ``next_due_date``.

    >>> refresh_next_action(Decimal(5), date(2025, 4, 1), date(2025, 3, 1))
    datetime.date(2025, 3, 1)
    >>> refresh_next_action(Decimal(0), date(2025, 4, 1), date(2025, 3, 1))
    datetime.date(2025, 4, 1)
    """
    if amount_overdue > 0:
        return today
    return next_due_date


def next_action_date(
    proposed: date | None, current: date | None, set_by_user: bool, today: date
) -> tuple[date | None, bool]:
    """The next action date to store: the one owner of that field.

    A date a collector set by hand wins while it is today or later; once it
    has passed, or when the date was not set by hand, the proposed date is
    taken.

    :param proposed: the date the ledger or the ladder proposes.
    :param current: the date stored now.
    :param set_by_user: whether ``current`` was set by a collector.
    :param today: the day of the evaluation.
    :return: ``(date, set_by_user)`` to store: ``(current, True)`` when the
        collector's date is kept, else ``(proposed, False)``.

    >>> today = date(2025, 3, 1)
    >>> next_action_date(today, date(2025, 3, 8), True, today)
    (datetime.date(2025, 3, 8), True)
    >>> next_action_date(today, date(2025, 2, 20), True, today)
    (datetime.date(2025, 3, 1), False)
    """
    if set_by_user and current is not None and current >= today:
        return current, True
    return proposed, False
