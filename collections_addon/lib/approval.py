# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installment plans: does this version need a manager's approval, and why?"""

from decimal import Decimal

# Debtor types whose plans always need a second pair of eyes.
RISKY_TYPES = ("chronic", "fraudulent")


def approval_reasons(
    amount: Decimal,
    threshold: Decimal,
    count: int,
    max_count: int,
    debtor_type: str | None,
    revised: bool,
) -> list[str]:
    """Why a plan needs approval, as codes; empty when it does not.

    :param amount: the amount the installments cover (debt, interest, fee).
    :param threshold: above this amount a plan needs approval.
    :param count: the number of installments.
    :param max_count: above this number a plan needs approval.
    :param debtor_type: the debtor's type (or ``None``).
    :param revised: the plan was approved, then revised: always re-approved.
    :return: codes among ``above_threshold``, ``too_many_installments``,
        ``revised``, ``risky_type``, in that order.

    >>> approval_reasons(Decimal(500), Decimal(1000), 3, 6, None, False)
    []
    >>> approval_reasons(Decimal(5000), Decimal(1000), 8, 6, "chronic", True)
    ['above_threshold', 'too_many_installments', 'revised', 'risky_type']
    """
    reasons = []
    if amount > threshold:
        reasons.append("above_threshold")
    if count > max_count:
        reasons.append("too_many_installments")
    if revised:
        reasons.append("revised")
    if debtor_type in RISKY_TYPES:
        reasons.append("risky_type")
    return reasons
