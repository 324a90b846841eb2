"""`kms-planner export`: writes the workbook, the chart (PNG, SVG) and the handout headless; exit 2
with one clear line (never a traceback) on a broken plan, an unwritable target or no output."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path


from desktop.export_cli import main

ROOT = Path(__file__).resolve().parents[1]
SAAS = ROOT / "resources" / "samples" / "growing-saas.kmsplan"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_all_four_files(qapp, capsys, tmp_path):
    files = {kind: tmp_path / f"saas.{kind}" for kind in ("xlsx", "png", "svg", "pdf")}
    code, out, err = run(capsys, SAAS, "--xlsx", files["xlsx"], "--png", files["png"], "--svg", files["svg"],
                         "--pdf", files["pdf"], "--width", "1600")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"wrote {files['xlsx']} (workbook)",
        f"wrote {files['png']} (chart, 1600 px wide)",
        f"wrote {files['svg']} (chart)",
        f"wrote {files['pdf']} (handout, 2 pages)",
    ]
    with zipfile.ZipFile(files["xlsx"]) as book:
        assert "xl/workbook.xml" in book.namelist()
    from PySide6.QtGui import QImage

    assert QImage(str(files["png"])).width() == 1600
    ET.parse(files["svg"])
    assert files["pdf"].read_bytes().startswith(b"%PDF")
    assert sorted(os.listdir(tmp_path)) == sorted(f.name for f in files.values())


def test_a_broken_plan_exits_2_with_the_field_named(capsys, tmp_path):
    plan = tmp_path / "broken.kmsplan"
    text = SAAS.read_text(encoding="utf-8").replace('"months": 36', '"months": 0')
    plan.write_text(text, encoding="utf-8")
    out_file = tmp_path / "out.pdf"
    code, out, err = run(capsys, plan, "--pdf", out_file)
    assert code == 2 and out == ""
    assert err.startswith(f"kms-planner export: {plan}: The number of months must be") and err.count("\n") == 1
    assert err.endswith("(months)\n")
    assert "Traceback" not in err and not out_file.exists()


def test_a_missing_plan_or_not_json_exits_2(capsys, tmp_path):
    code, _out, err = run(capsys, tmp_path / "nope.kmsplan", "--xlsx", tmp_path / "x.xlsx")
    assert code == 2 and "does not exist" in err
    junk = tmp_path / "junk.kmsplan"
    junk.write_text("{not json", encoding="utf-8")
    code, _out, err = run(capsys, junk, "--xlsx", tmp_path / "x.xlsx")
    assert code == 2 and err.startswith(f"kms-planner export: {junk}: ") and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unwritable_target_exits_2_before_anything_is_written(capsys, tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"keep me")
    locked.chmod(stat.S_IRUSR)
    try:
        code, out, err = run(capsys, SAAS, "--xlsx", tmp_path / "first.xlsx", "--pdf", locked)
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert (code, out) == (2, "")
    assert err == f"kms-planner export: Cannot write {locked}: the file is read-only.\n"
    assert locked.read_bytes() == b"keep me" and not (tmp_path / "first.xlsx").exists()
    code, _out, err = run(capsys, SAAS, "--png", tmp_path / "no" / "such" / "x.png")
    assert code == 2 and err == f"kms-planner export: Cannot write {tmp_path / 'no' / 'such' / 'x.png'}: " \
                                f"the folder {tmp_path / 'no' / 'such'} does not exist.\n"


def test_nothing_to_export_and_bad_options_exit_2(capsys, tmp_path):
    code, _out, err = run(capsys, SAAS)
    assert code == 2 and err == "kms-planner export: nothing to export: give at least one of --xlsx, --png, --svg, --pdf\n"
    code, _out, err = run(capsys, SAAS, "--png", tmp_path / "a.png", "--width", "10")
    assert code == 2 and "--width: must be from 200 to 20000 pixels, got 10" in err
    same = tmp_path / "same.out"
    code, _out, err = run(capsys, SAAS, "--png", same, "--svg", same)
    assert code == 2 and err == f"kms-planner export: --png and --svg both name {same}\n"
    code, _out, err = run(capsys, SAAS, "--format", "x")
    assert code == 2 and "unrecognized arguments: --format x" in err


def test_the_installed_command_runs_without_a_display(tmp_path):
    """Through the real entry point, in a fresh process with no DISPLAY and no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    png = tmp_path / "chart.png"
    result = subprocess.run([sys.executable, "-m", "desktop.launcher", "export", str(SAAS), "--png", str(png),
                             "--width", "800"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {png} (chart, 800 px wide)\n" and result.stderr == ""
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_a_workbook_alone_never_starts_qt(tmp_path):
    code = (
        "import sys\n"
        "from desktop.export_cli import main\n"
        f"rc = main([{str(SAAS)!r}, '--xlsx', {str(tmp_path / 'b.xlsx')!r}])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b.xlsx").exists()


def test_an_internal_error_is_one_line_and_exit_1(capsys, tmp_path, monkeypatch):
    import core.exports.xlsx

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(core.exports.xlsx, "write_workbook", broken)
    code, _out, err = run(capsys, SAAS, "--xlsx", tmp_path / "b.xlsx")
    assert code == 1 and err == "kms-planner export: internal error: ZeroDivisionError: boom\n"
