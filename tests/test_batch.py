"""batch: every good row written, every bad row named, spreadsheet-safe CSV, same advice."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess

import pytest

from partneradvisor import advise
from partneradvisor.batch import neutralise


def _rows(n: int) -> list[dict]:
    levels = ["none", "low", "medium", "high"]
    return [
        {
            "id": f"c{i}",
            "company": f"Company {i}",
            "goals": {"credibility": 1 + i % 5, "innovation": 1 + (i * 7) % 5},
            "budget": levels[i % 4],
            "staff_time": levels[(i // 4) % 4],
        }
        for i in range(n)
    ]


@pytest.mark.slow
def test_ten_thousand_rows_with_three_bad_ones(tmp_path, cli):
    rows = _rows(10_000)
    rows[10]["goals"] = {"credibility": 9}
    rows[5000]["budget"] = "enormous"
    lines = [json.dumps(r) for r in rows]
    lines[7777] = "{not json"
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = cli("batch", str(source), "-o", str(out), "--errors", str(errors))
    assert result.code == 1
    advised = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(advised) == 9_997
    assert {a["id"] for a in advised} == {r["id"] for r in rows} - {"c10", "c5000", "c7777"}
    bad = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(b["row"], b["id"]) for b in bad] == [(11, "c10"), (5001, "c5000"), (7778, "7778")]
    assert "whole number from 1 to 5" in bad[0]["error"]
    assert "'budget' must be one of" in bad[1]["error"]
    assert "row 7778 (id 7778): not valid JSON" in result.err


def test_batch_gives_the_same_advice_as_recommend(kb, tmp_path, cli):
    rows = _rows(40)
    source = tmp_path / "in.yaml"
    source.write_text(json.dumps(rows))
    result = cli("batch", str(source), "-o", str(tmp_path / "o.jsonl"), "--explain")
    assert result.code == 0
    for row, line in zip(rows, (tmp_path / "o.jsonl").read_text().splitlines(), strict=True):
        advised = json.loads(line)
        expected = advise({k: v for k, v in row.items() if k != "id"}, kb)
        assert advised["id"] == row["id"]
        assert [(r["form"], r["score"]) for r in advised["recommendations"]] == [
            (r.form, r.score) for r in expected.recommendations
        ]
    brief = cli("batch", str(source), "-f", "jsonl")
    for line, full in zip(
        brief.out.splitlines(), (tmp_path / "o.jsonl").read_text().splitlines(), strict=True
    ):
        short, long = json.loads(line), json.loads(full)
        assert [(r["form"], r["score"]) for r in short["recommendations"]] == [
            (r["form"], r["score"]) for r in long["recommendations"]
        ]
        assert short["excluded"] == long["excluded"]


def test_a_csv_survey_gives_a_spreadsheet_safe_csv(tmp_path, cli):
    source = tmp_path / "survey.csv"
    source.write_text(
        "id,company,budget,staff_time,audience,goal.credibility,goal.publicity,goal.innovation\n"
        '1,=HYPERLINK("http://x"),low,low,consumer,5,,3\n'
        "2,@SUM(A1),medium,medium,business,,4,\n"
        "3,Plain NV,high,high,both,2,2,2\n"
    )
    out = tmp_path / "advice.csv"
    result = cli("batch", str(source), "-o", str(out), "--top", "2")
    assert result.code == 0, result.err
    rows = list(csv.reader(out.open()))
    assert rows[0] == [
        "id",
        "company",
        "status",
        "form_1",
        "score_1",
        "tier_1",
        "form_2",
        "score_2",
        "tier_2",
    ]
    assert rows[1][1] == '\'=HYPERLINK("http://x")' and rows[2][1] == "'@SUM(A1)"
    assert rows[3][1] == "Plain NV" and [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_an_excel_export_in_a_dutch_locale_comes_back_in_its_own_style(tmp_path, cli):
    # Excel's "CSV UTF-8" in a Belgian or Dutch locale: a byte-order mark and semicolons
    source = tmp_path / "enquete.csv"
    source.write_bytes(
        "\ufeffid;company;budget;goal.credibility;goal.critical_view\r\n"
        "A1;Brouwerij Ø;medium;5;4\r\n"
        "A2;=1+1;low;;3\r\n".encode()
    )
    out = tmp_path / "advies.csv"
    result = cli("batch", str(source), "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffid;company;status;form_1;score_1;tier_1;")
    rows = list(csv.reader(text.removeprefix("\ufeff").splitlines(), delimiter=";"))
    assert [r[:2] for r in rows[1:]] == [["A1", "Brouwerij Ø"], ["A2", "'=1+1"]]
    assert all(len(r) == 12 for r in rows)


def test_byte_order_marks_and_other_encodings(tmp_path, cli):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes('\ufeff{"id": "x", "goals": {"credibility": 3}}\n'.encode())
    result = cli("batch", str(jsonl), "-f", "jsonl")
    assert result.code == 0 and json.loads(result.out)["id"] == "x"
    listed = tmp_path / "in.json"
    listed.write_bytes('\ufeff[{"id": "y", "goals": {"credibility": 3}}]'.encode())
    result = cli("batch", str(listed), "-f", "jsonl")
    assert result.code == 0 and json.loads(result.out)["id"] == "y"
    answers = tmp_path / "answers.json"
    answers.write_bytes('\ufeff{"goals": {"credibility": 3}}'.encode())
    result = cli("recommend", "-a", str(answers), "-f", "json")
    assert result.code == 0 and json.loads(result.out)["answers"]["goals"] == {"credibility": 3}
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,company,goal.credibility\n1,Café,5\n".encode("latin-1"))
    result = cli("batch", str(latin), "-f", "csv")  # the row fails, not the whole batch
    # its only row failed: no row could be advised, which is bad input (exit 2)
    assert result.code == 2 and "row 2 (id 1): the row holds bytes that are not UTF-8" in result.err
    assert "CSV UTF-8" in result.err


def test_a_failed_final_write_keeps_the_old_output_and_says_so(tmp_path, cli, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _rows(20)) + "\n")
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday's advice\n")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = cli("batch", str(source), "-o", str(out))
    assert result.code == 2
    assert result.err.strip().endswith(f"cannot write {out}: No space left on device")
    assert out.read_text() == "yesterday's advice\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_an_input_that_is_not_a_list_leaves_the_old_output_alone(tmp_path, cli):
    source = tmp_path / "companies.yaml"
    source.write_text("company: just one, not a list\n")
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday's advice\n")
    result = cli("batch", str(source), "-o", str(out))
    assert result.code == 2 and "must hold a list of answers objects" in result.err
    assert out.read_text() == "yesterday's advice\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companies.yaml", "out.jsonl"]


def test_neutralise_only_formula_cells():
    assert neutralise("-12") == "'-12" and neutralise("+1") == "'+1"
    assert neutralise("audit") == "audit" and neutralise("12.5") == "12.5"


def test_empty_input_and_unknown_format_are_one_sentence(tmp_path, cli):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = cli("batch", str(empty), "-o", str(tmp_path / "o.jsonl"))
    assert result.code == 2 and "holds no rows" in result.err
    assert not (tmp_path / "o.jsonl").exists()
    result = cli("batch", str(tmp_path / "x.txt"), "-o", str(tmp_path / "o.jsonl"))
    assert result.code == 2 and "cannot tell the input format" in result.err
    result = cli("batch", str(tmp_path / "x.xls"), "-o", str(tmp_path / "o.jsonl"))
    assert result.code == 2 and "save it from Excel as .xlsx" in result.err


@pytest.mark.skipif(not shutil.which("partneradvisor"), reason="the command is not installed")
@pytest.mark.terminal
@pytest.mark.slow
def test_a_summary_on_a_terminal_and_silence_in_a_pipe(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _rows(2500)) + "\n")
    out = tmp_path / "out.jsonl"
    child = pexpect.spawn(
        "partneradvisor",
        ["batch", str(source), "-o", str(out)],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=30,
        dimensions=(20, 100),
    )
    child.expect(r"advised 2,500 rows, 0 failed, [\d,]+ rows/s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and len(out.read_text().splitlines()) == 2500

    piped = subprocess.run(
        ["partneradvisor", "batch", str(source), "-o", str(out)], capture_output=True, text=True
    )
    assert (piped.returncode, piped.stderr) == (0, "")
