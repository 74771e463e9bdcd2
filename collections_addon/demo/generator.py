# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo customers with 18-24 months of invoices and payments."""

import logging
import random
import time

from odoo import Command

from .partners import BEHAVIOUR_NOTES, PARTNERS, PHONE_PREFIXES, REF_PATTERN
from .plans import DAY, customer_plans, special_invoices

_logger = logging.getLogger(__name__)

BATCH_SIZE = 100
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def generate_demo(env):
    """Create demo customers with 18-24 months of invoices and payments.

    Every date is relative to today and every random draw comes from
    ``random.Random(42)``, so two runs on the same day give the same data.
    Does nothing when the demo partner COLL-DEMO-01 already exists, or when
    the current company has no chart.

    :param env: an environment of the installing user (superuser)
    """
    partner_model = env["res.partner"].with_context(active_test=False)
    if partner_model.search_count([("ref", "=", REF_PATTERN % 1)], limit=1):
        return
    company = env.company
    journal = env["account.journal"].search(
        [
            *env["account.journal"]._check_company_domain(company),
            ("type", "=", "sale"),
        ],
        limit=1,
    )
    if not journal:
        _logger.info("Collections demo skipped: %s has no chart.", company.name)
        return
    # Chatter messages and tracking would only slow the install down.
    quiet = company.with_company(company).with_context(**QUIET_CONTEXT)
    _generate(quiet.env, company, journal)


def _generate(env, company, journal):
    started = time.monotonic()
    today = env.company._collection_today()
    rng = random.Random(42)
    for code in ("ru_RU", "pl_PL"):
        env["res.lang"]._activate_lang(code)
    eur = _prepare_eur(env, company, today)
    partners = _create_partners(env)

    plans = customer_plans(rng, today)
    plans += special_invoices(today, _installment_term(env).id)
    # Chronological order keeps invoice and payment numbers in date order.
    plans.sort(key=lambda inv: (inv["date"], inv["row"]["num"]))
    moves = _create_invoices(env, plans, partners, journal, eur)
    special = {
        inv["special"]: move
        for inv, move in zip(plans, moves, strict=True)
        if inv.get("special") in ("draft", "cancel", "reverse")
    }
    (moves - special["draft"] - special["cancel"]).action_post()
    special["cancel"].button_cancel()
    reverse_date = special["reverse"].invoice_date + 3 * DAY
    reverse_vals = {
        "invoice_date": reverse_date,
        "date": reverse_date,
        "ref": "Invoiced by mistake: duplicate order",
    }
    special["reverse"]._reverse_moves([reverse_vals], cancel=True)
    payment_count = _register_payments(env, plans, moves)
    _unapplied_payment(env, today, partners)
    _logger.info(
        "Collections demo: %s partners, %s invoices and credit notes, "
        "%s payments created in %.1f s",
        len(partners),
        len(moves) + 1,
        payment_count + 1,
        time.monotonic() - started,
    )


# === MASTER DATA === #


def _prepare_eur(env, company, today):
    """Activate EUR and give it a rate if the company has none."""
    eur = env.ref("base.EUR")
    if not eur.active:
        eur.active = True
    rate_model = env["res.currency.rate"]
    domain = [
        ("currency_id", "=", eur.id),
        ("company_id", "in", [False, company.root_id.id]),
    ]
    if eur != company.currency_id and not rate_model.search_count(domain):
        rate_model.create(
            {
                "currency_id": eur.id,
                "company_id": company.root_id.id,
                "name": today - 1100 * DAY,
                "rate": 0.92,
            }
        )
    return eur


def _create_partners(env):
    """Create the 30 demo customers; return them keyed by their number."""
    vals_list = []
    for row in PARTNERS:
        lang = row.get("lang", "en_US")
        children = [
            Command.create(_contact_vals(row, person, function, index))
            for index, (person, function) in enumerate(
                zip(row["contacts"], ("Accountant", "Director"), strict=True)
            )
            if person
        ]
        vals_list.append(
            {
                "name": row["name"],
                "is_company": True,
                "ref": REF_PATTERN % row["num"],
                "email": f"accounts@{row['domain']}",
                "phone": _phone(row, 10),
                "website": f"https://www.{row['domain']}",
                "street": row["street"],
                "city": row["city"],
                "zip": row["zip"],
                "country_id": env.ref(f"base.{row['country']}").id,
                "lang": lang,
                "customer_rank": 1,
                "comment": BEHAVIOUR_NOTES[row["kind"]],
                "child_ids": children,
            }
        )
    partners = env["res.partner"].create(vals_list)
    pairs = zip(PARTNERS, partners, strict=True)
    return {row["num"]: partner for row, partner in pairs}


def _contact_vals(row, person, function, index):
    return {
        "name": person,
        "function": function,
        "type": "contact",
        "email": f"{function.lower()}@{row['domain']}",
        "phone": _phone(row, 20 + index),
        "lang": row.get("lang", "en_US"),
        # Reminders go to the accountant, demand letters to the decision maker.
        "collection_role": (
            "accountant" if function == "Accountant" else "decision_maker"
        ),
    }


def _phone(row, suffix):
    return "%s%02d %02d" % (PHONE_PREFIXES[row["country"]], row["num"], suffix)


def _installment_term(env):
    def line(percent, days):
        return Command.create(
            {"value": "percent", "value_amount": percent, "nb_days": days}
        )

    return env["account.payment.term"].create(
        {
            "name": "30% now, balance 60 days",
            "note": "30% on the invoice date, the balance within 60 days.",
            "line_ids": [line(30.0, 0), line(70.0, 60)],
        }
    )


# === ACCOUNTING DOCUMENTS === #


def _create_invoices(env, plans, partners, journal, eur):
    """Create all planned moves in batches, in plan order; not posted."""
    child_done = False
    vals_list = []
    for inv in plans:
        row = inv["row"]
        partner = partners[row["num"]]
        # One open invoice of Baltic Timber is made out to its accountant:
        # the ledger must roll it up to the company.
        if row["num"] == 2 and not inv["payments"] and not child_done:
            partner = partner.child_ids.filtered(lambda c: c.function == "Accountant")
            child_done = True
        is_refund = inv.get("special") == "refund"
        label = inv.get("label") or f"{row['goods']}, {inv['date']:%Y-%m}"
        line = {
            "name": label,
            "quantity": 1,
            "price_unit": inv["amount"],
            "tax_ids": [Command.clear()],
        }
        vals = {
            "move_type": "out_refund" if is_refund else "out_invoice",
            "journal_id": journal.id,
            "partner_id": partner.id,
            "invoice_date": inv["date"],
            "invoice_line_ids": [Command.create(line)],
        }
        if row.get("currency") == "EUR":
            vals["currency_id"] = eur.id
        if inv.get("term"):
            vals["invoice_payment_term_id"] = inv["term"]
        elif not is_refund:
            vals["invoice_date_due"] = inv["due"]
        vals_list.append(vals)
    moves = env["account.move"]
    for index in range(0, len(vals_list), BATCH_SIZE):
        moves += moves.create(vals_list[index : index + BATCH_SIZE])
    return moves


def _register_payments(env, plans, moves):
    """Register every planned payment with the payment wizard, by date."""
    todo = [
        (pay_date, amount, move)
        for inv, move in zip(plans, moves, strict=True)
        for pay_date, amount in inv["payments"]
    ]
    todo.sort(key=lambda item: (item[0], item[2].id))
    for pay_date, amount, move in todo:
        vals = {"payment_date": pay_date}
        if amount:
            vals["amount"] = amount
        env["account.payment.register"].with_context(
            active_model="account.move",
            active_ids=move.ids,
        ).create(vals).action_create_payments()
    return len(todo)


def _unapplied_payment(env, today, partners):
    """A customer payment received without an invoice reference."""
    payment = env["account.payment"].create(
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": partners[1].id,
            "amount": 1500.0,
            "date": today - 12 * DAY,
            "memo": "Wire transfer without invoice reference",
        }
    )
    payment.action_post()
    return payment
