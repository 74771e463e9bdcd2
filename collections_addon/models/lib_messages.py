# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sentences for the codes ``lib/`` returns: one home for translating them.

``lib/`` decides and returns ``(code, params)``; the models raise these
sentences, translated in the user's language with ``env._``.
"""

from ..lib import bounds, classification


def ladder_problem(env, code, params):
    """A :func:`lib.dunning.validate_ladder` problem."""
    _ = env._
    return {
        "empty": lambda: _("The escalation ladder has no levels."),
        "duplicate_days": lambda: _(
            "Two or more levels are set at %(days)s days; each level needs its "
            "own day.",
            days=params.get("days"),
        ),
        "duplicate_key": lambda: _(
            "Level %(key)s appears more than once in the ladder.", key=params.get("key")
        ),
        "negative_min_amount": lambda: _(
            "The level at %(days)s days has a negative minimum amount (%(amount)s).",
            days=params.get("days"),
            amount=params.get("amount"),
        ),
        "handover_without_demand": lambda: _(
            "The hand-over at %(days)s days needs a formal demand letter level "
            "before it: a debtor is never handed over without a demand.",
            days=params.get("days"),
        ),
    }[code]()


def schedule_problem(env, code, params):
    """A :func:`lib.schedule.check_schedule` problem."""
    _ = env._
    return {
        "empty": lambda: _("The schedule has no installments."),
        "not_positive": lambda: _(
            "Line %(line)s has amount %(amount)s; every installment must be "
            "positive.",
            line=params.get("line"),
            amount=params.get("amount"),
        ),
        "dates_not_increasing": lambda: _(
            "Line %(line)s is due on %(date)s, not after the previous line "
            "(%(previous)s); dates must increase.",
            line=params.get("line"),
            date=params.get("date"),
            previous=params.get("previous"),
        ),
        "sum_mismatch": lambda: _(
            "The installments add up to %(total)s but the plan total is "
            "%(expected)s.",
            total=params.get("total"),
            expected=params.get("expected"),
        ),
    }[code]()


def schedule_error(env, code, params):
    """A :class:`lib.schedule.ScheduleError` of :func:`build_schedule`."""
    _ = env._
    texts = {
        "count_below_one": lambda: _("A plan needs at least one installment."),
        "count_above_cap": lambda: _(
            "A plan has at most %(cap)s installments (got %(count)s).",
            cap=params.get("cap"),
            count=params.get("count"),
        ),
        "total_not_positive": lambda: _(
            "There is nothing to schedule: the amount to schedule is %(total)s.",
            total=params.get("total"),
        ),
        "down_payment_negative": lambda: _("The down payment cannot be negative."),
        "down_payment_not_below_total": lambda: _(
            "The down payment %(down_payment)s must be less than the amount to "
            "schedule %(total)s.",
            down_payment=params.get("down_payment"),
            total=params.get("total"),
        ),
        "too_small_to_split": lambda: _(
            "%(rest)s cannot be split into %(count)s installments of at least "
            "%(quantum)s each.",
            rest=params.get("rest"),
            count=params.get("count"),
            quantum=params.get("quantum"),
        ),
    }
    if code in texts:
        return texts[code]()
    return _(
        "The schedule cannot be computed (%(code)s); check the amounts, the "
        "interval and the number of installments.",
        code=code,
    )


def promise_problem(env, code, params, currency):
    """A :func:`lib.promise.validate_promise` problem."""
    _ = env._

    def money(key):
        return currency.format(float(params.get(key) or 0))

    return {
        "amount_not_positive": lambda: _(
            "Amount: a promise to pay must be above zero (got %(amount)s).",
            amount=money("amount"),
        ),
        "amount_above_debt": lambda: _(
            "Amount: %(amount)s is more than the open debt it covers (%(debt)s).",
            amount=money("amount"),
            debt=money("debt"),
        ),
        "date_in_past": lambda: _(
            "Promised Date: %(date)s is in the past.", date=params.get("date")
        ),
        "date_beyond_horizon": lambda: _(
            "Promised Date: %(date)s is more than %(days)s days away; agree on a "
            "nearer date or an installment plan.",
            date=params.get("date"),
            days=params.get("days"),
        ),
    }[code]()


def amount_problem(env, label, value):
    """A :func:`lib.bounds.check_amount` problem of the field ``label``."""
    return env._(
        "%(field)s: %(amount)s is not a finite amount between 0 and %(max)s.",
        field=label,
        amount=value,
        max=bounds.MAX_AMOUNT,
    )


def date_problem(env, label, value, future_days=bounds.DATE_FUTURE_DAYS):
    """A :func:`lib.bounds.check_date` problem of the field ``label``."""
    return env._(
        "%(field)s: %(date)s is outside the allowed window (%(past)s days back to "
        "%(future)s days ahead).",
        field=label,
        date=value,
        past=bounds.DATE_PAST_DAYS,
        future=future_days,
    )


def approval_reason(env, code, debtor_type):
    """A :func:`lib.approval.approval_reasons` code, as part of a list."""
    _ = env._
    return {
        "above_threshold": lambda: _("the amount is above the approval threshold"),
        "too_many_installments": lambda: _(
            "more installments than allowed without approval"
        ),
        "revised": lambda: _("it was changed after its approval"),
        "risky_type": lambda: _("the debtor is %(type)s", type=debtor_type),
    }[code]()


def _values(names_by_code, args):
    """Every figure a sentence may name (``None`` when absent), then ``args``."""
    values = dict.fromkeys(name for names in names_by_code.values() for name in names)
    values.update(args or {})
    return values


def type_reason(env, code, args, currency=None):
    """A :func:`lib.classification.suggest_type` reason code, as a sentence.

    :param code: one of :data:`lib.classification.REASON_CODES`.
    :param args: its figures (:data:`lib.classification.REASON_ARGS`).
    :param currency: formats the overdue amount, when given.
    :return: the sentence, or ``""`` for an unknown code.
    """
    _ = env._
    values = _values(classification.REASON_ARGS, args)
    if currency and values["amount"] is not None:
        values["amount"] = currency.format(float(values["amount"]))
    texts = {
        "no_history": lambda: _(
            "No overdue amount and no payment history to judge from."
        ),
        "silent": lambda: _(
            "%(unanswered)s of %(contacts)s contacts unanswered, no promise to pay "
            "ever made and no payment while %(amount)s has been overdue for "
            "%(days)s days.",
            **values,
        ),
        "chronic_late": lambda: _(
            "Repeatedly late over a long history: %(late)s of %(paid)s invoices "
            "paid late (%(percent)s%%, %(avg_days)s days late on average).",
            **values,
        ),
        "chronic_broken_promises": lambda: _(
            "%(broken)s broken promises (against %(kept)s kept).",
            **values,
        ),
        "chronic_defaulted_plans": lambda: _(
            "Defaulted on %(plans)s payment plan(s).", **values
        ),
        "forgetful": lambda: _(
            "Small delays only: %(days)s days overdue now, %(avg_days)s days late "
            "on average, %(unanswered)s of %(contacts)s contacts unanswered.",
            **values,
        ),
        "ignores_contacts": lambda: _(
            "Ignores contacts: %(unanswered)s of %(contacts)s contacts unanswered.",
            **values,
        ),
        "regularly_late": lambda: _(
            "Regularly late: %(late)s of %(paid)s invoices paid late "
            "(%(percent)s%%, %(avg_days)s days late on average).",
            **values,
        ),
        "involuntary_delay": lambda: _(
            "No pattern of lateness: %(late)s of %(paid)s invoices paid late "
            "(%(percent)s%%, %(avg_days)s days late on average) and "
            "%(unanswered)s of %(contacts)s contacts unanswered, so the delay of "
            "%(days)s days looks circumstantial.",
            **values,
        ),
        "involuntary_late_payment": lambda: _(
            "No pattern of lateness: %(late)s of %(paid)s invoices paid late "
            "(%(percent)s%%, %(avg_days)s days late on average) and "
            "%(unanswered)s of %(contacts)s contacts unanswered, so the late "
            "payment looks circumstantial.",
            **values,
        ),
        "involuntary_new_delay": lambda: _(
            "No pattern of lateness: no payment history yet and %(unanswered)s of "
            "%(contacts)s contacts unanswered, so the delay of %(days)s days looks "
            "circumstantial.",
            **values,
        ),
        "involuntary_new_late_payment": lambda: _(
            "No pattern of lateness: no payment history yet and %(unanswered)s of "
            "%(contacts)s contacts unanswered, so the late payment looks "
            "circumstantial.",
            **values,
        ),
    }
    return texts[code]() if code in texts else ""


def fraud_flag(env, code, args):
    """A :func:`lib.classification.suggest_type` fraud code, as a sentence.

    :param code: one of :data:`lib.classification.FRAUD_CODES`.
    :param args: its figures (:data:`lib.classification.FRAUD_ARGS`).
    :return: the sentence, or ``""`` for an unknown code.
    """
    _ = env._
    values = _values(classification.FRAUD_ARGS, args)
    texts = {
        "fraud_contacts": lambda: _(
            "Flagged for a fraud review: nothing ever paid, %(days)s days overdue "
            "and %(unanswered)s of %(contacts)s contacts unanswered.",
            **values,
        ),
        "fraud_disputes": lambda: _(
            "Flagged for a fraud review: nothing ever paid, %(days)s days overdue "
            "and %(disputes)s dispute(s) raised.",
            **values,
        ),
        "fraud_contacts_disputes": lambda: _(
            "Flagged for a fraud review: nothing ever paid, %(days)s days overdue, "
            "%(unanswered)s of %(contacts)s contacts unanswered and %(disputes)s "
            "dispute(s) raised.",
            **values,
        ),
    }
    return texts[code]() if code in texts else ""
