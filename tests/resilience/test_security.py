"""What the app does with untrusted input (docs/security.md): no code from data, no file paths
followed from plans, no text turned into spreadsheet formulas."""

from __future__ import annotations

import ast
import builtins
import importlib
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from core.compare import compare
from core.plan import KeyGroup, Plan
from core.planfile import dumps, loads
from core.quote import quote_json, quote_table

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("core", "desktop", "packaging", "benchmarks")
BANNED_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle"}
BANNED_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
BANNED_ATTRS = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnl")}


def _python_files():
    for top in SHIPPED:
        yield from (ROOT / top).rglob("*.py")
    yield ROOT / "packaging" / "kms-planner.spec"


def _is_text(node) -> bool:
    """A string expression: "ls -l", f"ls {x}", "ls " + x (a list of arguments is fine)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def test_shipped_code_runs_no_code_from_data():
    """No eval/exec/pickle, no shell=True, no os.system, no subprocess command given as one string."""
    problems = []
    for path in _python_files():
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = lambda node: f"{path.relative_to(ROOT)}:{node.lineno}"  # noqa: E731
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                problems += [f"{where(node)} imports {a.name}" for a in node.names if a.name in BANNED_MODULES]
            elif isinstance(node, ast.ImportFrom) and node.module in BANNED_MODULES:
                problems.append(f"{where(node)} imports {node.module}")
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in BANNED_CALLS:
                    problems.append(f"{where(node)} calls {func.id}()")
                if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                        and (func.value.id, func.attr) in BANNED_ATTRS):
                    problems.append(f"{where(node)} calls {func.value.id}.{func.attr}()")
                for kw in node.keywords:
                    if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                        problems.append(f"{where(node)} passes shell=")
                if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "subprocess"
                        and node.args and _is_text(node.args[0])):
                    problems.append(f"{where(node)} gives subprocess a command string")
    assert not problems, "\n".join(problems)


PATH_LIKE = ['<img src="/etc/passwd">', "/etc/passwd", "../../../../etc/shadow", "~/.ssh/id_rsa", "C:\\Windows\\System32\\config\\SAM",
             "\\\\server\\share\\secret.xlsx", "file:///etc/hosts", "resources/pricing/china.toml",
             "$HOME/.bashrc", "%APPDATA%\\x", "/dev/zero", "/proc/self/environ", "|cat /etc/passwd",
             "`touch /tmp/pwned`", "$(touch /tmp/pwned)"]


def _path_like_plan() -> Plan:
    groups = tuple(KeyGroup(name=text, count=1 + i, calls_per_month=Decimal(1000)) for i, text in enumerate(PATH_LIKE))
    return Plan(name="/etc/passwd", key_groups=groups, months=3,
                extensions={"notes": "see /etc/passwd and ../secrets.kmsplan",
                            "scenarios": [{"name": "../../etc/passwd", "calls_factor": "2", "keys_factor": "1",
                                           "growth_delta_pct": "0", "months": None}]})


def test_path_like_strings_in_a_plan_never_cause_a_file_access(monkeypatch):
    """Plans hold no paths: names that look like paths are only ever text (load, compare, quote)."""
    text = dumps(_path_like_plan())
    compare(loads(text))  # warm the caches: price catalogs and option styles are read once per process
    touched = []

    def spy(name, real):
        def wrapper(*args, **kwargs):
            touched.append((name, args[:1]))
            return real(*args, **kwargs)
        return wrapper

    for module, attr in [(builtins, "open"), (io, "open"), (os, "open"), (os, "stat"), (os, "lstat"),
                         (os, "listdir"), (os, "scandir"), (os, "access"), (os, "readlink")]:
        monkeypatch.setattr(module, attr, spy(f"{module.__name__}.{attr}", getattr(module, attr)))
    monkeypatch.setattr(Path, "read_text", spy("Path.read_text", Path.read_text))
    monkeypatch.setattr(Path, "read_bytes", spy("Path.read_bytes", Path.read_bytes))

    plan = loads(text)
    comparison = compare(plan)
    quote_json(comparison)
    quote_table(comparison)
    monkeypatch.undo()
    assert touched == []
    assert [g.name for g in plan.key_groups] == PATH_LIKE
    assert not Path("/tmp/pwned").exists()


def test_path_like_strings_reach_the_workbook_as_text():
    pytest.importorskip("core.exports.xlsx")
    from core.exports.xlsx import build_workbook

    wb = build_workbook(compare(_path_like_plan()))
    found = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value in PATH_LIKE}
    assert set(PATH_LIKE) <= set(found)
    assert set(found.values()) == {"s"}
    assert not any(getattr(c, "hyperlink", None) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                   if isinstance(c.value, str) and c.value in PATH_LIKE)


FORMULA_STARTS = ["=", "+", "-", "@", "\t=", "\r=", " =", "==", "=+", "＝"]
injected = st.builds(lambda head, tail: (head + tail)[:500], st.sampled_from(FORMULA_STARTS),
                     st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))


# No "explain" phase: it traces every line of a workbook build and save, which turns one failing
# example into a 5-minute timeout instead of a report.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink])
@given(plan_name=injected, group_names=st.lists(injected, min_size=1, max_size=4), scenario_name=injected)
@example(plan_name="=", group_names=["=Dem"], scenario_name="=")  # a name that prefixes "=Demand!..."
def test_exported_text_never_becomes_a_formula(plan_name, group_names, scenario_name):
    """Every text cell that holds a user's string (plan, group, scenario names) is a string cell,
    in the workbook object and after a save and reload."""
    pytest.importorskip("core.exports.xlsx")
    from openpyxl import load_workbook

    from core.exports.xlsx import build_workbook

    scenario = scenario_name.strip() or "=x"
    plan = Plan(name=plan_name, months=2,
                key_groups=tuple(KeyGroup(name=n, count=1 + i) for i, n in enumerate(group_names)),
                extensions={"scenarios": [{"name": scenario[:100], "calls_factor": "2", "keys_factor": "1",
                                           "growth_delta_pct": "0", "months": None}]})
    # The workbook shows control characters as their Unicode pictures (core/exports/xlsx_cells.printable).
    shown = getattr(importlib.import_module("core.exports.xlsx_cells"), "printable", lambda t: t)
    plan_name, group_names, scenario = shown(plan_name), [shown(n) for n in group_names], shown(scenario)
    user_text = {plan_name, *group_names, scenario[:100]}
    wb = build_workbook(compare(plan))
    buffer = io.BytesIO()
    wb.save(buffer)
    # Names never reach a formula: the same plan with neutral names has the very same formulas.
    # (A substring test is not enough: a group named "=Dem" is a prefix of "=Demand!B5".)
    neutral = plan.with_(name="plan", key_groups=[g.with_(name=f"group {i}") for i, g in enumerate(plan.key_groups)],
                         extensions={"scenarios": [{**plan.extensions["scenarios"][0], "name": "scenario"}]})
    assert _formulas(wb) == _formulas(build_workbook(compare(neutral)))
    # XML turns a carriage return into a line feed on reading: compare in that form after a reload.
    crlf = lambda t: t.replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731
    for book in (wb, load_workbook(io.BytesIO(buffer.getvalue()))):
        if book is not wb:
            user_text, plan_name, group_names = {crlf(t) for t in user_text}, crlf(plan_name), [crlf(n) for n in group_names]
        seen = set()
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if not isinstance(cell.value, str):
                        continue
                    if cell.value in user_text:
                        seen.add(cell.value)
                        assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value, cell.data_type)
        assert {plan_name, *group_names} <= seen, "a name was not exported"


def _formulas(book) -> dict:
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"}


def test_control_characters_in_names_export():
    """Fixed in 3885171: openpyxl refused control characters, and the export failed."""
    pytest.importorskip("core.exports.xlsx")
    from core.exports.xlsx import build_workbook

    plan = loads(dumps(Plan(name="bell\x07", months=2, key_groups=(KeyGroup(name="=unit\x1fsep"),))))
    wb = build_workbook(compare(plan))
    cells = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    # Control characters (which XML forbids) are shown as their Unicode pictures (U+2400 block).
    assert cells.get("bell\u2407") == "s" and cells.get("=unit\u241fsep") == "s"


def test_handout_html_shows_names_as_text_never_as_markup():
    """The PDF handout is HTML rendered by Qt: a name like <img src="/etc/passwd"> must stay text,
    or Qt would load that file as an image. The only image is the app's own chart."""
    handout = pytest.importorskip("desktop.exports.pdf_handout")
    import re

    html = handout.handout_html(compare(_path_like_plan()), app_version="test")
    assert '<img src="/etc/passwd">' not in html
    assert "&lt;img src=&quot;/etc/passwd&quot;&gt;" in html
    sources = re.findall(r"<img[^>]*src=[\"']([^\"']+)", html)
    assert sources and all(s.startswith("handout://") for s in sources), sources
