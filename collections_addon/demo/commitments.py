# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo contacts, promises to pay and installment plans on the demo invoices."""

from odoo import Command, fields
from odoo.tools import SQL

from .partners import REF_PATTERN


def generate_commitments(env):
    """Open, kept and broken promises; plans in every state.

    Dates that lie in the past are set after creation, as time would have
    passed: a promise or plan is never created in the past through the UI.
    Does nothing when a promise already exists.

    :param env: an environment of the installing user (superuser)
    """
    if env["collection.promise"].search_count([], limit=1):
        return
    company = env.company
    today = env.company._collection_today()
    ledger = env["collection.ledger"]
    ledger._refresh_company(company)
    debtors = {
        num: env["collection.debtor"].search(
            [
                ("partner_id.ref", "=", REF_PATTERN % num),
                ("company_id", "=", company.id),
            ]
        )
        for num in range(1, 31)
    }
    _assign_collectors(env, debtors)
    _contacts(env, debtors)
    _promises(env, debtors, today)
    _plans(env, debtors, today, company)
    env["collection.commitments"]._follow_company(company, today)
    ledger._refresh_company(company)
    # A manager reviewed a flagged debtor and confirmed the suspicion: the
    # fraudulent type is only ever set by a person.
    suspect = debtors[21]
    if suspect:
        suspect.with_user(env.ref("base.user_admin")).write(
            {
                "debtor_type": "fraudulent",
                "debtor_type_reason": "Company struck off the register two "
                "weeks after the last order; phone lines disconnected.",
            }
        )


def _assign_collectors(env, debtors):
    """Class A to the first collector, most others shared, a few unassigned."""
    first = env.ref("collections_addon.res_users_collector_1", False)
    second = env.ref("collections_addon.res_users_collector_2", False)
    if not (first and second):
        return
    for num, debtor in debtors.items():
        if not debtor or num % 5 == 0:
            continue  # unassigned: in the managers' queue (the default setting)
        collector = first if debtor.abc_class == "a" or num % 2 else second
        debtor.user_id = collector


def _contacts(env, debtors):
    """Calls that went unanswered, and some that reached the debtor."""
    vals = []
    for num, outcomes in {
        6: ["no_answer", "no_answer", "voicemail"],
        12: ["no_answer", "voicemail", "no_answer", "refused"],
        19: ["no_answer", "no_answer", "no_answer"],
        24: ["voicemail", "no_answer", "no_answer"],
        28: ["no_answer", "wrong_number", "no_answer"],
        8: ["no_answer", "no_answer", "dispute", "no_answer"],
        21: ["wrong_number", "no_answer", "no_answer", "no_answer"],
        3: ["reached", "plan_requested"],
        10: ["reached"],
        20: ["reached", "promise"],
    }.items():
        debtor = debtors[num]
        if not debtor:
            continue
        for index, outcome in enumerate(outcomes):
            vals.append(
                {
                    "debtor_id": debtor.id,
                    "channel": "call",
                    "outcome": outcome,
                    "date": fields.Datetime.subtract(
                        fields.Datetime.now(), days=7 * (len(outcomes) - index)
                    ),
                    "note": "Demo call.",
                }
            )
    env["collection.contact"].create(vals)


def _overdue_moves(env, debtor, today):
    """The customer invoices of ``debtor`` with an overdue open balance."""
    if not debtor:
        return env["account.move"]
    lines = env["collection.receivable"]._open_lines(debtor)
    return lines.filtered(
        lambda aml: aml.amount_residual > 0
        and aml.date_maturity < today
        and aml.move_id.move_type == "out_invoice"
    ).move_id


def _pay(env, moves, today):
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=moves.ids
    ).create({"payment_date": today})._create_payments()


def _promises(env, debtors, today):
    Promise = env["collection.promise"]
    # Open: an involuntary debtor promises part of the debt next week.
    for num in (11, 23):
        debtor = debtors[num]
        if debtor.amount_due > 0:
            Promise.create(
                {
                    "debtor_id": debtor.id,
                    "channel": "call",
                    "amount": round(min(debtor.amount_due, 2500.0) / 2, 2),
                    "date": fields.Date.add(today, days=6),
                    "note": "Will pay once their own customer has paid.",
                }
            )
    # Kept: the forgetful payer pays what it promised.
    kept = debtors[10]
    moves = _overdue_moves(env, kept, today)[:1]
    if moves:
        Promise.create(
            {
                "debtor_id": kept.id,
                "channel": "email",
                "amount": moves.amount_residual,
                "invoice_ids": [Command.set(moves.ids)],
                "date": fields.Date.add(today, days=3),
            }
        )
        _pay(env, moves, today)
    # Broken: the chronic payer promised ten days ago and did not pay.
    for num in (20, 29):
        debtor = debtors[num]
        if debtor.amount_due <= 0:
            continue
        promise = Promise.create(
            {
                "debtor_id": debtor.id,
                "channel": "call",
                "amount": round(min(debtor.amount_due, 3000.0), 2),
                "date": fields.Date.add(today, days=1),
                "note": "Promised a transfer 'this week'.",
            }
        )
        # Only the system moves these dates: simulate the ten days gone by.
        promise.flush_recordset()
        env.cr.execute(
            SQL(
                "UPDATE collection_promise SET date = %s, date_made = %s WHERE id = %s",
                fields.Date.subtract(today, days=10),
                fields.Date.subtract(today, days=20),
                promise.id,
            )
        )
        promise.invalidate_recordset(["date", "date_made"])


def _plan(env, debtor, today, count=3, **vals):
    moves = _overdue_moves(env, debtor, today)
    if not moves:
        return env["collection.plan"]
    plan = env["collection.plan"].create(
        {
            "debtor_id": debtor.id,
            "invoice_ids": [Command.set(moves.ids)],
            "installment_count": count,
            **vals,
        }
    )
    plan.action_generate_lines()
    return plan


def _activate(env, plan):
    plan.action_submit()
    if plan.state == "to_approve":
        plan.with_user(env.ref("base.user_admin")).action_approve()


def _plans(env, debtors, today, company):
    # Draft: being negotiated.
    _plan(env, debtors[23], today)
    # To approve: a large debt over many months (above the threshold).
    big = _plan(env, debtors[3], today, count=10, fee_amount=150.0)
    if big:
        big.action_submit()
    # Active: a small involuntary debtor pays monthly.
    active = _plan(env, debtors[15], today, count=4)
    if active:
        _activate(env, active)
    # Done: one installment, paid.
    done = _plan(env, debtors[4], today, count=1)
    if done:
        _activate(env, done)
        _pay(env, done.invoice_ids, today)
    # Defaulted: started two months ago, nothing paid since.
    late = _plan(env, debtors[12], today, count=3)
    if late:
        _activate(env, late)
        _backdate_plan(env, late, fields.Date.subtract(today, days=65))
    company.collection_plan_default_level_id = env["collection.level"].search(
        [("company_id", "=", company.id), ("action", "=", "demand")], limit=1
    )
    # Cancelled: the debtor disputed the plan.
    cancelled = _plan(env, debtors[6], today)
    if cancelled:
        cancelled.action_cancel()


def _backdate_plan(env, plan, start):
    """Move an approved plan's start and due dates back to ``start``, as if
    it had run since then: only the system sets these fields."""
    plan.flush_recordset()
    plan.line_ids.flush_recordset()
    for index, line in enumerate(plan.line_ids.sorted("date_due")):
        env.cr.execute(
            SQL(
                "UPDATE collection_plan_line SET date_due = %s WHERE id = %s",
                fields.Date.add(start, months=index),
                line.id,
            )
        )
    env.cr.execute(
        SQL("UPDATE collection_plan SET date_start = %s WHERE id = %s", start, plan.id)
    )
    plan.invalidate_recordset()
    plan.line_ids.invalidate_recordset()
