"""Deterministic receivables data for the collections_addon benchmark.

Usage: ``PYTHONPATH=$ODOO_SRC python bench/generate.py --db DB --size S|M
--hooks FILE`` on a database where ``collections_addon`` is installed without
demo data.

Everything goes through the accounting, never through the addon's tables:

1. master data with the ORM: three companies with the generic chart, EUR with
   monthly rates, the payment terms, the customers (and some contacts);
2. a few dozen *template* documents per company with the ORM, exactly as a user
   makes them: invoices (one and two installments), credit notes, payments
   registered with the payment wizard and unapplied payments;
3. the bulk: a plan drawn from ``random.Random(seed)`` (dates, amounts, payment
   behaviour), materialised by cloning the template rows (``account_move``,
   ``account_move_line``, ``account_payment``, ``account_partial_reconcile``,
   ``account_full_reconcile``) with ``COPY``. Every amount, residual, matching
   number and reconciliation is computed here the way the accounting computes
   it, then checked against the partials by :func:`validate`.

Payments in EUR are booked at the rate of the invoice they pay, so no exchange
difference entry is needed; unapplied payments use the rate of their own date.
"""

import argparse
import io
import json
import math
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit, log, open_registry, superuser_env  # noqa: E402

SEED = 20261122
# The day the data set is "as of": the measurement refreshes with this date.
ANCHOR = date(2026, 10, 31)
YEARS = 5
TEMPLATE_DATE = date(2020, 6, 15)  # before the 5-year window: own sequence year
CENT = Decimal("0.01")

SIZES = {
    # partners: commercial partners; invoices: customer invoices in total,
    # big_lines of them open on one debtor of the first company.
    "S": {"partners": 400, "invoices": 5000, "big_lines": 2000},
    "M": {"partners": 20000, "invoices": 200000, "big_lines": 20000},
}
COMPANY_NAMES = ("Bench Company A", "Bench Company B", "Bench Company C")
COMPANY_WEIGHTS = (0.5, 0.3, 0.2)
SECOND_COMPANY_SHARE = 0.25
CONTACT_SHARE = 0.10
EUR_SHARE = 0.20
INSTALLMENT_SHARE = 0.15
CREDIT_NOTE_SHARE = 0.03
UNAPPLIED_SHARE = 0.015
# Payment behaviour profiles: weight, (min, max) days paid after due date.
PROFILES = {
    "good": (0.45, (-5, 0)),
    "forgetful": (0.25, (2, 15)),
    "chronic": (0.15, (30, 120)),
    "irresponsible": (0.08, (20, 60)),
    "involuntary": (0.05, (-3, 3)),
    "fraud": (0.02, None),
}


def money(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------
# 1. Master data (ORM)
# ---------------------------------------------------------------------------


def setup_master_data(env, size, rng):
    """Companies, currency rates, terms and customers; returns a dict of ids."""
    from odoo import Command

    usd = env.ref("base.USD")
    eur = env.ref("base.EUR")
    eur.active = True
    usd.active = True
    main = env.ref("base.main_company")
    main.write({"name": COMPANY_NAMES[0], "currency_id": usd.id})
    companies = main
    for name in COMPANY_NAMES[1:]:
        company = env["res.company"].create(
            {
                "name": name,
                "currency_id": usd.id,
                "country_id": env.ref("base.us").id,
            }
        )
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
        companies |= company
    if not main.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", main, install_demo=False
        )
    for user in env["res.users"].browse([1, 2]).exists():
        user.company_ids = [Command.link(c.id) for c in companies]

    # EUR per 1 USD, one rate a month, shared by all companies.
    rates = {}
    day = date(TEMPLATE_DATE.year - 1, 1, 1)
    value = 0.92
    while day <= ANCHOR:
        value = min(0.99, max(0.84, value + rng.uniform(-0.012, 0.012)))
        rates[day] = round(value, 6)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    env["res.currency.rate"].create(
        [
            {"currency_id": eur.id, "company_id": False, "name": d, "rate": r}
            for d, r in rates.items()
        ]
    )

    term_30 = env.ref("account.account_payment_term_30days")
    term_2 = env["account.payment.term"].create(
        {
            "name": "Bench: 30% now, balance 60 days",
            "line_ids": [
                Command.create(
                    {"value": "percent", "value_amount": 30.0, "nb_days": 0}
                ),
                Command.create(
                    {"value": "percent", "value_amount": 70.0, "nb_days": 60}
                ),
            ],
        }
    )

    partners = create_partners(env, size, rng)
    return {
        "usd": usd.id,
        "eur": eur.id,
        "companies": companies.ids,
        "rates": rates,
        "term_30": term_30.id,
        "term_2": term_2.id,
        **partners,
    }


def create_partners(env, size, rng):
    """Commercial customers in batches; a share of them get an invoicing contact."""
    count = SIZES[size]["partners"]
    Partner = env["res.partner"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    width = len(str(count))
    vals = [
        {
            "name": f"Bench Customer {index:0{width}d}",
            "ref": f"BENCH-{index:0{width}d}",
            "is_company": True,
            "customer_rank": 1,
            "email": f"ar{index}@customer{index}.example.com",
        }
        for index in range(1, count + 1)
    ]
    ids = []
    for start in range(0, len(vals), 1000):
        ids += Partner.create(vals[start : start + 1000]).ids
    contact_of = {}
    with_contact = [pid for pid in ids if rng.random() < CONTACT_SHARE]
    contact_vals = [
        {
            "name": f"Accountant of {pid}",
            "parent_id": pid,
            "type": "invoice",
            "email": f"accounting{pid}@example.com",
        }
        for pid in with_contact
    ]
    for start in range(0, len(contact_vals), 1000):
        batch = contact_vals[start : start + 1000]
        created = Partner.create(batch)
        for vals_, contact in zip(batch, created, strict=True):
            contact_of[vals_["parent_id"]] = contact.id
    template = Partner.create(
        {"name": "Bench Template Customer", "is_company": True, "customer_rank": 1}
    )
    return {"partners": ids, "contact_of": contact_of, "template_partner": template.id}


# ---------------------------------------------------------------------------
# 2. Template documents (ORM)
# ---------------------------------------------------------------------------

# Template kinds: the final state of a document, made once per company and
# currency. Invoices are 100.00 (two-line term: 30.00 + 70.00).
INVOICE_KINDS = {
    # kind: (two-line term, payments as amounts in order)
    "inv1_open": (False, ()),
    "inv1_partial": (False, (40,)),
    "inv1_paid": (False, (100,)),
    "inv1_paid2": (False, (40, 60)),
    "inv2_open": (True, ()),
    "inv2_partial": (True, (30,)),
    "inv2_paid": (True, (30, 70)),
}


def create_templates(env, master):
    """Make every template document with the ORM; return their ids by key.

    Keys are ``(company_id, currency_id, kind)``; invoices map to
    ``{"move": id, "payments": [payment ids]}``.
    """
    from odoo import Command

    templates = {}
    partner = env["res.partner"].browse(master["template_partner"])
    for company_id in master["companies"]:
        company = env["res.company"].browse(company_id)
        cenv = env(context=dict(env.context, allowed_company_ids=[company_id]))
        Move = cenv["account.move"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        journals = cenv["account.journal"].search(
            [("company_id", "=", company_id), ("type", "in", ("sale", "bank"))],
            order="id",
        )
        sale = journals.filtered(lambda j: j.type == "sale")[:1]
        bank = journals.filtered(lambda j: j.type == "bank")[:1]
        for currency_id in (company.currency_id.id, master["eur"]):
            for kind, (two_lines, payments) in INVOICE_KINDS.items():
                term = master["term_2"] if two_lines else master["term_30"]
                move = Move.create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "journal_id": sale.id,
                        "currency_id": currency_id,
                        "invoice_date": TEMPLATE_DATE,
                        "date": TEMPLATE_DATE,
                        "invoice_payment_term_id": term,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Bench goods",
                                    "quantity": 1,
                                    "price_unit": 100.0,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
                move.action_post()
                pay_ids = []
                for amount in payments:
                    wizard = (
                        cenv["account.payment.register"]
                        .with_context(active_model="account.move", active_ids=move.ids)
                        .create(
                            {
                                "payment_date": TEMPLATE_DATE,
                                "amount": amount,
                                "journal_id": bank.id,
                                "currency_id": currency_id,
                            }
                        )
                    )
                    pay_ids += wizard._create_payments().ids
                templates[(company_id, currency_id, kind)] = {
                    "move": move.id,
                    "payments": pay_ids,
                }
            refund = Move.create(
                {
                    "move_type": "out_refund",
                    "partner_id": partner.id,
                    "journal_id": sale.id,
                    "currency_id": currency_id,
                    "invoice_date": TEMPLATE_DATE,
                    "date": TEMPLATE_DATE,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Bench credit",
                                "quantity": 1,
                                "price_unit": 100.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            refund.action_post()
            templates[(company_id, currency_id, "refund")] = {
                "move": refund.id,
                "payments": [],
            }
            payment = cenv["account.payment"].create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.id,
                    "amount": 100.0,
                    "currency_id": currency_id,
                    "journal_id": bank.id,
                    "date": TEMPLATE_DATE,
                    "memo": "Bench unapplied payment",
                }
            )
            payment.action_post()
            templates[(company_id, currency_id, "unapplied")] = {
                "move": payment.move_id.id,
                "payments": [payment.id],
            }
    env.flush_all()
    return templates


# ---------------------------------------------------------------------------
# 3. The plan (pure Python, deterministic)
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Line:
    role: str  # income | term | liquidity | counterpart
    balance: Decimal
    amount_currency: Decimal
    date_maturity: date | None
    partner_id: int
    reconcilable: bool = False
    residual: Decimal = Decimal(0)
    residual_currency: Decimal = Decimal(0)
    id: int = 0
    full_id: int | None = None
    matching: str | None = None
    installment: int = 0


@dataclass(slots=True)
class Doc:
    kind: str  # invoice | refund | payment
    company_id: int
    currency_id: int
    partner_id: int  # commercial partner
    address_id: int  # partner on the document (the commercial one or a contact)
    day: date
    amount: Decimal  # in document currency
    rate: float  # document currency per company currency unit
    template_kind: str
    two_lines: bool = False
    lines: list = field(default_factory=list)
    id: int = 0
    payment_id: int = 0
    name: str = ""
    memo: str = ""
    invoice: "Doc | None" = None  # the invoice a payment pays
    payments: list = field(default_factory=list)


@dataclass(slots=True)
class Partial:
    debit: Line
    credit: Line
    amount: Decimal
    amount_currency: Decimal
    currency_id: int
    company_id: int
    max_date: date
    id: int = 0
    full_id: int | None = None


class Planner:
    """Draws every document of the data set from one ``random.Random``."""

    def __init__(self, size, master, rng):
        self.cfg = SIZES[size]
        self.master = master
        self.rng = rng
        self.rates = master["rates"]
        self.start = ANCHOR - timedelta(days=365 * YEARS)
        self.docs = []
        self.partials = []
        self.usd = master["usd"]
        self.eur = master["eur"]

    # --- helpers ---
    def rate(self, currency_id, day):
        if currency_id == self.usd:
            return 1.0
        return self.rates[date(day.year, day.month, 1)]

    def to_company(self, amount_currency, rate):
        if rate == 1.0:
            return amount_currency
        return money(amount_currency / Decimal(str(rate)))

    def amount(self):
        return Decimal(min(250000, max(20, round(math.exp(self.rng.gauss(7.2, 1.1))))))

    def day_between(self, low, high):
        span = (high - low).days
        return low + timedelta(days=self.rng.randint(0, max(span, 0)))

    # --- plan ---
    def run(self):
        rng = self.rng
        partners = list(self.master["partners"])
        companies = self.master["companies"]
        big = partners[0]
        profiles = list(PROFILES)
        weights = [PROFILES[p][0] for p in profiles]
        pairs, pair_weights = [], []
        self.profile = {big: "irresponsible"}
        for partner_id in partners[1:]:
            self.profile[partner_id] = rng.choices(profiles, weights)[0]
            first = rng.choices(companies, COMPANY_WEIGHTS)[0]
            activity = min(rng.paretovariate(1.6), 40.0)
            pairs.append((partner_id, first))
            pair_weights.append(activity)
            if rng.random() < SECOND_COMPANY_SHARE:
                other = rng.choice([c for c in companies if c != first])
                pairs.append((partner_id, other))
                pair_weights.append(activity * 0.4)
        # Every (partner, company) pair gets one invoice, the rest by weight.
        remaining = self.cfg["invoices"] - self.cfg["big_lines"] - len(pairs)
        counts = defaultdict(int)
        for pair in pairs:
            counts[pair] += 1
        for pair in rng.choices(pairs, pair_weights, k=max(remaining, 0)):
            counts[pair] += 1
        for (partner_id, company_id), count in sorted(counts.items()):
            profile = self.profile[partner_id]
            start = self.start
            if profile == "fraud":
                start = ANCHOR - timedelta(days=540)
            for day in sorted(self.day_between(start, ANCHOR) for _i in range(count)):
                self.invoice(partner_id, company_id, day, profile)
        # The big debtor: only open invoices, in the first company.
        for _i in range(self.cfg["big_lines"]):
            day = self.day_between(self.start, ANCHOR)
            self.invoice(big, companies[0], day, "fraud", force_single=True)
        return self

    def invoice(self, partner_id, company_id, day, profile, force_single=False):
        rng = self.rng
        currency_id = self.eur if rng.random() < EUR_SHARE else self.usd
        rate = self.rate(currency_id, day)
        amount = self.amount()
        two = not force_single and rng.random() < INSTALLMENT_SHARE
        contact = self.master["contact_of"].get(partner_id)
        address = contact if contact and rng.random() < 0.5 else partner_id
        inv = Doc(
            "invoice",
            company_id,
            currency_id,
            partner_id,
            address,
            day,
            amount,
            rate,
            "inv2" if two else "inv1",
            two_lines=two,
        )
        total = self.to_company(amount, rate)
        inv.lines.append(Line("income", -total, -amount, None, partner_id))
        if two:
            first_cur = money(amount * Decimal("0.3"))
            first = money(total * Decimal("0.3"))
            parts = [
                (first, first_cur, day, 1),
                (total - first, amount - first_cur, day + timedelta(days=60), 2),
            ]
        else:
            parts = [(total, amount, day + timedelta(days=30), 0)]
        for balance, amount_cur, due, installment in parts:
            line = Line("term", balance, amount_cur, due, partner_id, True)
            line.residual, line.residual_currency = balance, amount_cur
            line.installment = installment
            inv.lines.append(line)
        self.docs.append(inv)
        self.pay_invoice(inv, profile)
        if rng.random() < CREDIT_NOTE_SHARE:
            self.credit_note(inv)
        if rng.random() < UNAPPLIED_SHARE:
            self.unapplied(inv)

    def delay(self, profile, due):
        """Days after ``due`` the customer pays, or None if not (yet) paid."""
        rng = self.rng
        bounds = PROFILES[profile][1]
        if bounds is None:
            return None
        if profile == "irresponsible" and due > ANCHOR - timedelta(days=365):
            return None
        if profile == "involuntary" and due > ANCHOR - timedelta(days=120):
            return None
        return rng.randint(*bounds)

    def pay_invoice(self, inv, profile):
        rng = self.rng
        terms = [line for line in inv.lines if line.role == "term"]
        for line in terms:
            delay = self.delay(profile, line.date_maturity)
            if delay is None:
                if profile == "irresponsible" and rng.random() < 0.15:
                    share = Decimal(rng.randint(20, 50)) / 100
                    day = self.day_between(inv.day, ANCHOR)
                    self.payment(inv, [line], money(line.amount_currency * share), day)
                continue
            paid_on = max(inv.day, line.date_maturity + timedelta(days=delay))
            if not inv.two_lines and profile == "chronic" and rng.random() < 0.3:
                first_day = max(inv.day, paid_on - timedelta(days=rng.randint(10, 25)))
                if first_day <= ANCHOR:
                    first = money(line.amount_currency * Decimal("0.4"))
                    self.payment(inv, [line], first, first_day)
            if paid_on <= ANCHOR:
                self.payment(inv, [line], line.residual_currency, paid_on)

    def payment(self, inv, lines, amount_currency, day):
        """Register a payment of ``amount_currency`` on ``lines`` of ``inv``."""
        if amount_currency <= 0:
            return
        pay = Doc(
            "payment",
            inv.company_id,
            inv.currency_id,
            inv.partner_id,
            inv.partner_id,
            day,
            amount_currency,
            inv.rate,
            "applied",
            invoice=inv,
        )
        counterpart = Line("counterpart", 0, 0, day, inv.partner_id, True)
        left = amount_currency
        company_total = Decimal(0)
        for line in lines:
            if left <= 0 or line.residual_currency <= 0:
                continue
            take = min(left, line.residual_currency)
            if take == line.residual_currency:
                take_company = line.residual
            else:
                take_company = self.to_company(take, inv.rate)
            partial = Partial(
                line,
                counterpart,
                take_company,
                take,
                inv.currency_id,
                inv.company_id,
                max(inv.day, day),
            )
            self.partials.append(partial)
            line.residual -= take_company
            line.residual_currency -= take
            left -= take
            company_total += take_company
        counterpart.balance = -company_total
        counterpart.amount_currency = -(amount_currency - left)
        pay.amount = amount_currency - left
        liquidity = Line(
            "liquidity", company_total, pay.amount, day, inv.partner_id, True
        )
        liquidity.residual, liquidity.residual_currency = company_total, pay.amount
        pay.lines = [liquidity, counterpart]
        inv.payments.append(pay)
        self.docs.append(pay)

    def credit_note(self, inv):
        rng = self.rng
        day = inv.day + timedelta(days=rng.randint(5, 45))
        if day > ANCHOR:
            return
        amount = max(Decimal(1), (inv.amount * rng.randint(10, 40) / 100).to_integral())
        rate = self.rate(inv.currency_id, day)
        balance = self.to_company(amount, rate)
        doc = Doc(
            "refund",
            inv.company_id,
            inv.currency_id,
            inv.partner_id,
            inv.address_id,
            day,
            amount,
            rate,
            "refund",
        )
        term = Line("term", -balance, -amount, day, inv.partner_id, True)
        term.residual, term.residual_currency = -balance, -amount
        doc.lines = [Line("income", balance, amount, None, inv.partner_id), term]
        self.docs.append(doc)

    def unapplied(self, inv):
        rng = self.rng
        day = self.day_between(inv.day, ANCHOR)
        currency_id = self.eur if rng.random() < EUR_SHARE else self.usd
        rate = self.rate(currency_id, day)
        amount = Decimal(rng.randint(5, 500) * 10)
        balance = self.to_company(amount, rate)
        partner = self.master["contact_of"].get(inv.partner_id, inv.partner_id)
        doc = Doc(
            "payment",
            inv.company_id,
            currency_id,
            inv.partner_id,
            partner,
            day,
            amount,
            rate,
            "unapplied",
        )
        liquidity = Line("liquidity", balance, amount, day, partner, True)
        liquidity.residual, liquidity.residual_currency = balance, amount
        counterpart = Line("counterpart", -balance, -amount, day, partner, True)
        counterpart.residual, counterpart.residual_currency = -balance, -amount
        doc.lines = [liquidity, counterpart]
        self.docs.append(doc)

    # --- final states ---
    def invoice_state(self, inv):
        residual = sum(
            line.residual_currency for line in inv.lines if line.role == "term"
        )
        if residual == 0:
            return "paid"
        if residual == inv.amount:
            return "not_paid"
        return "partial"


# ---------------------------------------------------------------------------
# 4. Materialisation (COPY of cloned template rows)
# ---------------------------------------------------------------------------

STAMP = datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day, 12, 0, 0)
NAME_RE = re.compile(r"^(.*?)(\d{4})/(\d+)$")
COPY_CHUNK = 50000


def copy_value(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, date):
        return value.isoformat()
    else:
        value = str(value)
    return (
        value.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


class Table:
    """Rows of one table cloned from template rows, written with COPY."""

    def __init__(self, cr, name, columns=None):
        self.cr = cr
        self.name = name
        if columns is None:
            cr.execute(f"SELECT * FROM {name} LIMIT 0")
            columns = [d.name for d in cr.description]
        self.columns = columns
        self.index = {col: i for i, col in enumerate(columns)}
        self.buffer = []
        self.count = 0

    def row_of(self, template, overrides):
        values = [template.get(col) for col in self.columns] if template else None
        if values is None:
            values = [None] * len(self.columns)
        for col, value in overrides.items():
            values[self.index[col]] = value
        return values

    def add(self, template, overrides):
        self.buffer.append(self.row_of(template, overrides))
        if len(self.buffer) >= COPY_CHUNK:
            self.flush()

    def flush(self):
        if not self.buffer:
            return
        text = "\n".join("\t".join(copy_value(v) for v in row) for row in self.buffer)
        cols = ", ".join(f'"{c}"' for c in self.columns)
        self.cr._obj.copy_expert(
            f"COPY {self.name} ({cols}) FROM STDIN", io.StringIO(text + "\n")
        )
        self.count += len(self.buffer)
        self.buffer = []


def reserve_ids(cr, table, count):
    """Reserve ``count`` consecutive ids of ``table``'s sequence; return the first."""
    if not count:
        return 0
    cr.execute(
        f"SELECT setval('{table}_id_seq', nextval('{table}_id_seq') + %s - 1)",
        [count],
    )
    return cr.fetchone()[0] - count + 1


class Materializer:
    def __init__(self, cr, master, templates, planner):
        self.cr = cr
        self.master = master
        self.templates = templates
        self.planner = planner
        self.load_templates()

    def fetch(self, query, params):
        self.cr.execute(query, params)
        return self.cr.dictfetchall()

    def load_templates(self):
        pay_ids = [p for t in self.templates.values() for p in t["payments"]]
        self.t_payments = {
            r["id"]: r
            for r in self.fetch(
                "SELECT * FROM account_payment WHERE id = ANY(%s)", [pay_ids]
            )
        }
        move_ids = [t["move"] for t in self.templates.values()]
        move_ids += [p["move_id"] for p in self.t_payments.values()]
        self.t_moves = {
            r["id"]: r
            for r in self.fetch(
                "SELECT * FROM account_move WHERE id = ANY(%s)", [move_ids]
            )
        }
        lines = self.fetch(
            """SELECT l.*, a.account_type AS _account_type
                 FROM account_move_line l JOIN account_account a ON a.id = l.account_id
                WHERE l.move_id = ANY(%s) ORDER BY l.move_id, l.date_maturity, l.id""",
            [move_ids],
        )
        by_move = defaultdict(list)
        for line in lines:
            by_move[line["move_id"]].append(line)
        # (company, currency, kind) -> {role key: template line}
        self.t_lines = {}
        for key, tpl in self.templates.items():
            kind = key[2]
            roles = {}
            terms = 0
            for line in by_move[tpl["move"]]:
                receivable = line["_account_type"] == "asset_receivable"
                if kind == "unapplied":
                    roles[("counterpart" if receivable else "liquidity", 0)] = line
                elif line["display_type"] == "payment_term":
                    terms += 1
                    roles[("term", terms if kind.startswith("inv2") else 0)] = line
                else:
                    roles[("income", 0)] = line
            self.t_lines[key] = roles
        # The applied-payment template: the one paying inv1_paid fully.
        self.pay_lines = {}
        for (company_id, currency_id, kind), tpl in self.templates.items():
            if kind == "inv1_paid":
                pay_id = tpl["payments"][0]
                pay_move = self.t_payments[pay_id]["move_id"]
                roles = {}
                for line in by_move[pay_move]:
                    receivable = line["_account_type"] == "asset_receivable"
                    roles[("counterpart" if receivable else "liquidity", 0)] = line
                self.pay_lines[(company_id, currency_id)] = (pay_id, pay_move, roles)
        names = self.fetch(
            "SELECT id, complete_name FROM res_partner WHERE id = ANY(%s)",
            [list(self.master["partners"]) + list(self.master["contact_of"].values())],
        )
        self.partner_names = {r["id"]: r["complete_name"] for r in names}

    def run(self):
        docs = self.planner.docs
        order = {"invoice": 0, "refund": 1, "payment": 2}
        docs.sort(key=lambda d: (d.day, order[d.kind]))
        payments = [d for d in docs if d.kind == "payment"]
        lines = [line for d in docs for line in d.lines]
        next_move = reserve_ids(self.cr, "account_move", len(docs))
        next_pay = reserve_ids(self.cr, "account_payment", len(payments))
        next_line = reserve_ids(self.cr, "account_move_line", len(lines))
        for offset, doc in enumerate(docs):
            doc.id = next_move + offset
        for offset, doc in enumerate(payments):
            doc.payment_id = next_pay + offset
        for offset, line in enumerate(lines):
            line.id = next_line + offset
        self.name_documents(docs)
        self.number_reconciliations()
        self.write(docs)

    def template_move(self, doc):
        if doc.kind == "invoice":
            state = self.planner.invoice_state(doc)
            kind = f"{doc.template_kind}_{'open' if state == 'not_paid' else state}"
            return self.templates[(doc.company_id, doc.currency_id, kind)]["move"], kind
        if doc.kind == "refund":
            return self.templates[(doc.company_id, doc.currency_id, "refund")][
                "move"
            ], "refund"
        if doc.template_kind == "unapplied":
            tpl = self.templates[(doc.company_id, doc.currency_id, "unapplied")]
            return tpl["move"], "unapplied"
        return self.pay_lines[(doc.company_id, doc.currency_id)][1], "applied"

    def name_documents(self, docs):
        counters = defaultdict(int)
        for doc in docs:
            move_id, _kind = self.template_move(doc)
            tpl = self.t_moves[move_id]
            base = NAME_RE.match(tpl["name"]).group(1)
            key = (tpl["journal_id"], base, doc.day.year)
            counters[key] += 1
            doc.name = f"{base}{doc.day.year}/{counters[key]:05d}"
            if doc.kind == "payment":
                doc.memo = (
                    doc.invoice.name if doc.invoice else "Bench unapplied payment"
                )

    def number_reconciliations(self):
        partials = self.planner.partials
        partials.sort(key=lambda p: (p.max_date, p.debit.id, p.credit.id))
        first = reserve_ids(self.cr, "account_partial_reconcile", len(partials))
        parent = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        by_id = {}
        for offset, partial in enumerate(partials):
            partial.id = first + offset
            by_id[partial.debit.id] = partial.debit
            by_id[partial.credit.id] = partial.credit
            a, b = find(partial.debit.id), find(partial.credit.id)
            if a != b:
                parent[max(a, b)] = min(a, b)
        groups = defaultdict(list)
        for line_id in by_id:
            groups[find(line_id)].append(by_id[line_id])
        edges = defaultdict(list)
        for partial in partials:
            edges[find(partial.debit.id)].append(partial)
        full_groups = [
            root
            for root, members in sorted(groups.items())
            if all(m.residual == 0 and m.residual_currency == 0 for m in members)
        ]
        next_full = reserve_ids(self.cr, "account_full_reconcile", len(full_groups))
        self.full_ids = []
        full_of = {}
        for offset, root in enumerate(full_groups):
            full_of[root] = next_full + offset
            self.full_ids.append(next_full + offset)
        for root, members in groups.items():
            full_id = full_of.get(root)
            number = str(full_id) if full_id else f"P{min(p.id for p in edges[root])}"
            for member in members:
                member.full_id = full_id
                member.matching = number
            for partial in edges[root]:
                partial.full_id = full_id

    # --- rows ---
    def write(self, docs):
        cr = self.cr
        cr.execute("SET session_replication_role = replica")
        full = Table(cr, "account_full_reconcile")
        for full_id in self.full_ids:
            full.add(
                None,
                {
                    "id": full_id,
                    "create_uid": 1,
                    "write_uid": 1,
                    "create_date": STAMP,
                    "write_date": STAMP,
                },
            )
        full.flush()
        moves = Table(cr, "account_move")
        amls = Table(cr, "account_move_line")
        pays = Table(cr, "account_payment")
        links = Table(cr, "account_move__account_payment")
        for doc in docs:
            self.write_doc(doc, moves, amls, pays, links)
        for table in (moves, pays, amls, links):
            table.flush()
        parts = Table(cr, "account_partial_reconcile")
        for p in self.planner.partials:
            parts.add(
                None,
                {
                    "id": p.id,
                    "debit_move_id": p.debit.id,
                    "credit_move_id": p.credit.id,
                    "full_reconcile_id": p.full_id,
                    "debit_currency_id": p.currency_id,
                    "credit_currency_id": p.currency_id,
                    "company_id": p.company_id,
                    "create_uid": 1,
                    "write_uid": 1,
                    "max_date": p.max_date,
                    "amount": p.amount,
                    "debit_amount_currency": p.amount_currency,
                    "credit_amount_currency": p.amount_currency,
                    "create_date": STAMP,
                    "write_date": STAMP,
                },
            )
        parts.flush()
        cr.execute("SET session_replication_role = DEFAULT")
        self.counts = {
            "account_move": moves.count,
            "account_move_line": amls.count,
            "account_payment": pays.count,
            "account_partial_reconcile": parts.count,
            "account_full_reconcile": full.count,
        }

    def write_doc(self, doc, moves, amls, pays, links):
        move_tpl_id, kind = self.template_move(doc)
        tpl = self.t_moves[move_tpl_id]
        if kind == "applied":
            pay_tpl_id, _move, roles = self.pay_lines[(doc.company_id, doc.currency_id)]
        else:
            roles = self.t_lines[(doc.company_id, doc.currency_id, kind)]
            pay_tpl_id = self.templates[(doc.company_id, doc.currency_id, kind)][
                "payments"
            ][:1]
            pay_tpl_id = pay_tpl_id[0] if pay_tpl_id else None
        company_total = sum(
            (line.balance for line in doc.lines if line.balance > 0), Decimal(0)
        )
        terms = [line for line in doc.lines if line.role == "term"]
        overrides = {
            "id": doc.id,
            "name": doc.name,
            "sequence_prefix": doc.name.rsplit("/", 1)[0] + "/",
            "sequence_number": int(doc.name.rsplit("/", 1)[1]),
            "date": doc.day,
            "partner_id": doc.address_id,
            "commercial_partner_id": doc.partner_id,
            "invoice_partner_display_name": self.partner_names[doc.address_id],
            "create_date": STAMP,
            "write_date": STAMP,
        }
        if doc.kind in ("invoice", "refund"):
            sign = 1 if doc.kind == "invoice" else -1
            residual_cur = abs(sum(t.residual_currency for t in terms))
            residual = abs(sum(t.residual for t in terms))
            overrides.update(
                invoice_date=doc.day,
                invoice_date_due=max(t.date_maturity for t in terms),
                partner_shipping_id=doc.address_id,
                invoice_currency_rate=doc.rate,
                amount_untaxed=doc.amount,
                amount_total=doc.amount,
                amount_residual=residual_cur,
                amount_untaxed_signed=sign * company_total,
                amount_untaxed_in_currency_signed=sign * doc.amount,
                amount_total_signed=sign * company_total,
                amount_total_in_currency_signed=sign * doc.amount,
                amount_residual_signed=sign * residual,
            )
            if doc.kind == "invoice":
                overrides["payment_reference"] = doc.name
                overrides["payment_state"] = self.planner.invoice_state(doc)
        else:
            overrides.update(
                ref=doc.memo,
                invoice_date_due=doc.day,
                amount_total=doc.amount,
                amount_total_signed=company_total,
                amount_total_in_currency_signed=doc.amount,
                origin_payment_id=doc.payment_id,
            )
        moves.add(tpl, overrides)
        for line in doc.lines:
            key = (line.role, line.installment)
            t_line = roles[key]
            if line.role == "term" and doc.two_lines:
                label = f"{doc.name} installment #{line.installment}"
            elif line.role == "term":
                label = doc.name if doc.kind == "invoice" else t_line["name"]
            elif line.role == "income":
                label = t_line["name"]
            else:
                label = f"Manual Payment: {doc.memo}"
            values = {
                "id": line.id,
                "move_id": doc.id,
                "move_name": doc.name,
                "date": doc.day,
                "partner_id": line.partner_id,
                "name": label,
                "balance": line.balance,
                "debit": max(line.balance, 0),
                "credit": max(-line.balance, 0),
                "amount_currency": line.amount_currency,
                "amount_residual": line.residual,
                "amount_residual_currency": line.residual_currency,
                "reconciled": line.reconcilable
                and line.residual == 0
                and line.residual_currency == 0,
                "full_reconcile_id": line.full_id,
                "matching_number": line.matching,
                "date_maturity": line.date_maturity,
                "create_date": STAMP,
                "write_date": STAMP,
            }
            if doc.kind in ("invoice", "refund"):
                values["invoice_date"] = doc.day
            if line.role == "income":
                values.update(
                    price_unit=doc.amount,
                    price_subtotal=doc.amount,
                    price_total=doc.amount,
                )
            elif doc.kind == "payment":
                values.update(
                    ref=doc.memo,
                    payment_id=doc.payment_id,
                    price_subtotal=line.amount_currency,
                    price_total=line.amount_currency,
                )
            amls.add(t_line, values)
        if doc.kind == "payment":
            invoice = doc.invoice
            paid = invoice is not None and self.planner.invoice_state(invoice) == "paid"
            pays.add(
                self.t_payments[pay_tpl_id],
                {
                    "id": doc.payment_id,
                    "move_id": doc.id,
                    "partner_id": doc.address_id,
                    "name": doc.name,
                    "state": "paid" if paid else "in_process",
                    "memo": doc.memo,
                    "date": doc.day,
                    "amount": doc.amount,
                    "amount_company_currency_signed": company_total,
                    "is_reconciled": invoice is not None,
                    "create_date": STAMP,
                    "write_date": STAMP,
                },
            )
            if invoice is not None:
                links.add(
                    None, {"invoice_id": invoice.id, "payment_id": doc.payment_id}
                )


# ---------------------------------------------------------------------------
# 5. Validation and hooks
# ---------------------------------------------------------------------------

CHECKS = {
    "receivable_residuals": """
        WITH d AS (SELECT debit_move_id AS id, SUM(amount) AS a,
                          SUM(debit_amount_currency) AS ac
                     FROM account_partial_reconcile GROUP BY 1),
             c AS (SELECT credit_move_id AS id, SUM(amount) AS a,
                          SUM(credit_amount_currency) AS ac
                     FROM account_partial_reconcile GROUP BY 1)
        SELECT COUNT(*) AS receivable_lines,
               COUNT(*) FILTER (WHERE NOT l.reconciled AND l.amount_residual <> 0)
                   AS open_lines,
               COUNT(*) FILTER (WHERE l.amount_residual
                   <> l.balance - COALESCE(d.a, 0) + COALESCE(c.a, 0))
                   AS bad_residual,
               COUNT(*) FILTER (WHERE l.amount_residual_currency
                   <> l.amount_currency - COALESCE(d.ac, 0) + COALESCE(c.ac, 0))
                   AS bad_residual_currency,
               COUNT(*) FILTER (WHERE l.reconciled IS DISTINCT FROM
                   (l.amount_residual = 0 AND l.amount_residual_currency = 0))
                   AS bad_reconciled,
               COUNT(*) FILTER (WHERE SIGN(l.amount_residual) * SIGN(l.balance) < 0)
                   AS bad_residual_sign,
               COUNT(*) FILTER (WHERE l.date_maturity IS NULL) AS no_maturity
          FROM account_move_line l
          JOIN account_account a ON a.id = l.account_id
          LEFT JOIN d ON d.id = l.id
          LEFT JOIN c ON c.id = l.id
         WHERE a.account_type = 'asset_receivable' AND l.parent_state = 'posted'
    """,
    "moves": """
        SELECT COUNT(*) AS moves,
               COUNT(*) FILTER (WHERE NOT ok) AS unbalanced
          FROM (SELECT move_id, SUM(balance) = 0 AND SUM(debit) = SUM(credit)
                       AND SUM(debit) = SUM(ABS(balance)) / 2 AS ok
                  FROM account_move_line GROUP BY move_id) s
    """,
    "invoices": """
        SELECT COUNT(*) AS invoices,
               COUNT(*) FILTER (WHERE m.amount_residual_signed <> t.residual)
                   AS bad_move_residual,
               COUNT(*) FILTER (WHERE m.payment_state <> CASE
                    WHEN t.residual = 0 THEN 'paid'
                    WHEN t.residual = t.balance THEN 'not_paid'
                    ELSE 'partial' END) AS bad_payment_state,
               COUNT(*) FILTER (WHERE m.amount_total_signed <> t.balance)
                   AS bad_total,
               COUNT(*) FILTER (WHERE m.invoice_date_due <> t.last_due) AS bad_due,
               COUNT(*) FILTER (WHERE t.partner_id <> m.commercial_partner_id)
                   AS bad_partner
          FROM account_move m
          JOIN (SELECT l.move_id, SUM(l.amount_residual) AS residual,
                       SUM(l.balance) AS balance, MAX(l.date_maturity) AS last_due,
                       MIN(l.partner_id) AS partner_id
                  FROM account_move_line l
                  JOIN account_account a ON a.id = l.account_id
                 WHERE a.account_type = 'asset_receivable'
                 GROUP BY l.move_id) t ON t.move_id = m.id
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
    """,
    "reconciliations": """
        SELECT (SELECT COUNT(*) FROM account_partial_reconcile) AS partials,
               (SELECT COUNT(*) FROM account_full_reconcile) AS full_reconciles,
               (SELECT COUNT(*) FROM account_partial_reconcile p
                  JOIN account_move_line d ON d.id = p.debit_move_id
                  JOIN account_move_line c ON c.id = p.credit_move_id
                 WHERE p.max_date <> GREATEST(d.date, c.date)
                    OR d.balance <= 0 OR c.balance >= 0
                    OR p.full_reconcile_id IS DISTINCT FROM d.full_reconcile_id
                    OR p.full_reconcile_id IS DISTINCT FROM c.full_reconcile_id
                    OR d.matching_number <> c.matching_number) AS bad_partials,
               (SELECT COUNT(*) FROM account_move_line l
                 WHERE l.full_reconcile_id IS NOT NULL
                   AND (l.amount_residual <> 0
                        OR l.matching_number <> l.full_reconcile_id::text))
                   AS bad_full_lines,
               (SELECT COUNT(*) FROM account_full_reconcile f
                 WHERE NOT EXISTS (SELECT 1 FROM account_move_line l
                                    WHERE l.full_reconcile_id = f.id))
                   AS empty_full
    """,
    "references": """
        SELECT (SELECT COUNT(*) FROM account_move_line l
                 WHERE NOT EXISTS (SELECT 1 FROM account_move m
                                    WHERE m.id = l.move_id)
                    OR NOT EXISTS (SELECT 1 FROM res_partner p
                                    WHERE p.id = l.partner_id)) AS orphan_lines,
               (SELECT COUNT(*) FROM account_move m
                 WHERE m.origin_payment_id IS NOT NULL AND NOT EXISTS
                   (SELECT 1 FROM account_payment p
                     WHERE p.id = m.origin_payment_id AND p.move_id = m.id))
                   AS bad_payment_links,
               (SELECT COUNT(*) FROM account_partial_reconcile p
                 WHERE NOT EXISTS (SELECT 1 FROM account_move_line l
                                    WHERE l.id = p.debit_move_id)
                    OR NOT EXISTS (SELECT 1 FROM account_move_line l
                                    WHERE l.id = p.credit_move_id)) AS orphan_partials,
               (SELECT COUNT(*) FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 WHERE l.parent_state IS DISTINCT FROM m.state
                    OR l.company_id IS DISTINCT FROM m.company_id
                    OR l.date IS DISTINCT FROM m.date) AS bad_line_header
    """,
}


def validate(cr):
    """Run the consistency checks; return (all good, list of result dicts)."""
    results, good = [], True
    for name, query in CHECKS.items():
        cr.execute(query)
        row = cr.dictfetchone()
        bad = {k: v for k, v in row.items() if k.startswith(("bad_", "orphan", "un"))}
        bad.update({k: v for k, v in row.items() if k in ("empty_full", "no_maturity")})
        ok = not any(bad.values())
        good = good and ok
        results.append({"check": name, "ok": ok, **row})
    return good, results


ORM_FIELDS = {
    "account.move.line": ["amount_residual", "amount_residual_currency", "reconciled"],
    "account.move": [
        "amount_untaxed",
        "amount_tax",
        "amount_total",
        "amount_residual",
        "amount_untaxed_signed",
        "amount_untaxed_in_currency_signed",
        "amount_tax_signed",
        "amount_total_signed",
        "amount_total_in_currency_signed",
        "amount_residual_signed",
        "payment_state",
        "invoice_date_due",
    ],
    "account.payment": ["is_reconciled", "is_matched", "state"],
}


def orm_check(env, sample_size=1500):
    """Recompute a sample of generated documents with Odoo's own compute methods.

    Every stored value must equal what the accounting computes from the lines
    and the partials. Runs in the caller's transaction, which must be rolled
    back afterwards (the recomputed values sit in the cache).
    """
    env.cr.execute(
        "SELECT id FROM account_move WHERE move_type IN ('out_invoice', 'out_refund')"
        " ORDER BY id"
    )
    ids = [row[0] for row in env.cr.fetchall()]
    step = max(1, len(ids) // sample_size)
    moves = env["account.move"].browse(ids[::step])
    lines = moves.line_ids
    moves |= (
        lines.matched_credit_ids.credit_move_id | lines.matched_debit_ids.debit_move_id
    ).move_id
    records = {
        "account.move.line": moves.line_ids,
        "account.move": moves,
        "account.payment": moves.origin_payment_id,
    }

    def snapshot():
        return {
            model: {r.id: tuple(r[f] for f in ORM_FIELDS[model]) for r in recs}
            for model, recs in records.items()
        }

    for model, recs in records.items():
        recs.fetch(ORM_FIELDS[model])
    before = snapshot()
    protect = [
        env.protecting([env[m]._fields[f] for f in names], records[m])
        for m, names in ORM_FIELDS.items()
    ]
    for guard in protect:
        guard.__enter__()
    try:
        records["account.move.line"]._compute_amount_residual()
        records["account.move"]._compute_amount()
        records["account.move"]._compute_payment_state()
        records["account.move"]._compute_invoice_date_due()
        records["account.payment"]._compute_reconciliation_status()
        records["account.payment"]._compute_state()
        after = snapshot()
    finally:
        for guard in reversed(protect):
            guard.__exit__(None, None, None)
    result = {"check": "orm_recompute"}
    for model in ORM_FIELDS:
        result[model.replace(".", "_")] = len(before[model])
        result["bad_" + model.replace(".", "_")] = sum(
            1 for key, value in before[model].items() if after[model][key] != value
        )
    result["ok"] = not any(v for k, v in result.items() if k.startswith("bad_"))
    return result


def make_hooks(planner, rng, size, seed):
    """Data for the later phases (disputes, promises, plans) and the measure."""
    open_invoices = defaultdict(list)
    for doc in planner.docs:
        if doc.kind != "invoice":
            continue
        open_terms = [t for t in doc.lines if t.role == "term" and t.residual > 0]
        if open_terms:
            open_invoices[(doc.partner_id, doc.company_id)].append((doc, open_terms))
    big_key = (planner.master["partners"][0], planner.master["companies"][0])
    keys = sorted(open_invoices)
    others = sorted(
        (len(open_invoices[k]), k) for k in keys if k != big_key and open_invoices[k]
    )
    typical = others[len(others) // 2][1] if others else big_key
    disputes = sorted(
        doc.id
        for key in keys
        for doc, _terms in open_invoices[key]
        if rng.random() < 0.02
    )
    promises, plans = [], []
    for key in keys:
        overdue = [
            (doc, terms)
            for doc, terms in open_invoices[key]
            if any(t.date_maturity < ANCHOR for t in terms)
        ]
        if not overdue:
            continue
        draw = rng.random()
        if draw < 0.03:
            chosen = overdue[:3]
            amount = sum(t.residual for _d, terms in chosen for t in terms)
            promises.append(
                {
                    "partner_id": key[0],
                    "company_id": key[1],
                    "invoice_ids": [d.id for d, _t in chosen],
                    "amount": str(amount),
                    "promised_on": str(ANCHOR - timedelta(days=rng.randint(0, 30))),
                    "promise_date": str(ANCHOR + timedelta(days=rng.randint(-20, 21))),
                }
            )
        elif draw < 0.04:
            total = sum(t.residual for _d, terms in overdue for t in terms)
            count = rng.randint(3, 6)
            share = money(total / count)
            installments = [
                {
                    "date": str(ANCHOR + timedelta(days=30 * (i + 1))),
                    "amount": str(share if i < count - 1 else total - share * i),
                }
                for i in range(count)
            ]
            plans.append(
                {
                    "partner_id": key[0],
                    "company_id": key[1],
                    "invoice_ids": [d.id for d, _t in overdue],
                    "installments": installments,
                }
            )
    return {
        "size": size,
        "seed": seed,
        "anchor": str(ANCHOR),
        "companies": planner.master["companies"],
        "big_debtor": {
            "partner_id": big_key[0],
            "company_id": big_key[1],
            "open_lines": sum(len(t) for _d, t in open_invoices[big_key]),
        },
        "typical_debtor": {
            "partner_id": typical[0],
            "company_id": typical[1],
            "open_lines": sum(len(t) for _d, t in open_invoices[typical]),
        },
        "disputes": disputes,
        "promises": promises,
        "plans": plans,
    }


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--hooks", required=True, help="JSON file for the hooks")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    timings = {}
    started = time.perf_counter()
    registry = open_registry(args.db)
    with registry.cursor() as cr:
        env = superuser_env(cr, {"tracking_disable": True})
        step = time.perf_counter()
        master = setup_master_data(env, args.size, rng)
        timings["master_data_s"] = time.perf_counter() - step
        step = time.perf_counter()
        templates = create_templates(env, master)
        timings["templates_s"] = time.perf_counter() - step
        cr.commit()
        step = time.perf_counter()
        planner = Planner(args.size, master, rng).run()
        timings["plan_s"] = time.perf_counter() - step
        step = time.perf_counter()
        materializer = Materializer(cr, master, templates, planner)
        materializer.run()
        timings["copy_s"] = time.perf_counter() - step
        cr.commit()
        step = time.perf_counter()
        cr.execute(
            "ANALYZE account_move, account_move_line, account_payment, "
            "account_partial_reconcile, account_full_reconcile, res_partner"
        )
        cr.commit()
        good, results = validate(cr)
        orm = orm_check(env)
        cr.rollback()
        good = good and orm["ok"]
        results.append(orm)
        timings["validate_s"] = time.perf_counter() - step
        for result in results:
            emit({"figure": "build.check", **result})
        hooks = make_hooks(planner, rng, args.size, args.seed)
        hooks["counts"] = materializer.counts
        hooks["template_documents"] = len(templates)
        cr.commit()
    timings["total_s"] = time.perf_counter() - started
    hooks["generate_timings"] = {k: round(v, 2) for k, v in timings.items()}
    Path(args.hooks).write_text(json.dumps(hooks, indent=1, default=str))
    emit(
        {
            "figure": "build.generate",
            "size": args.size,
            **hooks["generate_timings"],
            **materializer.counts,
        }
    )
    if not good:
        log("generated data failed the consistency checks")
        sys.exit(1)


if __name__ == "__main__":
    main()
