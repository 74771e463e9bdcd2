# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installment plans: build an even schedule and check an edited one."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from .bounds import MAX_INSTALLMENTS

INTERVALS = ("weekly", "biweekly", "monthly")

_DAYS = {"weekly": 7, "biweekly": 14}


class ScheduleError(ValueError):
    """A plan that cannot be built, as a code and its figures.

    :param code: what is wrong (see :func:`build_schedule`).
    :param params: the figures behind it, for the caller's message.
    """

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code, params or {})
        self.code = code
        self.params = params or {}


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
    :param count: number of installments after the down payment, from 1 to
        :data:`~.bounds.MAX_INSTALLMENTS`.
    :param interval: one of :data:`INTERVALS`.
    :param date_start: the date of the down payment, or of the first installment.
    :param quantum: the currency's smallest unit: ``Decimal("0.01")``,
        ``Decimal("1")`` (JPY-like), ``Decimal("0.001")`` (KWD-like).
    :return: the lines in date order, the down payment first.
    :raises ScheduleError: with the first problem found, as ``code`` and
        ``params``:

        - ``bad_quantum`` ``{quantum}``: ``quantum`` is 0 or less;
        - ``bad_interval`` ``{interval, allowed}``: not one of :data:`INTERVALS`;
        - ``count_below_one`` ``{count}``;
        - ``count_above_cap`` ``{count, cap}``: more than ``MAX_INSTALLMENTS``;
        - ``total_not_positive`` ``{total}``;
        - ``down_payment_negative`` ``{down_payment}``;
        - ``down_payment_not_below_total`` ``{down_payment, total}``;
        - ``not_multiple`` ``{label, value, quantum}``: ``label`` is
          ``"total"`` or ``"down_payment"``;
        - ``too_small_to_split`` ``{rest, count, quantum}``: an installment
          would be 0 (the amount is too small for that many installments).

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
    >>> try:
    ...     build_schedule(Decimal("0.02"), Decimal(0), 3, "weekly", date(2025, 3, 3))
    ... except ScheduleError as error:
    ...     print(error.code, error.params["count"])
    too_small_to_split 3
    """
    if quantum <= 0:
        raise ScheduleError("bad_quantum", {"quantum": quantum})
    if interval not in INTERVALS:
        raise ScheduleError(
            "bad_interval", {"interval": interval, "allowed": INTERVALS}
        )
    if count < 1:
        raise ScheduleError("count_below_one", {"count": count})
    if count > MAX_INSTALLMENTS:
        raise ScheduleError(
            "count_above_cap", {"count": count, "cap": MAX_INSTALLMENTS}
        )
    if total <= 0:
        raise ScheduleError("total_not_positive", {"total": total})
    if down_payment < 0:
        raise ScheduleError("down_payment_negative", {"down_payment": down_payment})
    if down_payment >= total:
        raise ScheduleError(
            "down_payment_not_below_total",
            {"down_payment": down_payment, "total": total},
        )
    with localcontext() as ctx:
        ctx.prec = 60
        for label, value in (("total", total), ("down_payment", down_payment)):
            if not _is_multiple(value, quantum):
                raise ScheduleError(
                    "not_multiple", {"label": label, "value": value, "quantum": quantum}
                )
        rest = total - down_payment
        units = int(rest / quantum)
        base = (units // count) * quantum
        if base <= 0:
            raise ScheduleError(
                "too_small_to_split", {"rest": rest, "count": count, "quantum": quantum}
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


def check_schedule(
    lines: Sequence[tuple[date, Decimal]], total: Decimal
) -> list[tuple[str, dict]]:
    """Problems with an edited schedule, as codes.

    :param lines: ``(date_due, amount)`` of every line, down payment included,
        in the order shown to the user.
    :param total: the amount the plan must cover.
    :return: an empty list when the schedule is valid; otherwise one
        ``(code, params)`` per problem (``line`` numbers start at 1):

        - ``("empty", {})``: no lines;
        - ``("not_positive", {"line": int, "amount": Decimal})``;
        - ``("dates_not_increasing", {"line": int, "date": date,
          "previous": date})``: a date not after the previous line's;
        - ``("sum_mismatch", {"total": Decimal, "expected": Decimal})``: the
          lines add up to ``total`` instead of the plan's ``expected``.

    >>> check_schedule([(date(2025, 1, 1), Decimal("50.00")),
    ...                 (date(2025, 2, 1), Decimal("40.00"))], Decimal("100.00"))
    [('sum_mismatch', {'total': Decimal('90.00'), 'expected': Decimal('100.00')})]
    """
    if not lines:
        return [("empty", {})]
    problems = []
    for num, (date_due, amount) in enumerate(lines, start=1):
        if amount <= 0:
            problems.append(("not_positive", {"line": num, "amount": amount}))
        if num > 1:
            previous = lines[num - 2][0]
            if date_due <= previous:
                problems.append(
                    (
                        "dates_not_increasing",
                        {"line": num, "date": date_due, "previous": previous},
                    )
                )
    with localcontext() as ctx:
        ctx.prec = 60
        paid = sum((amount for _day, amount in lines), Decimal(0))
        if paid != total:
            problems.append(("sum_mismatch", {"total": paid, "expected": total}))
    return problems
