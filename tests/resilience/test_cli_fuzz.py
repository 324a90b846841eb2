"""Fuzz the headless CLI: any plan file gives exit 0 with a quote, or exit 2 with one message; never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cli import main
from plan_strategies import SAMPLES, mutated_docs, mutated_texts, to_json

ROOT = Path(__file__).resolve().parents[2]
CLI_FUZZ = settings(max_examples=100, deadline=timedelta(seconds=3),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory(prefix="kms-cli-fuzz-") as folder:
        yield Path(folder)


def run_in_process(capsys, argv) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(code, out, err):
    assert code in (0, 2), f"exit {code}: {err[-800:]}"
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        lines = err.strip().splitlines()
        if err.startswith("usage:"):  # argparse: the usage, then one line saying what is wrong
            assert lines[-1].startswith("kms-planner"), err
        else:
            assert err.startswith("kms-planner:") and len(lines) <= 3, err
    else:
        assert out.strip(), "exit 0 with nothing printed"


@CLI_FUZZ
@given(mutated_docs(), st.sampled_from(["quote", "validate"]), st.sampled_from(["table", "json"]))
def test_cli_on_mutated_plans(capsys, scratch, doc, command, fmt):
    path = scratch / "plan.kmsplan"
    path.write_bytes(to_json(doc).encode("utf-8", "surrogatepass"))
    argv = [command, str(path)] + (["--format", fmt] if command == "quote" else [])
    assert_clean(*run_in_process(capsys, argv))


@CLI_FUZZ
@given(mutated_texts())
def test_cli_on_damaged_files(capsys, scratch, text):
    path = scratch / "damaged.kmsplan"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert_clean(*run_in_process(capsys, ["quote", str(path)]))


@CLI_FUZZ
@given(st.binary(max_size=300))
def test_cli_on_random_bytes(capsys, scratch, data):
    path = scratch / "bytes.kmsplan"
    path.write_bytes(data)
    code, out, err = run_in_process(capsys, ["quote", str(path)])
    assert_clean(code, out, err)
    assert code == 2


def _subprocess_cases(tmp: Path) -> list[tuple[str, Path, int]]:
    sample = SAMPLES[0].read_bytes()
    cases = {
        "valid sample": (sample, 0),
        "truncated": (sample[: len(sample) // 2], 2),
        "binary": (bytes(range(256)) * 4, 2),
        "deep nesting": (b"[" * 200_000 + b"]" * 200_000, 2),
        "huge exponent": (sample.replace(b'"months": 36', b'"months": 1e999999999'), 2),
        "negative count": (sample.replace(b'"count": 60', b'"count": -3'), 2),
    }
    paths = []
    for name, (data, expected) in cases.items():
        path = tmp / (name.replace(" ", "-") + ".kmsplan")
        path.write_bytes(data)
        paths.append((name, path, expected))
    paths.append(("a folder", tmp, 2))
    paths.append(("missing", tmp / "missing.kmsplan", 2))
    return paths


@pytest.mark.slow
def test_cli_subprocess_exit_codes(tmp_path):
    """The real process: `python -m core quote FILE` exits 0 or 2 and never prints a traceback."""
    env = {k: v for k, v in os.environ.items() if k != "KMS_PLANNER_DEBUG"}
    for name, path, expected in _subprocess_cases(tmp_path):
        done = subprocess.run([sys.executable, "-m", "core", "quote", str(path)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == expected, (name, done.stderr[-500:])
        assert "Traceback" not in done.stderr, (name, done.stderr[-500:])
        if expected == 2:
            assert done.stderr.startswith("kms-planner: ") and str(path) in done.stderr, (name, done.stderr)
            assert not done.stdout


@pytest.mark.parametrize("argv", [[], ["quote"], ["quote", "a", "b"], ["--format", "x"], ["frobnicate"],
                                  ["timeline", "--option", "dedicated", "--purchased", "yesterday", "--months", "5"],
                                  ["timeline", "--option", "dedicated", "--purchased", "2027-01-15T10:30:00",
                                   "--months", "99999999999999999999"]])
def test_cli_bad_arguments_exit_2(capsys, argv):
    code, out, err = run_in_process(capsys, argv)
    assert code == 2, err
    assert "Traceback" not in err


@CLI_FUZZ
@given(option=st.sampled_from(["instance-software", "instance-hardware", "dedicated"]),
       purchased=st.one_of(st.text(max_size=40),
                           st.datetimes().map(lambda d: d.isoformat(timespec="seconds")),
                           st.sampled_from(["2027-02-29T10:00:00", "2028-02-29T23:59:59+14:00",
                                            "2027-01-31T00:00:00-12:00", "now"])),
       months=st.sampled_from([1, 2, 3, 6, 12, 24, 36, 0, -1, 5, 10**6]))
def test_timeline_any_purchase_time(capsys, option, purchased, months):
    code, out, err = run_in_process(capsys, ["timeline", "--option", option, "--purchased", purchased,
                                             "--months", str(months), "--format", "json"])
    assert_clean(code, out, err)


@pytest.mark.parametrize("option, purchased, months", [
    ("instance-software", "9999-09-16T00:00:00", 3),
    ("dedicated", "9999-12-31T23:59:59-12:00", 1),
    ("dedicated", "0001-01-01T00:00:00+14:00", 1),
])
def test_timeline_at_the_calendar_edges(capsys, option, purchased, months):
    """Until 3d3a7f9 these overflowed the calendar in core/cycles.py (exit 1, internal error)."""
    code, out, err = run_in_process(capsys, ["timeline", "--option", option, "--purchased", purchased,
                                             "--months", str(months)])
    assert_clean(code, out, err)


def _export_cases(tmp: Path):
    import json

    sample = SAMPLES[0].read_text()
    empty = json.loads(sample)
    empty.update(months=1, key_groups=[], name="=cmd|' /C calc'!A0 \x07")
    (tmp / "empty.kmsplan").write_text(json.dumps(empty))
    (tmp / "truncated.kmsplan").write_text(sample[:200])
    (tmp / "a-folder.xlsx").mkdir()
    return [
        ("valid, every output", ["resources/samples/growing-saas.kmsplan", "--xlsx", "o.xlsx", "--png", "o.png",
                                 "--svg", "o.svg", "--pdf", "o.pdf"], 0),
        ("no groups, one month, hostile name", ["empty.kmsplan", "--xlsx", "e.xlsx", "--pdf", "e.pdf"], 0),
        ("truncated plan", ["truncated.kmsplan", "--xlsx", "t.xlsx"], 2),
        ("missing plan", ["missing.kmsplan", "--xlsx", "m.xlsx"], 2),
        ("target is a folder", ["resources/samples/growing-saas.kmsplan", "--xlsx", "a-folder.xlsx"], 2),
        ("target folder missing", ["resources/samples/growing-saas.kmsplan", "--png", "nowhere/c.png"], 2),
        ("no output named", ["resources/samples/growing-saas.kmsplan"], 2),
    ]


def test_export_cli_exit_codes(tmp_path, capsys, monkeypatch):
    """`kms-planner export`: every file written (0) or one message (2); never a traceback."""
    export_cli = pytest.importorskip("desktop.export_cli")
    cases = _export_cases(tmp_path)
    for name, argv, expected in cases:
        argv = [str(ROOT / a) if a.startswith("resources/") else str(tmp_path / a) if a.endswith(
            (".kmsplan", ".xlsx", ".png", ".svg", ".pdf")) else a for a in argv]
        capsys.readouterr()
        try:
            code = export_cli.main(argv)
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        assert code == expected, (name, err)
        assert "Traceback" not in err, (name, err)
        if expected == 2:
            assert err.strip(), name
    for made in ("o.xlsx", "o.png", "o.svg", "o.pdf", "e.xlsx", "e.pdf"):
        assert (tmp_path / made).stat().st_size > 0, made
    assert not (tmp_path / "t.xlsx").exists() and (tmp_path / "a-folder.xlsx").is_dir()
