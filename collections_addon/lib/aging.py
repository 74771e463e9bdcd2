# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Aging of receivables: days overdue and the aging bucket of an amount.

The bucket bounds live in one table (``_BOUNDS``) so that the Python rule
(:func:`bucket_for`) and the SQL report (:func:`bucket_sql_bounds`) can never
disagree.
"""

from datetime import date

BUCKETS = ("not_due", "1_30", "31_60", "61_90", "91_180", "181_365", "over_365")

# (bucket, lowest day inclusive or None, highest day inclusive or None)
_BOUNDS: tuple[tuple[str, int | None, int | None], ...] = (
    ("not_due", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("91_180", 91, 180),
    ("181_365", 181, 365),
    ("over_365", 366, None),
)


def days_overdue(date_maturity: date, today: date) -> int:
    """Number of whole days an item due on ``date_maturity`` is late on ``today``.

    :param date_maturity: the due date of the item.
    :param today: the day of the evaluation.
    :return: ``today - date_maturity`` in days, and 0 when the item is due today
        or later (never negative).

    >>> days_overdue(date(2025, 1, 31), date(2025, 3, 1))
    29
    >>> days_overdue(date(2025, 3, 1), date(2025, 3, 1))
    0
    >>> days_overdue(date(2025, 3, 10), date(2025, 3, 1))
    0
    """
    return max(0, (today - date_maturity).days)


def bucket_for(days_overdue: int) -> str:
    """Aging bucket of an item that is ``days_overdue`` days late.

    :param days_overdue: days past the due date; 0 or negative means not due.
    :return: one of :data:`BUCKETS`.

    >>> bucket_for(0), bucket_for(1), bucket_for(30), bucket_for(31)
    ('not_due', '1_30', '1_30', '31_60')
    >>> bucket_for(365), bucket_for(366), bucket_for(-5)
    ('181_365', 'over_365', 'not_due')
    """
    for key, low, high in _BOUNDS:
        if (low is None or days_overdue >= low) and (
            high is None or days_overdue <= high
        ):
            return key
    raise AssertionError(f"no bucket for {days_overdue} days")  # pragma: no cover


def bucket_sql_bounds() -> list[tuple[str, int | None, int | None]]:
    """Day bounds of every bucket, for building the SQL aging query.

    :return: ``(bucket, low, high)`` in :data:`BUCKETS` order; ``low`` and
        ``high`` are inclusive day counts, ``None`` means unbounded. The ranges
        are contiguous and do not overlap.

    >>> bucket_sql_bounds()[0], bucket_sql_bounds()[-1]
    (('not_due', None, 0), ('over_365', 366, None))
    """
    return list(_BOUNDS)


def kanban_color(max_days_overdue: int) -> int:
    """The debtor's kanban colour: green when nothing is overdue, then yellow
    (up to 30 days), orange (up to 90) and red.

    >>> [kanban_color(d) for d in (0, 30, 90, 91)]
    [10, 3, 2, 1]
    """
    if max_days_overdue <= 0:
        return 10
    if max_days_overdue <= 30:
        return 3
    if max_days_overdue <= 90:
        return 2
    return 1
