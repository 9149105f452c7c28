"""Same input, same output, byte for byte, in any process.

Two runs in one interpreter share its hash seed, so they cannot catch an order that comes
from iterating a set or a dict built from one: here every output is made by two processes
with different PYTHONHASHSEED values, each building the knowledge base from its files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import command

pytestmark = pytest.mark.slow

SEEDS = ("1", "2")
LEVELS = ("none", "low", "medium", "high")


def _partneradvisor() -> list[str]:
    installed = command()
    return [installed] if installed else [sys.executable, "-m", "partneradvisor"]


DATA = Path(__file__).resolve().parent.parent / "data"


def _run_apart(runs: list[tuple[str, Path, list[str]]], cwd: Path) -> list[bytes]:
    """Run `partneradvisor ARGS` once per (hash seed, cache directory, args), side by side;
    the standard output of each."""
    started = []
    for seed, cache, args in runs:
        env = {**os.environ, "PYTHONHASHSEED": seed, "PARTNERADVISOR_CACHE_DIR": str(cache)}
        started.append(
            subprocess.Popen(
                [*_partneradvisor(), *args],
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    outputs = []
    for process, (seed, _, args) in zip(started, runs, strict=True):
        out, err = process.communicate(timeout=60)
        assert process.returncode in (0, 1), (seed, args, err.decode())
        assert b"Traceback" not in err
        outputs.append(out)
    return outputs


def test_recommend_json_is_the_same_under_any_hash_seed(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "company": "Gelijkspel BV",
                "goals": {"publicity": 3, "brand_awareness": 3},  # several forms tie
                "budget": "medium",
                "audience": "consumer",
            }
        )
    )
    args = ["recommend", "-a", str(answers), "--format", "json", "--lang", "en"]
    caches = [tmp_path / f"cache-{seed}" for seed in SEEDS]
    first, second = _run_apart(
        [(seed, c, args) for seed, c in zip(SEEDS, caches, strict=True)], tmp_path
    )
    assert json.loads(first)["recommendations"]
    assert first == second
    # and a user's knowledge base cached by one process serves another with another seed
    user = [*args, "--kb", str(DATA)]
    (cached_first,) = _run_apart([(SEEDS[0], caches[0], user)], tmp_path)
    (from_cache,) = _run_apart([(SEEDS[1], caches[0], user)], tmp_path)
    assert list(caches[0].glob("kb-*.pickle"))
    assert cached_first == from_cache == first


def test_batch_is_the_same_under_any_hash_seed(kb, tmp_path):
    rows = [
        {
            "id": f"only-{benefit}",
            "goals": {benefit: 3},  # one goal: many forms tie
            "budget": LEVELS[i % 4],
            "staff_time": LEVELS[i // 4 % 4],
        }
        for i, benefit in enumerate(kb.benefit_ids)
    ]
    rows.append({"id": "all-equal", "goals": dict.fromkeys(kb.benefit_ids, 5)})
    rows.append({"id": "bad", "goals": {"credibility": 9}})
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    runs = [
        (
            seed,
            tmp_path / f"cache-{seed}",
            [
                "batch",
                str(source),
                "-o",
                f"out-{seed}.jsonl",
                "--explain",
                "--errors",
                f"errors-{seed}.jsonl",
                "--lang",
                "en",
            ],
        )
        for seed in SEEDS
    ]
    _run_apart(runs, tmp_path)
    first, second = ((tmp_path / f"out-{seed}.jsonl").read_bytes() for seed in SEEDS)
    assert len(first.splitlines()) == len(rows) - 1
    assert first == second
    errors = [(tmp_path / f"errors-{seed}.jsonl").read_bytes() for seed in SEEDS]
    assert errors[0] and errors[0] == errors[1]
