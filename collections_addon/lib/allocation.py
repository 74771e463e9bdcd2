# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Payment plans: spread what was paid over the installments, judge the plan."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

INSTALLMENT_STATES = ("paid", "overdue", "pending")


@dataclass(frozen=True)
class InstallmentIn:
    """One installment of a plan, as stored.

    :param key: the record id of the line.
    :param date_due: the day the installment falls due.
    :param amount: the amount due.
    :param sequence: tie-breaker between lines due the same day.
    """

    key: int
    date_due: date
    amount: Decimal
    sequence: int = 0


@dataclass(frozen=True)
class InstallmentOut:
    """What :func:`allocate` decides for one installment.

    :param key: the record id of the line.
    :param amount_paid: the part of the payments allocated to the line.
    :param state: one of :data:`INSTALLMENT_STATES`.
    """

    key: int
    amount_paid: Decimal
    state: str


def _round(amount: Decimal, quantum: Decimal) -> Decimal:
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)


def allocate(
    paid: Decimal, lines: Sequence[InstallmentIn], today: date, quantum: Decimal
) -> list[InstallmentOut]:
    """Spread the amount paid on a plan over its installments, oldest first.

    Payments fill the installments in ``(date_due, sequence, key)`` order. A
    line is ``"paid"`` when fully covered, ``"overdue"`` when not fully paid and
    due before ``today``, ``"pending"`` otherwise.

    :param paid: everything paid on the plan so far; below 0 counts as 0.
    :param lines: the installments, in any order.
    :param today: the day of the evaluation.
    :param quantum: the currency's smallest unit; amounts are rounded to it
        (half up).
    :return: one :class:`InstallmentOut` per line, in allocation order.

    >>> lines = [InstallmentIn(2, date(2025, 4, 1), Decimal("50.00")),
    ...          InstallmentIn(1, date(2025, 3, 1), Decimal("50.00"))]
    >>> for out in allocate(Decimal("70"), lines, date(2025, 4, 2), Decimal("0.01")):
    ...     print(out.key, out.amount_paid, out.state)
    1 50.00 paid
    2 20.00 overdue
    """
    with localcontext() as ctx:
        ctx.prec = 60
        left = _round(max(paid, Decimal(0)), quantum)
        result = []
        for line in sorted(lines, key=lambda ln: (ln.date_due, ln.sequence, ln.key)):
            amount = _round(line.amount, quantum)
            taken = min(left, max(amount, Decimal(0)))
            left -= taken
            if taken >= amount:
                state = "paid"
            elif line.date_due < today:
                state = "overdue"
            else:
                state = "pending"
            result.append(InstallmentOut(line.key, _round(taken, quantum), state))
        return result


def plan_outcome(
    states: Sequence[tuple[date, str]], today: date, grace_days: int
) -> str:
    """Where a payment plan stands.

    :param states: ``(date_due, state)`` of every installment, ``state`` as
        given by :func:`allocate`.
    :param today: the day of the evaluation.
    :param grace_days: days of tolerance after a due date before the plan
        counts as defaulted.
    :return: ``"done"`` when no line is unpaid (also for no lines at all),
        ``"defaulted"`` when an unpaid line is due before
        ``today - grace_days``, else ``"active"``.
    :raises ValueError: ``grace_days`` is negative.

    >>> states = [(date(2025, 3, 1), "paid"), (date(2025, 4, 1), "overdue")]
    >>> plan_outcome(states, date(2025, 4, 5), 7)
    'active'
    >>> plan_outcome(states, date(2025, 4, 9), 7)
    'defaulted'
    """
    if grace_days < 0:
        raise ValueError(f"grace_days must not be negative ({grace_days})")
    unpaid = [date_due for date_due, state in states if state != "paid"]
    if not unpaid:
        return "done"
    if min(unpaid) < today - timedelta(days=grace_days):
        return "defaulted"
    return "active"
