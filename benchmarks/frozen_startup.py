"""How fast the standalone app (dist/kms-planner) starts, compared like with like.

- `--version` (no Qt): the frozen app against the same command run from the source tree by this
  Python (the venv): what freezing costs or saves for a headless start.
- a painted window (`--screenshot`: start, open the sample, lay out, paint, grab a PNG, exit): the
  frozen app against a bare PySide6 + pyqtgraph window script doing the same grab with this Python
  (the floor any Qt window pays), and the source tree's own `--screenshot` beside them.
Runs are paired: each round runs every command once, in turn, so all see the same machine load.
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

from _floors import bare_window_script

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "kms-planner" / "kms-planner"


BARE_WINDOW = bare_window_script()


def run_ms(command: list[str], env: dict, check_file: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=env["HOME"], check=True, capture_output=True, timeout=120)
    elapsed = (time.perf_counter() - start) * 1000
    if check_file is not None:
        if not check_file.exists() or check_file.stat().st_size == 0:
            raise RuntimeError(f"{command[0]} wrote no screenshot")
        check_file.unlink()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="paired rounds (median and p90 reported)")
    parser.add_argument("--app", type=Path, default=APP, help="the frozen executable (default dist/kms-planner/kms-planner)")
    args = parser.parse_args()
    if not args.app.exists():
        print(f"frozen startup: skipped, no {args.app.relative_to(ROOT) if args.app.is_relative_to(ROOT) else args.app} "
              "(build it with: bash packaging/build.sh)")
        return 0

    with tempfile.TemporaryDirectory(prefix="kms-frozen-") as home:
        shot = Path(home) / "shot.png"
        bare = Path(home) / "bare_window.py"
        bare.write_text(BARE_WINDOW)
        # A clean user: no settings or autosaves from a real session; offscreen like CI.
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
               "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data", "XDG_CACHE_HOME": f"{home}/cache"}
        # The venv's commands get a byte-code cache of their own, warmed below: the frozen app carries
        # compiled modules, so compiling sources on each start (PYTHONDONTWRITEBYTECODE) must not count.
        source_env = dict(env, PATH=os.environ.get("PATH", env["PATH"]), PYTHONPATH=str(ROOT),
                          PYTHONPYCACHEPREFIX=f"{home}/pycache")
        python = sys.executable
        size = ["--size", "1440x900"]
        commands = {  # name: (command, env, file it must write)
            "frozen --version": ([str(args.app), "--version"], env, None),
            "venv --version": ([python, "-m", "desktop.launcher", "--version"], source_env, None),
            "bare window": ([python, str(bare), str(shot)], source_env, shot),
            "frozen window": ([str(args.app), "--screenshot", str(shot), *size], env, shot),
            "venv window": ([python, "-m", "desktop.launcher", "--screenshot", str(shot), *size], source_env, shot),
        }
        for command, run_env, out in commands.values():  # warm the disk cache
            run_ms(command, run_env, out)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, run_env, out) in commands.items():
                times[name].append(run_ms(command, run_env, out))
    size_bytes = sum(p.stat().st_size for p in args.app.parent.rglob("*") if p.is_file() and not p.is_symlink())

    def row(label: str, name: str, against: str | None) -> None:
        values = sorted(times[name])
        median, p90 = statistics.median(values), values[round(0.9 * (len(values) - 1))]
        ratio = ""
        if against:
            paired = sorted(a / b for a, b in zip(times[name], times[against]))
            ratio = f"  {statistics.median(paired):5.2f}x {against} (paired; p90 {paired[round(0.9 * (len(paired) - 1))]:.2f}x)"
        print(f"  {label:40s} median {median:6.0f} ms  p90 {p90:6.0f} ms{ratio}")

    print(f"Frozen app startup, launch to exit, {args.runs} paired rounds (bundle {size_bytes / 2**20:,.0f} MiB)")
    print(" headless start")
    row("venv:   kms-planner --version", "venv --version", None)
    row("frozen: kms-planner --version", "frozen --version", "venv --version")
    print(" painted window, 1440x900")
    row("bare PySide6 + pyqtgraph window", "bare window", None)
    row("frozen: kms-planner --screenshot", "frozen window", "bare window")
    row("venv:   kms-planner --screenshot", "venv window", "bare window")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
