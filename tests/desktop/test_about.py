"""Help > About: the version and each price list's sources with their effective dates."""

from core import __version__
from desktop.views.about import about_text, price_dates


def test_price_dates_per_catalog():
    dates = dict(price_dates())
    international = {name: date for name, _url, date in dates["International site (alibabacloud.com)"]}
    assert international["Billing of KMS 1.0"] == "2025-09-01"
    assert international["Billing of Dedicated KMS"] == "2023-09-04"
    assert "China site (aliyun.com)" in dates


def test_about_text_names_the_version():
    assert f"KMS Cost Planner {__version__}" in about_text()
