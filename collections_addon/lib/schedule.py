# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installment plans: build an even schedule and check an edited one."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

INTERVALS = ("weekly", "biweekly", "monthly")

_DAYS = {"weekly": 7, "biweekly": 14}


@dataclass(frozen=True)
class Installment:
    """One line of a payment plan.

    :param date_due: the day the installment falls due.
    :param amount: the amount due that day.
    :param is_down_payment: ``True`` for the down payment line.
    """

    date_due: date
    amount: Decimal
    is_down_payment: bool = False


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end.

    :param day: the start date.
    :param months: number of months to add (may be negative).
    :return: the same day of month, or the last day of the target month when
        that month is shorter.

    >>> add_months(date(2024, 1, 31), 1), add_months(date(2024, 1, 31), 2)
    (datetime.date(2024, 2, 29), datetime.date(2024, 3, 31))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _shift(date_start: date, interval: str, steps: int) -> date:
    """``date_start`` moved by ``steps`` intervals, computed from the start."""
    if interval == "monthly":
        return add_months(date_start, steps)
    return date_start + timedelta(days=_DAYS[interval] * steps)


def _is_multiple(amount: Decimal, quantum: Decimal) -> bool:
    return amount % quantum == 0


def build_schedule(
    total: Decimal,
    down_payment: Decimal,
    count: int,
    interval: str,
    date_start: date,
    quantum: Decimal = Decimal("0.01"),
) -> list[Installment]:
    """An even installment schedule for ``total``.

    A down payment, when positive, is due on ``date_start``; the ``count``
    installments follow, the first one ``interval`` after ``date_start`` when
    there is a down payment, else on ``date_start`` itself. Monthly dates keep
    the day of month of ``date_start``, clamped to the end of shorter months
    (Jan 31, Feb 29, Mar 31, ...). ``total - down_payment`` is split equally,
    rounded down to ``quantum``; the remainder goes on the last installment.
    The amounts always add up to exactly ``total``.

    :param total: the amount of the plan; positive, a multiple of ``quantum``.
    :param down_payment: 0, or a positive multiple of ``quantum`` below ``total``.
    :param count: number of installments after the down payment, at least 1.
    :param interval: one of :data:`INTERVALS`.
    :param date_start: the date of the down payment, or of the first installment.
    :param quantum: the currency's smallest unit: ``Decimal("0.01")``,
        ``Decimal("1")`` (JPY-like), ``Decimal("0.001")`` (KWD-like).
    :return: the lines in date order, the down payment first.
    :raises ValueError: a parameter is out of range, or an installment would
        be 0 or less (the amount is too small for that many installments).

    >>> lines = build_schedule(Decimal("100.00"), Decimal(0), 3, "monthly",
    ...                        date(2025, 1, 31))
    >>> [(str(ln.date_due), str(ln.amount)) for ln in lines]
    [('2025-01-31', '33.33'), ('2025-02-28', '33.33'), ('2025-03-31', '33.34')]
    >>> lines = build_schedule(Decimal("1000"), Decimal("100"), 2, "weekly",
    ...                        date(2025, 3, 3), quantum=Decimal(1))
    >>> [(str(ln.date_due), str(ln.amount), ln.is_down_payment) for ln in lines]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2025-03-03', '100', True), ('2025-03-10', '450', False),
     ('2025-03-17', '450', False)]
    """
    if quantum <= 0:
        raise ValueError(f"The rounding quantum must be positive (got {quantum}).")
    if interval not in INTERVALS:
        raise ValueError(
            f"Unknown interval {interval!r}; use one of {', '.join(INTERVALS)}."
        )
    if count < 1:
        raise ValueError(f"A plan needs at least one installment (got {count}).")
    if total <= 0:
        raise ValueError(f"The plan total must be positive (got {total}).")
    if down_payment < 0:
        raise ValueError(f"The down payment cannot be negative (got {down_payment}).")
    if down_payment >= total:
        raise ValueError(
            f"The down payment {down_payment} must be less than the total {total}."
        )
    with localcontext() as ctx:
        ctx.prec = 60
        for label, value in (("total", total), ("down payment", down_payment)):
            if not _is_multiple(value, quantum):
                raise ValueError(
                    f"The {label} {value} is not a multiple of the currency "
                    f"unit {quantum}."
                )
        rest = total - down_payment
        units = int(rest / quantum)
        base = (units // count) * quantum
        if base <= 0:
            raise ValueError(
                f"{rest} cannot be split into {count} installments of at least "
                f"{quantum} each."
            )
        last = rest - base * (count - 1)
        lines = []
        offset = 0
        if down_payment > 0:
            lines.append(Installment(date_start, down_payment.quantize(quantum), True))
            offset = 1
        for idx in range(count):
            amount = last if idx == count - 1 else base
            lines.append(
                Installment(
                    _shift(date_start, interval, idx + offset), amount.quantize(quantum)
                )
            )
        return lines


def check_schedule(lines: Sequence[tuple[date, Decimal]], total: Decimal) -> list[str]:
    """Problems with an edited schedule, as sentences for a user.

    :param lines: ``(date_due, amount)`` of every line, down payment included,
        in the order shown to the user.
    :param total: the amount the plan must cover.
    :return: an empty list when the schedule is valid; otherwise one message per
        problem: no lines, a line of 0 or less, a date not after the previous
        one, and amounts not adding up to ``total`` (both figures given).

    >>> check_schedule([(date(2025, 1, 1), Decimal("50.00")),
    ...                 (date(2025, 2, 1), Decimal("40.00"))], Decimal("100.00"))
    ['The installments add up to 90.00 but the plan total is 100.00.']
    """
    if not lines:
        return ["The schedule has no installments."]
    problems = []
    for num, (date_due, amount) in enumerate(lines, start=1):
        if amount <= 0:
            problems.append(
                f"Line {num} has amount {amount}; every installment must be positive."
            )
        if num > 1:
            previous = lines[num - 2][0]
            if date_due <= previous:
                problems.append(
                    f"Line {num} is due on {date_due}, not after line {num - 1} "
                    f"({previous}); dates must increase."
                )
    with localcontext() as ctx:
        ctx.prec = 60
        paid = sum((amount for _day, amount in lines), Decimal(0))
        if paid != total:
            problems.append(
                f"The installments add up to {paid} but the plan total is {total}."
            )
    return problems
