# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dunning letter figures: the lines shown, late interest, fee and total."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .aging import days_overdue
from .interest import late_interest


@dataclass(frozen=True)
class LetterItem:
    """One open item of the debtor.

    :param key: whatever identifies the item for the caller (a record id).
    :param date_due: the item's due date; ``None`` counts as not overdue.
    :param residual: the amount still open (negative for a credit).
    """

    key: object
    date_due: date | None
    residual: Decimal


@dataclass(frozen=True)
class LetterLine:
    """One line of the letter.

    :param key: the item's key.
    :param days: days overdue on the letter's date (0 when not overdue).
    :param residual: the amount still open, rounded to the currency.
    :param interest: the late interest on it.
    """

    key: object
    days: int
    residual: Decimal
    interest: Decimal


@dataclass(frozen=True)
class LetterTotals:
    """The figures of a letter.

    :param lines: the lines printed one by one, at most ``max_lines``.
    :param more_count: how many further lines are summed up in one row.
    :param more_amount: residual plus interest of those further lines.
    :param residual_total: residual of every line, printed or not.
    :param interest_total: interest of every line, printed or not.
    :param fee: the fee charged with the letter.
    :param total: what the document asks for: a letter demands
        ``collectible + interest_total + fee``; a statement totals
        ``residual_total + interest_total`` (every open item, credits netted).
    :param credits: the unapplied credits listed on a letter (negative).
    :param overdue_total: the positive residual of the overdue items.
    :param credit_total: the unapplied credits, all of them (negative or 0).
    :param collectible: ``overdue_total + credit_total``, never below zero.
    """

    lines: tuple[LetterLine, ...]
    more_count: int
    more_amount: Decimal
    residual_total: Decimal
    interest_total: Decimal
    fee: Decimal
    total: Decimal
    credits: tuple[LetterLine, ...] = ()
    overdue_total: Decimal = Decimal(0)
    credit_total: Decimal = Decimal(0)
    collectible: Decimal = Decimal(0)


def letter_totals(
    items: Sequence[LetterItem],
    today: date,
    yearly_rate: Decimal,
    fee: Decimal,
    quantum: Decimal,
    overdue_only: bool,
    max_lines: int | None,
) -> LetterTotals:
    """The lines and totals of a letter dated ``today``.

    :param items: the debtor's open items, in the order to print them.
    :param today: the letter's date.
    :param yearly_rate: the late interest rate in percent a year (see
        :func:`~.interest.late_interest`).
    :param fee: the fee to add; the caller passes 0 when none applies.
    :param quantum: the currency's smallest unit; amounts are rounded to it.
    :param overdue_only: a letter: keep only items overdue (``days > 0``) with
        a positive residual, list the unapplied credits apart and demand the
        collectible amount (overdue less credits, never below zero) with its
        interest and the fee; otherwise a statement of every open item.
    :param max_lines: how many lines to print one by one; ``None`` for all.
    :return: a :class:`LetterTotals`; its totals cover every kept line.
    :raises ValueError: ``max_lines`` is negative, or a bad rate or quantum
        (from :func:`~.interest.late_interest`).

    >>> items = [LetterItem(1, date(2025, 1, 30), Decimal("1000.00")),
    ...          LetterItem(2, date(2025, 4, 1), Decimal("50.00"))]
    >>> totals = letter_totals(items, date(2025, 3, 1), Decimal("10"),
    ...                        Decimal("5.00"), Decimal("0.01"), True, None)
    >>> [(ln.key, ln.days, str(ln.interest)) for ln in totals.lines]
    [(1, 30, '8.22')]
    >>> str(totals.total)
    '1013.22'
    >>> items.append(LetterItem(3, date(2025, 2, 1), Decimal("-200.00")))
    >>> totals = letter_totals(items, date(2025, 3, 1), Decimal("10"),
    ...                        Decimal("5.00"), Decimal("0.01"), True, None)
    >>> str(totals.collectible), str(totals.total)
    ('800.00', '813.22')
    """
    if max_lines is not None and max_lines < 0:
        raise ValueError(f"max_lines must not be negative ({max_lines})")
    with localcontext() as ctx:
        ctx.prec = 60
        lines, credits = [], []
        zero = Decimal(0).quantize(quantum)
        overdue_total = credit_total = zero
        for item in items:
            days = days_overdue(item.date_due, today) if item.date_due else 0
            residual = item.residual.quantize(quantum, rounding=ROUND_HALF_UP)
            if residual < 0:
                credit_total += residual
            elif days > 0:
                overdue_total += residual
            if overdue_only and (days <= 0 or residual <= 0):
                if residual < 0:
                    credits.append(LetterLine(item.key, max(days, 0), residual, zero))
                continue
            late = late_interest(residual, days, yearly_rate, quantum=quantum)
            lines.append(LetterLine(item.key, days, residual, late))
        shown = lines if max_lines is None else lines[:max_lines]
        rest = lines[len(shown) :]
        residual_total = sum((ln.residual for ln in lines), zero)
        interest_total = sum((ln.interest for ln in lines), zero)
        fee = fee.quantize(quantum, rounding=ROUND_HALF_UP)
        collectible = max(overdue_total + credit_total, zero)
        if overdue_only:
            total = collectible + interest_total + fee
        else:
            total = residual_total + interest_total + fee
        return LetterTotals(
            lines=tuple(shown),
            more_count=len(rest),
            more_amount=sum((ln.residual + ln.interest for ln in rest), zero),
            residual_total=residual_total,
            interest_total=interest_total,
            fee=fee,
            total=total,
            credits=tuple(credits),
            overdue_total=overdue_total,
            credit_total=credit_total,
            collectible=collectible,
        )
