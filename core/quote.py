"""The headless quote: the contract's JSON object (plan-format-v1) and a readable terminal table."""

from __future__ import annotations

import json
from decimal import Decimal

from core.compare import Comparison
from core.headline import headline
from core.money import fmt_exact, fmt_money
from core.status import figure_text, status_label
from core.words import plural


def quote_dict(c: Comparison) -> dict:
    """The quote object of plan-format-v1; amounts are exact decimal strings.

    Extensions (docs/plan-format.md): `cheapest_by_month`, `break_even`, `reasons`, `headline`, and
    per option `details` (instances per month and the like), `status`, `status_reasons`,
    `first_problem_month`, `monthly_status` and `figure_kind`. `cheapest` is the cheapest option
    whose status is `ok`, or null; `available` is `status == "ok"`.
    """
    return {
        "plan": c.plan.name,
        "currency": c.currency,
        "months": list(c.months),
        "options": [
            {
                "id": o.id,
                "label": o.label,
                "available": o.available,
                "monthly": [fmt_exact(v) for v in o.monthly],
                "total": fmt_exact(o.total),
                "lines": [{"item": line.item, "monthly": [fmt_exact(v) for v in line.monthly]} for line in o.lines],
                "notes": list(o.notes),
                "details": {name: list(values) for name, values in o.details},
                "status": o.status,
                "status_reasons": list(o.status_reasons),
                "first_problem_month": o.first_problem_month,
                "monthly_status": list(o.monthly_status),
                "figure_kind": o.figure_kind,
            }
            for o in c.options
        ],
        "cheapest": c.cheapest,
        "cheapest_by_month": list(c.cheapest_by_month()),
        "break_even": [
            {"cheaper": e.cheaper, "dearer": e.dearer, "month": e.label, "reason": e.reason}
            for e in c.break_evens()
        ],
        "reasons": list(c.reasons()),
        "headline": headline(c),
    }


def quote_json(c: Comparison) -> str:
    """quote_dict as json.dumps(indent=2, ensure_ascii=False) writes it, byte for byte.

    With an indent json encodes in pure Python, a call per value (~1 ms for the few thousand
    figures of a 120-month quote); here a list of texts that need no escape (the figures) is
    written in one join, other texts by json's own C encoder. Anything but JSON's plain types
    (text, whole numbers, finite floats, true, false, null, lists, objects keyed by text) is left
    to json.dumps as before, errors included (tests/core/test_quote_json.py)."""
    doc = quote_dict(c)
    try:
        return _indented(doc, "") + "\n"
    except (_NotPlain, RecursionError):
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


_encode_text = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str


class _NotPlain(Exception):
    """A value _indented does not write: json.dumps writes (or refuses) the document."""


def _indented(value, pad: str) -> str:
    """`value` as json.dumps(indent=2, ensure_ascii=False) writes it at the indent `pad`, or _NotPlain."""
    kind = type(value)
    if kind is str:
        return _encode_text(value)
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = pad + "  "
        kinds = set(map(type, value))
        if kinds == {str}:  # the monthly figures, statuses, notes, reasons: one join
            joined = "".join(value)
            if len(_encode_text(joined)) == len(joined) + 2:  # nothing escaped: each is '"' + text + '"'
                return "[\n" + inner + '"' + ('",\n' + inner + '"').join(value) + '"\n' + pad + "]"
            items = map(_encode_text, value)
        elif kinds == {int}:  # the details' instances and the like, month by month
            items = map(int.__repr__, value)
        else:
            items = [_indented(v, inner) for v in value]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + pad + "]"
    if kind is dict:
        if not value:
            return "{}"
        inner = pad + "  "
        if set(map(type, value)) != {str}:
            raise _NotPlain
        return ("{\n" + inner + (",\n" + inner).join([_encode_text(k) + ": " + _indented(v, inner)
                                                       for k, v in value.items()]) + "\n" + pad + "}")
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and value - value == 0:  # finite (json writes NaN and Infinity its own way)
        return float.__repr__(value)
    raise _NotPlain


def quote_table(c: Comparison) -> str:
    """The headline, then totals per option (the cheapest marked; an option that is not `ok` shows
    its figure as a lower bound or a reference and its status), then the reasons: for a terminal."""
    tied = set(c.tied_with_cheapest())
    rows = []
    for o in c.options:
        if o.status != "ok":
            versus = status_label(o.status)
        elif o.id in tied:
            versus = "cheapest" if len(tied) == 1 else "cheapest (tie)"
        else:
            versus = f"+{fmt_money(c.difference_to_cheapest(o.id))}"
        rows.append((
            ("* " if o.id in tied else "  ") + o.label,
            figure_text(o, o.total),
            figure_text(o, o.total / len(c.months)),
            versus,
        ))
    head = ("Option", f"Total ({c.currency})", "Per month", "vs cheapest")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]

    def fmt(row) -> str:
        return "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))
        ).rstrip()

    span = c.months[0] if len(c.months) == 1 else f"{c.months[0]} to {c.months[-1]}"
    title = f"{c.plan.name or 'Plan'}: {span} ({plural(len(c.months), 'month')}), {c.catalog.title}"
    lines = [title, headline(c), "", fmt(head), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in rows]
    lines.append("")
    lines += [f"- {r}" for r in c.reasons()]
    return "\n".join(lines) + "\n"


def total_of(c: Comparison, option_id: str) -> Decimal:
    return c.option(option_id).total
