# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sentences for the codes of ``lib/hold.py``, in the reader's language."""

from ..lib import hold


def reason(env, code, row, is_collector):
    """Why an order is on hold, for one reason code of :func:`lib.hold.decide`.

    :param row: a standing row of the order (see ``sale.order._collection_debts``)
    :param is_collector: the reader is a Collections User (sees debtor types);
        False for every text stored where a Viewer reads it (chatter, log)
    """
    _ = env._
    Standing = env["collection.standing"]
    if code == hold.LEVEL:
        return _(
            "the escalation has reached %(level)s (the hold starts at %(hold)s)",
            level=row.get("level_name") or "",
            hold=row.get("hold_level_name") or "",
        )
    if code == hold.DEBTOR_TYPE:
        if not is_collector:
            return _("the customer's classification needs a review with collections")
        return _(
            "the debtor is classified %(type)s",
            type=Standing._type_label(row.get("debtor_type"), True),
        )
    if code == hold.AMOUNT:
        return _(
            "%(amount)s is to collect, above the limit of %(limit)s",
            amount=Standing._money(row, row.get("amount_collectible")),
            limit=Standing._money(row, row.get("hold_amount")),
        )
    if code == hold.DAYS:
        return _(
            "an item is %(days)s days overdue, more than the %(limit)s days allowed",
            days=row.get("max_days_overdue") or 0,
            limit=row.get("hold_days") or 0,
        )
    if code == hold.PLAN_DEFAULTED:
        return _("an installment plan defaulted in the last 12 months")
    return code


def reasons(env, codes, row, is_collector):
    """The reasons of ``codes`` as one clause."""
    return "; ".join(reason(env, code, row, is_collector) for code in codes)


def lifted_by(env, code):
    """What lifted the hold (:data:`lib.hold.PROMISE` or :data:`lib.hold.PLAN`)."""
    _ = env._
    if code == hold.PROMISE:
        return _("the open promise to pay")
    return _("the active installment plan, paid on time")


def release_void(env, code, order):
    """Why the release of ``order`` no longer covers it, for one code of
    :func:`lib.hold.release_voids`."""
    _ = env._
    if code == hold.CUSTOMER_CHANGED:
        return _("the customer changed since the release")
    if code == hold.INVOICE_CHANGED:
        return _("the invoice address changed since the release")
    if code == hold.COMPANY_CHANGED:
        return _("the company changed since the release")
    if code == hold.CURRENCY_CHANGED:
        return _("the currency changed since the release")
    if code == hold.AMOUNT_ABOVE_RELEASE:
        currency = order.collection_hold_release_currency_id
        return _(
            "the order grew to %(amount)s, above the %(released)s released",
            amount=currency.format(order.amount_total),
            released=currency.format(order.collection_hold_release_amount),
        )
    if code == hold.RELEASER_SOLD:
        return _(
            "%(user)s, who released it, has been its salesperson",
            user=order.collection_hold_released_by_id.name,
        )
    return code


def release_voids(env, codes, order):
    """The reasons of ``codes`` as one clause."""
    return "; ".join(release_void(env, code, order) for code in codes)
