# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Promises to pay: is a promise open, kept, broken or cancelled?

A promise is an amount and a date agreed with the debtor ("no fog"). It is
judged on the payments received since it was made.
"""

from datetime import date, timedelta
from decimal import Decimal

PROMISE_STATES = ("open", "kept", "broken", "cancelled")


def judge_promise(
    amount: Decimal,
    paid: Decimal,
    promise_date: date,
    today: date,
    grace_days: int,
    debt_open: Decimal,
) -> str:
    """State of a promise to pay on ``today``.

    The rules are checked in this order:

    1. ``"kept"``: ``paid >= amount``, whenever it was paid (even early);
    2. ``"cancelled"``: the debt is cleared (``debt_open <= 0``) some other way,
       e.g. by a credit note, although ``paid < amount``;
    3. ``"broken"``: ``today`` is after ``promise_date + grace_days`` and
       ``paid < amount``;
    4. ``"open"``: otherwise.

    :param amount: the promised amount.
    :param paid: the amount received since the promise was made.
    :param promise_date: the promised payment date.
    :param today: the day of the evaluation.
    :param grace_days: days of tolerance after ``promise_date`` (bank delays).
    :param debt_open: the debt still open that the promise covers.
    :return: one of :data:`PROMISE_STATES`.
    :raises ValueError: ``grace_days`` is negative.

    >>> d = date(2025, 3, 10)
    >>> judge_promise(Decimal(500), Decimal(500), d, d, 2, Decimal(0))
    'kept'
    >>> judge_promise(Decimal(500), Decimal(100), d, date(2025, 3, 12), 2, Decimal(900))
    'open'
    >>> judge_promise(Decimal(500), Decimal(100), d, date(2025, 3, 13), 2, Decimal(900))
    'broken'
    """
    if grace_days < 0:
        raise ValueError(f"Grace days cannot be negative ({grace_days}).")
    if paid >= amount:
        return "kept"
    if debt_open <= 0:
        return "cancelled"
    if today > promise_date + timedelta(days=grace_days):
        return "broken"
    return "open"


def validate_promise(
    amount: Decimal,
    open_debt: Decimal,
    promise_date: date,
    today: date,
    horizon_days: int,
) -> list[str]:
    """Problems with a new promise to pay, as sentences for a user.

    :param amount: the promised amount; must be positive and at most
        ``open_debt``.
    :param open_debt: the debtor's open debt the promise covers.
    :param promise_date: the promised date; from ``today`` to
        ``today + horizon_days`` included.
    :param today: the day the promise is recorded.
    :param horizon_days: the furthest a promise may reach, in days.
    :return: an empty list when the promise is acceptable, else one message
        per problem.

    >>> validate_promise(Decimal(100), Decimal(300), date(2025, 3, 5),
    ...                  date(2025, 3, 1), 30)
    []
    >>> validate_promise(Decimal(0), Decimal(300), date(2025, 2, 28),
    ...                  date(2025, 3, 1), 30)  # doctest: +NORMALIZE_WHITESPACE
    ['The promised amount must be positive (got 0).',
     'The promised date 2025-02-28 is in the past.']
    """
    problems = []
    if amount <= 0:
        problems.append(f"The promised amount must be positive (got {amount}).")
    elif amount > open_debt:
        problems.append(
            f"The promised amount {amount} is more than the open debt {open_debt}."
        )
    if promise_date < today:
        problems.append(f"The promised date {promise_date} is in the past.")
    else:
        limit = today + timedelta(days=horizon_days)
        if promise_date > limit:
            problems.append(
                f"The promised date {promise_date} is more than {horizon_days} "
                f"days away (latest allowed: {limit})."
            )
    return problems
