"""Numbers as people type them: 3,000,000 / 3 000 000 / 6e7 / 60k / 1.5M / 2B / 7.5 %.

One Qt-free reader for every numeric editor, paste and import, so a typed number is either read
as exactly the number meant (an exact Decimal, never through float) or refused with a sentence
that says why; it never drops characters and never guesses between two readings ("1,5").
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

# Beyond this many digits either side of the point a typed number is a slip, not a plan's figure
# (plan fields stop at 10^15 calls); refusing early keeps "1e999999" from building a huge integer.
MAX_MAGNITUDE = 100

SUFFIXES = {
    "k": 3, "thousand": 3,
    "m": 6, "mn": 6, "mm": 6, "million": 6,
    "b": 9, "bn": 9, "billion": 9,
    "t": 12, "tn": 12, "trillion": 12,
}
HINT = "type digits such as 3000000, 3,000,000, 3 000 000, 6e7, 60k, 1.5M or 2B"
_SPACES = "\u00a0\u202f\u2009\u2007"  # no-break, narrow no-break, thin and figure spaces
_MINUS = "\u2212\u2012\u2013"  # minus sign and dashes that word processors put for "-"

_NUMBER = re.compile(
    r"""(?P<sign>[+-]?)
        (?P<int>\d{1,3}(?P<sep>[,'_ ])\d{3}(?:(?P=sep)\d{3})*|\d*)
        (?P<frac>\.\d*)?
        (?:[eE](?P<exp>[+-]?\d+))?
        \ ?(?P<suffix>[A-Za-z]+)?
        \ ?(?P<percent>%)?""",
    re.VERBOSE | re.ASCII,
)


class NumberTextError(ValueError):
    """Text that is not a number this field can read; the message says why in words."""


def parse_number(text, *, percent: bool = False) -> Decimal:
    """The exact Decimal `text` writes, or NumberTextError. `percent`: a trailing % is allowed
    (and dropped: "7.5%" is 7.5, in a field that holds percents)."""
    if isinstance(text, Decimal):
        return _finite(text, str(text))
    if isinstance(text, int) and not isinstance(text, bool):
        return Decimal(text)
    shown = str(text)
    cleaned = _clean(shown)
    if not cleaned:
        raise NumberTextError("Enter a number.")
    match = _NUMBER.fullmatch(cleaned)
    if match is None or not (match["int"] or (match["frac"] or "")[1:]):
        raise NumberTextError(_why_not(shown, cleaned, percent))
    if match["percent"] and not percent:
        raise NumberTextError(f'"{shown.strip()}" has a percent sign, but this is not a percentage: '
                              f'type the number alone.')
    scale = 0
    if match["suffix"]:
        word = match["suffix"].casefold()
        if word not in SUFFIXES:
            raise NumberTextError(f'"{shown.strip()}" ends in "{match["suffix"]}", which is not a unit I know: '
                                  f"use k (thousand), M (million), B (billion) or T (trillion).")
        if match["exp"] is not None:
            raise NumberTextError(f'"{shown.strip()}" mixes an exponent and a unit: write 6e7 or 60M, not both.')
        if match["percent"]:
            raise NumberTextError(f'"{shown.strip()}" mixes a unit and a percent sign: write one of them.')
        scale = SUFFIXES[word]
    digits = match["int"].replace(match["sep"] or " ", "") if match["sep"] else match["int"]
    literal = f"{match['sign']}{digits or '0'}{match['frac'] or ''}"
    exponent = match["exp"]
    if exponent is not None:
        if len(exponent.lstrip("+-").lstrip("0")) > 4:
            raise NumberTextError(_too_big(shown))
        literal += f"e{exponent}"
    value = Decimal(literal)  # exact: the constructor never rounds
    if not value.is_zero() and abs(value.adjusted() + scale) > MAX_MAGNITUDE:
        raise NumberTextError(_too_big(shown))
    if scale:
        with localcontext() as ctx:  # scaleb rounds to the context's precision: give it every digit
            ctx.prec = len(value.as_tuple().digits) + 2
            value = value.scaleb(scale)
    if value.is_zero():
        return Decimal(0)
    if value.as_tuple().exponent > 0:  # 6E+7 and 1.5E+6 become 60000000 and 1500000
        value = Decimal(int(value))
    return value


def _clean(text: str) -> str:
    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, " ")
    for minus in _MINUS:
        cleaned = cleaned.replace(minus, "-")
    cleaned = cleaned.replace("\u2019", "'")  # a typographic apostrophe (1’000’000)
    return " ".join(cleaned.split())  # tabs and runs of spaces read as one space


def _finite(value: Decimal, shown: str) -> Decimal:
    if not value.is_finite():
        raise NumberTextError(f'"{shown}" is not a number.')
    return value


def _too_big(shown: str) -> str:
    return f'"{shown.strip()}" is too large or too small to be a plan\'s number.'


def _why_not(shown: str, cleaned: str, percent: bool) -> str:
    text = shown.strip()
    if re.fullmatch(r"[+-]?\d+,\d{1,2}|[+-]?\d{1,3}(\.\d{3})+(,\d*)?", cleaned.replace(" ", "")):
        return (f'"{text}" looks like a decimal comma: use a point for decimals (1.5) and commas only '
                f"between groups of three digits (1,500).")
    if re.search(r"\d[,' _]\d", cleaned):
        return (f'"{text}" has digits grouped unevenly: group by three (3,000,000 or 3 000 000), '
                f"or type the digits alone.")
    if re.fullmatch(r"[+-]?(inf(inity)?|nan|snan)", cleaned, re.IGNORECASE):
        return f'"{text}" is not a number: {HINT}.'
    if "%" in cleaned and not percent:
        return f'"{text}" is not a number: {HINT}.'
    return f'"{text}" is not a number: {HINT}{", optionally with %" if percent else ""}.'


def is_number_text(text, *, percent: bool = False) -> bool:
    try:
        parse_number(text, percent=percent)
    except NumberTextError:
        return False
    return True


__all__ = ["NumberTextError", "parse_number", "is_number_text", "SUFFIXES", "MAX_MAGNITUDE"]
