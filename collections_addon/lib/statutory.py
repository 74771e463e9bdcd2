# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statutory late-payment interest: the rate periods of each regime, the
interest of one invoice split at every rate change, payment and year end, and
the fixed compensation for recovery costs.

Codes, dates and ``Decimal`` numbers in and out; the models turn them into
sentences. Amounts are rounded half up to the currency's unit per printed line,
and a total is always the sum of its lines, so a letter adds up.

What the rules rest on (the published rates themselves are listed with their
source in ``data/collection_interest_rate_data.xml``):

- **Russia, art. 395 of the Civil Code** (as amended by Federal Law No. 315-FZ
  of 3 July 2016, in force 1 August 2016): the interest is the Bank of Russia
  key rate *of each period*. Before 1 August 2016 the article used the average
  deposit rates of each federal district, which are not shipped: a period
  before that day is refused as missing (reason ``before_key_rate``), never
  computed at the key rate. Days count over the actual length of the year (365
  or 366), the day of payment included (Plenum of the Supreme Court, Resolution
  No. 7 of 24 March 2016, p. 48). Where the contract sets a penalty for late
  payment, art. 395 p. 4 excludes the interest: the customer's contractual
  regime replaces it (the caller chooses the regime, this module applies one).
  The bankruptcy moratorium of Government Decree No. 497 of 28 March 2022 ran
  from 1 April to 1 October 2022 inclusive; for claims that arose before
  1 April 2022 no interest and no penalty accrue in it (Plenum Resolution
  No. 44 of 24 December 2020, p. 7), unless the debtor declared it opts out.
  The day the claim arose is taken as the invoice date (``Debt.issued``), or
  the due date when the caller has none.
- **Poland, commercial transactions** (the act of 8 March 2013 on counteracting
  excessive delays in commercial transactions, art. 4 pt 3 and art. 11b/11c):
  the NBP reference rate in force on 1 January applies to the whole first
  half-year and the rate on 1 July to the second, plus 10 points, or 8 points
  where the debtor is a public entity that is a medical entity. The 10 points
  and the 40/70/100 EUR compensation came with the act of 19 July 2019
  (Dz.U. 2019 poz. 1649) on 1 January 2020; before that the margin was 8 and
  the compensation EUR 40. That act keeps the former rules for transactions
  concluded before 2020: when the caller gives the transaction day
  (``Debt.issued``), an earlier transaction keeps 8 points and EUR 40 for all
  its periods; without it, the margin follows each half-year (8 before 2020).
  Cross-checked against the Minister's notices in Monitor Polski: 9.50% for
  every half-year of 2016 (M.P. 2016 poz. 43 and 601), 2017 (M.P. 2017 poz. 10)
  and the second half of 2019 (M.P. 2019 poz. 671); 10.1% and 8.1% for the
  first half of 2021 (M.P. 2020 poz. 1212).
- **Poland, civil** (art. 481 par. 2 of the Civil Code since 1 January 2016):
  the reference rate plus 5.5 points, moving with every change of the rate.
- **EU directive 2011/7/EU** (art. 2 pt 6 and 7, art. 3 and 4): the ECB main
  refinancing rate in force on 1 January for the first half-year and on 1 July
  for the second, plus a margin of at least 8 points (member states set higher
  ones, so the margin is the company's), and a fixed EUR 40 (art. 6).
- **Compensation** (Polish act, art. 10 par. 1; directive art. 6): the EUR
  amount is converted at the rate of the last business day of the month before
  the month the payment fell due. Business days here are Monday to Friday,
  less the holidays the caller passes; the caller reads the last rate published
  on or before that day, so a bank holiday on the last weekday falls back to
  the rate of the day before.
- **Day basis**: Russia counts the actual year (365/366). Elsewhere the regime
  counts 365 days unless the terms say otherwise (Polish practice divides by
  365; a member state or a contract may use 360 or the actual year).
- **Contractual daily penalty** (e.g. 0.1% a day): the rate per day on the
  unpaid part, no year basis. Its optional cap is a percentage of the amount
  overdue on the due date (the usual clause, "at most 10% of the overdue
  amount"); the line that reaches the cap is cut to it and no line follows.
- **Flat rate** keeps the figures of :func:`~.letter.letter_totals`: the
  residual on the letter's date, for every day late, over 365 days, one line.
"""

import bisect
import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .interest import late_interest

# --- regimes and rate types ---------------------------------------------------
RU_395 = "ru_395"
PL_COMMERCIAL = "pl_commercial"
PL_CIVIL = "pl_civil"
EU_DIRECTIVE = "eu_directive"
CONTRACTUAL_ANNUAL = "contractual_annual"
CONTRACTUAL_DAILY = "contractual_daily"
FLAT = "flat"
REGIMES = (
    RU_395,
    PL_COMMERCIAL,
    PL_CIVIL,
    EU_DIRECTIVE,
    CONTRACTUAL_ANNUAL,
    CONTRACTUAL_DAILY,
    FLAT,
)

RU_KEY = "ru_key"
PL_REFERENCE = "pl_reference"
ECB_MRO = "ecb_mro"
RATE_TYPES = (RU_KEY, PL_REFERENCE, ECB_MRO)

# The published rate each statutory regime builds on.
BASE_RATE = {
    RU_395: RU_KEY,
    PL_COMMERCIAL: PL_REFERENCE,
    PL_CIVIL: PL_REFERENCE,
    EU_DIRECTIVE: ECB_MRO,
}
# Regimes whose rate is fixed on the first day of each half-year.
HALF_YEARLY = frozenset({PL_COMMERCIAL, EU_DIRECTIVE})
# Regimes that owe the fixed compensation for recovery costs.
WITH_COMPENSATION = frozenset({PL_COMMERCIAL, EU_DIRECTIVE})

# The country's default regime of a new company (EU member states: directive).
EU_MEMBER_STATES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT "
    "LT LU LV MT NL PT RO SE SI SK".split()
)

RU_KEY_RATE_FROM = date(2016, 8, 1)
RU_MORATORIUM_2022 = (date(2022, 4, 1), date(2022, 10, 1))
PL_NEW_LAW = date(2020, 1, 1)
PL_MARGIN = Decimal(10)
PL_MARGIN_BEFORE_2020 = Decimal(8)
PL_MARGIN_MEDICAL = Decimal(8)
PL_CIVIL_MARGIN = Decimal("5.5")
EU_MIN_MARGIN = Decimal(8)
PL_THRESHOLDS = (Decimal(5000), Decimal(50000))  # in PLN
MAX_RATE = Decimal(100)  # % a year, or % a day for a daily penalty

# Line kinds.
INTEREST = "interest"
MORATORIUM = "moratorium"
CAPPED = "capped"
# Units of a line's rate.
PER_YEAR = "year"
PER_DAY = "day"

CENT = Decimal("0.01")


def default_regime(country_code: str | None) -> str:
    """The regime a new company of ``country_code`` (ISO 3166-1) starts with.

    >>> default_regime("RU"), default_regime("PL"), default_regime("DE")
    ('ru_395', 'pl_commercial', 'eu_directive')
    >>> default_regime("US"), default_regime(None)
    ('flat', 'flat')
    """
    code = (country_code or "").upper()
    if code == "RU":
        return RU_395
    if code == "PL":
        return PL_COMMERCIAL
    if code in EU_MEMBER_STATES:
        return EU_DIRECTIVE
    return FLAT


# --- inputs ---------------------------------------------------------------------
@dataclass(frozen=True)
class RatePeriod:
    """A published rate.

    :param date_from: the first day it applies.
    :param rate: percent a year.
    :param date_to: the last day it is known to apply; ``None``: until the
        next published rate. A day after it and before the next rate has no
        rate (a letter needing it is refused).
    """

    date_from: date
    rate: Decimal
    date_to: date | None = None


@dataclass(frozen=True)
class Payment:
    """Money applied to the invoice; it stops interest from the day after."""

    date: date
    amount: Decimal


@dataclass(frozen=True)
class Debt:
    """One invoice (or one installment) as the calculation sees it.

    :param amount: what was due on the due date before any payment (the
        invoice's amount, in the currency of the calculation).
    :param due: the due date; interest runs from the day after.
    :param payments: payments applied to it, any order, any date.
    :param issued: the day the obligation arose (the invoice date): the
        Russian moratorium covers claims that arose before it, the Polish
        rules of 2020 transactions concluded from 2020. ``None``: the due date.
    """

    amount: Decimal
    due: date
    payments: tuple[Payment, ...] = ()
    issued: date | None = None


@dataclass(frozen=True)
class Terms:
    """The interest regime and its parameters for one debtor.

    :param regime: one of :data:`REGIMES`.
    :param rate: ``FLAT`` and ``CONTRACTUAL_ANNUAL``: percent a year;
        ``CONTRACTUAL_DAILY``: percent a day.
    :param margin: ``EU_DIRECTIVE``: points over the ECB rate (at least 8).
    :param cap: ``CONTRACTUAL_DAILY``: the penalty stops at this percent of
        the amount overdue on the due date; ``None`` or 0: no cap.
    :param day_basis: days of a year for annual rates: 365, 360, or ``None``
        for the actual year (365 or 366). ``RU_395`` always counts the actual
        year and ``FLAT`` always 365.
    :param public_medical: ``PL_COMMERCIAL``: the debtor is a public entity
        that is a medical entity (8 points instead of 10).
    :param moratorium: the Russian 2022 moratorium applies to this debtor
        (Russian law, and the debtor did not opt out).
    """

    regime: str
    rate: Decimal = Decimal(0)
    margin: Decimal = EU_MIN_MARGIN
    cap: Decimal | None = None
    day_basis: int | None = 365
    public_medical: bool = False
    moratorium: bool = False


# --- outputs --------------------------------------------------------------------
@dataclass(frozen=True)
class EffectivePeriod:
    """The rate a regime charges from ``date_from`` through ``date_to``.

    :param rate: percent a year (a day for a daily penalty) charged.
    :param base_rate: the published rate it derives from, ``None`` for a
        contractual or flat rate.
    :param margin: the points added to ``base_rate``.
    :param fixing: the day whose published rate applies (half-yearly
        regimes: 1 January or 1 July), else ``None``.
    """

    date_from: date
    date_to: date | None
    rate: Decimal
    base_rate: Decimal | None = None
    margin: Decimal = Decimal(0)
    fixing: date | None = None


@dataclass(frozen=True)
class InterestLine:
    """One printed line of an invoice's interest.

    :param days: ``date_to - date_from + 1``.
    :param base: the unpaid amount the line charges.
    :param rate: percent per ``per`` (``"year"`` or ``"day"``).
    :param year_days: the divisor of an annual rate (360, 365 or 366);
        ``None`` for a daily rate.
    :param amount: ``base * rate / 100 * days / year_days`` (or ``* days`` for
        a daily rate), rounded half up.
    :param kind: ``"interest"``, ``"moratorium"`` (no interest by law) or
        ``"capped"`` (cut to the contractual cap).
    """

    date_from: date
    date_to: date
    days: int
    base: Decimal
    rate: Decimal
    per: str
    year_days: int | None
    amount: Decimal
    kind: str = INTEREST


@dataclass(frozen=True)
class InterestResult:
    """An invoice's interest: ``total`` is the sum of ``lines``."""

    lines: tuple[InterestLine, ...]
    total: Decimal
    capped: bool = False


@dataclass(frozen=True)
class Compensation:
    """The fixed compensation of an invoice.

    :param code: ``"none"``, ``"eu_40"``, ``"pl_40"``, ``"pl_70"``,
        ``"pl_100"`` or ``"pl_40_before_2020"``.
    :param eur: the amount in euro.
    :param amount: the amount in the calculation's currency.
    """

    code: str
    eur: Decimal
    amount: Decimal


class MissingRate(Exception):
    """A period the calculation needs has no published rate.

    :param rate_type: one of :data:`RATE_TYPES`.
    :param date_from: first day without a rate (within what was needed).
    :param date_to: last day without a rate (within what was needed).
    :param fixing: half-yearly regimes: the day whose rate is missing.
    :param reason: ``"no_rate"``, or ``"before_key_rate"`` for Russian
        periods before 1 August 2016.
    """

    code = "missing_rate"

    def __init__(self, rate_type, date_from, date_to, fixing=None, reason="no_rate"):
        super().__init__(rate_type, date_from, date_to, fixing, reason)
        self.rate_type = rate_type
        self.date_from = date_from
        self.date_to = date_to
        self.fixing = fixing
        self.reason = reason


# --- the published table --------------------------------------------------------
@dataclass(frozen=True)
class _Table:
    """Published rows, sorted, with the last day each one covers."""

    starts: tuple[date, ...]
    ends: tuple[date | None, ...]
    rates: tuple[Decimal, ...]

    @classmethod
    def of(cls, published: Iterable[RatePeriod]):
        rows = tuple(sorted(published, key=lambda row: row.date_from))
        ends = []
        for index, row in enumerate(rows):
            end = row.date_to
            if index + 1 < len(rows):
                before_next = rows[index + 1].date_from - timedelta(days=1)
                end = before_next if end is None else min(end, before_next)
            ends.append(end)
        return cls(
            tuple(row.date_from for row in rows),
            tuple(ends),
            tuple(row.rate for row in rows),
        )

    def segments(self, start: date, end: date):
        """``(date_from, date_to, rate)`` covering [start, end], with ``None``
        as the rate of the gaps."""
        out = []
        day = start
        while day <= end:
            index = bisect.bisect_right(self.starts, day) - 1
            row_end = self.ends[index] if index >= 0 else None
            if index < 0 or (row_end is not None and row_end < day):
                following = index + 1
                nxt = self.starts[following] if following < len(self.starts) else None
                stop = end if nxt is None else min(end, nxt - timedelta(days=1))
                out.append((day, stop, None))
            else:
                stop = end if row_end is None else min(end, row_end)
                out.append((day, stop, self.rates[index]))
            day = stop + timedelta(days=1)
        return out

    def rate_on(self, day: date) -> Decimal | None:
        index = bisect.bisect_right(self.starts, day) - 1
        if index < 0:
            return None
        end = self.ends[index]
        if end is not None and end < day:
            return None
        return self.rates[index]


def _half_year(day: date) -> tuple[date, date]:
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def _pl_margin(terms: Terms, half_start: date, old_law: bool) -> Decimal:
    if terms.public_medical:
        return PL_MARGIN_MEDICAL
    if old_law or half_start < PL_NEW_LAW:
        return PL_MARGIN_BEFORE_2020
    return PL_MARGIN


def regime_periods(
    terms: Terms,
    published: Iterable[RatePeriod],
    date_from: date,
    date_to: date,
    old_law: bool = False,
) -> tuple[EffectivePeriod, ...]:
    """The rates ``terms`` charges from ``date_from`` through ``date_to``.

    :param published: the published rows of the regime's rate type
        (:data:`BASE_RATE`); ignored by contractual and flat regimes.
    :param old_law: ``PL_COMMERCIAL``: the transaction was concluded before
        2020, so 8 points apply to every period.
    :return: periods in order, covering every day of the range (the first
        starts on ``date_from``, the last ends on ``date_to``).
    :raises MissingRate: a day of the range has no published rate; it names
        the first such gap (within the range).

    >>> table = [RatePeriod(date(2024, 1, 1), Decimal("5.75"))]
    >>> terms = Terms(PL_COMMERCIAL)
    >>> [(p.date_from.isoformat(), str(p.rate))
    ...  for p in regime_periods(terms, table, date(2024, 5, 1), date(2024, 8, 1))]
    [('2024-05-01', '15.75'), ('2024-07-01', '15.75')]
    """
    if date_to < date_from:
        return ()
    regime = terms.regime
    if regime not in BASE_RATE:
        return (EffectivePeriod(date_from, date_to, terms.rate),)
    rate_type = BASE_RATE[regime]
    table = _Table.of(published)
    if regime in HALF_YEARLY:
        periods = []
        day = date_from
        while day <= date_to:
            half_start, half_end = _half_year(day)
            stop = min(half_end, date_to)
            base = table.rate_on(half_start)
            if base is None:
                raise MissingRate(rate_type, day, stop, fixing=half_start)
            if regime == PL_COMMERCIAL:
                margin = _pl_margin(terms, half_start, old_law)
            else:
                margin = terms.margin
            periods.append(
                EffectivePeriod(day, stop, base + margin, base, margin, half_start)
            )
            day = stop + timedelta(days=1)
        return tuple(periods)
    margin = PL_CIVIL_MARGIN if regime == PL_CIVIL else Decimal(0)
    start = date_from
    if regime == RU_395 and date_from < RU_KEY_RATE_FROM:
        stop = min(date_to, RU_KEY_RATE_FROM - timedelta(days=1))
        raise MissingRate(rate_type, date_from, stop, reason="before_key_rate")
    periods = []
    for seg_from, seg_to, base in table.segments(start, date_to):
        if base is None:
            raise MissingRate(rate_type, seg_from, seg_to)
        periods.append(EffectivePeriod(seg_from, seg_to, base + margin, base, margin))
    return tuple(periods)


# --- the calculation ------------------------------------------------------------
def _year_days(day: date, basis: int | None) -> int:
    if basis is None:
        return 366 if calendar.isleap(day.year) else 365
    return basis


def _free_periods(debt: Debt, terms: Terms) -> tuple[tuple[date, date], ...]:
    """Periods without interest by law (the Russian 2022 moratorium)."""
    arose = debt.issued or debt.due
    if terms.moratorium and arose < RU_MORATORIUM_2022[0]:
        return (RU_MORATORIUM_2022,)
    return ()


def _flat(debt: Debt, to: date, terms: Terms, quantum: Decimal) -> InterestResult:
    """Today's flat figure (see :func:`~.letter.letter_totals`): one line."""
    zero = Decimal(0).quantize(quantum)
    start = debt.due + timedelta(days=1)
    paid = sum((p.amount for p in debt.payments if p.date <= to), Decimal(0))
    base = (debt.amount - paid).quantize(quantum, rounding=ROUND_HALF_UP)
    days = (to - debt.due).days
    if days <= 0 or base <= 0 or terms.rate == 0:
        return InterestResult((), zero)
    amount = late_interest(base, days, terms.rate, days_in_year=365, quantum=quantum)
    line = InterestLine(start, to, days, base, terms.rate, PER_YEAR, 365, amount)
    return InterestResult((line,), amount)


def invoice_interest(
    debt: Debt,
    to: date,
    terms: Terms,
    periods: Sequence[EffectivePeriod],
    quantum: Decimal = CENT,
) -> InterestResult:
    """The interest of ``debt`` from the day after its due date through ``to``.

    Split at every change of rate (``periods``), every payment (the day of a
    payment still bears interest on the amount paid), every 1 January and the
    bounds of a moratorium. Each line is rounded half up to ``quantum``; the
    total is the sum of the lines.

    :param periods: from :func:`regime_periods`, covering at least the days
        from the day after ``debt.due`` through ``to`` (ignored by ``FLAT``).
    :return: no line when ``to`` is not after the due date or nothing is
        unpaid.
    :raises MissingRate: ``periods`` do not cover a day that needs a rate.

    >>> terms = Terms(RU_395)
    >>> periods = regime_periods(terms, [RatePeriod(date(2023, 12, 18), Decimal(16)),
    ...     RatePeriod(date(2024, 7, 29), Decimal(18))], date(2024, 7, 16),
    ...     date(2024, 8, 1))
    >>> result = invoice_interest(Debt(Decimal(100000), date(2024, 7, 15)),
    ...     date(2024, 8, 1), terms, periods)
    >>> [(ln.days, str(ln.rate), str(ln.amount)) for ln in result.lines]
    [(13, '16', '568.31'), (4, '18', '196.72')]
    >>> str(result.total)
    '765.03'
    """
    with localcontext() as ctx:
        ctx.prec = 50
        if terms.regime == FLAT:
            return _flat(debt, to, terms, quantum)
        zero = Decimal(0).quantize(quantum)
        start = debt.due + timedelta(days=1)
        if to < start:
            return InterestResult((), zero)
        payments = sorted(debt.payments, key=lambda p: p.date)
        base = debt.amount - sum(
            (p.amount for p in payments if p.date <= debt.due), Decimal(0)
        )
        later = [p for p in payments if debt.due < p.date <= to]
        daily = terms.regime == CONTRACTUAL_DAILY
        basis = None if terms.regime == RU_395 else terms.day_basis
        cap = None
        if daily and terms.cap:
            cap = (max(base, Decimal(0)) * terms.cap / 100).quantize(
                quantum, rounding=ROUND_HALF_UP
            )
        free = _free_periods(debt, terms)
        breaks = {start, to + timedelta(days=1)}
        breaks.update(p.date_from for p in periods if start < p.date_from <= to)
        breaks.update(p.date + timedelta(days=1) for p in later)
        breaks.update(date(year, 1, 1) for year in range(start.year + 1, to.year + 1))
        for free_from, free_to in free:
            # One line for the whole free period, whatever changes inside it.
            breaks = {day for day in breaks if not free_from < day <= free_to}
            breaks.update(
                day
                for day in (free_from, free_to + timedelta(days=1))
                if start < day <= to
            )
        bounds = sorted(breaks)
        period_starts = [p.date_from for p in periods]
        lines, total, capped = [], zero, False
        pay_index = 0
        for seg_from, next_from in zip(bounds, bounds[1:], strict=False):
            seg_to = next_from - timedelta(days=1)
            while pay_index < len(later) and later[pay_index].date < seg_from:
                base -= later[pay_index].amount
                pay_index += 1
            if base <= 0:
                break
            days = (seg_to - seg_from).days + 1
            seg_base = base.quantize(quantum, rounding=ROUND_HALF_UP)
            if any(f <= seg_from <= t for f, t in free):
                lines.append(
                    InterestLine(
                        seg_from,
                        seg_to,
                        days,
                        seg_base,
                        Decimal(0),
                        PER_DAY if daily else PER_YEAR,
                        None if daily else _year_days(seg_from, basis),
                        zero,
                        MORATORIUM,
                    )
                )
                continue
            index = bisect.bisect_right(period_starts, seg_from) - 1
            period = periods[index] if index >= 0 else None
            if period is None or (
                period.date_to is not None and period.date_to < seg_to
            ):
                raise MissingRate(
                    BASE_RATE.get(terms.regime, terms.regime), seg_from, seg_to
                )
            rate = period.rate
            if daily:
                year_days = None
                raw = seg_base * rate * days / 100
            else:
                year_days = _year_days(seg_from, basis)
                raw = seg_base * rate * days / (100 * year_days)
            amount = raw.quantize(quantum, rounding=ROUND_HALF_UP)
            kind = INTEREST
            if cap is not None and total + amount >= cap:
                amount, kind, capped = cap - total, CAPPED, True
            lines.append(
                InterestLine(
                    seg_from,
                    seg_to,
                    days,
                    seg_base,
                    rate,
                    PER_DAY if daily else PER_YEAR,
                    year_days,
                    amount,
                    kind,
                )
            )
            total += amount
            if capped:
                break
        return InterestResult(tuple(lines), total, capped)


def batch_interest(
    debts: Sequence[Debt],
    to: date,
    terms: Terms,
    published: Iterable[RatePeriod],
    quantum: Decimal = CENT,
) -> tuple[InterestResult, ...]:
    """The interest of each debt of one letter, the rate periods built once.

    :param published: the rows of the regime's rate type.
    :return: one :class:`InterestResult` per debt, in order.
    :raises MissingRate: a debt needs a day with no rate; it names the first
        gap over the range of the whole batch.
    """
    published = tuple(published)
    starts = [d.due + timedelta(days=1) for d in debts]
    needed = [s for s in starts if s <= to]
    if not needed or terms.regime == FLAT:
        return tuple(invoice_interest(d, to, terms, (), quantum) for d in debts)
    first = min(needed)
    cache = {}

    def periods(old_law):
        if old_law not in cache:
            cache[old_law] = regime_periods(terms, published, first, to, old_law)
        return cache[old_law]

    return tuple(
        invoice_interest(d, to, terms, periods(pl_old_law(terms, d)), quantum)
        for d in debts
    )


def pl_old_law(terms: Terms, debt: Debt) -> bool:
    """Whether the Polish rules before 2020 govern ``debt`` (a commercial
    transaction concluded before 2020, as far as the caller knows it)."""
    return (
        terms.regime == PL_COMMERCIAL
        and debt.issued is not None
        and debt.issued < PL_NEW_LAW
    )


# --- compensation ---------------------------------------------------------------
def conversion_date(due: date, holidays: Iterable[date] = ()) -> date:
    """The last business day of the month before the month of ``due``.

    Business days are Monday to Friday, less ``holidays``.

    >>> conversion_date(date(2024, 7, 15))  # June 2024 ends on a Sunday
    datetime.date(2024, 6, 28)
    >>> conversion_date(date(2018, 6, 10), holidays={date(2018, 5, 31)})
    datetime.date(2018, 5, 30)
    """
    holidays = frozenset(holidays)
    day = due.replace(day=1) - timedelta(days=1)
    while day.weekday() >= 5 or day in holidays:
        day -= timedelta(days=1)
    return day


def compensation(
    regime: str,
    amount: Decimal,
    due: date,
    eur_rate: Decimal,
    pln_rate: Decimal = Decimal(1),
    transaction: date | None = None,
    quantum: Decimal = CENT,
) -> Compensation:
    """The fixed compensation for recovery costs of one invoice.

    :param amount: the invoice's amount, in the calculation's currency.
    :param eur_rate: units of the calculation's currency per euro on the
        conversion date (:func:`conversion_date`); 1 in euro.
    :param pln_rate: units of the calculation's currency per zloty on that
        day, for the Polish thresholds (1 in zloty).
    :param transaction: the day the transaction was concluded; before 2020
        the Polish compensation is EUR 40 flat. ``None``: the due date.
    :return: ``"none"`` for a regime without compensation.

    >>> compensation(PL_COMMERCIAL, Decimal("5000.00"), date(2024, 3, 1),
    ...              Decimal("4.3")).code
    'pl_40'
    >>> str(compensation(PL_COMMERCIAL, Decimal("5000.01"), date(2024, 3, 1),
    ...                  Decimal("4.3")).amount)
    '301.00'
    """
    zero = Decimal(0).quantize(quantum)
    if regime not in WITH_COMPENSATION:
        return Compensation("none", Decimal(0), zero)
    if regime == EU_DIRECTIVE:
        code, eur = "eu_40", Decimal(40)
    elif (transaction or due) < PL_NEW_LAW:
        code, eur = "pl_40_before_2020", Decimal(40)
    elif amount <= PL_THRESHOLDS[0] * pln_rate:
        code, eur = "pl_40", Decimal(40)
    elif amount < PL_THRESHOLDS[1] * pln_rate:
        code, eur = "pl_70", Decimal(70)
    else:
        code, eur = "pl_100", Decimal(100)
    with localcontext() as ctx:
        ctx.prec = 50
        converted = (eur * eur_rate).quantize(quantum, rounding=ROUND_HALF_UP)
    return Compensation(code, eur, converted)


# --- terms ----------------------------------------------------------------------
def terms_problems(terms: Terms) -> list[tuple[str, str]]:
    """What is wrong with ``terms``: ``(parameter, code)`` pairs, empty when
    usable. Parameters: ``regime``, ``rate``, ``margin``, ``cap``,
    ``day_basis``; codes: ``unknown``, ``not_finite``, ``negative``,
    ``not_positive``, ``too_large``, ``below_minimum``.

    >>> terms_problems(Terms(EU_DIRECTIVE, margin=Decimal(7)))
    [('margin', 'below_minimum')]
    >>> terms_problems(Terms(CONTRACTUAL_DAILY, rate=Decimal(0)))
    [('rate', 'not_positive')]
    """
    problems = []
    if terms.regime not in REGIMES:
        return [("regime", "unknown")]
    numbers = {"rate": terms.rate, "margin": terms.margin, "cap": terms.cap}
    for name, value in numbers.items():
        if value is None:
            continue
        if not Decimal(value).is_finite():
            problems.append((name, "not_finite"))
        elif value < 0:
            problems.append((name, "negative"))
        elif value > MAX_RATE:
            problems.append((name, "too_large"))
    bad = {name for name, _code in problems}
    regime = terms.regime
    if (
        regime in (CONTRACTUAL_ANNUAL, CONTRACTUAL_DAILY)
        and "rate" not in bad
        and terms.rate <= 0
    ):
        problems.append(("rate", "not_positive"))
    if regime == EU_DIRECTIVE and "margin" not in bad and terms.margin < EU_MIN_MARGIN:
        problems.append(("margin", "below_minimum"))
    if terms.day_basis not in (None, 360, 365):
        problems.append(("day_basis", "unknown"))
    return problems
