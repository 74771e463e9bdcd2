# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from decimal import Decimal

import collections_lib.approval as approval
from collections_lib.approval import approval_reasons


def reasons(amount=500, threshold=1000, count=3, max_count=6, kind=None, revised=False):
    kinds = kind if isinstance(kind, list) else [kind]
    return approval_reasons(
        Decimal(amount), Decimal(threshold), count, max_count, kinds, revised
    )


def test_approval_reasons_small_plan_needs_none():
    assert reasons() == []


def test_approval_reasons_at_threshold_needs_none():
    assert reasons(amount=1000) == []


def test_approval_reasons_above_threshold_flags_amount():
    assert reasons(amount="1000.01") == ["above_threshold"]


def test_approval_reasons_more_installments_flags_count():
    assert reasons(count=7) == ["too_many_installments"]


def test_approval_reasons_revised_plan_flags_revision():
    assert reasons(revised=True) == ["revised"]


def test_approval_reasons_fraudulent_debtor_flags_type():
    assert reasons(kind="fraudulent") == ["risky_type"]


def test_approval_reasons_forgetful_debtor_needs_none():
    assert reasons(kind="forgetful") == []


def test_approval_reasons_risky_suggested_type_flags_type():
    """A collector's passing change of the type does not dodge approval."""
    assert reasons(kind=["forgetful", "chronic"]) == ["risky_type"]


def test_approval_doctests_pass():
    assert doctest.testmod(approval).failed == 0
