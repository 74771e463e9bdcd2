# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Debtor segmentation: ABC class by exposure, risk score, suggested debtor type.

All three are *suggestions* from the payment data; a collector confirms the
debtor type. The type ``"fraudulent"`` is never suggested: the data can only
raise a flag for a person to review (see ``readme/RULES.md``).
"""

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

DEBTOR_TYPES = ("forgetful", "involuntary", "chronic", "irresponsible", "fraudulent")
ABC_CLASSES = ("a", "b", "c")

_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True)
class Behaviour:
    """What the ledger knows about one debtor's payment behaviour.

    Counts cover the last 12 months unless stated otherwise.

    :param amount_overdue: open amount past its due date.
    :param amount_due: open amount in total (overdue or not).
    :param max_days_overdue: days overdue of the oldest overdue item (0 if none).
    :param paid_count: invoices paid.
    :param paid_late_count: of those, invoices paid after their due date.
    :param avg_days_late: average days late over the paid invoices (0 if none).
    :param promises_kept: promises to pay that were kept.
    :param promises_broken: promises to pay that were broken.
    :param contacts_total: contact attempts (e-mails, calls, letters).
    :param contacts_unanswered: of those, attempts without an answer.
    :param days_since_last_payment: days since the last payment; ``None`` when
        the debtor never paid anything.
    :param plans_defaulted: payment plans the debtor defaulted on.
    :param disputes: disputes raised on invoices.
    :raises ValueError: a count or a number of days is negative.
    """

    amount_overdue: Decimal
    amount_due: Decimal
    max_days_overdue: int
    paid_count: int
    paid_late_count: int
    avg_days_late: Decimal
    promises_kept: int = 0
    promises_broken: int = 0
    contacts_total: int = 0
    contacts_unanswered: int = 0
    days_since_last_payment: int | None = None
    plans_defaulted: int = 0
    disputes: int = 0

    def __post_init__(self):
        for name in (
            "max_days_overdue",
            "paid_count",
            "paid_late_count",
            "avg_days_late",
            "promises_kept",
            "promises_broken",
            "contacts_total",
            "contacts_unanswered",
            "plans_defaulted",
            "disputes",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative ({getattr(self, name)}).")
        if (
            self.days_since_last_payment is not None
            and self.days_since_last_payment < 0
        ):
            raise ValueError(
                f"days_since_last_payment cannot be negative "
                f"({self.days_since_last_payment})."
            )

    @property
    def late_share(self) -> Decimal:
        """Share of paid invoices paid late, from 0 to 1 (0 if none was paid)."""
        return _share(self.paid_late_count, self.paid_count)

    @property
    def unanswered_share(self) -> Decimal:
        """Share of contact attempts left unanswered, from 0 to 1 (0 if none)."""
        return _share(self.contacts_unanswered, self.contacts_total)

    @property
    def has_history(self) -> bool:
        """Whether anything at all is known about the debtor's behaviour."""
        return bool(
            self.paid_count
            or self.promises_kept
            or self.promises_broken
            or self.contacts_total
            or self.plans_defaulted
            or self.disputes
            or self.days_since_last_payment is not None
        )


def _share(part: int, whole: int) -> Decimal:
    if whole <= 0:
        return _ZERO
    return min(_ONE, Decimal(part) / Decimal(whole))


def _pct(value: Decimal) -> int:
    """A share as a whole percentage, rounded half up."""
    return int((value * 100).quantize(_ONE, rounding=ROUND_HALF_UP))


# === ABC ANALYSIS === #


def _check_thresholds(thresholds: tuple[int, int, int]) -> None:
    if (
        len(thresholds) != 3
        or any(type(t) is not int or t <= 0 for t in thresholds)
        or sum(thresholds) != 100
    ):
        raise ValueError(
            "ABC thresholds must be three positive whole percentages adding up "
            f"to 100, such as (80, 15, 5); got {tuple(thresholds)}."
        )


def abc_exposure(amount_overdue: Decimal, amount_credit: Decimal) -> Decimal:
    """What a debtor's ABC class is measured on: the collectible amount.

    The overdue amount less the unapplied credits (credit notes, payments,
    negative), never below zero. A debtor whose credits cover the overdue
    (a credit balance) has nothing to collect: exposure 0, so class C.

    :param amount_overdue: open amount past its due date (0 or more).
    :param amount_credit: unapplied credits, 0 or negative.
    :return: the exposure, 0 or more.

    >>> abc_exposure(Decimal("1000"), Decimal("-400"))
    Decimal('600')
    >>> abc_exposure(Decimal("300"), Decimal("-500"))
    Decimal('0')
    """
    return max(amount_overdue + min(amount_credit, _ZERO), _ZERO)


def abc_classes(
    exposures: Mapping[K, Decimal],
    thresholds: tuple[int, int, int] = (80, 15, 5),
) -> dict[K, str]:
    """Classic cumulative ABC classes on overdue exposure.

    Debtors are sorted by exposure, largest first (ties by key, so the result
    is deterministic). A debtor is ``"a"`` while the cumulative share of the
    debtors *before* it is below the A threshold (so the largest debtor is
    always A), ``"b"`` while it is below A + B, and ``"c"`` after that.
    Debtors with zero or negative exposure are always ``"c"``.

    :param exposures: overdue amount per debtor key; keys must be sortable.
    :param thresholds: ``(A, B, C)`` percentages, positive ints adding to 100.
    :return: ``{key: "a" | "b" | "c"}`` for every key of ``exposures``.
    :raises ValueError: invalid thresholds.

    >>> abc_classes({1: Decimal(700), 2: Decimal(200), 3: Decimal(60),
    ...              4: Decimal(40), 5: Decimal(0)})
    {1: 'a', 2: 'a', 3: 'b', 4: 'c', 5: 'c'}
    """
    _check_thresholds(thresholds)
    limit_a, limit_b = thresholds[0], thresholds[0] + thresholds[1]
    positive = sorted(
        ((key, amount) for key, amount in exposures.items() if amount > 0),
        key=lambda item: (-item[1], item[0]),
    )
    total = sum((amount for _key, amount in positive), _ZERO)
    result = {key: "c" for key in exposures}
    before = _ZERO
    for key, amount in positive:
        # compare before / total < limit / 100 without dividing
        if before * 100 < limit_a * total:
            result[key] = "a"
        elif before * 100 < limit_b * total:
            result[key] = "b"
        before += amount
    return result


# === RISK SCORE === #

# A share counts fully only from this many paid invoices / contacts, so one
# late invoice or one missed call does not read as a pattern.
_MIN_SAMPLE = 5


@dataclass(frozen=True)
class RiskScore:
    """A behaviour-based risk score from 0 (no risk) to 100.

    :param total: the score, 0..100.
    :param components: ``(label, points)`` per factor, always in the same
        order; the points add up to ``total``.
    """

    total: int
    components: tuple[tuple[str, int], ...]


def _ratio_points(numerator: Decimal, denominator: Decimal, weight: int) -> int:
    """``weight * numerator / denominator``, rounded half up, capped at weight."""
    if denominator <= 0 or numerator <= 0:
        return 0
    raw = (Decimal(weight) * numerator / denominator).quantize(
        _ONE, rounding=ROUND_HALF_UP
    )
    return min(weight, int(raw))


def _days_overdue_points(b: Behaviour) -> int:
    if b.amount_overdue <= 0:
        return 0
    return _ratio_points(Decimal(b.max_days_overdue), Decimal(180), 35)


def _late_share_points(b: Behaviour) -> int:
    late = min(b.paid_late_count, b.paid_count)
    return _ratio_points(Decimal(late), Decimal(max(b.paid_count, _MIN_SAMPLE)), 20)


def _avg_days_late_points(b: Behaviour) -> int:
    if b.paid_count <= 0:
        return 0
    return _ratio_points(b.avg_days_late, Decimal(60), 15)


def _broken_promises_points(b: Behaviour) -> int:
    return min(15, 5 * b.promises_broken)


def _unanswered_points(b: Behaviour) -> int:
    unanswered = min(b.contacts_unanswered, b.contacts_total)
    return _ratio_points(
        Decimal(unanswered), Decimal(max(b.contacts_total, _MIN_SAMPLE)), 10
    )


def _defaulted_plans_points(b: Behaviour) -> int:
    return min(5, 3 * b.plans_defaulted)


# (label, function, maximum points): the documented weights, 100 in all.
SCORE_WEIGHTS: tuple[tuple[str, Callable[[Behaviour], int], int], ...] = (
    ("Days overdue", _days_overdue_points, 35),
    ("Share paid late", _late_share_points, 20),
    ("Average days late", _avg_days_late_points, 15),
    ("Broken promises", _broken_promises_points, 15),
    ("Unanswered contacts", _unanswered_points, 10),
    ("Defaulted plans", _defaulted_plans_points, 5),
)


def clamp_components(
    components: tuple[tuple[str, int], ...], cap: int = 100
) -> RiskScore:
    """A :class:`RiskScore` from raw components, the total capped at ``cap``.

    When the points exceed ``cap``, the excess is taken off the last
    components first, so the components still add up to the total.

    >>> clamp_components((("x", 70), ("y", 40), ("z", 10)))
    RiskScore(total=100, components=(('x', 70), ('y', 30), ('z', 0)))
    """
    excess = max(0, sum(points for _label, points in components) - cap)
    result = []
    for label, points in reversed(components):
        cut = min(points, excess)
        excess -= cut
        result.append((label, points - cut))
    result.reverse()
    return RiskScore(sum(points for _label, points in result), tuple(result))


def risk_score(b: Behaviour) -> RiskScore:
    """Behaviour-based risk score, 0..100, with the points of every factor.

    Weights (see ``readme/RULES.md``), each rounded half up:

    - Days overdue, up to 35: ``35 * max_days_overdue / 180`` while something
      is overdue (full at 180 days, when voluntary payment becomes unlikely);
    - Share paid late, up to 20: ``20 * paid_late / max(paid, 5)``;
    - Average days late, up to 15: ``15 * avg_days_late / 60`` (full at 60);
    - Broken promises, up to 15: 5 per broken promise;
    - Unanswered contacts, up to 10: ``10 * unanswered / max(contacts, 5)``;
    - Defaulted plans, up to 5: 3 per defaulted plan.

    The score never goes down when days overdue, late payments, average days
    late, broken promises, unanswered contacts or defaulted plans go up.
    No overdue debt and a clean history score 0.

    :param b: the debtor's behaviour.
    :return: a :class:`RiskScore`; its components are always the six factors
        above, in that order.

    >>> score = risk_score(Behaviour(Decimal(500), Decimal(500), 90, 10, 5,
    ...                              Decimal(12), promises_broken=1))
    >>> score.total, score.components[:2]
    (36, (('Days overdue', 18), ('Share paid late', 10)))
    """
    return clamp_components(tuple((label, fn(b)) for label, fn, _max in SCORE_WEIGHTS))


# === DEBTOR TYPE === #

# Thresholds of the suggestion rules; documented in readme/RULES.md.
SMALL_DELAY_DAYS = 15  # a delay up to this is "forgetting"
SMALL_AVG_LATE_DAYS = Decimal(10)  # usual lateness of a forgetful payer
IGNORED_MIN_UNANSWERED = 2  # unanswered contacts needed to say "ignores us"
CHRONIC_MIN_PAID = 6  # a "long history" of paid invoices
CHRONIC_LATE_SHARE = Decimal("0.5")  # late on half of them or more
CHRONIC_MIN_BROKEN = 2  # broken promises that make a pattern
REGULAR_LATE_SHARE = Decimal("0.25")  # late more often than a good payer
REGULAR_MIN_LATE = 2  # ... on at least this many invoices
FRAUD_MIN_DAYS = 90  # overdue for more than this, nothing ever paid


# The codes of :func:`suggest_type`, with the names of the arguments each comes
# with: one full sentence per code, in the reader's language, is made in
# ``models/lib_messages.py``.
_LATE = ("late", "paid", "percent", "avg_days")
_CONTACTS = ("unanswered", "contacts")
REASON_ARGS: dict[str, tuple[str, ...]] = {
    "no_history": (),
    "silent": (*_CONTACTS, "amount", "days"),
    "chronic_late": _LATE,
    "chronic_broken_promises": ("broken", "kept"),
    "chronic_defaulted_plans": ("plans",),
    "forgetful": ("days", "avg_days", *_CONTACTS),
    "ignores_contacts": _CONTACTS,
    "regularly_late": _LATE,
    "involuntary_delay": (*_LATE, *_CONTACTS, "days"),
    "involuntary_late_payment": (*_LATE, *_CONTACTS),
    "involuntary_new_delay": (*_CONTACTS, "days"),
    "involuntary_new_late_payment": _CONTACTS,
}
FRAUD_ARGS: dict[str, tuple[str, ...]] = {
    "fraud_contacts": ("days", *_CONTACTS),
    "fraud_disputes": ("days", "disputes"),
    "fraud_contacts_disputes": ("days", *_CONTACTS, "disputes"),
}
REASON_CODES = tuple(REASON_ARGS)
FRAUD_CODES = tuple(FRAUD_ARGS)

Args = dict[str, int | str]


@dataclass(frozen=True)
class TypeSuggestion:
    """A suggested debtor type, for a collector to confirm.

    :param debtor_type: one of the first four :data:`DEBTOR_TYPES` (never
        ``"fraudulent"``), or ``None`` when there is nothing to go on.
    :param fraud_review: ``True`` when the data shows the signs of deliberate
        non-payment and a person should review the case.
    :param reason_code: why, one of :data:`REASON_CODES`.
    :param reason_args: the figures behind it, as named in
        :data:`REASON_ARGS`: counts and days as ``int``, the overdue amount
        and the average days late as text (``"1000.0"``, ``"20.3"``), a
        share as a whole percentage; JSON-serialisable.
    :param fraud_code: what raised the fraud flag, one of :data:`FRAUD_CODES`,
        or ``None`` when ``fraud_review`` is ``False``.
    :param fraud_args: its figures, as named in :data:`FRAUD_ARGS` (empty
        without a flag).
    """

    debtor_type: str | None
    fraud_review: bool
    reason_code: str
    reason_args: Args
    fraud_code: str | None = None
    fraud_args: Args = field(default_factory=dict)


def _ignores_contacts(b: Behaviour) -> bool:
    return (
        b.contacts_unanswered >= IGNORED_MIN_UNANSWERED
        and b.unanswered_share >= Decimal("0.5")
    )


def _days(value: Decimal) -> str:
    """A day count for display: one decimal at most, no trailing ``.0``."""
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return str(rounded.to_integral_value())
    return str(rounded)


def _late_args(b: Behaviour) -> Args:
    return {
        "late": b.paid_late_count,
        "paid": b.paid_count,
        "percent": _pct(b.late_share),
        "avg_days": _days(b.avg_days_late),
    }


def _contacts_args(b: Behaviour) -> Args:
    return {"unanswered": b.contacts_unanswered, "contacts": b.contacts_total}


Reason = tuple[str, Args]


def _rule_nothing(b: Behaviour) -> Reason | None:
    if b.amount_overdue <= 0 and not b.has_history:
        return "no_history", {}
    return None


def _paid_since_delay(b: Behaviour) -> bool:
    return (
        b.days_since_last_payment is not None
        and b.days_since_last_payment < b.max_days_overdue
    )


def _rule_irresponsible_silent(b: Behaviour) -> Reason | None:
    if (
        b.amount_overdue > 0
        and b.max_days_overdue > SMALL_DELAY_DAYS
        and not _paid_since_delay(b)
        and _ignores_contacts(b)
        and b.promises_kept + b.promises_broken == 0
    ):
        return "silent", {
            **_contacts_args(b),
            "amount": str(b.amount_overdue),
            "days": b.max_days_overdue,
        }
    return None


def _rule_chronic(b: Behaviour) -> Reason | None:
    if b.paid_count >= CHRONIC_MIN_PAID and b.late_share >= CHRONIC_LATE_SHARE:
        return "chronic_late", _late_args(b)
    if b.promises_broken >= CHRONIC_MIN_BROKEN:
        return "chronic_broken_promises", {
            "broken": b.promises_broken,
            "kept": b.promises_kept,
        }
    if b.plans_defaulted:
        return "chronic_defaulted_plans", {"plans": b.plans_defaulted}
    return None


def _rule_forgetful(b: Behaviour) -> Reason | None:
    if (
        b.max_days_overdue <= SMALL_DELAY_DAYS
        and b.avg_days_late <= SMALL_AVG_LATE_DAYS
        and not _ignores_contacts(b)
    ):
        return "forgetful", {
            "days": b.max_days_overdue,
            "avg_days": _days(b.avg_days_late),
            **_contacts_args(b),
        }
    return None


def _rule_irresponsible(b: Behaviour) -> Reason | None:
    if _ignores_contacts(b):
        return "ignores_contacts", _contacts_args(b)
    return None


def _rule_regularly_late(b: Behaviour) -> Reason | None:
    if b.paid_late_count >= REGULAR_MIN_LATE and (
        b.late_share > REGULAR_LATE_SHARE or b.avg_days_late > SMALL_AVG_LATE_DAYS
    ):
        return "regularly_late", _late_args(b)
    return None


def _rule_involuntary(b: Behaviour) -> Reason:
    delay = b.max_days_overdue > SMALL_DELAY_DAYS
    args = {**(_late_args(b) if b.paid_count else {}), **_contacts_args(b)}
    if delay:
        args["days"] = b.max_days_overdue
    if b.paid_count:
        return ("involuntary_delay" if delay else "involuntary_late_payment"), args
    return ("involuntary_new_delay" if delay else "involuntary_new_late_payment"), args


# The suggestion table: the first rule that matches gives the type.
TYPE_RULES: tuple[tuple[str | None, Callable[[Behaviour], Reason | None]], ...] = (
    (None, _rule_nothing),
    ("irresponsible", _rule_irresponsible_silent),
    ("chronic", _rule_chronic),
    ("forgetful", _rule_forgetful),
    ("irresponsible", _rule_irresponsible),
    ("chronic", _rule_regularly_late),
    ("involuntary", _rule_involuntary),
)


def _fraud_signs(b: Behaviour) -> Reason | None:
    never_paid = b.paid_count == 0 and b.days_since_last_payment is None
    if not (
        never_paid and b.amount_overdue > 0 and b.max_days_overdue > FRAUD_MIN_DAYS
    ):
        return None
    contacts, disputes = _ignores_contacts(b), b.disputes > 0
    if not (contacts or disputes):
        return None
    args: Args = {"days": b.max_days_overdue}
    if contacts:
        args.update(_contacts_args(b))
    if disputes:
        args["disputes"] = b.disputes
    if contacts and disputes:
        return "fraud_contacts_disputes", args
    return ("fraud_contacts" if contacts else "fraud_disputes"), args


def suggest_type(b: Behaviour) -> TypeSuggestion:
    """Suggest a debtor type from the behaviour, and flag possible fraud.

    The rules of :data:`TYPE_RULES` are tried in order; the first that matches
    gives the type (thresholds are the module constants):

    1. ``None``: nothing overdue and no history at all;
    2. ``irresponsible``: more than 15 days overdue with no payment since,
       ignores contacts (at least 2 unanswered, half or more of all contacts)
       and never made a promise to pay;
    3. ``chronic``: 6+ paid invoices with half or more paid late, or 2+ broken
       promises, or a defaulted payment plan;
    4. ``forgetful``: at most 15 days overdue, at most 10 days late on average,
       and answers contacts;
    5. ``irresponsible``: ignores contacts (as in rule 2), in any other case;
    6. ``chronic``: at least 2 invoices paid late, and either more than 25 %
       of paid invoices late or more than 10 days late on average;
    7. ``involuntary``: everything else, i.e. a delay over 15 days (or one
       invoice paid more than 10 days late) without a pattern of lateness,
       while answering contacts.

    ``"fraudulent"`` is never suggested. Instead ``fraud_review`` is ``True``
    when nothing was ever paid, something is more than 90 days overdue, and
    the debtor ignores contacts or raised disputes.

    The reason (and the fraud flag) come as codes with their figures; the
    models turn them into sentences in the reader's language.

    :param b: the debtor's behaviour.
    :return: a :class:`TypeSuggestion`.

    >>> suggest_type(Behaviour(Decimal(100), Decimal(100), 5, 10, 1, Decimal(3),
    ...                        contacts_total=2)).debtor_type
    'forgetful'
    >>> s = suggest_type(Behaviour(Decimal(900), Decimal(900), 120, 0, 0,
    ...                            Decimal(0), contacts_total=4,
    ...                            contacts_unanswered=4))
    >>> s.debtor_type, s.fraud_review, s.reason_code
    ('irresponsible', True, 'silent')
    >>> s.reason_args
    {'unanswered': 4, 'contacts': 4, 'amount': '900', 'days': 120}
    >>> s.fraud_code, s.fraud_args
    ('fraud_contacts', {'days': 120, 'unanswered': 4, 'contacts': 4})
    """
    debtor_type, (code, args) = next(
        (debtor_type, reason)
        for debtor_type, rule in TYPE_RULES
        if (reason := rule(b)) is not None
    )
    fraud_code, fraud_args = _fraud_signs(b) or (None, {})
    return TypeSuggestion(
        debtor_type, fraud_code is not None, code, args, fraud_code, fraud_args
    )
