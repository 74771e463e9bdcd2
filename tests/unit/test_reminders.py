# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date

import collections_lib.reminders as reminders
from collections_lib.reminders import (
    in_window,
    installment_reminder,
    promise_reminder_due,
)

TODAY = date(2025, 3, 1)


def test_in_window_due_today_true():
    assert in_window(TODAY, TODAY, 3) is True


def test_in_window_last_day_of_window_true():
    assert in_window(date(2025, 3, 4), TODAY, 3) is True


def test_in_window_day_after_window_false():
    assert in_window(date(2025, 3, 5), TODAY, 3) is False


def test_in_window_already_due_false():
    assert in_window(date(2025, 2, 28), TODAY, 3) is False


def test_in_window_missed_cron_day_still_in_window():
    # the cron did not run on Feb 26, when the line was exactly 3 days away
    assert in_window(date(2025, 3, 1), date(2025, 2, 27), 3) is True


def _remind(state="pending", due=date(2025, 3, 3), before=False, late=False):
    return installment_reminder(state, due, TODAY, 3, before, late)


def test_installment_reminder_pending_in_window_reminded_before():
    assert _remind() == "reminded_before"


def test_installment_reminder_pending_already_reminded_none():
    assert _remind(before=True) is None


def test_installment_reminder_pending_outside_window_none():
    assert _remind(due=date(2025, 3, 10)) is None


def test_installment_reminder_overdue_reminded_late():
    assert _remind(state="overdue", due=date(2025, 2, 20)) == "reminded_late"


def test_installment_reminder_overdue_after_before_reminder_reminded_late():
    assert _remind(state="overdue", due=date(2025, 2, 20), before=True) == (
        "reminded_late"
    )


def test_installment_reminder_overdue_already_reminded_late_none():
    assert _remind(state="overdue", due=date(2025, 2, 20), late=True) is None


def test_installment_reminder_paid_none():
    assert _remind(state="paid") is None


def test_promise_reminder_due_today_true():
    assert promise_reminder_due(TODAY, TODAY, False) is True


def test_promise_reminder_due_tomorrow_true():
    assert promise_reminder_due(date(2025, 3, 2), TODAY, False) is True


def test_promise_reminder_due_in_two_days_false():
    assert promise_reminder_due(date(2025, 3, 3), TODAY, False) is False


def test_promise_reminder_due_date_passed_false():
    assert promise_reminder_due(date(2025, 2, 28), TODAY, False) is False


def test_promise_reminder_due_already_sent_false():
    assert promise_reminder_due(date(2025, 3, 2), TODAY, True) is False


def test_reminders_doctests_all_pass():
    assert doctest.testmod(reminders).failed == 0
