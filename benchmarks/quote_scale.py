"""How long a large quote takes: 500 key groups over 120 months, in-process and as `kms-planner quote`.

The plan has rotation, compound growth and more than 2,000 advanced HSM key versions (the KMS 1.0
tier). Whole-process time is compared with the floor: a Python process that only imports numpy.
Goal: whole-process at most 2x the floor. Run: python benchmarks/quote_scale.py [--runs N]
"""

from __future__ import annotations

import argparse
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
from core.planfile import save  # noqa: E402

SPECS = ("Aliyun_AES_256", "Aliyun_SM4", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K", "Aliyun_SM2")
ROTATIONS = (None, 7, 30, 90, 180, 365, 730)
STATES = ("Enabled", "Enabled", "Enabled", "Disabled", "PendingDeletion")


def big_plan(groups: int = 500, months: int = 120) -> Plan:
    """A deterministic large plan: every spec, protection, rotation and state; growth differs per group."""
    key_groups = []
    for i in range(groups):
        key_groups.append(KeyGroup(
            name=f"group-{i:03d}",
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
    return Plan(name="Benchmark: 500 key groups over 120 months", site="international",
                api_region="mainland", start_month="2027-01", months=months, key_groups=tuple(key_groups),
                secrets=0)


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def entry_point() -> list[str]:
    """The installed `kms-planner` script run by this interpreter (no shell shims), else the module."""
    script = Path(sysconfig.get_path("scripts")) / "kms-planner"
    if script.exists():
        return [sys.executable, str(script)]
    found = shutil.which("kms-planner")
    return [found] if found else [sys.executable, "-m", "desktop.launcher"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median is reported)")
    args = parser.parse_args()

    from core.compare import compare
    from core.quote import quote_json

    plan = big_plan()
    c = compare(plan)
    tiered = sum(c.demand.advanced_beyond_tier) > 0
    in_process = median_seconds(lambda: quote_json(compare(plan)), args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.kmsplan"
        save(plan, path)
        command = entry_point() + ["quote", str(path), "--format", "json"]
        check = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if check.returncode != 0:
            print(check.stderr, file=sys.stderr)
            return 1
        floor_cmd = [sys.executable, "-c", "import numpy"]
        subprocess.run(floor_cmd, check=True)
        # Alternate the two so that both see the same machine load.
        whole_times, floor_times = [], []
        for _ in range(args.runs):
            whole_times.append(median_seconds(
                lambda: subprocess.run(command, capture_output=True, cwd=ROOT, check=True), 1))
            floor_times.append(median_seconds(lambda: subprocess.run(floor_cmd, check=True), 1))
        whole, floor = statistics.median(whole_times), statistics.median(floor_times)

    print(f"plan: {len(plan.key_groups)} key groups, {plan.months} months "
          f"({sum(c.demand.days)} days), advanced-HSM tier crossed: {'yes' if tiered else 'no'}")
    print(f"in-process quote (compare + JSON): {in_process * 1000:8.1f} ms  (median of {args.runs})")
    print(f"whole process `kms-planner quote`: {whole * 1000:8.1f} ms  (median of {args.runs})")
    print(f"floor (python -c 'import numpy'):  {floor * 1000:8.1f} ms  (median of {args.runs})")
    print(f"whole-process / floor:             {whole / floor:8.2f}x  (goal: at most 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
