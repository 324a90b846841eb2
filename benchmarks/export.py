"""How long the Excel export of the largest sample plan takes, against plain openpyxl.

The baseline writes exactly the same cells (same sheets, values and formulas) with openpyxl and no
formatting, chart or validation; the goal is an export at most 1.5x the baseline.
Run: python benchmarks/export.py [plan.kmsplan]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from core import planfile
from core.compare import compare
from core.exports.xlsx import build_workbook, write_workbook
from core.paths import samples_dir

GOAL = 1.5
RUNS = 5


def _cells(comparison) -> list[tuple[str, list[tuple[int, int, object]]]]:
    """Every sheet's cells as (row, column, value) from a built (unsaved) workbook."""
    wb = build_workbook(comparison, app_version="bench")
    return [(ws.title, [(c.row, c.column, c.value) for row in ws.iter_rows() for c in row if c.value is not None])
            for ws in wb.worksheets]


def _plain(sheets, path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for title, cells in sheets:
        ws = wb.create_sheet(title)
        for row, column, value in cells:
            ws.cell(row=row, column=column, value=value)
    wb.save(path)


def _time_pair(first, second) -> tuple[float, float]:
    """Median times of two jobs, run alternately so a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        for fn, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else samples_dir() / "regulated-estate.kmsplan"
    comparison = compare(planfile.load(path))
    sheets = _cells(comparison)
    count = sum(len(cells) for _, cells in sheets)
    with tempfile.TemporaryDirectory() as folder:
        export, plain = _time_pair(
            lambda: write_workbook(comparison, Path(folder) / "export.xlsx", app_version="bench"),
            lambda: _plain(sheets, Path(folder) / "plain.xlsx"))
        size = (Path(folder) / "export.xlsx").stat().st_size
    ratio = export / plain
    print(f"plan: {path.name} ({len(comparison.months)} months, {len(comparison.plan.key_groups)} key groups)")
    print(f"cells: {count:,} in {len(sheets)} sheets; workbook {size / 1024:,.0f} KiB")
    print(f"export (formatted, chart, validation): {export * 1000:,.0f} ms (median of {RUNS})")
    print(f"openpyxl, same cells, no formatting:   {plain * 1000:,.0f} ms (median of {RUNS})")
    print(f"ratio: {ratio:.2f}x (goal at most {GOAL}x) {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
