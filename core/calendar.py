"""Calendar months of a plan: plan-format-v1 bills a daily price by each month's real days."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The Gregorian calendar's days in a month (what calendar.monthrange says, without importing
    calendar and its locale machinery on a headless quote's start-up)."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) from 'YYYY-MM', or ValueError."""
    match = _MONTH.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"must be a month as YYYY-MM, got {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1900:
        raise ValueError(f"must be a month as YYYY-MM, got {text!r}")
    return year, month


@lru_cache(maxsize=64)
def month_labels(start_month: str, months: int) -> tuple[str, ...]:
    """The months' labels (kept: every comparison of an edit asks again)."""
    year, month = parse_month(start_month)
    labels = []
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return tuple(labels)


@lru_cache(maxsize=64)
def month_days(start_month: str, months: int) -> tuple[int, ...]:
    return tuple(days_in_month(*parse_month(label)) for label in month_labels(start_month, months))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))
