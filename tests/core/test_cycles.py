"""Subscription timelines in UTC+8: expiry instant, reminders, retention, release."""

from datetime import date, datetime, timedelta, timezone

import pytest

from core.calendar import add_months, month_days, month_labels
from core.cycles import UTC8, parse_purchase, timeline


def _t(option, text, months):
    return timeline(option, parse_purchase(text), months)


def test_one_month_instance():
    t = _t("instance-software", "2027-01-15T10:30:00", 1)
    assert t.purchased == datetime(2027, 1, 15, 10, 30, tzinfo=UTC8)
    assert t.expiration_date == date(2027, 2, 15)
    assert t.expires_at == datetime(2027, 2, 16, 0, 0, 0, tzinfo=UTC8)  # 00:00:00 the day after
    assert t.reminders == (date(2027, 2, 8), date(2027, 2, 12), date(2027, 2, 14))  # 7, 3, 1 days before
    assert t.retention_last_day == date(2027, 3, 2)  # Feb 16 .. Mar 2: 15 calendar days
    assert t.released_on == date(2027, 3, 3)  # day 16


def test_month_end_is_clamped():
    t = _t("instance-hardware", "2027-01-31T09:00:00", 1)
    assert t.expiration_date == date(2027, 2, 28)
    assert t.expires_at == datetime(2027, 3, 1, tzinfo=UTC8)
    assert t.reminders == (date(2027, 2, 21), date(2027, 2, 25), date(2027, 2, 27))
    assert (t.retention_last_day, t.released_on) == (date(2027, 3, 15), date(2027, 3, 16))


def test_leap_years():
    assert _t("instance-software", "2028-01-31T00:00:00", 1).expiration_date == date(2028, 2, 29)
    assert _t("instance-software", "2028-02-29T12:00:00", 12).expiration_date == date(2029, 2, 28)
    assert _t("instance-software", "2027-08-31T12:00:00", 6).expiration_date == date(2028, 2, 29)
    t = _t("instance-software", "2028-01-29T12:00:00", 1)
    assert (t.expiration_date, t.expires_at.date()) == (date(2028, 2, 29), date(2028, 3, 1))


def test_three_years_and_year_end():
    t = _t("instance-software", "2027-12-31T23:59:59", 36)
    assert t.expiration_date == date(2030, 12, 31) and t.expires_at == datetime(2031, 1, 1, tzinfo=UTC8)
    assert t.released_on == date(2031, 1, 16)


def test_dedicated_is_disabled_at_expiry_and_released_on_day_16():
    t = _t("dedicated", "2027-03-10T08:00:00", 3)
    assert t.expiration_date == date(2027, 6, 10)
    assert t.disabled_at == datetime(2027, 6, 11, tzinfo=UTC8)
    assert t.retention_last_day is None
    assert t.released_on == date(2027, 6, 26)
    assert dict(t.events())["released, keys deleted"] == "2027-06-26"


def test_times_are_taken_in_utc8():
    # 20:00 UTC on Jan 31 is 04:00 on Feb 1 in UTC+8
    t = _t("instance-software", "2027-01-31T20:00:00+00:00", 1)
    assert t.purchased == datetime(2027, 2, 1, 4, 0, tzinfo=UTC8)
    assert t.expiration_date == date(2027, 3, 1)
    assert parse_purchase("2027-01-15") == datetime(2027, 1, 15, tzinfo=UTC8)
    assert timeline("dedicated", datetime(2027, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=9))), 1).purchased.hour == 0


def test_events_read_in_order():
    rows = _t("instance-software", "2027-01-15T10:30:00", 1).events()
    assert rows == [
        ("purchased", "2027-01-15 10:30:00 UTC+8"),
        ("reminder (7 days before)", "2027-02-08"),
        ("reminder (3 days before)", "2027-02-12"),
        ("reminder (1 day before)", "2027-02-14"),
        ("expiration date (last day of service)", "2027-02-15"),
        ("expires / disabled at", "2027-02-16 00:00:00 UTC+8"),
        ("keys kept, unusable, until", "2027-03-02"),
        ("released, keys deleted", "2027-03-03"),
    ]


@pytest.mark.parametrize("option,text,months,message", [
    ("instance-software", "2027-01-15", 5, "months must be one of 1, 2, 3, 6, 12, 24, 36, got 5"),
    ("payg-legacy", "2027-01-15", 1, "option must be one of"),
])
def test_refusals(option, text, months, message):
    with pytest.raises(ValueError, match=message):
        _t(option, text, months)
    with pytest.raises(ValueError, match="--purchased must be a date or time"):
        parse_purchase("yesterday")


def test_calendar_helpers():
    assert month_labels("2027-11", 3) == ("2027-11", "2027-12", "2028-01")
    assert month_days("2100-02", 1) == (28,) and month_days("2000-02", 1) == (29,)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)


def test_purchases_at_the_calendar_edges_are_refused_with_a_message():
    import pytest as _pytest

    from core.cycles import parse_purchase as _parse

    for text in ("9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "1969-12-31"):
        with _pytest.raises(ValueError, match="must fall between 1970 and 9000"):
            _parse(text)
