"""Subscription timelines: when a purchase expires, when reminders come, when it is released.

Source: KMS 3.0 Billing and Billing of Dedicated KMS (shared/seeds). Cycles run in UTC+8 from
the purchase instant (to the second) to 00:00:00 of the day after the expiration date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from core.calendar import add_months

UTC8 = timezone(timedelta(hours=8), "UTC+8")
PERIODS = (1, 2, 3, 6, 12, 24, 36)
REMINDER_DAYS = (7, 3, 1)
RETENTION_DAYS = 15
FIRST_YEAR, LAST_YEAR = 1970, 9000  # a subscription bought outside these years is a typo
OPTIONS = ("instance-software", "instance-hardware", "dedicated")


@dataclass(frozen=True)
class Timeline:
    option: str
    purchased: datetime  # UTC+8
    months: int
    expiration_date: date  # the last day of service
    expires_at: datetime  # 00:00:00 UTC+8 of the day after the expiration date
    reminders: tuple[date, ...]
    retention_last_day: date | None  # instances keep keys and secrets, unusable, until this day
    disabled_at: datetime
    released_on: date  # keys and secrets deleted for good

    def events(self) -> list[tuple[str, str]]:
        rows = [("purchased", self.purchased.strftime("%Y-%m-%d %H:%M:%S UTC+8"))]
        rows += [(f"reminder ({d} day{'s' * (d != 1)} before)", r.isoformat()) for d, r in zip(REMINDER_DAYS, self.reminders)]
        rows.append(("expiration date (last day of service)", self.expiration_date.isoformat()))
        rows.append(("expires / disabled at", self.expires_at.strftime("%Y-%m-%d %H:%M:%S UTC+8")))
        if self.retention_last_day:
            rows.append(("keys kept, unusable, until", self.retention_last_day.isoformat()))
        rows.append(("released, keys deleted", self.released_on.isoformat()))
        return rows


def parse_purchase(text: str) -> datetime:
    """A purchase instant from ISO text; a naive time is taken as UTC+8, an aware one converted."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--purchased must be a date or time like 2027-01-15T10:30:00, got {text!r}") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"--purchased must fall between {FIRST_YEAR} and {LAST_YEAR}, got {text!r}")
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC8)
    return value.astimezone(UTC8)


def timeline(option: str, purchased: datetime, months: int) -> Timeline:
    if option not in OPTIONS:
        raise ValueError(f"option must be one of {', '.join(OPTIONS)}, got {option!r}")
    if months not in PERIODS:
        raise ValueError(f"months must be one of {', '.join(map(str, PERIODS))}, got {months}")
    if not FIRST_YEAR <= purchased.year <= LAST_YEAR:  # keeps every date below inside the calendar
        raise ValueError(f"the purchase must fall between {FIRST_YEAR} and {LAST_YEAR}, got {purchased.isoformat()}")
    start = purchased.astimezone(UTC8) if purchased.tzinfo else purchased.replace(tzinfo=UTC8)
    expiration = add_months(start.date(), months)
    expires_at = datetime.combine(expiration + timedelta(days=1), time(0), UTC8)
    # The Dedicated KMS page describes no reminders (only "disabled at once", "released on the 16th
    # day"): its timeline says only what its page says (issue 8).
    reminders = () if option == "dedicated" else tuple(expiration - timedelta(days=d) for d in REMINDER_DAYS)
    return Timeline(
        option=option,
        purchased=start,
        months=months,
        expiration_date=expiration,
        expires_at=expires_at,
        reminders=reminders,
        retention_last_day=None if option == "dedicated" else expiration + timedelta(days=RETENTION_DAYS),
        disabled_at=expires_at,
        released_on=expiration + timedelta(days=RETENTION_DAYS + 1),
    )
