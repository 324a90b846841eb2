"""How long a large quote takes: 500 and 10,000 key groups over 120 months, in-process and as
`kms-planner quote`.

The plans have rotation, compound growth and more than 2,000 advanced HSM key versions (the KMS 1.0
tier). Whole-process time is compared with the floor: a Python process that only imports numpy
(the quote needs numpy: core.demand sums key versions by day with it), run right after each quote so
both see the same machine load; `python -c pass` is shown too. Goal (issue 11): the 10,000-group
quote at most 1.5x the floor. Run: python benchmarks/quote_scale.py [--runs N]

Also shown, to say where the time goes: the floor exiting as the quote does (kms-planner runs without
the garbage collector and ends with os._exit once its output is flushed, freeing none of its objects,
numpy's included: compared with that, the ratio is the quote's own cost), a process that only imports
what the quote imports, and the in-process steps (read, compare, JSON) on a plan read afresh.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.plan import PROTECTIONS, KeyGroup, Plan  # noqa: E402
from core.planfile import load, save  # noqa: E402

SPECS = ("Aliyun_AES_256", "Aliyun_SM4", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K", "Aliyun_SM2")
ROTATIONS = (None, 7, 30, 90, 180, 365, 730)
STATES = ("Enabled", "Enabled", "Enabled", "Disabled", "PendingDeletion")
SIZES = (500, 10_000)
GOAL = 1.5


def big_plan(groups: int = 500, months: int = 120) -> Plan:
    """A deterministic large plan: every spec, protection, rotation and state; growth differs per group."""
    key_groups = []
    for i in range(groups):
        key_groups.append(KeyGroup(
            name=f"group-{i:05d}",
            creator="service" if i % 17 == 0 else "user",
            protection=PROTECTIONS[i % 2],
            spec=SPECS[i % len(SPECS)],
            count=5 + (i * 37) % 40,
            versions=1 + i % 3,
            rotation_days=ROTATIONS[i % len(ROTATIONS)],
            state=STATES[i % len(STATES)],
            calls_per_month=Decimal(100_000 + (i * 7919) % 5_000_000),
            calls_growth_pct=Decimal(i % 40) / 10,
        ))
    return Plan(name=f"Benchmark: {groups:,} key groups over {months} months", site="international",
                api_region="mainland", start_month="2027-01", months=months, key_groups=tuple(key_groups),
                secrets=0)


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def steps_ms(path: Path, runs: int) -> dict[str, float]:
    """Median ms of reading, comparing and writing the JSON of a plan read afresh each time."""
    from core.compare import compare
    from core.quote import quote_json

    times: dict[str, list[float]] = {"read": [], "compare": [], "JSON": []}
    for _ in range(runs):
        start = time.perf_counter()
        plan = load(path)
        read = time.perf_counter()
        comparison = compare(plan)
        compared = time.perf_counter()
        quote_json(comparison)
        times["read"].append(read - start)
        times["compare"].append(compared - read)
        times["JSON"].append(time.perf_counter() - compared)
    return {k: statistics.median(v) * 1000 for k, v in times.items()}


def entry_point() -> list[str]:
    """The installed `kms-planner` script run by this interpreter (no shell shims), else the module."""
    script = Path(sysconfig.get_path("scripts")) / "kms-planner"
    if script.exists():
        return [sys.executable, str(script)]
    found = shutil.which("kms-planner")
    return [found] if found else [sys.executable, "-m", "desktop.launcher"]


def bytecode_env(cache: Path) -> dict:
    """The environment with a byte-code cache of its own: an installed app has its modules compiled,
    so compiling the project's sources on every start (PYTHONDONTWRITEBYTECODE=1, as on some
    machines) must not count; the floors get the same cache."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


ENV: dict = dict(os.environ)


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `command`, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[round(0.9 * (len(ordered) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="paired runs per measurement (median and p90 reported)")
    args = parser.parse_args()

    from core.compare import compare

    ok = True
    floors = {"numpy": [sys.executable, "-c", "import numpy"],
              "numpy, same exit": [sys.executable, "-c", "import gc, os; gc.disable(); import numpy; os._exit(0)"],
              "imports": [sys.executable, "-c", "import core.cli, core.planfile, core.compare, core.quote"],
              "pass": [sys.executable, "-c", "pass"]}
    with tempfile.TemporaryDirectory() as tmp:
        ENV.update(bytecode_env(Path(tmp) / "pycache"))
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        for groups in SIZES:
            plan = big_plan(groups)
            c = compare(plan)
            tiered = sum(c.demand.advanced_beyond_tier) > 0
            path = Path(tmp) / f"big-{groups}.kmsplan"
            save(plan, path)
            # A fresh read each time: the demand keeps sums per block of the same group objects (for
            # the next edit in the app), which a one-off quote never reuses.
            steps = steps_ms(path, max(3, args.runs // 2))
            command = entry_point() + ["quote", str(path), "--format", "json"]
            check = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=ENV)
            if check.returncode != 0:
                print(check.stderr, file=sys.stderr)
                return 1
            for cmd in (command, *floors.values()):  # warm the disk cache
                timed(cmd)
            # Paired: each run of the quote is followed at once by each floor, so all see the same load.
            rows: dict[str, list[tuple[float, float]]] = {"quote": [], **{name: [] for name in floors}}
            for _ in range(args.runs):
                rows["quote"].append(timed(command))
                for name, cmd in floors.items():
                    rows[name].append(timed(cmd))
            wall = {k: [w for w, _ in v] for k, v in rows.items()}
            cpu = {k: [c for _, c in v] for k, v in rows.items()}
            ratios = [q / f for q, f in zip(wall["quote"], wall["numpy"])]
            cpu_ratios = [q / f for q, f in zip(cpu["quote"], cpu["numpy"])]
            same_exit = [q / f for q, f in zip(wall["quote"], wall["numpy, same exit"])]
            ratio = statistics.median(ratios)
            met = ratio <= GOAL
            ok &= met or groups != SIZES[-1]
            print(f"plan: {groups:,} key groups, {plan.months} months ({sum(c.demand.days):,} days), "
                  f"advanced-HSM tier crossed: {'yes' if tiered else 'no'}")
            print("  in-process, plan read afresh: " + ", ".join(f"{k} {v:.1f} ms" for k, v in steps.items()))
            for key, label in (("quote", "whole process `kms-planner quote`"),
                               ("numpy", "floor: python -c 'import numpy'"),
                               ("numpy, same exit", "floor exiting as the quote does"),
                               ("imports", "only the quote's imports"), ("pass", "python -c pass")):
                print(f"  {label:37s} {statistics.median(wall[key]) * 1000:8.1f} ms  p90 {p90(wall[key]) * 1000:7.1f} ms"
                      f"   CPU {statistics.median(cpu[key]) * 1000:7.1f} ms")
            print(f"  whole process / numpy floor, paired  {ratio:8.2f}x  p90 {p90(ratios):5.2f}x   "
                  f"CPU {statistics.median(cpu_ratios):4.2f}x   (goal: at most {GOAL}x) "
                  f"{'ok' if met else 'MISSES the goal'}")
            print(f"  ... / the floor exiting as it does   {statistics.median(same_exit):8.2f}x  "
                  f"p90 {p90(same_exit):5.2f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
