# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit hold: may an order of this debtor be confirmed, and if not, why?

The company's settings name the rules; the debtor's standing is what the
ledger says today. The decision is a tuple of reason codes (empty: the order
may be confirmed) and, when a commitment in good standing lifts the hold, what
lifted it. A person's release of one order is not decided here: it is a fact
the model checks before asking.
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
