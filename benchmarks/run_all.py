"""Run every benchmark script in benchmarks/ and print all their figures, one section each.

Run: python benchmarks/run_all.py [--quick]   (--quick passes --runs 3 to scripts that take it)
Exit status is non-zero if any script failed; the others still run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def scripts() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))


def takes_runs(script: Path) -> bool:
    return "--runs" in script.read_text(encoding="utf-8")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs per measurement (--runs 3)")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    print(f"Benchmarks, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"Machine: {machine()}")
    failed = []
    for script in scripts():
        command = [sys.executable, str(script)] + (["--runs", "3"] if args.quick and takes_runs(script) else [])
        print(f"\n== {script.name} " + "=" * max(0, 60 - len(script.name)), flush=True)
        start = time.perf_counter()
        try:
            done = subprocess.run(command, cwd=ROOT, env=env, timeout=1200)
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
        took = time.perf_counter() - start
        print(f"-- {script.name}: {'ok' if code == 0 else f'FAILED ({code})'} in {took:.0f} s", flush=True)
        if code != 0:
            failed.append(script.name)
    print(f"\n{len(scripts()) - len(failed)} of {len(scripts())} benchmark scripts ran"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
