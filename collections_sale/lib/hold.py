# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit hold: may an order of this debtor be confirmed, and if not, why?

The company's settings name the rules; the debtor's standing is what the
ledger says today. The decision is a tuple of reason codes (empty: the order
may be confirmed) and, when a commitment in good standing lifts the hold, what
lifted it.

An order is checked as it is after a create or a write (:func:`hold_event`):
when it becomes confirmed, or when a confirmed order moves to another customer,
invoice address or company. A Collections Manager's release of one order
covers what it saw (:class:`OrderFacts`): :func:`release_voids` says why it no
longer does.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# The reason codes, in the order they are reported.
LEVEL = "level_reached"
DEBTOR_TYPE = "debtor_type"
AMOUNT = "amount_above"
DAYS = "days_above"
PLAN_DEFAULTED = "plan_defaulted"
REASONS = (LEVEL, DEBTOR_TYPE, AMOUNT, DAYS, PLAN_DEFAULTED)
# What a promise or a plan in good standing can lift: the state of the debt.
# The debtor type describes the customer, not the debt, and is never lifted.
LIFTABLE = frozenset({LEVEL, AMOUNT, DAYS, PLAN_DEFAULTED})
# What lifted the hold.
PROMISE = "promise"
PLAN = "plan"
# Whose hold an order is checked against: its customer's and its invoice
# address's (the invoices' debtor), each by its commercial entity.
CUSTOMER = "customer"
INVOICE = "invoice"
# What a create or a write did to an order that the hold checks.
CONFIRMED = "confirmed"  # it is an order now, and was not before
MOVED = "moved"  # a confirmed order got another customer, invoice address or company
# Why a release no longer covers its order, in the order they are reported.
CUSTOMER_CHANGED = "customer_changed"
INVOICE_CHANGED = "invoice_address_changed"
COMPANY_CHANGED = "company_changed"
CURRENCY_CHANGED = "currency_changed"
AMOUNT_ABOVE_RELEASE = "amount_above_release"
RELEASER_SOLD = "releaser_was_salesperson"


@dataclass(frozen=True)
class HoldSettings:
    """The company's hold rules; each rule is off at its neutral value.

    :param level_days: block when the debtor's level is at or past the level
        set this many days after the due date (the ladder's own order);
        ``None``: rule off.
    :param debtor_type: block debtors of this type; ``None``: rule off.
    :param max_amount: block when the collectible amount is above it; 0: off.
    :param max_days: block when the oldest overdue item is more than this many
        days late (and something is still collectible); 0: off.
    :param plan_defaulted: block a debtor with a recently defaulted plan.
    :param commitment_lifts: an open promise or an active plan in good
        standing lifts the rules of :data:`LIFTABLE`.
    :param promise_grace_days: days after the promised date a promise stays in
        good standing (the company's promise grace).
    :param plan_grace_days: days an installment may be late while the plan
        stays in good standing (the company's plan grace).
    """

    level_days: int | None = None
    debtor_type: str | None = "fraudulent"
    max_amount: Decimal = Decimal(0)
    max_days: int = 0
    plan_defaulted: bool = True
    commitment_lifts: bool = True
    promise_grace_days: int = 0
    plan_grace_days: int = 0


@dataclass(frozen=True)
class Standing:
    """The debtor as the ledger sees it today (company currency).

    :param level_days: days of the debtor's current escalation level, or
        ``None`` when no level was taken in this episode.
    :param promise_date: date of the debtor's open promise to pay, if any.
    :param plan_active: the debtor has an active installment plan.
    :param plan_next_due: due date of that plan's oldest unpaid installment.
    """

    level_days: int | None = None
    debtor_type: str | None = None
    amount_collectible: Decimal = Decimal(0)
    days_overdue: int = 0
    plan_defaulted: bool = False
    promise_date: date | None = None
    plan_active: bool = False
    plan_next_due: date | None = None


@dataclass(frozen=True)
class HoldDecision:
    """What :func:`decide` found.

    :param reasons: the rules that block the order (empty: it may be confirmed).
    :param lifted: the rules that would block, lifted by a commitment.
    :param lifted_by: :data:`PROMISE` or :data:`PLAN` when something was
        lifted, else ``None``.
    """

    reasons: tuple[str, ...] = ()
    lifted: tuple[str, ...] = ()
    lifted_by: str | None = None

    @property
    def blocked(self) -> bool:
        return bool(self.reasons)


def promise_in_good_standing(
    promise_date: date | None, today: date, grace_days: int
) -> bool:
    """An open promise whose date, plus the grace, has not passed.

    >>> promise_in_good_standing(date(2025, 3, 10), date(2025, 3, 12), 2)
    True
    >>> promise_in_good_standing(date(2025, 3, 10), date(2025, 3, 13), 2)
    False
    """
    if promise_date is None:
        return False
    return today <= promise_date + timedelta(days=max(grace_days, 0))


def plan_in_good_standing(
    active: bool, next_due: date | None, today: date, grace_days: int
) -> bool:
    """An active plan whose oldest unpaid installment is not late beyond the grace.

    >>> plan_in_good_standing(True, date(2025, 3, 10), date(2025, 3, 1), 5)
    True
    >>> plan_in_good_standing(True, date(2025, 3, 10), date(2025, 3, 16), 5)
    False
    """
    if not active:
        return False
    if next_due is None:
        return True
    return today <= next_due + timedelta(days=max(grace_days, 0))


def blocking_rules(settings: HoldSettings, standing: Standing) -> tuple[str, ...]:
    """The rules of ``settings`` that ``standing`` breaks, before any lifting.

    >>> blocking_rules(HoldSettings(), Standing(debtor_type="fraudulent"))
    ('debtor_type',)
    >>> blocking_rules(HoldSettings(max_amount=Decimal(1000)),
    ...                Standing(amount_collectible=Decimal("1000.01")))
    ('amount_above',)
    """
    collectible = standing.amount_collectible > 0
    hits = {
        LEVEL: settings.level_days is not None
        and standing.level_days is not None
        and standing.level_days >= settings.level_days,
        DEBTOR_TYPE: bool(settings.debtor_type)
        and standing.debtor_type == settings.debtor_type,
        AMOUNT: settings.max_amount > 0
        and standing.amount_collectible > settings.max_amount,
        DAYS: settings.max_days > 0
        and collectible
        and standing.days_overdue > settings.max_days,
        PLAN_DEFAULTED: settings.plan_defaulted and standing.plan_defaulted,
    }
    return tuple(code for code in REASONS if hits[code])


def decide(settings: HoldSettings, standing: Standing, today: date) -> HoldDecision:
    """Whether an order of this debtor is on credit hold on ``today``.

    The rules of ``settings`` are checked in :data:`REASONS` order. When
    ``settings.commitment_lifts`` is set, an open promise in good standing
    (checked first), else an active plan in good standing, lifts the rules of
    :data:`LIFTABLE`; the debtor-type rule stays.

    :return: a :class:`HoldDecision`.

    >>> today = date(2025, 3, 10)
    >>> settings = HoldSettings(max_days=30)
    >>> decide(settings, Standing(amount_collectible=Decimal(5), days_overdue=40),
    ...        today).reasons
    ('days_above',)
    >>> decide(settings, Standing(amount_collectible=Decimal(5), days_overdue=40,
    ...        promise_date=date(2025, 3, 20)), today).lifted_by
    'promise'
    """
    rules = blocking_rules(settings, standing)
    if not rules or not settings.commitment_lifts:
        return HoldDecision(reasons=rules)
    lifted_by = None
    if promise_in_good_standing(
        standing.promise_date, today, settings.promise_grace_days
    ):
        lifted_by = PROMISE
    elif plan_in_good_standing(
        standing.plan_active, standing.plan_next_due, today, settings.plan_grace_days
    ):
        lifted_by = PLAN
    if lifted_by is None:
        return HoldDecision(reasons=rules)
    lifted = tuple(code for code in rules if code in LIFTABLE)
    if not lifted:
        return HoldDecision(reasons=rules)
    return HoldDecision(
        reasons=tuple(code for code in rules if code not in LIFTABLE),
        lifted=lifted,
        lifted_by=lifted_by,
    )


@dataclass(frozen=True)
class OrderFacts:
    """What of an order the hold and a release look at.

    :param customer: the commercial entity of the customer (the debtor).
    :param invoice: the commercial entity of the invoice address (who owes
        the invoices).
    :param amount: the order's total, in its currency, rounded.
    """

    state: str
    customer: int
    invoice: int
    company: int
    currency: int
    amount: Decimal


def hold_event(
    before: OrderFacts | None, after: OrderFacts
) -> tuple[str | None, frozenset[str]]:
    """What a create or a write did to an order that the hold must check on
    the resulting order, and whose hold it checks.

    A confirmation checks the customer and the invoice address; a confirmed
    order moved to another company checks both again, moved to another
    customer or invoice address only the one that changed.

    :param before: the order before the write (``None``: it is being created)
    :return: ``(event, roles)``: :data:`CONFIRMED`, :data:`MOVED` or ``None``,
        and a set of :data:`CUSTOMER` and :data:`INVOICE`

    >>> draft = OrderFacts("draft", 1, 1, 1, 1, Decimal(10))
    >>> hold_event(draft, OrderFacts("sale", 1, 1, 1, 1, Decimal(10)))[0]
    'confirmed'
    >>> hold_event(None, OrderFacts("sale", 2, 2, 1, 1, Decimal(10)))[0]
    'confirmed'
    >>> order = OrderFacts("sale", 1, 1, 1, 1, Decimal(10))
    >>> hold_event(order, OrderFacts("sale", 1, 2, 1, 1, Decimal(10)))
    ('moved', frozenset({'invoice'}))
    >>> hold_event(order, OrderFacts("sale", 1, 1, 1, 1, Decimal(99)))
    (None, frozenset())
    >>> hold_event(draft, OrderFacts("draft", 2, 2, 1, 1, Decimal(10)))
    (None, frozenset())
    """
    both = frozenset({CUSTOMER, INVOICE})
    if after.state != "sale":
        return None, frozenset()
    if before is None or before.state != "sale":
        return CONFIRMED, both
    if before.company != after.company:
        return MOVED, both
    roles = frozenset(
        role
        for role, changed in (
            (CUSTOMER, before.customer != after.customer),
            (INVOICE, before.invoice != after.invoice),
        )
        if changed
    )
    return (MOVED if roles else None), roles


def release_voids(
    released: OrderFacts,
    now: OrderFacts,
    released_by: int,
    salespeople: frozenset[int],
) -> tuple[str, ...]:
    """Why a release no longer covers its order (empty: it still does).

    A release covers this order for the customer, invoice address, company and
    currency it was given for, up to the amount the order had then; and only
    while the manager who gave it never was the order's salesperson (four
    eyes, even after a hand-over and back).

    :param released: the order as the release saw it
    :param now: the order as it is
    :param released_by: the user who released it
    :param salespeople: every user who was the order's salesperson

    >>> seen = OrderFacts("draft", 1, 1, 1, 1, Decimal(100))
    >>> release_voids(seen, seen, 7, frozenset({5}))
    ()
    >>> release_voids(seen, OrderFacts("draft", 1, 1, 1, 1, Decimal(90)), 7,
    ...               frozenset({5}))
    ()
    >>> release_voids(seen, OrderFacts("draft", 3, 3, 1, 1, Decimal(101)), 7,
    ...               frozenset({5, 7}))
    ('customer_changed', 'invoice_address_changed', 'amount_above_release', \
'releaser_was_salesperson')
    """
    checks = {
        CUSTOMER_CHANGED: now.customer != released.customer,
        INVOICE_CHANGED: now.invoice != released.invoice,
        COMPANY_CHANGED: now.company != released.company,
        CURRENCY_CHANGED: now.currency != released.currency,
        AMOUNT_ABOVE_RELEASE: now.currency == released.currency
        and now.amount > released.amount,
        RELEASER_SOLD: released_by in salespeople,
    }
    return tuple(code for code, hit in checks.items() if hit)
