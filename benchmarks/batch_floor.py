"""Batch against its pure-Python floor, as ratios (issue 17's batch targets).

    python benchmarks/batch_floor.py [--rows 100000] [--runs 7] [--only jsonl,csv,...]

Every figure is a median of paired runs taking turns (subject, baseline, subject, ...), so
that the load other work puts on a shared machine falls on both alike; the spread (lowest
and highest ratio of a pair) is printed beside it. The measures:

- jsonl:   batch JSON Lines -> JSON Lines against the floor: a script that reads each input
           line with json.loads and writes exactly the bytes batch writes (target <= 2.8x)
- csv:     batch CSV -> CSV against batch JSON Lines -> JSON Lines, same rows (<= 1.05x)
- explain: batch --explain against plain batch, 20,000 rows (<= 4x)
- memory:  peak memory of a JSON list against the same rows as JSON Lines (<= 1.2x)
- jobs:    batch --jobs 2 against --jobs 1 (no target: it depends on a free core)

This is not benchmarks/run.py (the whole benchmark); it measures only the batch's row path.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

LEVELS = ["none", "low", "medium", "high"]
# reads each input line as JSON and writes the line batch wrote for it: the least any batch
# that parses its input and writes this output must do
FLOOR = (
    "import json, sys\n"
    "with open(sys.argv[1], encoding='utf-8') as f, open(sys.argv[2], encoding='utf-8') as e,"
    " open(sys.argv[3], 'w', encoding='utf-8') as o:\n"
    "    for line, out in zip(f, e):\n"
    "        json.loads(line)\n"
    "        o.write(out)\n"
)
QUESTIONS = ["company", "budget", "staff_time", "audience", "in_kind", "public_criticism"]


def answers(rng: random.Random, i: int, benefits: list[str]) -> dict[str, object]:
    """A row of varied answers, as a member survey holds them."""
    goals = {b: rng.randint(1, 5) for b in rng.sample(benefits, rng.randint(1, 4))}
    row: dict[str, object] = {"id": f"c{i}", "company": f"Company {i}", "goals": goals}
    row["budget"] = rng.choice(LEVELS)
    row["staff_time"] = rng.choice(LEVELS)
    row["audience"] = rng.choice(["consumer", "business", "both"])
    if rng.random() < 0.2:
        row["in_kind"] = "yes"
    if rng.random() < 0.1:
        row["public_criticism"] = "yes"
    return row


def write_inputs(folder: Path, count: int) -> dict[str, Path]:
    from partneradvisor import load_knowledge_base

    benefits = list(load_knowledge_base().benefit_ids)
    rng = random.Random(17)
    rows = [answers(rng, i, benefits) for i in range(count)]
    paths = {k: folder / f"rows.{k}" for k in ("jsonl", "csv", "json")}
    with paths["jsonl"].open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    with paths["json"].open("w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1)
    header = ["id", *QUESTIONS, *(f"goal.{b}" for b in benefits)]
    with paths["csv"].open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for r in rows:
            goals: dict[str, int] = r["goals"]  # type: ignore[assignment]
            cells = [r.get(k, "") for k in ["id", *QUESTIONS]]
            writer.writerow(cells + [goals.get(b, "") for b in benefits])
    return paths


def paired(a: Sequence[str], b: Sequence[str], runs: int) -> tuple[float, float, float, float]:
    """Median seconds of a and of b, and the lowest and highest ratio a/b of a pair; a and b
    take turns, and which goes first alternates."""
    times_a, times_b, ratios = [], [], []
    for n in range(runs):
        pair = [(a, times_a), (b, times_b)]
        for cmd, bucket in pair if n % 2 == 0 else pair[::-1]:
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            bucket.append(time.perf_counter() - start)
        ratios.append(times_a[-1] / times_b[-1])
    return statistics.median(times_a), statistics.median(times_b), min(ratios), max(ratios)


def peak_rss(cmd: Sequence[str]) -> int:
    """The peak resident memory of cmd, in KiB (a fresh probe process per measure)."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True)
    return int(out.stdout)


def report(name: str, a: float, b: float, low: float, high: float, target: str) -> None:
    print(
        f"{name:<44} {a:7.2f} s / {b:7.2f} s = {a / b:5.2f}x  "
        f"(pairs {low:.2f}-{high:.2f})  target {target}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="jsonl,csv,explain,memory,jobs")
    args = parser.parse_args()
    only = set(args.only.split(","))
    batch = [sys.executable, "-m", "partneradvisor", "batch"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_inputs(folder, args.rows)
        out_jsonl, out_csv = str(folder / "out.jsonl"), str(folder / "out.csv")
        plain = [*batch, str(paths["jsonl"]), "-o", out_jsonl]
        if "jsonl" in only:
            subprocess.run(plain, check=True)
            expected = folder / "expected.jsonl"
            Path(out_jsonl).replace(expected)
            floor = [sys.executable, "-c", FLOOR, str(paths["jsonl"]), str(expected), out_jsonl]
            report("batch JSONL -> JSONL vs floor", *paired(plain, floor, args.runs), "<= 2.8x")
        if "csv" in only:
            csv_cmd = [*batch, str(paths["csv"]), "-o", out_csv]
            times = paired(csv_cmd, plain, args.runs)
            report("batch CSV -> CSV vs JSONL -> JSONL", *times, "<= 1.05x")
        if "explain" in only:
            head = folder / "head.jsonl"
            with paths["jsonl"].open() as f, head.open("w") as o:
                o.writelines(line for _, line in zip(range(20_000), f, strict=False))
            small = [*batch, str(head), "-o", out_jsonl]
            report(
                "batch --explain vs plain, 20,000 rows",
                *paired([*small, "--explain"], small, args.runs),
                "<= 4x",
            )
        if "memory" in only:
            as_list = peak_rss([*batch, str(paths["json"]), "-o", out_jsonl])
            as_lines = peak_rss(plain)
            print(
                f"{'peak memory, JSON list vs JSON Lines':<44} {as_list / 1024:7.1f} MiB / "
                f"{as_lines / 1024:7.1f} MiB = {as_list / as_lines:5.2f}x  target <= 1.2x"
            )
        if "jobs" in only:
            times = paired([*plain, "--jobs", "2"], plain, args.runs)
            report("batch --jobs 2 vs --jobs 1", *times, "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
