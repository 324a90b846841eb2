"""Help > About: the version, and which published prices (and of what date) the sums use."""

from __future__ import annotations

from html import escape

from core import __version__
from core.catalog import SITES, load_catalog


def price_dates() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per catalog: (title, [(source title, url, effective date)]) for every dated source it uses."""
    out = []
    for site in SITES:
        catalog = load_catalog(site)
        seen = {}
        for price in catalog.prices.values():
            src = price.source
            if src.effective_date and src.key not in seen:
                seen[src.key] = (src.title, src.url, src.effective_date)
        out.append((catalog.title, list(seen.values())))
    return out


def about_text() -> str:
    rows = []
    for title, sources in price_dates():
        items = "".join(
            f'<li><a href="{escape(url)}">{escape(name)}</a>: effective {escape(date)}</li>' if url
            else f"<li>{escape(name)}: effective {escape(date)}</li>"
            for name, url, date in sources)
        rows.append(f"<p><b>{escape(title)}</b></p><ul>{items}</ul>")
    return (f"<h3>KMS Cost Planner {escape(__version__)}</h3>"
            "<p>Compares what Alibaba Cloud KMS costs month by month: KMS 1.0 pay-as-you-go, KMS 3.0 "
            "instances and Dedicated KMS, in exact decimal arithmetic from the vendor's published prices.</p>"
            "<p>Price lists in use:</p>" + "".join(rows) +
            "<p>The vendor's buy page prevails: override any price under Prices.</p>")
