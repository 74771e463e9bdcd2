# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invoice plans of the demo customers: plain dates and amounts, no records.

A plan is a list of dicts: date, due, amount and payments, a list of
(date, amount) where the amount None pays the remaining balance. Every random
draw comes from the ``rng`` the caller passes, in a fixed order, so the same
seed on the same day gives the same plans.
"""

from datetime import timedelta

from .partners import PARTNERS

DAY = timedelta(days=1)


def invoice(day, due, amount, payments=()):
    return {"date": day, "due": due, "amount": amount, "payments": list(payments)}


def _dates(rng, start, end, gap):
    dates, day = [], start
    while day <= end:
        dates.append(day)
        day += rng.randint(*gap) * DAY
    return dates


def _history(rng, today, end, gap):
    """Invoice dates from 18-24 months ago until `end` days ago."""
    start = today - rng.randint(545, 725) * DAY
    return _dates(rng, start, today - end * DAY, gap)


def _amount(rng, row):
    low, high = row["amounts"]
    return round(rng.uniform(low, high), -1)


def plan_good(rng, today, row):
    """Paid on or before the due date; one or two invoices not yet due."""
    plan = []
    for day in _history(rng, today, 35, (80, 110)):
        due = day + 30 * DAY
        paid = max(day, due - rng.randint(0, 6) * DAY)
        amount = _amount(rng, row)
        plan.append(invoice(day, due, amount, [(paid, None)]))
    for ago in sorted({rng.randint(2, 25) for _i in range(rng.randint(1, 2))}):
        day = today - ago * DAY
        amount = _amount(rng, row)
        plan.append(invoice(day, day + 30 * DAY, amount))
    return plan


def plan_forgetful(rng, today, row):
    """Always paid 2-8 days late; one small invoice 5-10 days overdue."""
    plan = []
    for day in _history(rng, today, 45, (60, 85)):
        due = day + 30 * DAY
        paid = due + rng.randint(2, 8) * DAY
        amount = _amount(rng, row)
        plan.append(invoice(day, due, amount, [(paid, None)]))
    due = today - rng.randint(5, 10) * DAY
    amount = round(rng.uniform(150, 450), -1)
    plan.append(invoice(due - 30 * DAY, due, amount))
    if rng.random() < 0.6:
        day = today - rng.randint(3, 20) * DAY
        amount = _amount(rng, row)
        plan.append(invoice(day, day + 30 * DAY, amount))
    return plan


def plan_involuntary(rng, today, row):
    """On time for years, then one big invoice 45-100 days overdue."""
    extra = row["extra"]
    plan = []
    for day in _history(rng, today, extra["overdue"] + 60, (60, 85)):
        due = day + 30 * DAY
        paid = max(day, due - rng.randint(0, 3) * DAY)
        amount = _amount(rng, row)
        plan.append(invoice(day, due, amount, [(paid, None)]))
    due = today - extra["overdue"] * DAY
    payments = []
    if extra.get("partial"):
        paid = today - rng.randint(5, 15) * DAY
        payments.append((paid, round(extra["big"] * extra["partial"], -1)))
    plan.append(invoice(due - 30 * DAY, due, extra["big"], payments))
    return plan


def plan_chronic(rng, today, row):
    """Paid 30-90 days late, often in parts; what fell due lately is open."""
    plan = []
    partial_done = False
    for day in _history(rng, today, 15, (55, 75)):
        due = day + 30 * DAY
        amount = _amount(rng, row)
        payments = []
        if due < today - 100 * DAY:
            paid = min(
                due + rng.randint(30, 90) * DAY,
                today - rng.randint(3, 20) * DAY,
            )
            if rng.random() < 0.3:
                first = paid - rng.randint(10, 25) * DAY
                payments.append((first, round(amount * 0.4, -1)))
            payments.append((paid, None))
        elif due < today and not partial_done:
            paid = today - rng.randint(2, 12) * DAY
            payments.append((paid, round(amount * 0.4, -1)))
            partial_done = True
        plan.append(invoice(day, due, amount, payments))
    for overdue, amount in row.get("extra", {}).get("open", []):
        due = today - overdue * DAY
        plan.append(invoice(due - 30 * DAY, due, amount))
    return plan


def plan_irresponsible(rng, today, row):
    """Paid late at first, then 60-300 days overdue and silent for 6+ months."""
    plan = []
    for day in _history(rng, today, 345, (50, 70)):
        due = day + 30 * DAY
        paid = due + rng.randint(10, 40) * DAY
        amount = _amount(rng, row)
        plan.append(invoice(day, due, amount, [(paid, None)]))
    first_open = today - (330 - rng.randint(0, 15)) * DAY
    for index, day in enumerate(_dates(rng, first_open, today - 90 * DAY, (45, 75))):
        amount = _amount(rng, row)
        payments = []
        if index == 0 and row.get("extra", {}).get("partial"):
            paid = today - rng.randint(200, 230) * DAY
            payments.append((paid, round(amount * 0.3, -1)))
        plan.append(invoice(day, day + 30 * DAY, amount, payments))
    return plan


def plan_fraud(rng, today, row):
    """A few big invoices 120-400 days overdue and not a cent paid."""
    extra = row["extra"]
    plan = []
    for overdue, amount in zip(extra["overdue"], extra["amounts"], strict=True):
        due = today - overdue * DAY
        plan.append(invoice(due - 30 * DAY, due, amount))
    return plan


PLANNERS = {
    "good": plan_good,
    "forgetful": plan_forgetful,
    "involuntary": plan_involuntary,
    "chronic": plan_chronic,
    "irresponsible": plan_irresponsible,
    "fraud": plan_fraud,
}


def customer_plans(rng, today):
    """Every customer's plan, customer by customer, each invoice tagged by row."""
    return [
        dict(inv, row=row)
        for row in PARTNERS
        for inv in PLANNERS[row["kind"]](rng, today, row)
    ]


def special_invoices(today, term_id):
    """Documents that show edge cases of the ledger, tagged by "special"."""
    rows = {row["num"]: row for row in PARTNERS}

    def special(num, tag, ago, amount, **kw):
        day = today - ago * DAY
        inv = invoice(day, day + 30 * DAY, amount)
        return dict(inv, row=rows[num], special=tag, **kw)

    return [
        # 30% due at once (20 days overdue), 70% due in 40 days.
        special(20, "installments", 20, 4600, term=term_id),
        special(9, "refund", 25, 850, label="Credit note: returned boards"),
        special(14, "refund", 40, 1200, label="Credit note: price dispute"),
        special(24, "refund", 210, 600, label="Credit note: damaged crates"),
        special(5, "reverse", 50, 2300),
        special(22, "draft", 1, 1250),
        special(27, "cancel", 30, 980),
    ]
