# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The statutory interest of a debtor's open items: records to lib inputs and
back. The rules are in :mod:`..lib.statutory`."""

from decimal import Decimal

from odoo import api, models
from odoo.exceptions import UserError

from ..lib import statutory

# Regimes whose rate (or daily penalty) is a term of the contract.
RATE_REGIMES = frozenset(
    {statutory.FLAT, statutory.CONTRACTUAL_ANNUAL, statutory.CONTRACTUAL_DAILY}
)
DAY_BASES = {"actual": None, "365": 365, "360": 360}


class CollectionInterest(models.AbstractModel):
    _name = "collection.interest"
    _description = "Collections Statutory Interest"

    # === BUSINESS / HOOKS === #
    @api.model
    def _collection_interest(self, company, partner, items, date_to, rates=None):
        """The interest of ``partner``'s open ``items`` on ``date_to``, per
        invoice and line, with the fixed compensation where the regime owes
        one. Amounts are in the company's currency.

        :param company: the creditor (``res.company``).
        :param partner: the debtor; its commercial entity's terms apply.
        :param items: dicts with ``key`` (anything, e.g. the move line id),
            ``date_due``, ``residual`` (still open), ``payments`` (``(date,
            amount)`` applied to it) and optionally ``amount`` (the invoice's
            amount; default ``residual`` + the payments) and ``date`` (the
            invoice date: the Russian moratorium and the Polish 2020 rules).
            Build them from move lines with :meth:`_collection_interest_items`.
        :param date_to: the letter's date (the last day of interest).
        :param rates: the published rates already read for a batch of letters
            (:meth:`collection.interest.rate._periods`); read here when
            ``None``.
        :return: a dict: ``regime`` (code), ``terms`` (the lib terms),
            ``date_to``, ``currency`` (``res.currency``), ``items`` (one dict
            per item, in order: ``key``, ``lines`` (``statutory.InterestLine``),
            ``interest``, ``capped``, ``compensation`` (a
            ``statutory.Compensation``) and ``conversion_date``),
            ``interest_total``, ``compensation_total`` and ``total``
            (``Decimal``, each the sum of what it totals).
        :raises UserError: unusable terms (naming the field), a period without
            a published rate (naming it), or no EUR rate for a compensation.
        """
        company.ensure_one()
        terms = self._collection_terms(company, partner)
        currency = company.currency_id
        quantum = Decimal(str(currency.rounding))
        rate_type = statutory.BASE_RATE.get(terms.regime)
        published = ()
        if rate_type:
            if rates is None:
                rates = self.env["collection.interest.rate"]._periods([rate_type])
            published = rates.get(rate_type, ())
        debts = [self._collection_debt(item) for item in items]
        try:
            results = statutory.batch_interest(
                debts, date_to, terms, published, quantum
            )
        except statutory.MissingRate as err:
            raise UserError(self._collection_missing_rate_message(err)) from None
        converted = {}
        out = []
        zero = Decimal(0).quantize(quantum)
        for item, debt, result in zip(items, debts, results, strict=True):
            comp, day = statutory.Compensation("none", Decimal(0), zero), None
            if terms.regime in statutory.WITH_COMPENSATION and date_to > debt.due:
                day = statutory.conversion_date(debt.due)
                if day not in converted:
                    converted[day] = self._collection_compensation_rates(
                        company, terms.regime, day
                    )
                eur_rate, pln_rate = converted[day]
                comp = statutory.compensation(
                    terms.regime,
                    debt.amount,
                    debt.due,
                    eur_rate,
                    pln_rate,
                    transaction=debt.issued,
                    quantum=quantum,
                )
            out.append(
                {
                    "key": item.get("key"),
                    "lines": result.lines,
                    "interest": result.total,
                    "capped": result.capped,
                    "compensation": comp,
                    "conversion_date": day,
                }
            )
        interest_total = sum((row["interest"] for row in out), zero)
        compensation_total = sum((row["compensation"].amount for row in out), zero)
        return {
            "regime": terms.regime,
            "terms": terms,
            "date_to": date_to,
            "currency": currency,
            "items": out,
            "interest_total": interest_total,
            "compensation_total": compensation_total,
            "total": interest_total + compensation_total,
        }

    @api.model
    def _collection_interest_batch(self, company, debtors, date_to):
        """:meth:`_collection_interest` for many debtors of one company, the
        published rates read once.

        :param debtors: ``[(partner, items), ...]``.
        :return: ``{partner.id: result}``.
        """
        rates = self.env["collection.interest.rate"]._periods(statutory.RATE_TYPES)
        return {
            partner.id: self._collection_interest(
                company, partner, items, date_to, rates=rates
            )
            for partner, items in debtors
        }

    @api.model
    def _collection_interest_items(self, lines):
        """Items of :meth:`_collection_interest` from receivable move lines:
        their amount, residual and the partial reconciliations that paid
        them, in the company's currency (one query for all the lines).

        :param lines: ``account.move.line`` records (debits).
        """
        lines = lines.sudo()
        lines.fetch(["balance", "amount_residual", "date_maturity", "date", "move_id"])
        partials = lines.matched_credit_ids
        partials.fetch(["debit_move_id", "amount", "max_date"])
        paid = {}
        for partial in partials:
            paid.setdefault(partial.debit_move_id.id, []).append(
                (partial.max_date, Decimal(str(partial.amount)))
            )
        return [
            {
                "key": line.id,
                "date_due": line.date_maturity or line.date,
                "amount": Decimal(str(line.balance)),
                "residual": Decimal(str(line.amount_residual)),
                "payments": paid.get(line.id, []),
                "date": line.move_id.invoice_date or line.date,
            }
            for line in lines
        ]

    @api.model
    def _collection_terms(self, company, partner):
        """The terms of ``partner``'s contract with ``company``: the partner's
        regime when set (with its own rate, penalty and cap for a contractual
        or flat regime), else the company's.

        :return: a ``statutory.Terms``.
        :raises UserError: unusable terms, naming the field and the rule.
        """
        company = company.sudo()
        partner = partner.commercial_partner_id.sudo().with_company(company)
        own = partner.collection_interest_regime
        regime = own or company.collection_interest_regime or statutory.FLAT
        source = partner if own and regime in RATE_REGIMES else company
        if regime == statutory.CONTRACTUAL_DAILY:
            rate = source.collection_interest_daily_rate
        else:
            rate = source.collection_interest_rate
        russian = regime == statutory.RU_395 or company.country_id.code == "RU"
        terms = statutory.Terms(
            regime=regime,
            rate=Decimal(str(rate or 0)),
            margin=Decimal(str(company.collection_interest_margin or 0)),
            cap=Decimal(str(source.collection_interest_cap or 0)) or None,
            day_basis=DAY_BASES.get(company.collection_interest_day_basis, 365),
            public_medical=partner.collection_public_medical,
            moratorium=russian and not partner.collection_moratorium_opt_out,
        )
        problems = statutory.terms_problems(terms)
        if problems:
            parameter, code = problems[0]
            raise UserError(
                self._collection_terms_message(
                    source if parameter in ("rate", "cap") else company,
                    regime,
                    parameter,
                    code,
                )
            )
        return terms

    @api.model
    def _collection_debt(self, item):
        payments = tuple(
            statutory.Payment(day, Decimal(str(amount)))
            for day, amount in item.get("payments") or ()
        )
        residual = Decimal(str(item["residual"]))
        amount = item.get("amount")
        if amount is None:
            amount = residual + sum((p.amount for p in payments), Decimal(0))
        return statutory.Debt(
            Decimal(str(amount)), item["date_due"], payments, item.get("date")
        )

    @api.model
    def _collection_compensation_rates(self, company, regime, day):
        """``(eur_rate, pln_rate)``: units of the company's currency per euro
        and per zloty on ``day``, from the rates recorded for the company.

        :raises UserError: no rate of a needed currency recorded in the month
            of ``day`` up to ``day`` (Odoo would silently fall back to an old
            rate or to 1).
        """
        currency = company.currency_id
        needed = [self.env.ref("base.EUR")]
        if regime == statutory.PL_COMMERCIAL:
            needed.append(self.env.ref("base.PLN"))
        converted = []
        for other in needed:
            if other == currency:
                converted.append(Decimal(1))
                continue
            for checked in (other, currency):
                self._collection_check_rate(company, checked, day)
            rate = self.env["res.currency"]._get_conversion_rate(
                other, currency, company, day
            )
            converted.append(Decimal(str(rate)))
        if len(converted) == 1:
            converted.append(Decimal(1))
        return tuple(converted)

    @api.model
    def _collection_check_rate(self, company, currency, day):
        """Refuse when ``currency`` has rates but none from the first of the
        month of ``day`` through ``day``; a currency without any rate is the
        database's reference currency (rate 1)."""
        Rate = self.env["res.currency.rate"].sudo()
        domain = [
            ("currency_id", "=", currency.id),
            ("company_id", "in", (False, company.root_id.id)),
        ]
        if currency != self.env.ref("base.EUR") and not Rate.search_count(
            domain, limit=1
        ):
            return
        window = [("name", ">=", day.replace(day=1)), ("name", "<=", day)]
        if not Rate.search_count(domain + window, limit=1):
            raise UserError(
                self.env._(
                    "Compensation for recovery costs: no %(currency)s rate is "
                    "recorded for %(company)s between %(start)s and %(day)s. The "
                    "euro amount is converted at the rate of %(day)s, the last "
                    "business day of the month before the invoice fell due: add "
                    "that rate in Accounting > Configuration > Currencies.",
                    currency=currency.name,
                    company=company.name,
                    start=day.replace(day=1),
                    day=day,
                )
            )

    @api.model
    def _collection_missing_rate_message(self, err):
        kinds = dict(
            self.env["collection.interest.rate"]
            ._fields["rate_type"]
            ._description_selection(self.env)
        )
        kind = kinds.get(err.rate_type, err.rate_type)
        if err.reason == "before_key_rate":
            return self.env._(
                "Interest under art. 395 of the Russian Civil Code cannot be "
                "computed for %(date_from)s to %(date_to)s: before 1 August 2016 it "
                "followed the average deposit rates of each federal district, "
                "which Collections does not record.",
                date_from=err.date_from,
                date_to=err.date_to,
            )
        if err.fixing:
            return self.env._(
                "Missing rate: no %(kind)s is recorded in force on %(fixing)s, "
                "which sets the interest of %(date_from)s to %(date_to)s. Add it "
                "in Collections > Configuration > Published Rates.",
                kind=kind,
                fixing=err.fixing,
                date_from=err.date_from,
                date_to=err.date_to,
            )
        return self.env._(
            "Missing rate: no %(kind)s is recorded for %(date_from)s to "
            "%(date_to)s. Add it in Collections > Configuration > Published "
            "Rates (a rate applies until the next one, or until its Known Until "
            "date).",
            kind=kind,
            date_from=err.date_from,
            date_to=err.date_to,
        )

    @api.model
    def _collection_terms_message(self, record, regime, parameter, code):
        """A ``statutory.terms_problems`` problem, naming the field of
        ``record`` (the company or the customer) that holds the parameter."""
        if parameter == "rate" and regime == statutory.CONTRACTUAL_DAILY:
            fname = "collection_interest_daily_rate"
        else:
            fname = {
                "rate": "collection_interest_rate",
                "margin": "collection_interest_margin",
                "cap": "collection_interest_cap",
                "day_basis": "collection_interest_day_basis",
                "regime": "collection_interest_regime",
            }[parameter]
        rules = {
            "not_finite": self.env._("must be a finite number"),
            "negative": self.env._("cannot be negative"),
            "too_large": self.env._("cannot be above %(max)s", max=statutory.MAX_RATE),
            "not_positive": self.env._("must be above 0 for this regime"),
            "below_minimum": self.env._(
                "must be at least %(min)s points (directive 2011/7/EU)",
                min=statutory.EU_MIN_MARGIN,
            ),
            "unknown": self.env._("is not one Collections knows"),
        }
        return self.env._(
            "%(field)s of %(record)s %(rule)s.",
            field=record._fields[fname].string,
            record=record.display_name,
            rule=rules[code],
        )
