# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation ladder: which dunning level to take now for a collection episode.

An *episode* starts when a debtor has something overdue (or due soon) and ends
when nothing is overdue or due soon any more (:func:`episode_closed`). Within
one episode each level is taken at most once and the case never moves down.
"""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LevelDecision:
    """Outcome of :func:`due_level`.

    :param level: the level to take now, or ``None`` when there is nothing to do.
    :param skipped: lower levels that were due but are passed over because a
        higher one is due too: log them, do not send them.
    """

    level: Level | None
    skipped: tuple[Level, ...] = ()


def validate_ladder(levels: Sequence[Level]) -> list[str]:
    """Problems that make a ladder unusable, as sentences for a user.

    :param levels: the levels of one policy, in any order.
    :return: an empty list when the ladder is valid; otherwise one message per
        problem (empty ladder, two levels on the same day, duplicate record,
        negative minimum amount).

    >>> validate_ladder([Level(1, 10, 5), Level(2, 20, 5)])
    ['Two or more levels are set at 5 days; each level needs its own day.']
    >>> validate_ladder([Level(1, 10, -3), Level(2, 20, 5)])
    []
    """
    if not levels:
        return ["The escalation ladder has no levels."]
    problems = []
    for days, count in sorted(Counter(lv.days for lv in levels).items()):
        if count > 1:
            problems.append(
                f"Two or more levels are set at {days} days; "
                "each level needs its own day."
            )
    for key, count in sorted(Counter(lv.key for lv in levels).items()):
        if count > 1:
            problems.append(f"Level {key} appears more than once in the ladder.")
    for lv in sorted(levels, key=lambda lv: (lv.days, lv.sequence)):
        if lv.min_amount < 0:
            problems.append(
                f"The level at {lv.days} days has a negative minimum amount "
                f"({lv.min_amount})."
            )
    return problems


def due_level(
    levels: Sequence[Level],
    days_overdue: int,
    amount: Decimal,
    taken: Collection[int],
) -> LevelDecision:
    """The level to take now in the current episode.

    Levels are ordered by ``(days, sequence)``. The *target* is the highest
    level with ``days <= days_overdue`` and ``amount >= min_amount``. If the
    target or any level above it is already in ``taken``, there is nothing to
    do: the case never moves down and never repeats a level. Otherwise the
    target is taken and the lower due levels not yet taken are reported as
    skipped.

    :param levels: the ladder, in any order.
    :param days_overdue: days past the due date of the oldest item; negative
        before the due date (-3 = due in three days).
    :param amount: the amount concerned; nothing is due when it is 0 or less.
    :param taken: keys of the levels already taken in this episode.
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
    """
    days_seen = Counter(lv.days for lv in levels)
    duplicates = sorted(days for days, count in days_seen.items() if count > 1)
    if duplicates:
        raise ValueError(
            f"Two or more levels are set at the same day(s): {duplicates}."
        )
    if amount <= 0:
        return LevelDecision(None)
    ordered = sorted(levels, key=lambda lv: (lv.days, lv.sequence))
    due = [
        idx
        for idx, lv in enumerate(ordered)
        if lv.days <= days_overdue and amount >= lv.min_amount
    ]
    if not due:
        return LevelDecision(None)
    target = due[-1]
    if any(lv.key in taken for lv in ordered[target:]):
        return LevelDecision(None)
    skipped = tuple(ordered[idx] for idx in due[:-1] if ordered[idx].key not in taken)
    return LevelDecision(ordered[target], skipped)


def episode_closed(amount_overdue: Decimal, amount_due_soon: Decimal) -> bool:
    """Whether the collection episode is over.

    :param amount_overdue: the debtor's amount past its due date.
    :param amount_due_soon: the amount falling due within the reminder window.
    :return: ``True`` when neither is positive; the next overdue item then
        starts a new episode from the bottom of the ladder.

    >>> episode_closed(Decimal(0), Decimal(0))
    True
    >>> episode_closed(Decimal(0), Decimal("10.00"))
    False
    """
    return amount_overdue <= 0 and amount_due_soon <= 0
