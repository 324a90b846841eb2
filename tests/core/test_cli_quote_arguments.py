"""core.cli reads a plain `quote` command line without argparse exactly as argparse reads it."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cli import build_parser, quote_arguments

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("quote", "plan.kmsplan", "my plan.kmsplan", "json", "table", "xml", "--format", "--format=json", "--form",
         "-", "--", "-h", "-1", "", "quote", "validate", "@args", "a=b")


def _argparse(words: list[str]):
    try:
        return vars(build_parser().parse_args(words))
    except SystemExit as exc:
        return ("exit", exc.code)


@pytest.mark.parametrize("words", [
    ["quote", "plan.kmsplan"], ["quote", "plan.kmsplan", "--format", "json"], ["quote", "--format", "table", "p"],
    ["quote", "my plan.kmsplan", "--format", "table"], ["quote", "json", "--format", "json"], ["quote", "quote"],
    ["quote", ""], ["quote", "a=b", "--format", "json"], ["quote", "--format", "json", "--format"]])
def test_a_plain_quote_is_read_as_argparse_reads_it(words, capsys):
    found = quote_arguments(words)
    expected = _argparse(words)
    capsys.readouterr()
    if found is not None:
        assert vars(found) == expected
    else:
        assert words == ["quote", "--format", "json", "--format"]


@pytest.mark.parametrize("words", [
    ["quote"], ["quote", "-"], ["quote", "-h"], ["quote", "--", "p"], ["quote", "p", "--format", "xml"],
    ["quote", "p", "--format=json"], ["quote", "p", "--form", "json"], ["quote", "-1", "--format", "json"],
    ["quote", "p", "--format"], ["quote", "p", "json", "--format"], ["validate", "p"], ["--version"], []])
def test_anything_else_is_left_to_argparse(words):
    assert quote_arguments(words) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=5))
def test_whatever_it_reads_argparse_reads_the_same(words):
    found = quote_arguments(words)
    if found is not None:
        assert vars(found) == _argparse(words)


def test_every_short_line_of_these_words_agrees_with_argparse(capsys):
    for n in (2, 4):
        for words in itertools.product(WORDS, repeat=n):
            found = quote_arguments(list(words))
            if found is not None:
                assert vars(found) == _argparse(list(words)), words
    capsys.readouterr()


def test_a_quote_imports_no_argparse_when_run_as_python_m_core():
    plan = ROOT / "resources" / "samples" / "regulated-estate.kmsplan"
    code = ("import runpy, sys; sys.argv = ['core', 'quote', sys.argv[1], '--format', 'json']\n"
            "import core.cli\n"
            "code = core.cli.main()\n"
            "assert 'argparse' not in sys.modules, sorted(sys.modules)\n"
            "print('exit', code)")
    done = subprocess.run([sys.executable, "-c", code, str(plan)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("exit 0") and '"cheapest"' in done.stdout
