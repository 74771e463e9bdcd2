# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installment plans: does this version need a manager's approval, and why?"""

from collections.abc import Sequence
from decimal import Decimal

# Debtor types whose plans always need a second pair of eyes.
RISKY_TYPES = ("chronic", "fraudulent")


def approval_reasons(
    amount: Decimal,
    threshold: Decimal,
    count: int,
    max_count: int,
    debtor_types: Sequence[str | None],
    revised: bool,
) -> list[str]:
    """Why a plan needs approval, as codes; empty when it does not.

    :param amount: the amount the installments cover (debt, interest, fee).
    :param threshold: above this amount a plan needs approval.
    :param count: the number of installments (of the schedule when it has
        more lines than the plan's count says).
    :param max_count: above this number a plan needs approval.
    :param debtor_types: the debtor's types as decided: its type, and its
        suggested type while a type chosen by hand is not a manager's
        decision (a collector cannot dodge approval by a passing change).
    :param revised: the plan was approved, then revised: always re-approved.
    :return: codes among ``above_threshold``, ``too_many_installments``,
        ``revised``, ``risky_type``, in that order.

    >>> approval_reasons(Decimal(500), Decimal(1000), 3, 6, [None], False)
    []
    >>> kinds = ["forgetful", "chronic"]
    >>> approval_reasons(Decimal(500), Decimal(1000), 3, 6, kinds, False)
    ['risky_type']
    >>> approval_reasons(Decimal(5000), Decimal(1000), 8, 6, ["chronic"], True)
    ['above_threshold', 'too_many_installments', 'revised', 'risky_type']
    """
    reasons = []
    if amount > threshold:
        reasons.append("above_threshold")
    if count > max_count:
        reasons.append("too_many_installments")
    if revised:
        reasons.append("revised")
    if any(kind in RISKY_TYPES for kind in debtor_types):
        reasons.append("risky_type")
    return reasons
