# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest

import collections_lib.policy as policy
from collections_lib.policy import PolicyRule, choose_policy

DEFAULT = PolicyRule(1, True, None, None)
CLASS_A = PolicyRule(2, False, "a", None)
CHRONIC = PolicyRule(3, False, None, "chronic")
A_CHRONIC = PolicyRule(4, False, "a", "chronic")
CATCH_ALL = PolicyRule(5, False, "", "")
OTHER_DEFAULT = PolicyRule(6, True, None, None)


def test_choose_policy_class_matches_specific_rule():
    assert choose_policy([DEFAULT, CLASS_A], "a", None) == 2


def test_choose_policy_type_matches_specific_rule():
    assert choose_policy([DEFAULT, CHRONIC], "b", "chronic") == 3


def test_choose_policy_several_match_first_in_order():
    assert choose_policy([CLASS_A, A_CHRONIC], "a", "chronic") == 2


def test_choose_policy_both_criteria_must_match():
    assert choose_policy([DEFAULT, A_CHRONIC], "a", "forgetful") == 1


def test_choose_policy_empty_criteria_match_all():
    assert choose_policy([DEFAULT, CATCH_ALL], "c", None) == 5


def test_choose_policy_specific_rule_after_default_still_wins():
    assert choose_policy([DEFAULT, CLASS_A], "a", "chronic") == 2


def test_choose_policy_rule_with_class_unclassified_debtor_no_match():
    assert choose_policy([DEFAULT, CLASS_A], None, None) == 1


def test_choose_policy_no_match_first_default():
    assert choose_policy([CLASS_A, OTHER_DEFAULT, DEFAULT], "b", None) == 6


def test_choose_policy_no_match_no_default_none():
    assert choose_policy([CLASS_A, CHRONIC], "b", "forgetful") is None


def test_choose_policy_no_rules_none():
    assert choose_policy([], "a", "chronic") is None


def test_policy_doctests_all_pass():
    assert doctest.testmod(policy).failed == 0
