# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sanity bounds on what a user or a caller may feed the decisions.

Each check returns a code (``None`` when the value is acceptable); the model
turns the code into a translated message naming the field.
"""

from datetime import date
from decimal import Decimal

# The largest amount accepted anywhere, in any currency: 10^12. It is far above
# any real receivable, even in currencies with large nominal values, and an
# amount this size still keeps its cents in a Python float (Odoo's monetary
# fields): 15 significant digits.
MAX_AMOUNT = Decimal("1000000000000")

# The most installments a payment plan may have: ten years of monthly lines.
MAX_INSTALLMENTS = 120

# The longest text a person may enter: a one-line field (a reason, a name) and
# a free text (a note, the terms of an agreement). Longer input is refused,
# never cut: nothing entered is silently lost.
MAX_LINE = 1000
MAX_TEXT = 20000

# How far back a date may lie: about ten years (the usual retention period of
# accounting records).
DATE_PAST_DAYS = 3660

# How far ahead a date may lie: about five years.
DATE_FUTURE_DAYS = 1830

# How far ahead an installment may fall due: a plan starting five years ahead
# with the most monthly installments.
INSTALLMENT_FUTURE_DAYS = DATE_FUTURE_DAYS + 31 * MAX_INSTALLMENTS


def check_amount(
    value: Decimal | float | int, allow_negative: bool = False
) -> str | None:
    """Whether ``value`` is a usable amount.

    :param value: the amount, as a ``Decimal``, ``float`` or ``int``.
    :param allow_negative: ``True`` where a negative amount makes sense
        (a credit balance).
    :return: ``None`` when the amount is usable, else the first code found:
        ``"not_finite"`` (NaN or infinity), ``"negative"`` (below 0 while
        ``allow_negative`` is false) or ``"too_large"`` (its absolute value is
        above :data:`MAX_AMOUNT`).
    :raises TypeError: ``value`` is not a ``Decimal``, ``float`` or ``int``.

    >>> check_amount(Decimal("12.50")) is None
    True
    >>> check_amount(float("nan")), check_amount(-1), check_amount(10**13)
    ('not_finite', 'negative', 'too_large')
    >>> check_amount(Decimal("-5"), allow_negative=True) is None
    True
    """
    if not isinstance(value, Decimal | float | int):
        raise TypeError(f"amount of type {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite():
        return "not_finite"
    if amount < 0 and not allow_negative:
        return "negative"
    if abs(amount) > MAX_AMOUNT:
        return "too_large"
    return None


def check_date(
    value: date,
    today: date,
    past_days: int = DATE_PAST_DAYS,
    future_days: int = DATE_FUTURE_DAYS,
) -> str | None:
    """Whether ``value`` lies in a plausible range around ``today``.

    :param value: the date to check.
    :param today: the day of the check.
    :param past_days: how many days before ``today`` are still accepted.
    :param future_days: how many days after ``today`` are still accepted.
    :return: ``None`` from ``today - past_days`` to ``today + future_days``
        included, ``"too_early"`` before, ``"too_late"`` after.

    >>> today = date(2025, 3, 1)
    >>> check_date(date(2025, 6, 1), today) is None
    True
    >>> check_date(date(1925, 3, 1), today), check_date(date(2125, 3, 1), today)
    ('too_early', 'too_late')
    """
    offset = (value - today).days
    if offset < -past_days:
        return "too_early"
    if offset > future_days:
        return "too_late"
    return None


def check_count(value: int, cap: int = MAX_INSTALLMENTS) -> str | None:
    """Whether ``value`` is a usable number of installments (or of anything).

    :param value: the count.
    :param cap: the largest count accepted.
    :return: ``None`` from 1 to ``cap`` included, ``"below_one"`` below,
        ``"above_cap"`` above.

    >>> check_count(12) is None
    True
    >>> check_count(0), check_count(121)
    ('below_one', 'above_cap')
    """
    if value < 1:
        return "below_one"
    if value > cap:
        return "above_cap"
    return None


def check_text(value: str, multiline: bool = True) -> str | None:
    """Whether ``value`` is a usable text.

    :param value: the text.
    :param multiline: a free text (up to :data:`MAX_TEXT` characters) rather
        than a one-line field (up to :data:`MAX_LINE`).
    :return: ``None`` when usable, else ``"too_long"``.
    :raises TypeError: ``value`` is not a string.

    >>> check_text("Called, promised Friday.") is None
    True
    >>> check_text("x" * 1001, multiline=False), check_text("x" * 20001)
    ('too_long', 'too_long')
    """
    if not isinstance(value, str):
        raise TypeError(f"text of type {type(value).__name__}")
    if len(value) > (MAX_TEXT if multiline else MAX_LINE):
        return "too_long"
    return None
