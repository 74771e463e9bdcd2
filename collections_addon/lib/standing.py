# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A debtor's standing as the people outside collections read it.

How serious the collection is, whether its last step really went out, whether
collections paused it, which debtor type a reader may see and whether there is
anything to tell a sales rep at all. Every answer is a code; the
``collection.standing`` service turns codes into sentences.
"""

from datetime import date

# How serious the collection is, mildest first.
REMINDER = "reminder"
FIRM = "firm"
FORMAL = "formal"
HANDOVER = "handover"
SEVERITIES = (REMINDER, FIRM, FORMAL, HANDOVER)

# Types a collector has to assess: a reader outside collections (a Viewer)
# reads a neutral label instead, so that an assessment such as "fraudulent"
# is never read over a sales rep's shoulder.
SENSITIVE_TYPES = frozenset({"irresponsible", "fraudulent"})
NEUTRAL = "neutral"

# What became of the last level taken (its entry in the contact log).
SENT = "sent"  # sent, done, or no entry that says otherwise
QUEUED = "queued"  # its e-mail waits in the mail queue
FAILED = "failed"  # its e-mail failed (the next run retries it)
TO_POST = "to_post"  # a printed letter, its posting still to do
NOT_SENT = "not_sent"  # no usable address: a call replaces the e-mail

# The banner's headline.
HEADLINE_HANDOVER = "handover"
HEADLINE_FORMAL = "formal"
HEADLINE_FORMAL_PREPARED = "formal_prepared"
HEADLINE_FIRM = "firm"
HEADLINE_REMINDER = "reminder"
HEADLINE_REMINDER_PREPARED = "reminder_prepared"
HEADLINE_NO_LEVEL = "no_level"

HANDOVER_ACTIONS = frozenset({"legal", "agency"})


def severity(stage: str | None, action: str | None, tone: str | None) -> str:
    """How serious the collection is, from the debtor's stage and the action
    and tone of its level.

    >>> severity("legal", None, None), severity("normal", "agency", "final")
    ('handover', 'handover')
    >>> severity("normal", "demand", "formal"), severity("normal", "email", "final")
    ('formal', 'formal')
    >>> severity("normal", "call", "friendly"), severity("normal", "email", "firm")
    ('firm', 'firm')
    >>> severity("normal", "email", "friendly"), severity(None, None, None)
    ('reminder', 'reminder')
    """
    if stage in HANDOVER_ACTIONS or action in HANDOVER_ACTIONS:
        return HANDOVER
    if action == "demand" or tone in ("formal", "final"):
        return FORMAL
    if action in ("call", "letter") or tone == "firm":
        return FIRM
    return REMINDER


def shown_type(debtor_type: str | None, is_collector: bool) -> str | None:
    """The debtor type a reader may see: the type itself, :data:`NEUTRAL` for
    a sensitive type read outside collections, or ``None`` (no type).

    >>> shown_type("fraudulent", False), shown_type("fraudulent", True)
    ('neutral', 'fraudulent')
    >>> shown_type("forgetful", False), shown_type(None, True)
    ('forgetful', None)
    """
    if not debtor_type:
        return None
    if not is_collector and debtor_type in SENSITIVE_TYPES:
        return NEUTRAL
    return debtor_type


def delivery(state: str | None, failure: bool = False, to_post: bool = False) -> str:
    """What became of the last level taken, from its contact entry.

    :param state: the entry's state (``None``: no entry, nothing says it
        failed).
    :param failure: the entry records a failure (a reminder without a usable
        address, replaced by a call).
    :param to_post: the entry's printed letter still waits to be posted (a
        letter e-mailed as well counts as sent).

    >>> delivery("failed", failure=True), delivery("pending")
    ('failed', 'queued')
    >>> delivery("done", to_post=True), delivery("done", failure=True)
    ('to_post', 'not_sent')
    >>> delivery("sent", to_post=True), delivery("done"), delivery(None)
    ('sent', 'sent', 'sent')
    """
    if state == "failed":
        return FAILED
    if state == "pending":
        return QUEUED
    if state == "sent":
        return SENT
    if failure:
        return NOT_SENT
    if to_post:
        return TO_POST
    return SENT


def headline(severity_code: str, has_level: bool, delivered: str) -> str:
    """The banner's headline: how serious, and whether the step went out.

    A hand-over is a fact whatever its mail; a formal demand or a reminder
    that did not go out is "prepared", never "sent".

    >>> headline(FORMAL, True, SENT), headline(FORMAL, True, FAILED)
    ('formal', 'formal_prepared')
    >>> headline(REMINDER, True, QUEUED), headline(REMINDER, False, SENT)
    ('reminder_prepared', 'no_level')
    >>> headline(HANDOVER, True, FAILED), headline(FIRM, True, TO_POST)
    ('handover', 'firm')
    """
    if severity_code == HANDOVER:
        return HEADLINE_HANDOVER
    sent = delivered == SENT
    if severity_code == FORMAL:
        return HEADLINE_FORMAL if sent else HEADLINE_FORMAL_PREPARED
    if not has_level:
        return HEADLINE_NO_LEVEL
    if severity_code == FIRM:
        return HEADLINE_FIRM
    return HEADLINE_REMINDER if sent else HEADLINE_REMINDER_PREPARED


def paused(hold_until: date | None, today: date) -> bool:
    """Collections paused the escalation of the debtor up to ``hold_until``
    (included), the company's ``today``.

    >>> paused(date(2026, 3, 10), date(2026, 3, 10))
    True
    >>> paused(date(2026, 3, 9), date(2026, 3, 10)), paused(None, date(2026, 3, 10))
    (False, False)
    """
    return hold_until is not None and hold_until >= today


def has_news(
    has_debtor: bool, collectible: float, has_promise: bool, has_plan: bool
) -> bool:
    """Something to tell a sales rep: debt to collect, an open promise to pay
    or an active installment plan (a debtor without any of them has no
    banner).

    >>> has_news(True, 10.0, False, False), has_news(True, 0.0, False, True)
    (True, True)
    >>> has_news(True, 0.0, False, False), has_news(False, 10.0, True, True)
    (False, False)
    """
    return bool(has_debtor and (collectible > 0 or has_promise or has_plan))
