"""The one line every view and export leads with: the cheapest option that can be defended, and
what is not ranked and why. One function, so the window, the CLI, the PDF, the chart title, the
presentation and the workbook all say the same thing."""

from __future__ import annotations


from core.catalog import option_styles
from core.compare import Comparison, entry_label
from core.frozen import frozen
from core.money import fmt_money
from core.words import plural


@frozen
class Headline:
    """The header's line in parts: its lead, what is not ranked and why, and what to enter."""

    lead: str  # "Cheapest fully priced: Software instance, 18,500.00 USD over 36 months."
    not_ranked: tuple[tuple[str, str], ...]  # (short label, short reason) per option not ok
    to_enter: tuple[str, ...]  # what to enter (in words, with its id) to rank more options

    @property
    def text(self) -> str:
        parts = [self.lead]
        if self.not_ranked:
            parts.append("Not ranked: " + ", ".join(f"{label} ({why})" for label, why in self.not_ranked) + ".")
        if self.to_enter and self.lead.startswith("No option"):
            parts.append("To get a ranking, enter: " + "; ".join(self.to_enter) + ".")
        return " ".join(parts)


def _short(option_id: str, label: str) -> str:
    style = option_styles().get(option_id)
    return style.short if style else label


def headline_parts(c: Comparison) -> Headline:
    cheapest = c.cheapest
    span = plural(len(c.months), "month")
    if cheapest is None:
        lead = "No option is fully priced and able to serve this plan."
    else:
        tied = c.tied_with_cheapest()
        names = [_short(t, c.option(t).label) for t in tied]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] + " (a tie)"
        lead = f"Cheapest fully priced: {who}, {fmt_money(c.option(cheapest).total)} {c.currency} over {span}."
    not_ranked = tuple((_short(o.id, o.label), o.short_reason) for o in c.not_ranked)
    to_enter = tuple(entry_label(c.catalog, e) for e in c.to_enter())
    return Headline(lead, not_ranked, to_enter)


def headline(c: Comparison) -> str:
    """E.g. "Cheapest fully priced: Software instance, 18,500.00 USD over 36 months. Not ranked:
    KMS 1.0 PAYG (ended 2025-09-30), Dedicated KMS (capacity not published)."."""
    return headline_parts(c).text
