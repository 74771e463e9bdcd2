# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statutory interest (issue #24): the published rates, the regime settings of
the company and the customer, and the service on real invoices."""

from datetime import date
from decimal import Decimal

from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestCollectionInterest(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rate = cls.env["collection.interest.rate"]
        cls.Service = cls.env["collection.interest"]
        cls.company = cls.env.company

    # --- helpers --------------------------------------------------------------
    def invoice_due(self, amount, due):
        return self.make_invoice(amount, (due - self.today).days)

    def items(self, *invoices):
        lines = invoices[0].line_ids.browse()
        for invoice in invoices:
            lines |= invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
        return self.Service._collection_interest_items(lines)

    def new_rate(self, user=None, **vals):
        return (
            self.Rate.with_user(user or self.env.user)
            .sudo(not user)
            .create(
                {
                    "rate_type": "ru_key",
                    "date_from": date(2030, 1, 1),
                    "rate": 10.0,
                    "source": "Test notice",
                    **vals,
                }
            )
        )

    def currency_rate(self, currency, day, rate):
        self.env["res.currency.rate"].sudo().create(
            {
                "currency_id": currency.id,
                "name": day,
                "rate": rate,
                "company_id": self.company.id,
            }
        )

    # --- the published rates --------------------------------------------------
    def test_shipped_rates_cover_2016_with_a_source_each(self):
        """Every kind is shipped from (at least) 1 January 2016, each row names
        its publication and says how it was checked."""
        rows = self.Rate.sudo().search([])
        for kind in ("ru_key", "pl_reference", "ecb_mro"):
            mine = rows.filtered(lambda r, kind=kind: r.rate_type == kind)
            self.assertLessEqual(min(mine.mapped("date_from")), date(2016, 1, 1))
        self.assertTrue(all(rows.mapped("source")))
        self.assertTrue(all(rows.mapped("note")))

    def test_rate_above_100_refused_naming_the_field(self):
        with self.assertRaisesRegex(ValidationError, r"Rate \(% per year\)"):
            self.new_rate(rate=150.0)

    def test_rate_not_finite_refused(self):
        with self.assertRaises(ValidationError):
            self.new_rate(rate=float("nan"))

    def test_rate_known_until_before_valid_from_refused(self):
        with self.assertRaisesRegex(ValidationError, "Known Until"):
            self.new_rate(date_to=date(2029, 12, 31))

    def test_rate_one_per_kind_and_day(self):
        self.new_rate()
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            self.new_rate(rate=11.0)
            self.env.flush_all()

    def test_rate_access_per_group(self):
        """Viewers and collectors read; managers create and correct; nobody
        deletes a published rate (a letter may have used it)."""
        row = self.new_rate()
        for user in (self.viewer, self.collector):
            self.assertEqual(row.with_user(user).rate, 10.0)
            with self.assertRaises(AccessError):
                row.with_user(user).write({"rate": 11.0})
            with self.assertRaises(AccessError):
                self.new_rate(user=user, date_from=date(2031, 1, 1))
        mine = self.new_rate(user=self.manager, date_from=date(2031, 1, 1))
        mine.with_user(self.manager).write({"rate": 9.5})
        self.assertEqual(mine.rate, 9.5)
        with self.assertRaises(AccessError):
            mine.with_user(self.manager).unlink()

    # --- the company and the customer ----------------------------------------
    def test_new_company_default_regime_follows_its_country(self):
        expected = {"ru": "ru_395", "pl": "pl_commercial", "de": "eu_directive"}
        expected["us"] = "flat"
        for code, regime in expected.items():
            company = (
                self.env["res.company"]
                .sudo()
                .create(
                    {
                        "name": f"Interest Co {code}",
                        "country_id": self.env.ref(f"base.{code}").id,
                    }
                )
            )
            self.assertEqual(company.collection_interest_regime, regime, code)

    def test_new_company_explicit_regime_kept(self):
        company = (
            self.env["res.company"]
            .sudo()
            .create(
                {
                    "name": "Interest Co explicit",
                    "country_id": self.env.ref("base.ru").id,
                    "collection_interest_regime": "flat",
                }
            )
        )
        self.assertEqual(company.collection_interest_regime, "flat")

    def test_company_eu_margin_below_8_refused_naming_the_field(self):
        with self.assertRaisesRegex(ValidationError, "EU Directive Margin"):
            self.company.write(
                {
                    "collection_interest_regime": "eu_directive",
                    "collection_interest_margin": 7.5,
                }
            )

    def test_company_daily_penalty_needs_a_positive_rate(self):
        with self.assertRaisesRegex(ValidationError, "Daily Penalty"):
            self.company.write({"collection_interest_regime": "contractual_daily"})

    def test_customer_regime_is_per_company(self):
        other = self.env["res.company"].sudo().create({"name": "Interest Co other"})
        self.customer.with_company(self.company).write(
            {
                "collection_interest_regime": "contractual_daily",
                "collection_interest_daily_rate": 0.1,
            }
        )
        terms = self.Service._collection_terms(self.company, self.customer)
        self.assertEqual(terms.regime, "contractual_daily")
        other_terms = self.Service._collection_terms(other, self.customer)
        self.assertEqual(other_terms.regime, "flat")

    def test_customer_bad_terms_refused_at_use_naming_the_field(self):
        self.customer.with_company(self.company).write(
            {"collection_interest_regime": "contractual_daily"}
        )
        with self.assertRaisesRegex(UserError, "Contract Daily Penalty"):
            self.Service._collection_terms(self.company, self.customer)

    # --- the service on invoices ---------------------------------------------
    def test_service_ru_partial_payment_hand_computed(self):
        """100,000 due 15 July 2024, 40,000 paid on 10 August, letter of
        31 August: 568.31 + 639.34 + 619.67 (days over 366)."""
        self.company.collection_interest_regime = "ru_395"
        invoice = self.invoice_due(100000.0, date(2024, 7, 15))
        self.pay(invoice, 40000.0, date=date(2024, 8, 10))
        result = self.Service._collection_interest(
            self.company, self.customer, self.items(invoice), date(2024, 8, 31)
        )
        (item,) = result["items"]
        self.assertEqual(
            [line.amount for line in item["lines"]],
            [Decimal("568.31"), Decimal("639.34"), Decimal("619.67")],
        )
        self.assertEqual(item["lines"][-1].base, Decimal("60000.00"))
        self.assertEqual(result["interest_total"], Decimal("1827.32"))
        self.assertEqual(result["total"], Decimal("1827.32"))
        self.assertEqual(item["compensation"].code, "none")

    def test_service_ru_worked_example_paid_in_full(self):
        self.company.collection_interest_regime = "ru_395"
        invoice = self.invoice_due(100000.0, date(2024, 7, 15))
        self.pay(invoice, 100000.0, date=date(2024, 11, 15))
        result = self.Service._collection_interest(
            self.company, self.customer, self.items(invoice), date(2024, 11, 15)
        )
        self.assertEqual(result["interest_total"], Decimal("6248.64"))

    def test_service_customer_daily_penalty_replaces_art_395(self):
        """0.1% a day of 10,000, capped at 5%: 500 however long the delay."""
        self.company.collection_interest_regime = "ru_395"
        self.customer.with_company(self.company).write(
            {
                "collection_interest_regime": "contractual_daily",
                "collection_interest_daily_rate": 0.1,
                "collection_interest_cap": 5.0,
            }
        )
        invoice = self.invoice_due(10000.0, date(2024, 1, 31))
        result = self.Service._collection_interest(
            self.company, self.customer, self.items(invoice), date(2024, 12, 31)
        )
        self.assertEqual(result["interest_total"], Decimal("500.00"))
        self.assertTrue(result["items"][0]["capped"])

    def test_service_missing_rate_refused_naming_the_period(self):
        """The shipped key rate is known through 22 March 2026."""
        self.company.collection_interest_regime = "ru_395"
        invoice = self.invoice_due(1000.0, date(2026, 3, 1))
        with self.assertRaisesRegex(UserError, "2026-03-23 to 2026-04-30"):
            self.Service._collection_interest(
                self.company, self.customer, self.items(invoice), date(2026, 4, 30)
            )

    def test_service_pl_compensation_refused_without_eur_rate(self):
        self.company.collection_interest_regime = "pl_commercial"
        invoice = self.invoice_due(2000.0, date(2024, 7, 15))
        with self.assertRaisesRegex(UserError, "2024-06-28"):
            self.Service._collection_interest(
                self.company, self.customer, self.items(invoice), date(2024, 7, 31)
            )

    def test_service_pl_compensation_converted_at_the_last_business_day(self):
        """Rates of Friday 28 June 2024: 1 USD = 0.9 EUR = 4 PLN. 2,000 USD is
        8,000 PLN: EUR 70 = 77.78 USD; 16 days at 5.75 + 10 = 13.81."""
        self.company.collection_interest_regime = "pl_commercial"
        day = date(2024, 6, 28)
        self.currency_rate(self.company.currency_id, day, 1.0)
        self.currency_rate(self.env.ref("base.EUR"), day, 0.9)
        self.currency_rate(self.env.ref("base.PLN"), day, 4.0)
        invoice = self.invoice_due(2000.0, date(2024, 7, 15))
        result = self.Service._collection_interest(
            self.company, self.customer, self.items(invoice), date(2024, 7, 31)
        )
        (item,) = result["items"]
        self.assertEqual(item["conversion_date"], day)
        self.assertEqual(item["compensation"].code, "pl_70")
        self.assertEqual(item["compensation"].amount, Decimal("77.78"))
        self.assertEqual(result["interest_total"], Decimal("13.81"))
        self.assertEqual(result["total"], Decimal("91.59"))

    def test_service_flat_matches_the_company_rate(self):
        """Flat, 10% a year over 365 days: 1,000 late 30 days = 8.22."""
        self.company.collection_interest_rate = 10.0
        invoice = self.invoice_due(1000.0, date(2025, 1, 30))
        result = self.Service._collection_interest(
            self.company, self.customer, self.items(invoice), date(2025, 3, 1)
        )
        self.assertEqual(result["regime"], "flat")
        self.assertEqual(result["interest_total"], Decimal("8.22"))

    def test_service_batch_gives_each_debtor_its_own_figures(self):
        """A batch reads the published rates once and answers per debtor as
        single calls do."""
        self.company.collection_interest_regime = "ru_395"
        invoice = self.invoice_due(100000.0, date(2024, 7, 15))
        invoice_b = self.make_invoice(
            1000.0, (date(2024, 7, 15) - self.today).days, partner=self.customer_b
        )
        debtors = [
            (self.customer, self.items(invoice)),
            (self.customer_b, self.items(invoice_b)),
        ]
        results = self.Service._collection_interest_batch(
            self.company, debtors, date(2024, 11, 15)
        )
        for partner, items in debtors:
            single = self.Service._collection_interest(
                self.company, partner, items, date(2024, 11, 15)
            )
            self.assertEqual(
                results[partner.id]["interest_total"], single["interest_total"]
            )
        self.assertEqual(
            results[self.customer.id]["interest_total"], Decimal("6248.64")
        )
        self.assertEqual(
            results[self.customer_b.id]["interest_total"], Decimal("62.48")
        )
