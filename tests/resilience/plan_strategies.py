"""Hypothesis strategies for hostile plan files: the samples, mutated in value, type, key and byte."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import strategies as st

from core.planfile import EXTENSION_FIELDS, _GROUP_FIELDS, _TOP_FIELDS

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.kmsplan"))
SAMPLE_DOCS = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
SCENARIO_FIELDS = {"name", "calls_factor", "keys_factor", "growth_delta_pct", "months"}
# Every field name a plan file may spell: a refusal must name one of these (or a key the file has).
KNOWN_FIELDS = _TOP_FIELDS | EXTENSION_FIELDS | _GROUP_FIELDS | SCENARIO_FIELDS | {"count"}

# Numbers that break naive code: huge, tiny, negative zero, boundary and just-past-boundary.
NASTY_NUMBERS = ["0", "-0", "1", "-1", "7", "730", "731", "120", "121", "0.5", "-100", "-99.999",
                 "1e15", "1.0000000000000000000000000001e15", "1e16", "9" * 300, "1e308", "1e309",
                 "1e999999", "-1e999999", "1e-999999", "123456789012345678901234567890.123456789",
                 "0.000000000000000000000000000000001", "1E+30", "2.5e-7", "10000000", "10000001"]
NASTY_TEXT = ["", " ", "null", "NaN", "Infinity", "-Infinity", "1e999999", "２０２７-０１", "2027-13", "2027-00",
              "9999-12", "1899-12", "Enabled ", "HSM\u0000", "=cmd|' /C calc'!A0", "../../etc/passwd",
              "\U0001F511" * 3, "\ud800", "\u202e" + "RTL", "a" * 501, "x" * 100_000]

json_scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(NASTY_TEXT),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def paths(doc, prefix=()):
    """Every path (tuple of keys and indexes) to a node of a parsed document, the root included."""
    yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from paths(value, prefix + (index,))


def _parent(doc, path):
    node = doc
    for step in path[:-1]:
        node = node[step]
    return node


field_values = st.sampled_from(NASTY_NUMBERS).map(lambda n: _RawJSON(n)) | st.sampled_from(NASTY_NUMBERS) | json_values


@st.composite
def scenarios(draw):
    """One entry of the "scenarios" extension: real field names, any values."""
    names = draw(st.sets(st.sampled_from(sorted(SCENARIO_FIELDS - {"name"})), max_size=4))
    scenario = {name: draw(st.sampled_from(["1", "2", "0.5", 12]) | field_values) for name in sorted(names)}
    # Mostly a valid name, so the loader gets as far as the values.
    scenario["name"] = draw(st.sampled_from(["Double traffic", "Half"]) | field_values)
    return scenario


@st.composite
def mutated_docs(draw, max_mutations=3):
    """A sample plan with one to `max_mutations` structural mutations (as a parsed document)."""
    doc = copy.deepcopy(draw(st.sampled_from(SAMPLE_DOCS)))
    if draw(st.integers(0, 4)) == 0:  # the "scenarios" extension, with hostile values
        doc["scenarios"] = draw(st.lists(scenarios(), max_size=3))
    for _ in range(draw(st.integers(1, max_mutations))):
        all_paths = [p for p in paths(doc) if p]
        if not all_paths:
            break
        path = draw(st.sampled_from(all_paths))
        parent, last = _parent(doc, path), path[-1]
        kind = draw(st.sampled_from(["value", "number", "text", "delete", "add", "rename", "wrap", "copy"]))
        if kind == "value":
            parent[last] = draw(json_values)
        elif kind == "number":
            parent[last] = _RawJSON(draw(st.sampled_from(NASTY_NUMBERS)))
        elif kind == "text":
            parent[last] = draw(st.sampled_from(NASTY_TEXT) | st.text(max_size=20))
        elif kind == "delete":
            del parent[last]
        elif kind == "add" and isinstance(parent, dict):
            key = draw(st.sampled_from(sorted(KNOWN_FIELDS)) | st.text(max_size=12))
            parent[key] = draw(json_values)
        elif kind == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from(sorted(KNOWN_FIELDS)) | st.text(max_size=12))
            parent[new] = parent.pop(last)
        elif kind == "wrap":
            parent[last] = draw(st.sampled_from([[parent[last]], {"value": parent[last]}]))
        elif kind == "copy" and isinstance(parent, list):
            parent.extend([copy.deepcopy(parent[last])] * draw(st.integers(1, 3)))
    return doc


class _RawJSON(str):
    """A number written into the JSON text verbatim (so 1e999999 reaches the parser as a number)."""


def to_json(doc) -> str:
    """JSON text of a mutated document; _RawJSON values are written as bare numbers."""
    marks = {}

    def mark(value):
        if isinstance(value, _RawJSON):
            token = f"@@raw{len(marks)}@@"
            marks[token] = str(value)
            return token
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(doc), indent=1, ensure_ascii=False)
    for token, raw in marks.items():
        text = text.replace(f'"{token}"', raw)
    return text


@st.composite
def mutated_texts(draw):
    """Plan text damaged below the JSON level: truncated, spliced with junk, deeply nested."""
    text = to_json(draw(mutated_docs(max_mutations=1))) if draw(st.booleans()) else SAMPLES[0].read_text()
    kind = draw(st.sampled_from(["truncate", "insert", "replace", "nest", "bom", "repeat"]))
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]
    if kind == "replace":
        at = draw(st.integers(0, max(0, len(text) - 1)))
        return text[:at] + draw(st.characters()) + text[at + 1:]
    if kind == "nest":
        depth = draw(st.sampled_from([50, 500, 990, 5000, 100_000]))
        inner = "[" * depth + "]" * depth
        return text.replace('"price_overrides": {}', '"price_overrides": {}, "notes": ' + inner, 1) \
            if draw(st.booleans()) else inner
    if kind == "bom":
        return "\ufeff" + text
    return text + text


# --- valid but extreme plans (for the GUI: everything here must load and draw) ------------------

def _price_ids(site: str) -> list[str]:
    from core.catalog import load_catalog

    return sorted(load_catalog(site).prices)


decimal_text = st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False, allow_infinity=False)


@st.composite
def extreme_groups(draw):
    from core.catalog import load_catalog

    spec = draw(st.sampled_from(sorted(load_catalog("international").specs)))
    return {
        "name": draw(st.text(max_size=60) | st.sampled_from(NASTY_TEXT[:-2])),
        "creator": draw(st.sampled_from(["user", "service"])),
        "protection": draw(st.sampled_from(["SOFTWARE", "HSM"])),
        "spec": spec,
        "count": draw(st.sampled_from([0, 1, 2000, 2001, 10_000_000]) | st.integers(0, 5000)),
        "versions": draw(st.sampled_from([1, 100_000]) | st.integers(1, 50)),
        "rotation_days": draw(st.sampled_from([None, 7, 730]) | st.integers(7, 730)),
        "state": draw(st.sampled_from(["Enabled", "Disabled", "PendingDeletion"])),
        "calls_per_month": _RawJSON(draw(st.sampled_from(["0", "1e15", "0.000001", "123456789.123456789"])
                                         | st.integers(0, 10**12).map(str))),
        "calls_growth_pct": _RawJSON(draw(st.sampled_from(["0", "1000", "-99.999", "3.5"]))),
    }


@st.composite
def extreme_plans(draw):
    """Valid plans at the edges: 1 to 120 months, no groups or many, huge counts, zero prices."""
    site = draw(st.sampled_from(["international", "china"]))
    year = draw(st.sampled_from([1900, 2027, 9989]))
    doc = {
        "format": "kms-cost-planner/plan", "version": 1,
        "name": draw(st.text(max_size=80) | st.sampled_from(NASTY_TEXT[:-2])),
        "site": site,
        "api_region": draw(st.sampled_from(["mainland", "outside_mainland"])),
        "start_month": f"{year}-{draw(st.integers(1, 12)):02d}",
        "months": draw(st.sampled_from([1, 2, 120]) | st.integers(1, 120)),
        "peak_to_average": _RawJSON(draw(st.sampled_from(["1", "3", "1000", "1.5"]))),
        "key_groups": draw(st.lists(extreme_groups(), max_size=12)),
        "secrets": {"count": draw(st.sampled_from([0, 1, 10_000_000]))},
        "price_overrides": draw(st.dictionaries(st.sampled_from(_price_ids(site)),
                                                decimal_text.map(lambda d: format(d, "f")), max_size=6)),
    }
    return doc
