# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Promises to pay: is a promise open, kept, broken or cancelled?

A promise is an amount and a date agreed with the debtor ("no fog"). It is
judged on the payments received since it was made.
"""

from datetime import date, timedelta
from decimal import Decimal


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
    :return: ``"kept"``, ``"cancelled"``, ``"broken"`` or ``"open"``.
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
) -> list[tuple[str, dict]]:
    """Problems with a new promise to pay, as codes.

    :param amount: the promised amount; must be positive and at most
        ``open_debt``.
    :param open_debt: the debtor's open debt the promise covers.
    :param promise_date: the promised date; from ``today`` to
        ``today + horizon_days`` included.
    :param today: the day the promise is recorded.
    :param horizon_days: the furthest a promise may reach, in days.
    :return: an empty list when the promise is acceptable, else one
        ``(code, params)`` per problem, at most one about the amount and one
        about the date:

        - ``("amount_not_positive", {"amount": Decimal})``;
        - ``("amount_above_debt", {"amount": Decimal, "debt": Decimal})``;
        - ``("date_in_past", {"date": date})``;
        - ``("date_beyond_horizon", {"date": date, "days": int,
          "limit": date})``: ``limit`` is the latest date allowed.

    >>> validate_promise(Decimal(100), Decimal(300), date(2025, 3, 5),
    ...                  date(2025, 3, 1), 30)
    []
    >>> validate_promise(Decimal(0), Decimal(300), date(2025, 2, 28),
    ...                  date(2025, 3, 1), 30)  # doctest: +NORMALIZE_WHITESPACE
    [('amount_not_positive', {'amount': Decimal('0')}),
     ('date_in_past', {'date': datetime.date(2025, 2, 28)})]
    """
    problems = []
    if amount <= 0:
        problems.append(("amount_not_positive", {"amount": amount}))
    elif amount > open_debt:
        problems.append(("amount_above_debt", {"amount": amount, "debt": open_debt}))
    if promise_date < today:
        problems.append(("date_in_past", {"date": promise_date}))
    else:
        limit = today + timedelta(days=horizon_days)
        if promise_date > limit:
            problems.append(
                (
                    "date_beyond_horizon",
                    {"date": promise_date, "days": horizon_days, "limit": limit},
                )
            )
    return problems
