"""The benchmark's rows are advised, not refused: a figure for batch's error path would
mislead (benchmarks/run.py reads the questions' vocabulary from the knowledge base)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def _bench():
    spec = importlib.util.spec_from_file_location("benchmarks_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_rows_vary_and_are_all_advised(tmp_path, cli):
    bench = _bench()
    vocabulary = bench.Vocabulary.read(bench.packaged_data())
    rows = bench.write_jsonl(tmp_path / "rows.jsonl", bench.answer_rows(vocabulary, 300))
    answers = [json.loads(line) for line in rows.read_text("utf-8").splitlines()]
    assert len({json.dumps({**a, "id": 0, "company": 0}, sort_keys=True) for a in answers}) > 250
    survey = bench.write_csv(tmp_path / "rows.csv", rows, vocabulary)
    for source, out in ((rows, "out.jsonl"), (survey, "out.csv")):
        result = cli("batch", str(source), "-o", str(tmp_path / out), "--lang", "en")
        assert result.code == 0, result.err
    assert len((tmp_path / "out.jsonl").read_text("utf-8").splitlines()) == 300
