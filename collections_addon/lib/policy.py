# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which collection policy applies to a debtor."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyRule:
    """The matching criteria of one policy.

    :param key: the record id of the policy.
    :param is_default: the policy applies when no specific policy matches.
    :param abc_class: the ABC class the policy is for; empty matches all.
    :param debtor_type: the debtor type the policy is for; empty matches all.
    """

    key: int
    is_default: bool
    abc_class: str | None
    debtor_type: str | None


def _matches(criterion: str | None, value: str | None) -> bool:
    return not criterion or criterion == value


def choose_policy(
    rules: Sequence[PolicyRule], abc_class: str | None, debtor_type: str | None
) -> int | None:
    """The policy of a debtor of class ``abc_class`` and type ``debtor_type``.

    :param rules: the candidate policies, in order of preference (the model's
        ``_order``).
    :param abc_class: the debtor's ABC class, ``None`` when not classified.
    :param debtor_type: the debtor's type, ``None`` when not set.
    :return: the key of the first non-default rule whose class and type match
        (an empty class or type on the rule matches any), else the key of the
        first default rule, else ``None``.

    >>> rules = [PolicyRule(1, True, None, None), PolicyRule(2, False, "a", None),
    ...          PolicyRule(3, False, None, "chronic")]
    >>> choose_policy(rules, "a", "chronic"), choose_policy(rules, "b", "chronic")
    (2, 3)
    >>> choose_policy(rules, "c", None)
    1
    """
    for rule in rules:
        if (
            not rule.is_default
            and _matches(rule.abc_class, abc_class)
            and _matches(rule.debtor_type, debtor_type)
        ):
            return rule.key
    return next((rule.key for rule in rules if rule.is_default), None)
