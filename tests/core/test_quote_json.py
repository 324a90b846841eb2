"""core.quote writes the quote's JSON byte for byte as json.dumps(indent=2, ensure_ascii=False) would."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import quote
from core.compare import compare
from core.planfile import load

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.kmsplan"))

_scalars = (st.none() | st.booleans() | st.integers(min_value=-10**30, max_value=10**30)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
            | st.sampled_from(["12.5", "0", "-3", 'a "quoted" word', "back\\slash", "tab\there", "\x00\x1f\x7f",
                               "é ü 中 \U0001F600", "\ud800 lone"]))
_documents = st.recursive(
    _scalars | st.lists(st.text(max_size=8), max_size=5) | st.lists(st.integers(), max_size=5),
    lambda inner: (st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=40)


def _json(doc) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _written(doc) -> str:
    """quote_json's writing of `doc` (its fallback included)."""
    try:
        return quote._indented(doc, "") + "\n"
    except (quote._NotPlain, RecursionError):
        return _json(doc)


@settings(max_examples=400, deadline=None)
@given(_documents)
def test_any_plain_document_is_written_as_json_writes_it(doc):
    assert _written(doc) == _json(doc)


def test_what_the_writer_leaves_to_json_is_written_or_refused_by_json():
    for doc in ({"n": float("nan")}, [float("inf"), -float("inf")], {1: "a", None: "b", 2.5: "c", True: "d"},
                [True, 1, 1.0], {"x": (1, "two", None)}):
        assert _written(doc) == _json(doc)
    with pytest.raises(quote._NotPlain):
        quote._indented({"price": Decimal("0.03")}, "")
    with pytest.raises(TypeError, match="Decimal is not JSON serializable"):
        _written({"price": Decimal("0.03")})


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_quote_is_json_dumps_byte_for_byte(path: Path):
    comparison = compare(load(path))
    assert quote.quote_json(comparison) == _json(quote.quote_dict(comparison))


def test_a_list_of_texts_holding_any_character_is_written_as_json_writes_it():
    for code in [*range(0x250), 0x2028, 0x2029, 0xD800, 0xDFFF, 0xFEFF, 0x10FFFF]:
        doc = {"monthly": ["12.5", f"a{chr(code)}b", "0"]}
        assert _written(doc) == _json(doc), hex(code)
