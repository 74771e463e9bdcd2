# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one company day: the date in the company's time zone, else in UTC.

Never the user's zone: two users, the cron and a sales rep must see the same
day for the same company, whatever their own settings.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(tz_name: str | None) -> ZoneInfo:
    """The zone named ``tz_name``; UTC when it is empty or unknown.

    >>> zone("Europe/Warsaw").key
    'Europe/Warsaw'
    >>> zone(None).key, zone("Not/AZone").key
    ('UTC', 'UTC')
    """
    if tz_name:
        try:
            return ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")  # an unknown zone name counts as UTC
    return ZoneInfo("UTC")


def local_today(tz_name: str | None, now: datetime | None = None) -> date:
    """The date in ``tz_name`` at ``now`` (a naive UTC datetime, default: now).

    >>> local_today("Asia/Tokyo", datetime(2026, 3, 1, 16, 30))
    datetime.date(2026, 3, 2)
    >>> local_today("America/Los_Angeles", datetime(2026, 3, 1, 6, 0))
    datetime.date(2026, 2, 28)
    >>> local_today(False, datetime(2026, 3, 1, 23, 59))
    datetime.date(2026, 3, 1)
    """
    now = now or datetime.now(UTC).replace(tzinfo=None)
    return now.replace(tzinfo=UTC).astimezone(zone(tz_name)).date()


def day_bounds(day: date, tz_name: str | None) -> tuple[datetime, datetime]:
    """``day`` in ``tz_name`` as naive UTC datetimes ``(start, end)``, the end
    excluded (a day of 23 or 25 hours where the clock changes).

    >>> day_bounds(date(2026, 3, 29), "Europe/Warsaw")
    (datetime.datetime(2026, 3, 28, 23, 0), datetime.datetime(2026, 3, 29, 22, 0))
    """
    tz = zone(tz_name)

    def utc(value):
        local = datetime.combine(value, time.min).replace(tzinfo=tz)
        return local.astimezone(UTC).replace(tzinfo=None)

    return utc(day), utc(day + timedelta(days=1))
