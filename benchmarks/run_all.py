"""Run every benchmark script in benchmarks/ and print all their figures, one section each.

Run: python benchmarks/run_all.py [--quick]   (--quick passes --runs 3 to scripts that take it)
Exit status is non-zero if any script exited non-zero (an error or a missed goal); all still run.
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


# Qt's offscreen platform says this once per window; it is not a figure.
NOISE = {"This plugin does not support propagateSizeHints()"}


def run(command: list[str], env: dict) -> int | str:
    """Run one script, passing its output through (minus Qt's offscreen noise); its exit code."""
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, bufsize=1) as child:
        deadline = time.monotonic() + 1200
        for line in child.stdout:
            if line.rstrip("\n") not in NOISE:
                print(line, end="", flush=True)
            if time.monotonic() > deadline:
                child.kill()
                return "timeout"
        return child.wait()


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
        code = run(command, env)
        took = time.perf_counter() - start
        state = "ok" if code == 0 else f"exit {code} (a missed goal or an error: see above)"
        print(f"-- {script.name}: {state} in {took:.0f} s", flush=True)
        if code != 0:
            failed.append(script.name)
    print(f"\n{len(scripts()) - len(failed)} of {len(scripts())} benchmark scripts exited 0"
          + (f"; not: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
