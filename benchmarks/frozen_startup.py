"""How fast the standalone app (dist/kms-planner) starts: `--version` and a painted `--screenshot`.

Each is timed from launch to exit and compared with the floor: a Python process that only imports
PySide6.QtWidgets. The same commands from the source tree are shown beside them.
Build the bundle first (bash packaging/build.sh). Run: python benchmarks/frozen_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "kms-planner" / "kms-planner"


def median_ms(command: list[str], runs: int, env: dict, check_file: Path | None = None) -> float:
    subprocess.run(command, env=env, cwd=env["HOME"], check=True, capture_output=True, timeout=120)  # warm the disk cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=env["HOME"], check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - start)
        if check_file is not None:
            if not check_file.exists() or check_file.stat().st_size == 0:
                raise RuntimeError(f"{command[0]} wrote no screenshot")
            check_file.unlink()
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches timed each (median is reported)")
    parser.add_argument("--app", type=Path, default=APP, help="the frozen executable (default dist/kms-planner/kms-planner)")
    args = parser.parse_args()
    if not args.app.exists():
        print(f"frozen startup: skipped, no {args.app.relative_to(ROOT) if args.app.is_relative_to(ROOT) else args.app} "
              "(build it with: bash packaging/build.sh)")
        return 0

    with tempfile.TemporaryDirectory(prefix="kms-frozen-") as home:
        shot = Path(home) / "shot.png"
        # A clean user: no settings or autosaves from a real session; offscreen like CI.
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
               "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data", "XDG_CACHE_HOME": f"{home}/cache"}
        source_env = dict(env, PATH=os.environ.get("PATH", env["PATH"]), PYTHONPATH=str(ROOT))
        python = sys.executable
        rows = [
            ("floor: python -c 'import PySide6.QtWidgets'", median_ms([python, "-c", "import PySide6.QtWidgets"], args.runs, source_env)),
            ("frozen  kms-planner --version", median_ms([str(args.app), "--version"], args.runs, env)),
            ("source  kms-planner --version", median_ms([python, "-m", "desktop.launcher", "--version"], args.runs, source_env)),
            ("frozen  kms-planner --screenshot", median_ms([str(args.app), "--screenshot", str(shot)], args.runs, env, shot)),
            ("source  kms-planner --screenshot", median_ms([python, "-m", "desktop.launcher", "--screenshot", str(shot)],
                                                           args.runs, source_env, shot)),
        ]
    floor = rows[0][1]
    size = sum(p.stat().st_size for p in args.app.parent.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"Frozen app startup, launch to exit (median of {args.runs}; bundle {size / 2**20:,.0f} MiB)")
    for label, ms in rows:
        ratio = "" if ms is floor else f"  {ms / floor:5.2f}x the floor"
        print(f"  {label:44s} {ms:7.0f} ms{ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
