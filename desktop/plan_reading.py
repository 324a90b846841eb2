"""core.planfile.load as File > Open's worker thread runs it: the same Plan and the same refusals,
but the GUI thread is never locked out of the interpreter for the whole parse.

planfile parses a plan with one json.loads in C, which holds the GIL throughout: ~12 ms for
10,000 key groups, during which the window (waiting for the GIL to run a timer or paint) froze.
Here the parse calls back into Python once per JSON object, and each call is a point where the
interpreter hands the GIL over to a waiting thread (after its 5 ms switch interval). Whatever is
not the plain case (a file too big or unreadable, not UTF-8, not JSON, a key written twice, a
refused value) is read again by planfile.load, so every refusal is planfile's own.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

from core import planfile
from core.plan import Plan
from core.planfile import PlanError
from core.repeated_keys import no_repeated_keys


def _handing_over(obj: dict) -> dict:
    """The object as parsed: being a Python call is its whole point."""
    return obj


def _no_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: planfile.load says why


def load(path: str | os.PathLike) -> Plan:
    """planfile.load(path), parsed in a way that lets other threads run meanwhile."""
    p = Path(path)
    try:
        if p.stat().st_size > planfile.MAX_FILE_BYTES:
            return planfile.load(p)
        text = p.read_bytes().decode("utf-8-sig")
        raw = json.loads(text, parse_float=Decimal, parse_constant=_no_constant, object_hook=_handing_over)
    except (OSError, ValueError, RecursionError):
        return planfile.load(p)
    if not no_repeated_keys(text, raw):
        return planfile.load(p)
    try:
        return planfile.plan_from_dict(raw)
    except PlanError:
        return planfile.load(p)
