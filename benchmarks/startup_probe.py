"""Start-up ratios, for working on them: each command against `python -c "import typer"`
(and a cold first run against a warm one), medians of paired runs taking turns.

    python benchmarks/startup_probe.py [--runs 21] [--only json,table]

The honest benchmark of record is benchmarks/run.py; this one is quick and start-up only.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = str(ROOT / "examples" / "answers.yaml")


def _exe() -> str:
    beside = Path(sys.executable).with_name("partneradvisor")
    return str(beside) if beside.exists() else shutil.which("partneradvisor") or sys.exit(1)


def _compile_bytecode() -> None:
    """Compile the package as `pip install` does (PYTHONDONTWRITEBYTECODE may be set here)."""
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    compileall.compile_dir(str(ROOT / "data"), quiet=1)


def _timed(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--only", default="", help="comma-separated measure names")
    args = parser.parse_args()
    exe = _exe()
    _compile_bytecode()
    work = tempfile.mkdtemp(prefix="pa-probe-")
    warm_cache = os.path.join(work, "warm")
    env = {**os.environ, "XDG_CACHE_HOME": warm_cache, "LANG": "en_US.UTF-8"}
    env.pop("PARTNERADVISOR_CACHE_DIR", None)
    env.pop("PARTNERADVISOR_KB", None)
    json_cmd = [exe, "recommend", "--answers", ANSWERS, "--format", "json"]
    report = os.path.join(work, "report.html")
    measures = {
        "--version": [exe, "--version"],
        "json": json_cmd,
        "table": [exe, "recommend", "--answers", ANSWERS],
        "explain": [exe, "explain", "audit", "--answers", ANSWERS],
        "kb list": [exe, "kb", "list"],
        "html": [exe, "recommend", "--answers", ANSWERS, "-o", report],
    }
    chosen = [m for m in args.only.split(",") if m] or [*measures, "cold"]
    subprocess.run(json_cmd, check=True, stdout=subprocess.DEVNULL, env=env)  # warm the cache
    baseline = [sys.executable, "-c", "import typer"]
    times: dict[str, list[float]] = {name: [] for name in ["import typer", *chosen]}
    for run in range(args.runs):
        for name in times:
            if name == "cold":  # an empty cache directory every time: a first run
                cold = {**env, "XDG_CACHE_HOME": os.path.join(work, f"cold{run}")}
                times[name].append(_timed(json_cmd, cold, work))
            else:
                cmd = baseline if name == "import typer" else measures[name]
                times[name].append(_timed(cmd, env, work))
    shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(times["import typer"])
    warm = statistics.median(times["json"]) if "json" in times else None
    print(f"{args.runs} paired runs, medians; import typer = {base * 1000:.0f} ms")
    for name, bucket in times.items():
        median = statistics.median(bucket)
        q = statistics.quantiles(bucket, n=4)
        spread = f"[{q[0] * 1000:.0f}–{q[2] * 1000:.0f} ms]"
        line = f"{name:14} {median * 1000:6.0f} ms {spread:>16}  {median / base:5.2f}× typer"
        if name == "cold" and warm:
            line += f"  {median / warm:5.2f}× warm json"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
