# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reminders of plan installments and promises to pay: which one is due now.

Windows are "due within N days", never "due in exactly N days", so a cron that
misses a day still sends every reminder on its next run.
"""

from datetime import date, timedelta


def in_window(date_due: date, today: date, days_before: int) -> bool:
    """Whether ``date_due`` falls within the next ``days_before`` days.

    :param date_due: the due date.
    :param today: the day of the evaluation.
    :param days_before: the length of the window in days.
    :return: ``today <= date_due <= today + days_before``.

    >>> today = date(2025, 3, 1)
    >>> in_window(date(2025, 3, 4), today, 3), in_window(date(2025, 3, 5), today, 3)
    (True, False)
    >>> in_window(date(2025, 2, 28), today, 3)
    False
    """
    return today <= date_due <= today + timedelta(days=days_before)


def installment_reminder(
    state: str,
    date_due: date,
    today: date,
    days_before: int,
    reminded_before: bool,
    reminded_late: bool,
) -> str | None:
    """The reminder to send now for one installment, if any.

    :param state: the installment's state: ``"paid"``, ``"overdue"`` or
        ``"pending"``.
    :param date_due: the installment's due date.
    :param today: the day of the evaluation.
    :param days_before: how many days ahead the reminder before the due date
        goes out.
    :param reminded_before: the reminder before the due date was sent.
    :param reminded_late: the reminder after the due date was sent.
    :return: ``"reminded_before"`` for a pending line due within the window and
        not reminded yet, ``"reminded_late"`` for an overdue line not reminded
        late yet, else ``None``.

    >>> today = date(2025, 3, 1)
    >>> installment_reminder("pending", date(2025, 3, 3), today, 3, False, False)
    'reminded_before'
    >>> installment_reminder("overdue", date(2025, 2, 20), today, 3, True, False)
    'reminded_late'
    >>> installment_reminder("paid", date(2025, 3, 3), today, 3, False, False)
    """
    if state == "pending" and not reminded_before:
        if in_window(date_due, today, days_before):
            return "reminded_before"
    if state == "overdue" and not reminded_late:
        return "reminded_late"
    return None


def promise_reminder_due(promise_date: date, today: date, reminder_sent: bool) -> bool:
    """Whether to remind the debtor of a promise to pay now.

    :param promise_date: the promised payment date.
    :param today: the day of the evaluation.
    :param reminder_sent: the reminder was already sent.
    :return: ``True`` when the promised date is today or tomorrow and no
        reminder was sent.

    >>> promise_reminder_due(date(2025, 3, 2), date(2025, 3, 1), False)
    True
    >>> promise_reminder_due(date(2025, 3, 3), date(2025, 3, 1), False)
    False
    """
    return not reminder_sent and in_window(promise_date, today, 1)
