"""batch reads a JSON list's items one at a time, with the same rows and sentences as when
it read the list whole."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ROWS = [{"id": f"m{n}", "goals": {"credibility": 1 + n % 5}, "budget": "low"} for n in range(50)]


def test_a_json_list_gives_what_the_same_rows_as_json_lines_give(tmp_path, cli):
    rows = [*ROWS, 7, {"goals": {"credibility": 123456789012345678901234}}, {"goals": {}}]
    rows.append({"id": "é\u2028", "company": "\ud83d\ude00 \\ud800", "goals": {"innovation": 2}})
    (tmp_path / "in.json").write_text("\ufeff" + json.dumps(rows, indent=2), encoding="utf-8")
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    as_list = cli("batch", str(tmp_path / "in.json"), "--errors", "-")
    as_lines = cli("batch", str(tmp_path / "in.jsonl"), "--errors", "-")
    assert as_list.code == as_lines.code == 1
    assert as_list.out == as_lines.out
    assert as_list.err == as_lines.err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"goals": {"credibility": 3}}', "in.json must hold a list of answers objects"),
        ('[{"goals": {"credibility": 3}}, {"goals": ', "in.json is not valid JSON (line 1: "),
        ('[{"goals": {"credibility": 3}}] []', "in.json is not valid JSON (line 1: Extra data)"),
        ('[{"company": "\\ud800", "goals": {"credibility": 3}}]', "not valid Unicode: '\\ud800'"),
        ("[" * 70 + "]" * 70, "in.json is nested more than 64 levels deep"),
        ("[]", "in.json holds no rows to advise"),
    ],
)
def test_a_broken_json_list_is_one_sentence_and_the_old_output_is_kept(tmp_path, cli, text, said):
    source, out = tmp_path / "in.json", tmp_path / "out.jsonl"
    source.write_text(text)
    out.write_text("earlier\n")
    result = cli("batch", str(source), "-o", str(out))
    assert result.code == 2
    assert said in result.err
    assert out.read_text() == "earlier\n"


def test_nan_in_a_json_list_fails_its_row_only_as_json_reads_it(tmp_path, cli):
    source = tmp_path / "in.json"
    source.write_text('[{"goals": {"credibility": NaN}}, {"goals": {"credibility": 3}}]')
    result = cli("batch", str(source))
    assert result.code == 1
    assert "row 1 (id 1): key 'goals.credibility' must be a whole number" in result.err
    assert json.loads(result.out)["id"] == "2"


@pytest.mark.slow
def test_a_json_list_takes_about_the_memory_of_json_lines(tmp_path):
    rows = [
        {"id": f"c{n}", "company": f"Company {n}", "goals": {"credibility": 1 + n % 5}}
        for n in range(100_000)
    ]
    (tmp_path / "in.json").write_text(json.dumps(rows, indent=1))
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )

    def peak(name: str) -> int:
        batch = [sys.executable, "-m", "partneradvisor", "batch", str(tmp_path / name)]
        command = [sys.executable, "-c", probe, *batch, "-o", str(tmp_path / "out.jsonl")]
        return int(subprocess.run(command, check=True, capture_output=True).stdout)

    assert peak("in.json") <= 1.2 * peak("in.jsonl")
