"""batch: every good row written, every bad row named, spreadsheet-safe CSV, same advice."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

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


def test_member_numbers_with_leading_zeros_keep_them_in_yaml(tmp_path, cli):
    # YAML 1.1 would read 00123 as octal (83) and 7:11 as base 60 (431)
    source = tmp_path / "leden.yaml"
    source.write_text(
        "- {id: 00123, company: 0123, goals: {credibility: 05}}\n"
        "- {id: 7:11, company: Bakkerij 7:11, goals: {credibility: 4}}\n"
        "- {id: 42, goals: {credibility: 3}}\n"
    )
    result = cli("batch", str(source))
    assert result.code == 0, result.err
    advised = [json.loads(line) for line in result.out.splitlines()]
    assert [(a["id"], a["company"]) for a in advised] == [
        ("00123", "0123"),
        ("7:11", "Bakkerij 7:11"),
        ("42", None),
    ]


@pytest.mark.parametrize("name", ["leden.jsonl", "leden.json", "leden.yaml", "leden.csv"])
def test_a_member_number_of_many_digits_is_kept_as_it_was_written(name, tmp_path, cli):
    # 24 digits: more than any importance may have, so a parser reads it as too long, but
    # as an id it is the member's number (it came back as "inf" from JSON and YAML)
    long_id, long_importance = "123456789012345678901234", "98765432109876543210"
    source = tmp_path / name
    rows = [
        {"id": long_id, "goals": {"credibility": "5"}},
        {"id": "7", "goals": {"credibility": long_importance}},
    ]
    if name.endswith(".csv"):
        source.write_text("".join(f"{r['id']},{r['goals']['credibility']}\n" for r in rows))
        source.write_text("id,goal.credibility\n" + source.read_text())
    else:
        # numbers as JSON and YAML write them: unquoted
        items = [
            f'{{"id": {r["id"]}, "goals": {{"credibility": {r["goals"]["credibility"]}}}}}'
            for r in rows
        ]
        text = "\n".join(items) if name.endswith(".jsonl") else "[" + ", ".join(items) + "]"
        source.write_text(text + "\n")
    # the rows' documents go to worker processes and back: a long number must survive that
    for jobs in ("1", "2") if name.endswith(".jsonl") else ("1",):
        result = cli("batch", str(source), "-f", "jsonl", "--jobs", jobs)
        assert result.code == 1, result.err  # the second row's importance is refused
        assert [json.loads(line)["id"] for line in result.out.splitlines()] == [long_id]
        assert "(id 7)" in result.err and long_importance in result.err, result.err


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


# --- issue 16: mistakes caught once, the spreadsheet's own style, interruption ---------------


def _hidden(directory) -> list[str]:  # temporary files are hidden, beside their target
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    ("name", "text", "suggested"),
    [
        (
            "survey.csv",
            "id,company,budget,goal.credibilty,goal.innovation\n1,A,low,5,3\n2,B,high,4,\n",
            "'goal.credibilty' (did you mean 'goal.credibility'?)",
        ),
        (
            "survey.jsonl",
            '{"id": 1, "buget": "low", "goals": {"credibility": 5}}\n'
            '{"id": 2, "budget": "low", "goals": {"credibility": 5}}\n',
            "'buget' (did you mean 'budget'?)",
        ),
        (
            "survey.yaml",
            "- {id: 1, budget: low, goals: {credibilty: 5}}\n",
            "'credibilty' (did you mean 'credibility'?)",
        ),
    ],
)
def test_a_typo_in_the_header_is_one_error_with_a_suggestion_and_nothing_is_written(
    tmp_path, cli, name, text, suggested
):
    source = tmp_path / name
    source.write_text(text)
    out, errors, summary = tmp_path / "advice.csv", tmp_path / "bad.jsonl", tmp_path / "s.html"
    out.write_text("yesterday's advice\n")
    result = cli(
        "batch", str(source), "-o", str(out), "--errors", str(errors), "--summary", str(summary)
    )
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and suggested in result.err  # one sentence, not per row
    assert "nothing was advised" in result.err
    assert out.read_text() == "yesterday's advice\n"
    assert not errors.exists() and not summary.exists() and _hidden(tmp_path) == []


def test_a_header_without_a_goal_column_and_a_question_named_twice_are_caught_once(tmp_path, cli):
    source = tmp_path / "in.csv"
    source.write_text("id,company,budget\n1,A,low\n")
    result = cli("batch", str(source), "-o", str(tmp_path / "o.csv"))
    assert result.code == 2 and "no goal column" in result.err and "goal.credibility" in result.err
    source.write_text("id,Budget,budget ,goal.credibility\n1,low,low,5\n")
    result = cli("batch", str(source), "-o", str(tmp_path / "o.csv"))
    assert result.code == 2 and "'Budget' and 'budget ' ask the same" in result.err
    assert not (tmp_path / "o.csv").exists()


def test_a_semicolon_csv_comes_back_with_decimal_commas_and_crlf(kb, tmp_path, cli):
    source = tmp_path / "enquete.csv"
    source.write_bytes(
        b"id;company;budget;staff_time;goal.credibility;goal.innovation\r\n"
        b"A1;Brouwerij;medium;low;5;3\r\n"
        b'A2;"Twee\r\nregels";low;low;;4\r\n'
        b"A3;Derde;high;high;2;2\r\n"
    )
    out = tmp_path / "advies.csv"
    result = cli("batch", str(source), "-o", str(out), "--top", "2")
    assert result.code == 0, result.err
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == 5 and raw.replace(b"\r\n", b"").count(b"\n") == 0  # CRLF kept
    rows = list(csv.reader(io.StringIO(raw.decode(), newline=""), delimiter=";"))
    assert rows[0][3:6] == ["form_1", "score_1", "tier_1"] and len(rows) == 4
    both = {"credibility": 2, "innovation": 2}
    answers = {
        "A1": {"goals": {"credibility": 5, "innovation": 3}, "budget": "medium"},
        "A2": {"goals": {"innovation": 4}, "budget": "low"},
        "A3": {"goals": both, "budget": "high", "staff_time": "high"},
    }
    for row in rows[1:]:
        expected = advise({"staff_time": "low", **answers[row[0]]}, kb).recommendations
        scores = [row[4], row[7]]
        assert scores == [f"{r.score:.2f}".replace(".", ",") for r in expected[:2]]
        assert all(re.fullmatch(r"\d+,\d\d", s) for s in scores)  # a decimal comma, no point
    assert rows[2][1] == "Twee\r\nregels"

    comma = tmp_path / "survey.csv"  # a comma-separated CSV with LF keeps both
    comma.write_text("id,company,goal.credibility\nA1,Brouwerij,5\n")
    result = cli("batch", str(comma), "-o", str(tmp_path / "advice.csv"))
    raw = (tmp_path / "advice.csv").read_bytes()
    assert result.code == 0 and b"\r" not in raw and re.search(rb",\d+\.\d\d,", raw)


def test_names_and_messages_in_the_chosen_language_and_the_inputs_own_terms(kb, tmp_path, cli):
    source = tmp_path / "enquete.csv"
    source.write_text(
        "id;Bedrijf;Budget;Werktijd;Doel.Geloofwaardigheid;doel.kritische blik van buitenaf\n"
        "A1;Brouwerij;medium;low;5;4\n"
        "A2;Twee;enorm;low;3;\n"
        "A3;Drie;low;low;;\n"
        "A4;Vier;low;low;9;\n"
    )
    out = tmp_path / "advies.csv"
    result = cli("batch", str(source), "-o", str(out), "--lang", "nl", "--names", "names")
    assert result.code == 1
    rows = list(csv.reader(out.open(newline=""), delimiter=";"))
    assert rows[0][:5] == ["id", "bedrijf", "status", "vorm 1", "dekking 1 (%)"]
    first = advise(
        {"goals": {"credibility": 5, "critical_view": 4}, "budget": "medium", "staff_time": "low"},
        kb,
    ).recommendations[0]
    assert rows[1][2:6] == [
        "advies",
        kb.form(first.form).name.nl,
        f"{first.score:.2f}".replace(".", ","),
        "past in uw middelen",
    ]
    lines = result.err.splitlines()
    # rows numbered as the spreadsheet shows them, the column named as the header names it
    assert lines[0] == (
        "rij 3 (id A2): kolom 'Budget' moet één van none, low, medium, high zijn, niet 'enorm'"
    )
    assert lines[1].startswith("rij 4 (id A3): geen enkel doel ingevuld: geef minstens één van")
    assert "'Doel.Geloofwaardigheid'" in lines[1] and "goals:" not in result.err  # not YAML
    assert lines[2].startswith("rij 5 (id A4): kolom 'Doel.Geloofwaardigheid' moet een geheel")

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"id": "x", "goals": {"credibility": 5}}\n{"id": "y"}\n')
    result = cli("batch", str(jsonl), "-o", str(tmp_path / "o.jsonl"))
    assert result.code == 1 and 'for example {"goals": {"credibility": 5}}' in result.err
    result = cli("batch", str(jsonl), "-o", str(tmp_path / "o.jsonl"), "--names", "names")
    assert result.code == 2 and "JSON Lines keeps the ids" in result.err


def test_exit_2_when_no_row_could_be_advised_and_1_when_some_failed(tmp_path, cli):
    source = tmp_path / "in.csv"
    source.write_text("id,goal.credibility\na,9\nb,0\n")
    assert cli("batch", str(source), "-o", str(tmp_path / "o.csv")).code == 2
    source.write_text("id,goal.credibility\na,9\nb,5\n")
    assert cli("batch", str(source), "-o", str(tmp_path / "o.csv")).code == 1


def _start_batch(tmp_path, *extra):  # type: ignore[no-untyped-def]
    """A 100,000-row CSV batch in a child process, and its output once it is being written.
    The rows come through a pipe that stays open, so the batch cannot end before the test
    interrupts it, however late a busy machine lets the test look."""
    rows = "id,company,budget,goal.credibility,goal.innovation\n" + "".join(
        f"m{n},Member {n},low,{1 + n % 5},{1 + n % 3}\n" for n in range(100_000)
    )
    out = tmp_path / "advice.csv"
    out.write_bytes(b"id,company\r\nyesterday,\xc3\x98 advice\r\n")
    command = ["batch", "-", "--input-format", "csv", "-o", str(out), *extra]
    child = subprocess.Popen(
        [sys.executable, "-m", "partneradvisor", *command],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def feed() -> None:
        with contextlib.suppress(OSError, ValueError):  # the batch ended: it reads no more
            child.stdin.write(rows)
            child.stdin.flush()

    threading.Thread(target=feed, daemon=True).start()
    deadline = time.monotonic() + 60
    while not _hidden(tmp_path) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    assert _hidden(tmp_path), "the batch never started its temporary output"
    while (tmp_path / _hidden(tmp_path)[0]).stat().st_size < 50_000 and child.poll() is None:
        time.sleep(0.01)  # some rows written to the temporary file
    assert child.poll() is None, "the batch ended before it could be interrupted"
    return child, out


def _interrupt(child):  # type: ignore[no-untyped-def]
    """Ctrl-C for the batch; what it said on stderr once it ended."""
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    return err


@pytest.mark.slow
def test_sigint_during_a_100000_row_batch_leaves_the_earlier_output_byte_for_byte(tmp_path):
    child, out = _start_batch(tmp_path)
    err = _interrupt(child)
    assert child.returncode == 130, err
    assert re.fullmatch(
        rf"partneradvisor: interrupted after [\d,]+ rows; {re.escape(str(out))} was left as it "
        r"was\n",
        err,
    )
    assert out.read_bytes() == b"id,company\r\nyesterday,\xc3\x98 advice\r\n"
    assert _hidden(tmp_path) == []


@pytest.mark.slow
def test_partial_keeps_the_rows_written_and_says_how_many(tmp_path):
    child, out = _start_batch(tmp_path, "--partial")
    err = _interrupt(child)
    assert child.returncode == 130, err
    said = re.fullmatch(
        r"partneradvisor: interrupted after ([\d,]+) rows; .* holds the ([\d,]+) rows advised "
        r"until then \(--partial\)\n",
        err,
    )
    assert said, err
    rows = list(csv.reader(out.open(newline="")))
    advised = int(said[2].replace(",", ""))
    assert 0 < advised < 100_000 and len(rows) == 1 + advised  # whole rows, as many as it says
    assert rows[0][:3] == ["id", "company", "status"] and rows[-1][0] == f"m{advised - 1}"
    assert _hidden(tmp_path) == []


def test_a_signal_during_a_row_takes_effect_once_the_row_is_whole(tmp_path, cli, monkeypatch):
    from partneradvisor.batch import _files

    source = tmp_path / "in.csv"
    source.write_text("id,goal.credibility\n" + "".join(f"r{n},3\n" for n in range(50)))
    out = tmp_path / "out.csv"
    real_write = _files.Output.write
    written: list[str] = []

    def write_then_signal(self, line):  # the signal comes as the 20th row is written
        real_write(self, line)
        written.append(line)
        if len(written) == 20:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(_files.Output, "write", write_then_signal)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = cli("batch", str(source), "-o", str(out), "--partial")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert result.code == 130
    assert "interrupted after 20 rows" in result.err and "holds the 20 rows" in result.err
    assert len(out.read_text().splitlines()) == 1 + 20
