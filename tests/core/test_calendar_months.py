"""core.calendar's month lengths are the Gregorian calendar's, as the standard library's calendar gives them."""

from __future__ import annotations

import calendar
from datetime import date

import pytest

from core.calendar import add_months, days_in_month, month_days


def test_every_month_has_the_days_calendar_gives_it():
    for year in [*range(1, 30), *range(1890, 2500), 9996, 9999]:
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
    assert [days_in_month(y, 2) for y in (1900, 2000, 2024, 2026, 2100, 2400)] == [28, 29, 29, 28, 28, 29]


def test_a_month_out_of_range_is_refused_like_calendar():
    for month in (0, 13, -1):
        with pytest.raises(ValueError):
            days_in_month(2027, month)
        with pytest.raises(ValueError):
            calendar.monthrange(2027, month)


def test_month_days_and_add_months_keep_their_figures():
    assert month_days("2027-11", 5) == (30, 31, 31, 29, 31)  # into the leap February of 2028
    assert sum(month_days("2027-01", 120)) == 3653
    assert sum(month_days("2000-01", 1200)) == (date(2100, 1, 1) - date(2000, 1, 1)).days
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2099, 12, 31), 2) == date(2100, 2, 28)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
