"""Benchmarks: start-up, the wizard's first question, batch throughput and memory.

Every figure is a median of repeated runs, compared with a baseline measured in the same run
on the same machine, baseline and subject taking turns (these machines are shared and noisy).
Run it as `python benchmarks/run.py` (add --quick to skip the million-row memory run); it
exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ["none", "low", "medium", "high"]
# openpyxl reads and writes a workbook's XML in pure Python: a workbook may cost this many
# times a CSV of the same rows (both ways streamed, memory flat)
XLSX_RATIO = 8
JSON_COPY = (
    "import json, sys\n"
    "with open(sys.argv[1]) as f, open(sys.argv[2], 'w') as o:\n"
    "    for line in f: o.write(json.dumps(json.loads(line)) + '\\n')\n"
)


def command() -> str:
    """The installed command of this interpreter's environment (not a shim found first)."""
    beside = Path(sys.executable).with_name("partneradvisor")
    found = str(beside) if beside.exists() else shutil.which("partneradvisor")
    if not found:
        sys.exit("partneradvisor is not installed: run `pip install .` first")
    return found


def compile_bytecode() -> None:
    """Compile the package as `pip install` does, so that a run measures what a user gets
    even where PYTHONDONTWRITEBYTECODE kept the bytecode from being written."""
    spec = importlib.util.find_spec("partneradvisor")
    assert spec is not None and spec.submodule_search_locations
    for location in spec.submodule_search_locations:
        compileall.compile_dir(location, quiet=1)


def medians(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """Median wall time of each command; the commands take turns in every round."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for cmd, bucket in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) for bucket in times]


def peak_rss_mib(cmd: Sequence[str]) -> float:
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True
    ).stdout
    return int(out) / 1024


def write_rows(path: Path, count: int) -> None:
    from partneradvisor import load_knowledge_base

    benefits = list(load_knowledge_base().benefit_ids)
    rng = random.Random(7)
    with path.open("w") as f:
        for i in range(count):
            goals = {b: rng.randint(1, 5) for b in rng.sample(benefits, rng.randint(1, 4))}
            f.write(
                json.dumps(
                    {
                        "id": f"c{i}",
                        "company": f"Company {i}",
                        "goals": goals,
                        "budget": rng.choice(LEVELS),
                        "staff_time": rng.choice(LEVELS),
                        "audience": rng.choice(["consumer", "business", "both"]),
                    }
                )
                + "\n"
            )


def write_spreadsheets(rows: Path, csv_path: Path, xlsx_path: Path) -> None:
    """The JSON Lines rows as a member survey would hold them: a CSV and an Excel workbook
    with one column per question and one goal.<benefit> column per benefit."""
    import csv

    from openpyxl import Workbook

    from partneradvisor import load_knowledge_base

    benefits = list(load_knowledge_base().benefit_ids)
    header = ["id", "company", "budget", "staff_time", "audience"]
    header += [f"goal.{b}" for b in benefits]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("survey")
    sheet.append(header)
    with rows.open() as lines, csv_path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for line in lines:
            row = json.loads(line)
            cells = [row[k] for k in header[:5]] + [row["goals"].get(b) for b in benefits]
            writer.writerow(["" if c is None else c for c in cells])
            sheet.append(cells)
    book.save(xlsx_path)


def wizard_first_question(exe: str, runs: int) -> float | None:
    try:
        import pexpect
    except ImportError:
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(exe, ["wizard", "--lang", "en"], encoding="utf-8", timeout=20)
        child.expect("company's name")
        times.append(time.perf_counter() - start)
        child.terminate(force=True)
    return statistics.median(times)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.missed: list[str] = []

    def add(
        self, name: str, value: str, ratio: str = "", target: str = "", met: bool | None = None
    ) -> None:
        verdict = "" if met is None else "met" if met else "MISSED"
        if met is False:
            self.missed.append(name)
        self.rows.append((name, value, ratio, f"{target} {verdict}".strip()))

    def print(self) -> None:
        header = ("measure", "value", "ratio", "target")
        widths = [max(len(r[k]) for r in [header, *self.rows]) for k in range(4)]
        for row in [header, *self.rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21, help="runs per start-up figure")
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-row memory run")
    args = parser.parse_args()
    exe = command()
    compile_bytecode()
    table = Table()

    answers = str(ROOT / "examples" / "answers.yaml")
    recommend = [exe, "recommend", "-a", answers, "-f", "json"]
    subprocess.run(recommend, check=True, stdout=subprocess.DEVNULL)  # fill the KB cache
    typer_s, version_s, recommend_s = medians(
        [[sys.executable, "-c", "import typer"], [exe, "--version"], recommend], args.runs
    )
    table.add("python -c 'import typer' (baseline)", f"{typer_s * 1000:.0f} ms", "1.00×")
    for name, seconds, limit in (
        ("partneradvisor --version", version_s, 1.3),
        ("recommend --format json", recommend_s, 2.0),
    ):
        ratio = seconds / typer_s
        table.add(name, f"{seconds * 1000:.0f} ms", f"{ratio:.2f}×", f"≤ {limit}×", ratio <= limit)
    first = wizard_first_question(exe, max(5, args.runs // 3))
    if first is not None:
        table.add(
            "wizard: first question on screen",
            f"{first * 1000:.0f} ms",
            "",
            "≤ 600 ms",
            first <= 0.6,
        )

    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "rows.jsonl"
        write_rows(rows, 100_000)
        out = str(Path(tmp) / "out.jsonl")
        json_s, batch_s = medians(
            [
                [sys.executable, "-c", JSON_COPY, str(rows), out],
                [exe, "batch", str(rows), "-o", out],
            ],
            max(5, args.runs // 4),
        )
        rate, ratio = 100_000 / batch_s, batch_s / json_s
        table.add("json read+write 100,000 rows (baseline)", f"{json_s:.2f} s", "1.00×")
        table.add(
            "batch 100,000 rows → JSONL", f"{batch_s:.2f} s", f"{ratio:.2f}×", "≤ 3×", ratio <= 3
        )
        table.add("batch rows per second", f"{rate:,.0f}", "", "≥ 50,000", rate >= 50_000)
        summary = str(Path(tmp) / "summary.json")
        plain_s, summary_s = medians(
            [
                [exe, "batch", str(rows), "-o", out],
                [exe, "batch", str(rows), "-o", out, "--summary", summary],
            ],
            max(5, args.runs // 4),
        )
        ratio = summary_s / plain_s
        table.add(
            "batch 100,000 rows → JSONL + --summary",
            f"{summary_s:.2f} s",
            f"{ratio:.2f}×",
            "≤ 1.1×",
            ratio <= 1.1,
        )

        small = Path(tmp) / "small.jsonl"
        write_rows(small, 10_000)
        small_csv, small_xlsx = Path(tmp) / "small.csv", Path(tmp) / "small.xlsx"
        write_spreadsheets(small, small_csv, small_xlsx)
        csv_s, xlsx_s = medians(
            [
                [exe, "batch", str(small_csv), "-o", str(Path(tmp) / "out.csv")],
                [exe, "batch", str(small_xlsx), "-o", str(Path(tmp) / "out.xlsx")],
            ],
            max(5, args.runs // 4),
        )
        table.add("batch 10,000 rows CSV → CSV (baseline)", f"{csv_s:.2f} s", "1.00×")
        ratio = xlsx_s / csv_s
        table.add(
            "batch 10,000 rows .xlsx → .xlsx",
            f"{xlsx_s:.2f} s ({10_000 / xlsx_s:,.0f} rows/s)",
            f"{ratio:.2f}×",
            f"≤ {XLSX_RATIO}×",
            ratio <= XLSX_RATIO,
        )
        rss_small = peak_rss_mib([exe, "batch", str(small), "-o", out])
        if args.quick:
            table.add("batch peak memory, 10,000 rows", f"{rss_small:.0f} MiB")
        else:
            big = Path(tmp) / "big.jsonl"
            write_rows(big, 1_000_000)
            rss_big = peak_rss_mib([exe, "batch", str(big), "-o", out])
            table.add(
                "batch peak memory, 10,000 → 1,000,000 rows",
                f"{rss_small:.0f} → {rss_big:.0f} MiB",
                f"{rss_big / rss_small:.2f}×",
                "≤ 1.2×",
                rss_big / rss_small <= 1.2,
            )

    table.print()
    print(
        f"\n{time.strftime('%Y-%m-%d')}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    if table.missed:
        print("missed: " + ", ".join(table.missed))
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
