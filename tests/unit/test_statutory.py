# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statutory interest: regimes, rate periods, the per-invoice calculation and
the compensation, with the worked examples of issue #24 and property tests
over seeded random payment histories."""

import doctest
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from collections_lib import statutory as st
from collections_lib.letter import LetterItem, letter_totals

D = Decimal
HALF_CENT = D("0.005")

# Bank of Russia key rate, as shipped (the part the examples need).
RU_TABLE = [
    st.RatePeriod(date(2015, 8, 3), D("11.00")),
    st.RatePeriod(date(2016, 6, 14), D("10.50")),
    st.RatePeriod(date(2016, 9, 19), D("10.00")),
    st.RatePeriod(date(2021, 12, 20), D("8.50")),
    st.RatePeriod(date(2022, 2, 14), D("9.50")),
    st.RatePeriod(date(2022, 2, 28), D("20.00")),
    st.RatePeriod(date(2022, 4, 11), D("17.00")),
    st.RatePeriod(date(2022, 5, 4), D("14.00")),
    st.RatePeriod(date(2022, 5, 27), D("11.00")),
    st.RatePeriod(date(2022, 6, 14), D("9.50")),
    st.RatePeriod(date(2022, 7, 25), D("8.00")),
    st.RatePeriod(date(2022, 9, 19), D("7.50")),
    st.RatePeriod(date(2023, 7, 24), D("8.50")),
    st.RatePeriod(date(2023, 12, 18), D("16.00")),
    st.RatePeriod(date(2024, 7, 29), D("18.00")),
    st.RatePeriod(date(2024, 9, 16), D("19.00")),
    st.RatePeriod(date(2024, 10, 28), D("21.00")),
    st.RatePeriod(date(2025, 6, 9), D("20.00")),
]
PL_TABLE = [
    st.RatePeriod(date(2015, 3, 5), D("1.50")),
    st.RatePeriod(date(2020, 3, 18), D("1.00")),
    st.RatePeriod(date(2020, 4, 9), D("0.50")),
    st.RatePeriod(date(2020, 5, 29), D("0.10")),
    st.RatePeriod(date(2021, 10, 7), D("0.50")),
    st.RatePeriod(date(2021, 12, 9), D("1.75")),
    st.RatePeriod(date(2022, 6, 9), D("6.00")),
    st.RatePeriod(date(2022, 7, 8), D("6.50")),
    st.RatePeriod(date(2022, 9, 8), D("6.75")),
    st.RatePeriod(date(2023, 10, 5), D("5.75")),
]
ECB_TABLE = [
    st.RatePeriod(date(2016, 3, 16), D("0.00")),
    st.RatePeriod(date(2023, 9, 20), D("4.50")),
    st.RatePeriod(date(2024, 6, 12), D("4.25")),
    st.RatePeriod(date(2024, 9, 18), D("3.65")),
]


def compute(debt, to, terms, table):
    return st.batch_interest([debt], to, terms, table)[0]


def summary(result):
    return [
        (ln.date_from, ln.date_to, ln.days, str(ln.rate), str(ln.amount), ln.kind)
        for ln in result.lines
    ]


def test_statutory_doctests_pass():
    failures, tests = doctest.testmod(st)
    assert tests and not failures


# --- regimes ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("country", "regime"),
    [("RU", st.RU_395), ("PL", st.PL_COMMERCIAL), ("FR", st.EU_DIRECTIVE)]
    + [("US", st.FLAT), ("GB", st.FLAT), (None, st.FLAT)],
)
def test_default_regime_by_country_follows_the_law_of_the_country(country, regime):
    assert st.default_regime(country) == regime


# --- Russia -------------------------------------------------------------------
def test_invoice_interest_ru_worked_example_gives_6248_64():
    """100,000 RUB due 15 July 2024, paid 15 November 2024 (issue #24)."""
    debt = st.Debt(
        D("100000.00"), date(2024, 7, 15), (st.Payment(date(2024, 11, 15), D(100000)),)
    )
    result = compute(debt, date(2024, 11, 15), st.Terms(st.RU_395), RU_TABLE)
    assert [(ln.days, str(ln.rate), str(ln.amount)) for ln in result.lines] == [
        (13, "16.00", "568.31"),
        (49, "18.00", "2409.84"),
        (42, "19.00", "2180.33"),
        (19, "21.00", "1090.16"),
    ]
    assert result.total == D("6248.64")
    assert {ln.year_days for ln in result.lines} == {366}


def test_invoice_interest_ru_partial_payment_lowers_the_base_from_the_next_day():
    debt = st.Debt(
        D("100000.00"), date(2024, 7, 15), (st.Payment(date(2024, 8, 10), D(40000)),)
    )
    result = compute(debt, date(2024, 8, 31), st.Terms(st.RU_395), RU_TABLE)
    assert [(ln.date_from, ln.base, ln.amount) for ln in result.lines] == [
        (date(2024, 7, 16), D("100000.00"), D("568.31")),
        (date(2024, 7, 29), D("100000.00"), D("639.34")),
        (date(2024, 8, 11), D("60000.00"), D("619.67")),
    ]
    assert result.total == D("1827.32")


def test_invoice_interest_ru_year_boundary_splits_365_then_366():
    debt = st.Debt(D("100000.00"), date(2023, 12, 25))
    result = compute(debt, date(2024, 1, 10), st.Terms(st.RU_395), RU_TABLE)
    assert [(ln.days, ln.year_days, ln.amount) for ln in result.lines] == [
        (6, 365, D("263.01")),
        (10, 366, D("437.16")),
    ]
    assert result.total == D("700.17")


def test_invoice_interest_ru_moratorium_2022_is_one_line_without_interest():
    debt = st.Debt(D("100000.00"), date(2022, 3, 15), issued=date(2022, 3, 1))
    terms = st.Terms(st.RU_395, moratorium=True)
    result = compute(debt, date(2022, 10, 10), terms, RU_TABLE)
    assert summary(result) == [
        (date(2022, 3, 16), date(2022, 3, 31), 16, "20.00", "876.71", "interest"),
        (date(2022, 4, 1), date(2022, 10, 1), 184, "0", "0.00", "moratorium"),
        (date(2022, 10, 2), date(2022, 10, 10), 9, "7.50", "184.93", "interest"),
    ]
    assert result.total == D("1061.64")


def test_invoice_interest_ru_moratorium_opt_out_charges_every_period():
    """The debtor opted out: the caller passes ``moratorium=False``."""
    debt = st.Debt(D("100000.00"), date(2022, 3, 15), issued=date(2022, 3, 1))
    result = compute(debt, date(2022, 10, 10), st.Terms(st.RU_395), RU_TABLE)
    assert [str(ln.amount) for ln in result.lines] == [
        "1424.66",
        "1071.23",
        "882.19",
        "542.47",
        "1067.12",
        "1227.40",
        "452.05",
    ]
    assert result.total == D("6667.12")


def test_invoice_interest_ru_claim_after_moratorium_start_is_not_covered():
    debt = st.Debt(D("1000.00"), date(2022, 5, 15), issued=date(2022, 4, 15))
    terms = st.Terms(st.RU_395, moratorium=True)
    result = compute(debt, date(2022, 6, 1), terms, RU_TABLE)
    assert all(ln.kind == st.INTEREST for ln in result.lines)
    assert result.total > 0


def test_regime_periods_ru_before_august_2016_refused_not_computed():
    with pytest.raises(st.MissingRate) as caught:
        st.regime_periods(
            st.Terms(st.RU_395), RU_TABLE, date(2016, 7, 1), date(2016, 9, 1)
        )
    err = caught.value
    assert (err.rate_type, err.date_from, err.date_to, err.reason) == (
        st.RU_KEY,
        date(2016, 7, 1),
        date(2016, 7, 31),
        "before_key_rate",
    )


# --- Poland -------------------------------------------------------------------
def test_invoice_interest_pl_commercial_rate_fixed_per_half_year():
    """H1 2022: 1.75 on 1 January + 10; H2: 6.00 on 1 July + 10 (the rise to
    6.50 on 8 July waits for 2023)."""
    debt = st.Debt(D("20000.00"), date(2022, 6, 15))
    result = compute(debt, date(2022, 7, 31), st.Terms(st.PL_COMMERCIAL), PL_TABLE)
    assert summary(result) == [
        (date(2022, 6, 16), date(2022, 6, 30), 15, "11.75", "96.58", "interest"),
        (date(2022, 7, 1), date(2022, 7, 31), 31, "16.00", "271.78", "interest"),
    ]
    assert result.total == D("368.36")


def test_regime_periods_pl_commercial_matches_the_monitor_polski_notices():
    """M.P. 2020 poz. 1212: 10.1% (8.1% for public medical debtors) in H1 2021;
    M.P. 2016 poz. 43: 9.50% in H1 2016."""
    h1_2021 = (date(2021, 1, 1), date(2021, 6, 30))
    plain = st.regime_periods(st.Terms(st.PL_COMMERCIAL), PL_TABLE, *h1_2021)
    medical = st.regime_periods(
        st.Terms(st.PL_COMMERCIAL, public_medical=True), PL_TABLE, *h1_2021
    )
    h1_2016 = st.regime_periods(
        st.Terms(st.PL_COMMERCIAL), PL_TABLE, date(2016, 1, 1), date(2016, 6, 30)
    )
    assert [p.rate for p in plain + medical + h1_2016] == [
        D("10.10"),
        D("8.10"),
        D("9.50"),
    ]


def test_regime_periods_pl_commercial_margin_8_before_2020_and_10_after():
    periods = st.regime_periods(
        st.Terms(st.PL_COMMERCIAL), PL_TABLE, date(2019, 12, 1), date(2020, 1, 31)
    )
    assert [(p.date_from, p.margin, p.rate) for p in periods] == [
        (date(2019, 12, 1), D(8), D("9.50")),
        (date(2020, 1, 1), D(10), D("11.50")),
    ]


def test_batch_interest_pl_commercial_transaction_before_2020_keeps_8_points():
    old = st.Debt(D("1000.00"), date(2019, 12, 31), issued=date(2019, 12, 1))
    new = st.Debt(D("1000.00"), date(2019, 12, 31))
    old_result, new_result = st.batch_interest(
        [old, new], date(2020, 1, 31), st.Terms(st.PL_COMMERCIAL), PL_TABLE
    )
    assert [ln.rate for ln in old_result.lines] == [D("9.50")]
    assert [ln.rate for ln in new_result.lines] == [D("11.50")]


def test_invoice_interest_pl_civil_moves_with_a_change_mid_half_year():
    debt = st.Debt(D("10000.00"), date(2022, 6, 30))
    result = compute(debt, date(2022, 7, 20), st.Terms(st.PL_CIVIL), PL_TABLE)
    assert summary(result) == [
        (date(2022, 7, 1), date(2022, 7, 7), 7, "11.50", "22.05", "interest"),
        (date(2022, 7, 8), date(2022, 7, 20), 13, "12.00", "42.74", "interest"),
    ]
    assert result.total == D("64.79")


# --- EU directive -------------------------------------------------------------
def test_invoice_interest_eu_ecb_rate_of_1_january_and_1_july_plus_margin():
    """4.50 on 1 January 2024, 4.25 on 1 July (the cut of 18 September waits)."""
    debt = st.Debt(D("1000.00"), date(2024, 6, 20))
    terms = st.Terms(st.EU_DIRECTIVE, margin=D(8))
    result = compute(debt, date(2024, 9, 30), terms, ECB_TABLE)
    assert [(ln.date_from, str(ln.rate)) for ln in result.lines] == [
        (date(2024, 6, 21), "12.50"),
        (date(2024, 7, 1), "12.25"),
    ]
    short = compute(debt, date(2024, 7, 10), terms, ECB_TABLE)
    assert [ln.amount for ln in short.lines] == [D("3.42"), D("3.36")]
    assert short.total == D("6.78")


def test_invoice_interest_eu_company_margin_above_8_is_used():
    debt = st.Debt(D("1000.00"), date(2024, 2, 29))
    result = compute(
        debt, date(2024, 3, 1), st.Terms(st.EU_DIRECTIVE, margin=D(9)), ECB_TABLE
    )
    assert result.lines[0].rate == D("13.50")


# --- contractual and flat -----------------------------------------------------
def test_invoice_interest_daily_penalty_cut_at_the_cap():
    """0.1% a day, at most 5% of 10,000: 200 + 300 (cut from 505) = 500."""
    debt = st.Debt(
        D("10000.00"), date(2024, 1, 31), (st.Payment(date(2024, 2, 20), D(5000)),)
    )
    terms = st.Terms(st.CONTRACTUAL_DAILY, rate=D("0.1"), cap=D(5))
    result = compute(debt, date(2024, 5, 31), terms, [])
    assert [(ln.days, str(ln.amount), ln.kind) for ln in result.lines] == [
        (20, "200.00", "interest"),
        (101, "300.00", "capped"),
    ]
    assert result.capped and result.total == D("500.00")


def test_invoice_interest_daily_penalty_under_the_cap_not_capped():
    debt = st.Debt(
        D("10000.00"), date(2024, 1, 31), (st.Payment(date(2024, 2, 20), D(5000)),)
    )
    terms = st.Terms(st.CONTRACTUAL_DAILY, rate=D("0.1"), cap=D(5))
    result = compute(debt, date(2024, 3, 31), terms, [])
    assert [ln.per for ln in result.lines] == ["day", "day"]
    assert not result.capped and result.total == D("400.00")


def test_invoice_interest_contractual_annual_splits_at_the_year_end():
    debt = st.Debt(D("3650.00"), date(2023, 12, 21))
    terms = st.Terms(st.CONTRACTUAL_ANNUAL, rate=D(10), day_basis=360)
    result = compute(debt, date(2024, 1, 9), terms, [])
    assert [(ln.days, ln.year_days, ln.amount) for ln in result.lines] == [
        (10, 360, D("10.14")),
        (9, 360, D("9.13")),
    ]


def test_invoice_interest_flat_equals_the_letter_figures():
    rng = random.Random(24)
    today = date(2025, 3, 1)
    for _ in range(200):
        residual = D(rng.randint(1, 10**7)) / 100
        due = today - timedelta(days=rng.randint(1, 900))
        rate = D(rng.randint(0, 4000)) / 100
        letter = letter_totals(
            [LetterItem(1, due, residual)], today, rate, D(0), D("0.01"), True, None
        )
        paid = D(rng.randint(0, 10**6)) / 100
        debt = st.Debt(residual + paid, due, (st.Payment(due, paid),))
        result = compute(debt, today, st.Terms(st.FLAT, rate=rate), [])
        assert result.total == letter.interest_total


# --- missing rates ------------------------------------------------------------
def test_batch_interest_missing_rate_names_the_period():
    table = [st.RatePeriod(date(2023, 12, 18), D(16), date(2024, 8, 31))]
    debt = st.Debt(D("1000.00"), date(2024, 8, 1))
    with pytest.raises(st.MissingRate) as caught:
        compute(debt, date(2024, 9, 10), st.Terms(st.RU_395), table)
    err = caught.value
    assert (err.code, err.rate_type, err.date_from, err.date_to) == (
        "missing_rate",
        st.RU_KEY,
        date(2024, 9, 1),
        date(2024, 9, 10),
    )


def test_batch_interest_missing_rate_before_the_first_row_names_the_gap():
    debt = st.Debt(D("1000.00"), date(2023, 11, 30))
    with pytest.raises(st.MissingRate) as caught:
        compute(debt, date(2024, 1, 10), st.Terms(st.RU_395), RU_TABLE[-5:])
    assert (caught.value.date_from, caught.value.date_to) == (
        date(2023, 12, 1),
        date(2023, 12, 17),
    )


def test_regime_periods_half_year_missing_fixing_names_the_half_year():
    table = [st.RatePeriod(date(2024, 3, 1), D("5.75"))]
    with pytest.raises(st.MissingRate) as caught:
        st.regime_periods(
            st.Terms(st.PL_COMMERCIAL), table, date(2024, 5, 1), date(2024, 8, 1)
        )
    err = caught.value
    assert (err.date_from, err.date_to, err.fixing) == (
        date(2024, 5, 1),
        date(2024, 6, 30),
        date(2024, 1, 1),
    )


def test_regime_periods_gap_between_rows_refused():
    table = [
        st.RatePeriod(date(2024, 1, 1), D(5), date(2024, 1, 31)),
        st.RatePeriod(date(2024, 3, 1), D(6)),
    ]
    with pytest.raises(st.MissingRate) as caught:
        st.regime_periods(
            st.Terms(st.PL_CIVIL), table, date(2024, 1, 15), date(2024, 3, 5)
        )
    assert (caught.value.date_from, caught.value.date_to) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )


# --- compensation -------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "code", "eur"),
    [
        ("5000.00", "pl_40", 40),
        ("5000.01", "pl_70", 70),
        ("49999.99", "pl_70", 70),
        ("50000.00", "pl_100", 100),
    ],
)
def test_compensation_pl_thresholds_in_pln(amount, code, eur):
    result = st.compensation(
        st.PL_COMMERCIAL, D(amount), date(2024, 5, 15), D("4.3123")
    )
    assert (result.code, result.eur) == (code, D(eur))
    assert result.amount == (D(eur) * D("4.3123")).quantize(D("0.01"))


def test_compensation_pl_before_2020_is_40_flat():
    result = st.compensation(
        st.PL_COMMERCIAL, D("80000.00"), date(2019, 12, 31), D("4.2585")
    )
    assert (result.code, result.amount) == ("pl_40_before_2020", D("170.34"))


def test_compensation_pl_transaction_before_2020_due_after_is_40_flat():
    result = st.compensation(
        st.PL_COMMERCIAL,
        D("80000.00"),
        date(2020, 2, 15),
        D("4.2585"),
        transaction=date(2019, 12, 20),
    )
    assert result.code == "pl_40_before_2020"


def test_compensation_pl_thresholds_converted_for_another_currency():
    """A EUR company: 5,000 PLN at 0.25 EUR/PLN is 1,250 EUR."""
    at = st.compensation(
        st.PL_COMMERCIAL, D("1250.00"), date(2024, 5, 15), D(1), pln_rate=D("0.25")
    )
    above = st.compensation(
        st.PL_COMMERCIAL, D("1250.01"), date(2024, 5, 15), D(1), pln_rate=D("0.25")
    )
    assert (at.code, above.code, above.amount) == ("pl_40", "pl_70", D("70.00"))


def test_compensation_eu_40_and_none_for_other_regimes():
    eu = st.compensation(st.EU_DIRECTIVE, D("99999"), date(2024, 5, 15), D(1))
    ru = st.compensation(st.RU_395, D("99999"), date(2024, 5, 15), D(1))
    assert (eu.code, eu.amount) == ("eu_40", D("40.00"))
    assert (ru.code, ru.amount) == ("none", D("0.00"))


@pytest.mark.parametrize(
    ("due", "day"),
    [
        (date(2024, 7, 15), date(2024, 6, 28)),  # 30 June 2024 is a Sunday
        (date(2024, 7, 1), date(2024, 6, 28)),
        (date(2025, 1, 31), date(2024, 12, 31)),  # a Tuesday
        (date(2025, 3, 3), date(2025, 2, 28)),
    ],
)
def test_conversion_date_last_weekday_of_the_previous_month(due, day):
    assert st.conversion_date(due) == day


def test_conversion_date_skips_a_holiday_given():
    """Corpus Christi, Thursday 31 May 2018 in Poland."""
    assert st.conversion_date(date(2018, 6, 20), {date(2018, 5, 31)}) == date(
        2018, 5, 30
    )


# --- terms --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("terms", "problems"),
    [
        (st.Terms(st.EU_DIRECTIVE, margin=D("7.99")), [("margin", "below_minimum")]),
        (st.Terms(st.CONTRACTUAL_DAILY), [("rate", "not_positive")]),
        (st.Terms(st.CONTRACTUAL_ANNUAL, rate=D("NaN")), [("rate", "not_finite")]),
        (st.Terms(st.FLAT, rate=D(-1)), [("rate", "negative")]),
        (st.Terms(st.CONTRACTUAL_DAILY, rate=D(1), cap=D(101)), [("cap", "too_large")]),
        (st.Terms("bogus"), [("regime", "unknown")]),
        (st.Terms(st.FLAT, day_basis=364), [("day_basis", "unknown")]),
        (st.Terms(st.EU_DIRECTIVE, margin=D(9)), []),
    ],
)
def test_terms_problems_name_the_parameter_and_the_rule(terms, problems):
    assert st.terms_problems(terms) == problems


# --- properties over random payment histories ---------------------------------
def random_case(rng, regime):
    """A debt due in 2022-2025 with up to 4 payments, a letter date and terms."""
    due = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1300))
    amount = D(rng.randint(100, 10**7)) / 100
    payments = tuple(
        st.Payment(
            due + timedelta(days=rng.randint(-20, 400)),
            D(rng.randint(1, int(amount * 30))) / 100,
        )
        for _ in range(rng.randint(0, 4))
    )
    to = due + timedelta(days=rng.randint(1, 500))
    terms = {
        st.RU_395: st.Terms(st.RU_395, moratorium=rng.random() < 0.5),
        st.PL_COMMERCIAL: st.Terms(st.PL_COMMERCIAL),
        st.PL_CIVIL: st.Terms(st.PL_CIVIL, day_basis=rng.choice([365, None])),
        st.EU_DIRECTIVE: st.Terms(st.EU_DIRECTIVE, margin=D(8)),
        st.CONTRACTUAL_DAILY: st.Terms(
            st.CONTRACTUAL_DAILY, rate=D("0.1"), cap=rng.choice([None, D(10)])
        ),
    }[regime]
    issued = due - timedelta(days=rng.randint(0, 60))
    return st.Debt(amount, due, payments, issued), to, terms


REGIME_TABLES = {
    st.RU_395: RU_TABLE,
    st.PL_COMMERCIAL: PL_TABLE,
    st.PL_CIVIL: PL_TABLE,
    st.EU_DIRECTIVE: ECB_TABLE,
    st.CONTRACTUAL_DAILY: [],
}


def test_batch_interest_property_split_changes_total_by_rounding_only():
    """An extra published row at the same rate splits a line: the total moves
    by no more than half a cent per line of either side."""
    rng = random.Random(395)
    for _ in range(300):
        regime = rng.choice([st.RU_395, st.PL_CIVIL])
        debt, to, terms = random_case(rng, regime)
        table = REGIME_TABLES[regime]
        split_day = debt.due + timedelta(
            days=rng.randint(2, max(2, (to - debt.due).days))
        )
        same = st._Table.of(table).rate_on(split_day)
        split_table = [*table, st.RatePeriod(split_day, same)]
        whole = compute(debt, to, terms, table)
        split = compute(debt, to, terms, split_table)
        bound = HALF_CENT * (len(whole.lines) + len(split.lines))
        assert abs(whole.total - split.total) <= bound
        assert split.total == sum((ln.amount for ln in split.lines), D("0.00"))


def test_batch_interest_property_zero_on_and_before_the_due_date():
    rng = random.Random(481)
    for _ in range(200):
        regime = rng.choice(list(REGIME_TABLES))
        debt, _to, terms = random_case(rng, regime)
        to = debt.due - timedelta(days=rng.randint(0, 30))
        result = compute(debt, to, terms, REGIME_TABLES[regime])
        assert result.lines == () and result.total == 0


def test_batch_interest_property_monotonic_in_time():
    rng = random.Random(2011)
    for _ in range(300):
        regime = rng.choice(list(REGIME_TABLES))
        debt, to, terms = random_case(rng, regime)
        later = to + timedelta(days=rng.randint(1, 120))
        table = REGIME_TABLES[regime]
        assert compute(debt, to, terms, table).total <= (
            compute(debt, later, terms, table).total
        )


def test_batch_interest_property_payment_lowers_every_later_line():
    rng = random.Random(497)
    for _ in range(300):
        regime = rng.choice(list(REGIME_TABLES))
        debt, to, terms = random_case(rng, regime)
        table = REGIME_TABLES[regime]
        if (to - debt.due).days < 3:
            continue
        pay_day = debt.due + timedelta(days=rng.randint(1, (to - debt.due).days - 1))
        paid = st.Debt(
            debt.amount,
            debt.due,
            (*debt.payments, st.Payment(pay_day, D("0.50"))),
            debt.issued,
        )
        before = compute(debt, to, terms, table)
        after = compute(paid, to, terms, table)
        bound = HALF_CENT * (len(before.lines) + len(after.lines))
        assert after.total <= before.total + bound
        for line in after.lines:
            if line.date_from <= pay_day:
                continue
            old = next(
                ln
                for ln in before.lines
                if ln.date_from <= line.date_from <= ln.date_to
            )
            assert line.base < old.base
