"""The headless command line: quote, validate, timeline, --version; exit codes; no tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import __version__
from core.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
SEED_1 = SAMPLES / "seed-example-1-disk-encryption.kmsplan"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_quote_json_follows_the_contract(capsys):
    code, out, err = run(capsys, "quote", str(SEED_1), "--format", "json")
    assert code == 0 and err == ""
    q = json.loads(out)
    assert q["plan"] == "Seed example 1: cloud disk encryption in Singapore"
    assert q["currency"] == "USD" and q["months"] == ["2024-04"] and q["cheapest"] == "payg-legacy"
    legacy = q["options"][0]
    assert legacy["id"] == "payg-legacy" and legacy["total"] == "0.99225"
    assert legacy["status"] == "ok" and legacy["status_reasons"] == [] and legacy["first_problem_month"] is None
    dedicated = q["options"][-1]
    assert dedicated["status"] == "unverified" and dedicated["first_problem_month"] == "2024-04"
    assert legacy["lines"] == [{"item": "key hosting", "monthly": ["0.99"]},
                               {"item": "API calls", "monthly": ["0.00225"]}]


def test_quote_table_is_the_default(capsys):
    code, out, _ = run(capsys, "quote", str(SAMPLES / "growing-saas.kmsplan"))
    assert code == 0
    assert out.startswith("Growing SaaS with rotation (software keys): 2027-01 to 2029-12 (36 months)")
    assert "* Software key management instance (subscription)" in out
    assert out.splitlines()[1] == (
        "Cheapest fully priced: Software instance, 18,500.00 USD over 36 months. Not ranked: KMS 1.0 PAYG "
        "(ended 2025-09-30), Hardware instance (Cloud HSM cluster price not entered), Hardware instance PAYG "
        "(Cloud HSM cluster price not entered), Dedicated KMS (capacity not published).")


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.kmsplan")), ids=lambda p: p.name)
def test_every_sample_validates_and_quotes(capsys, path):
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "valid plan" in out
    code, out, _ = run(capsys, "quote", str(path), "--format", "json")
    assert code == 0 and json.loads(out)["options"]


def test_validate_names_the_field(capsys, tmp_path):
    doc = json.loads(SEED_1.read_text())
    doc["key_groups"][0]["count"] = -3
    bad = tmp_path / "bad.kmsplan"
    bad.write_text(json.dumps(doc))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2 and out == ""
    assert err == (f"kms-planner: {bad}: Key group 1 (disk-cmk): the key count must be a whole number of 0 or more, "
                   f"not -3 (key_groups[0].count)\n")
    code, out, err = run(capsys, "quote", str(bad))
    assert code == 2 and "key_groups[0].count" in err


@pytest.mark.parametrize("content,fragment", [
    (None, "does not exist"),
    ("{not json", "The file is not valid JSON: line 1, column 2: a field name in double quotes was expected"),
    ("[]", "A plan file must be an object ({...}), not a list"),
    ('{"format": "kms-cost-planner/plan", "version": 9}', "newer KMS Cost Planner"),
])
def test_bad_files_are_refused_with_one_line(capsys, tmp_path, content, fragment):
    path = tmp_path / "plan.kmsplan"
    if content is not None:
        path.write_text(content)
    code, out, err = run(capsys, "quote", str(path))
    assert code == 2 and fragment in err and "Traceback" not in err and err.count("\n") == 1


def test_timeline_table_and_json(capsys):
    code, out, _ = run(capsys, "timeline", "--option", "instance-software", "--purchased",
                       "2027-01-15T10:30:00", "--months", "12")
    assert code == 0
    assert "expiration date (last day of service)  2028-01-15" in out
    assert "released, keys deleted                 2028-01-31" in out
    code, out, _ = run(capsys, "timeline", "--option", "dedicated", "--purchased", "2028-01-31T23:00:00",
                       "--months", "1", "--format", "json")
    assert json.loads(out) == {
        "purchased": "2028-01-31 23:00:00 UTC+8",
        "expiration date (last day of service)": "2028-02-29",
        "expires / disabled at": "2028-03-01 00:00:00 UTC+8",
        "released, keys deleted": "2028-03-16",
    }


@pytest.mark.parametrize("argv,fragment", [
    (["timeline", "--option", "dedicated", "--purchased", "soon", "--months", "1"], "--purchased must be"),
    (["timeline", "--option", "dedicated", "--purchased", "2027-01-01", "--months", "5"], "months must be one of"),
    (["timeline", "--option", "dedicated", "--purchased", "2027-01-01", "--months", "x"], "invalid int value"),
    (["timeline", "--option", "payg-legacy", "--purchased", "2027-01-01", "--months", "1"], "invalid choice"),
    (["quote"], "the following arguments are required: plan"),
    (["quote", str(SEED_1), "--format", "xml"], "invalid choice"),
    ([], "name a command"),
])
def test_refused_arguments_exit_2(capsys, argv, fragment):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    _, err = capsys.readouterr()
    assert code == 2 and fragment in err and "Traceback" not in err


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out == f"kms-planner {__version__}\n"


def test_the_installed_entry_point_in_a_subprocess(tmp_path):
    """`kms-planner` as users run it: the launcher sends headless commands to core without Qt."""
    launcher = [sys.executable, "-m", "desktop.launcher"]
    out = subprocess.run(launcher + ["quote", str(SEED_1), "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and json.loads(out.stdout)["cheapest"] == "payg-legacy"
    bad = tmp_path / "bad.kmsplan"
    bad.write_text(SEED_1.read_text().replace('"international"', '"mars"'))
    out = subprocess.run(launcher + ["validate", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f'kms-planner: {bad}: The site must be one of "international", "china", not "mars" (site)\n'
    version = subprocess.run(launcher + ["--version"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (version.returncode, version.stdout) == (0, f"kms-planner {__version__}\n")


def test_a_program_ends_with_every_byte_of_its_output_written(capsys):
    """As the program (python -m core), the CLI ends with os._exit once its output is flushed."""
    plan = str(SAMPLES / "regulated-estate.kmsplan")
    code, expected, _ = run(capsys, "quote", plan, "--format", "json")
    done = subprocess.run([sys.executable, "-m", "core", "quote", plan, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (code, expected, "")
    done = subprocess.run([sys.executable, "-m", "core", "quote", "missing.kmsplan"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (2, "") and done.stderr.endswith("missing.kmsplan does not exist\n")
    closed = subprocess.run([sys.executable, "-m", "core", "quote", plan], cwd=ROOT, stderr=subprocess.PIPE,
                            text=True, timeout=60, preexec_fn=lambda: os.close(1))  # started without stdout
    assert closed.returncode == 1 and closed.stderr.startswith("kms-planner: internal error (AttributeError")
    assert "Traceback" not in closed.stderr and closed.stderr.count("\n") == 1


@pytest.mark.parametrize("argv", [["quote", str(SEED_1), "--format", "json"], ["quote", "x", "--bogus"],
                                  ["validate"], ["timeline", "--option", "dedicated"], ["reconcile", "p"]])
def test_a_parser_built_for_its_command_alone_reads_and_refuses_as_the_full_one(capsys, argv):
    from core.cli import build_parser

    results = []
    for parser in (build_parser(), build_parser(argv[0])):
        assert parser.format_usage() == build_parser().format_usage()
        try:
            results.append(vars(parser.parse_args(argv)))
        except SystemExit as exc:
            results.append((exc.code, capsys.readouterr().err))
    assert results[0] == results[1]


def test_called_from_python_the_command_line_leaves_the_garbage_collector_as_it_was(capsys):
    import gc

    frozen = gc.get_freeze_count()
    assert run(capsys, "validate", str(SEED_1))[0] == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
