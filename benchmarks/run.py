"""Benchmarks: start-up, wizard's first question, batch throughput and memory.

Every figure is a median of repeated runs and is compared with a baseline measured in the
same run on the same machine (these machines are shared and noisy): run it as
`python benchmarks/run.py` (add --quick to skip the million-row memory run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("partneradvisor") or "partneradvisor"
BENEFITS = [
    "credibility", "critical_view", "inspiration", "stakeholder_goodwill", "reputation",
    "competitive_advantage", "consumer_loyalty", "publicity", "brand_awareness",
    "employee_loyalty", "employer_attractiveness", "cost_savings", "chain_quality", "innovation",
]
LEVELS = ["none", "low", "medium", "high"]


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mib(cmd: list[str]) -> float:
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True,
                         text=True).stdout
    return int(out) / 1024


def write_rows(path: Path, count: int) -> None:
    rng = random.Random(7)
    with path.open("w") as f:
        for i in range(count):
            goals = {b: rng.randint(1, 5) for b in rng.sample(BENEFITS, rng.randint(1, 4))}
            f.write(json.dumps({"id": f"c{i}", "company": f"Company {i}", "goals": goals,
                                "budget": rng.choice(LEVELS), "staff_time": rng.choice(LEVELS),
                                "audience": rng.choice(["consumer", "business", "both"])}) + "\n")


def wizard_first_question(runs: int) -> float | None:
    try:
        import pexpect
    except ImportError:
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(EXE, ["wizard", "--lang", "en"], encoding="utf-8", timeout=20)
        child.expect("company's name")
        times.append(time.perf_counter() - start)
        child.terminate(force=True)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-row memory run")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    answers = str(ROOT / "examples" / "answers.yaml")
    subprocess.run([EXE, "recommend", "-a", answers, "-f", "json"], check=True,
                   stdout=subprocess.DEVNULL)  # warm the knowledge-base cache

    typer_s = median_seconds([sys.executable, "-c", "import typer"], args.runs)
    version_s = median_seconds([EXE, "--version"], args.runs)
    recommend_s = median_seconds([EXE, "recommend", "-a", answers, "-f", "json"], args.runs)
    rows += [
        ("python -c 'import typer' (baseline)", f"{typer_s * 1000:.0f} ms", "1.00×"),
        ("partneradvisor --version", f"{version_s * 1000:.0f} ms",
         f"{version_s / typer_s:.2f}× (target ≤ 1.3×)"),
        ("recommend --format json", f"{recommend_s * 1000:.0f} ms",
         f"{recommend_s / typer_s:.2f}× (target ≤ 2.0×)"),
    ]
    first = wizard_first_question(max(3, args.runs // 3))
    if first is not None:
        rows.append(("wizard: first question on screen", f"{first * 1000:.0f} ms",
                     "target ≤ 600 ms"))

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "rows.jsonl"
        write_rows(data, 100_000)
        out = str(Path(tmp) / "out.jsonl")
        copy = (
            "import json, sys\n"
            "with open(sys.argv[1]) as f, open(sys.argv[2], 'w') as o:\n"
            "    for line in f: o.write(json.dumps(json.loads(line)) + '\\n')\n"
        )
        runs = max(3, args.runs // 5)
        json_s = median_seconds([sys.executable, "-c", copy, str(data), out], runs)
        batch_s = median_seconds([EXE, "batch", str(data), "-o", out], runs)
        rows += [
            ("json read+write 100,000 rows (baseline)", f"{json_s:.2f} s", "1.00×"),
            ("batch 100,000 rows → JSONL", f"{batch_s:.2f} s ({100_000 / batch_s:,.0f} rows/s)",
             f"{batch_s / json_s:.2f}× (target ≤ 3×, ≥ 50,000 rows/s)"),
        ]
        small = Path(tmp) / "small.jsonl"
        write_rows(small, 10_000)
        rss_small = peak_rss_mib([EXE, "batch", str(small), "-o", out])
        if not args.quick:
            big = Path(tmp) / "big.jsonl"
            write_rows(big, 1_000_000)
            rss_big = peak_rss_mib([EXE, "batch", str(big), "-o", out])
            rows.append(("batch peak memory 10,000 → 1,000,000 rows",
                         f"{rss_small:.0f} → {rss_big:.0f} MiB",
                         f"{rss_big / rss_small:.2f}× (target ≤ 1.2×)"))
        else:
            rows.append(("batch peak memory 10,000 rows", f"{rss_small:.0f} MiB", ""))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'time':<28}  ratio")
    for name, value, ratio in rows:
        print(f"{name:<{width}}  {value:<28}  {ratio}")
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
