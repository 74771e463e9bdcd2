# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Late-payment interest: simple interest per day, no compounding."""

from decimal import ROUND_HALF_UP, Decimal, localcontext


def late_interest(
    amount: Decimal,
    days_late: int,
    annual_rate_pct: Decimal,
    days_in_year: int = 365,
    quantum: Decimal = Decimal("0.01"),
) -> Decimal:
    """Simple late interest on ``amount`` for ``days_late`` days.

    ``amount * annual_rate_pct / 100 * days_late / days_in_year``, rounded half
    up to ``quantum`` (the currency's smallest unit).

    :param amount: the overdue amount.
    :param days_late: days past the due date.
    :param annual_rate_pct: the yearly rate in percent (``Decimal("8")`` = 8 %).
    :param days_in_year: day-count basis, usually 365 or 360.
    :param quantum: rounding unit, e.g. ``Decimal("0.01")`` or ``Decimal("1")``.
    :return: the interest; ``Decimal(0)`` quantized to ``quantum`` when
        ``days_late <= 0``, ``amount <= 0`` or the rate is 0.
    :raises ValueError: negative rate, ``days_in_year < 1`` or ``quantum <= 0``.

    >>> late_interest(Decimal("1000.00"), 30, Decimal("10"))
    Decimal('8.22')
    >>> late_interest(Decimal("1000.00"), 30, Decimal("10"), days_in_year=360)
    Decimal('8.33')
    >>> late_interest(Decimal("1000.00"), 0, Decimal("10"))
    Decimal('0.00')
    """
    if annual_rate_pct < 0:
        raise ValueError(f"The interest rate cannot be negative ({annual_rate_pct}).")
    if days_in_year < 1:
        raise ValueError(f"Days in year must be at least 1 ({days_in_year}).")
    if quantum <= 0:
        raise ValueError(f"The rounding quantum must be positive ({quantum}).")
    with localcontext() as ctx:
        ctx.prec = 50
        if days_late <= 0 or amount <= 0 or annual_rate_pct == 0:
            return Decimal(0).quantize(quantum)
        raw = amount * annual_rate_pct * days_late / (100 * days_in_year)
        return raw.quantize(quantum, rounding=ROUND_HALF_UP)
