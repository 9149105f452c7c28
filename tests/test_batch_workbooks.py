"""batch with Excel workbooks: a member survey in, an advice sheet and an errors sheet out,
numbers as numbers, and no formula ever written."""

from __future__ import annotations

import json
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from partneradvisor import advise

FORMULA = ("=", "+", "-", "@")


def _survey(path, header, rows) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.title = "Enquête"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _sheets(path):  # type: ignore[no-untyped-def]
    book = load_workbook(path)  # not read-only: every cell's type is there to check
    return {sheet.title: [list(r) for r in sheet.iter_rows()] for sheet in book.worksheets}


def test_a_dutch_member_survey_gives_an_advice_sheet_an_errors_sheet_and_exit_1(kb, tmp_path, cli):
    survey = tmp_path / "leden.xlsx"
    _survey(
        survey,
        # headers as people type them: Dutch names, any case, a space or a hyphen too many
        [
            "ID",
            "Bedrijf",
            "budget ",
            "Werk-tijd",
            "Doel.Geloofwaardigheid",
            "doel.Innovatie door gedeelde kennis",
            "Goal.Critical_View",
        ],
        [
            [1001, "Brouwerij Ø", "medium", "low", 5, 3, None],
            [1002, "@SUM(A1)", "low", "none", None, 4.0, 2],  # an empty goal cell; 4.0 is 4
            [1003, "Kapot NV", "enorm", "low", 5, None, None],  # a bad row
            [1004, "Leeg", "high", "high", None, None, None],  # no goal at all
            [None, "Zonder id", "high", "medium", 2, 2, 2],
        ],
    )
    out = tmp_path / "advies.xlsx"
    result = cli("batch", str(survey), "-o", str(out), "--lang", "nl")
    assert result.code == 1, result.err
    sheets = _sheets(out)
    assert list(sheets) == ["Advies", "Fouten"]
    advice, errors = sheets["Advies"], sheets["Fouten"]
    assert [c.value for c in advice[0][:6]] == [
        "id",
        "bedrijf",
        "status",
        "vorm 1",
        "dekking 1 (%)",
        "haalbaarheid 1",
    ]
    assert [r[0].value for r in advice[1:]] == ["1001", "1002", "6"]  # no id: its row number
    expected = {
        "1001": {"goals": {"credibility": 5, "innovation": 3}, "budget": "medium"},
        "1002": {
            "goals": {"innovation": 4, "critical_view": 2},
            "budget": "low",
            "staff_time": "none",
        },
        "6": {
            "goals": {"credibility": 2, "innovation": 2, "critical_view": 2},
            "budget": "high",
            "staff_time": "medium",
        },
    }
    for row in advice[1:]:
        answers = {"staff_time": "low", **expected[row[0].value]}
        ranked = advise(answers, kb).recommendations
        for n in range(3):
            form, score, tier = row[3 + 3 * n : 6 + 3 * n]
            if n >= len(ranked):
                assert form.value is score.value is tier.value is None
                continue
            assert form.value == kb.form(ranked[n].form).name.nl  # names in the chosen language
            assert score.data_type == "n" and score.value == pytest.approx(ranked[n].score)
            assert tier.value in ("past in uw middelen", "uitdaging")
    assert advice[2][1].value == "'@SUM(A1)" and advice[2][1].data_type == "s"
    assert [[c.value for c in r] for r in errors[:1]] == [["rij", "id", "fout"]]
    assert [(r[0].value, r[1].value) for r in errors[1:]] == [(4, "1003"), (5, "1004")]
    assert "kolom 'budget ' moet één van none, low, medium, high zijn, niet 'enorm'" in (
        errors[1][2].value
    )
    assert errors[2][2].value.startswith("geen enkel doel ingevuld")
    assert "rij 4 (id 1003)" in result.err and "rij 5 (id 1004)" in result.err


def test_a_header_typo_in_a_workbook_is_one_error_and_nothing_is_written(tmp_path, cli):
    survey = tmp_path / "leden.xlsx"
    _survey(survey, ["id", "budget", "goal.credibilty"], [[1, "low", 5], [2, "high", 4]])
    out = tmp_path / "advies.xlsx"
    result = cli("batch", str(survey), "-o", str(out))
    assert result.code == 2 and result.err.count("\n") == 1
    assert "'goal.credibilty' (did you mean 'goal.credibility'?)" in result.err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["leden.xlsx"]


CELLS = [
    "=1+1",
    '=HYPERLINK("http://x", "klik")',
    "+32 2 123 45 67",
    "-5",
    "@SUM(A1)",
    "  =2",
    "\u200b=3",
    "\uff1d4",  # a full-width equals sign
    "Acme\n=1+1",
    "#N/A",
    "#REF!",
    "bel\x07 NV\x1b[2J",
    "x" * 40_000,
    "Plain NV",
]


def test_no_formula_or_error_code_reaches_a_workbook(tmp_path, cli):
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": cell, "company": cell, "goals": {"credibility": 5}}) + "\n"
            for cell in CELLS
        )
    )
    out = tmp_path / "out.xlsx"
    result = cli("batch", str(source), "-o", str(out), "--names", "ids")
    assert result.code == 0, result.err
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml and 't="e"' not in xml
    rows = _sheets(out)["Advice"][1:]
    assert len(rows) == len(CELLS)
    for row in rows:
        for cell in row:
            if cell.value is None:
                continue
            assert cell.data_type in ("s", "n"), (cell.coordinate, cell.data_type)
            if cell.data_type == "s":
                for line in cell.value.splitlines():
                    visible = "".join(
                        c for c in line if not (c.isspace() or unicodedata.category(c) in "CfCc")
                    )
                    assert not unicodedata.normalize("NFKC", visible[:1]).startswith(FORMULA)
    companies = [r[1].value for r in rows]
    assert companies[0] == "'=1+1" and companies[9] == "#N/A" and companies[-1] == "Plain NV"
    assert companies[11] == "bel NV[2J"  # control characters a workbook cannot hold are dropped
    assert len(companies[12]) == 32_767  # what one Excel cell holds
    assert rows[0][2].value == "advice" and rows[0][3].value in {f for f in _form_ids()}


def _form_ids() -> list[str]:
    from partneradvisor import load_knowledge_base

    return list(load_knowledge_base().form_ids)


def test_excel_numbers_read_as_numbers_and_a_broken_workbook_is_one_sentence(kb, tmp_path, cli):
    survey = tmp_path / "in.xlsx"
    _survey(
        survey,
        ["id", "goal.credibility", "in_kind"],
        [[1.0, 5.0, None], [2, 4.5, None], [3, True, None], [4, 5, True], ["", "3", "no"]],
    )
    result = cli("batch", str(survey), "-o", "-", "-f", "jsonl")
    assert result.code == 1
    advised = [json.loads(line) for line in result.out.splitlines()]
    assert [a["id"] for a in advised] == ["1", "4", "6"]
    # TRUE in a yes/no column is yes
    given = advise({"goals": {"credibility": 5}, "in_kind": "yes"}, kb).recommendations
    assert [r["form"] for r in advised[1]["recommendations"]] == [r.form for r in given]
    assert (
        "row 3 (id 2): column 'goal.credibility' must be a whole number from 1 to 5, not 4.5"
        in (result.err)
    )
    assert "row 4 (id 3)" in result.err

    for name, data in (("text.xlsx", b"id,goal.credibility\n1,5\n"), ("zip.xlsx", _zip())):
        (tmp_path / name).write_bytes(data)
        result = cli("batch", str(tmp_path / name), "-o", str(tmp_path / "o.csv"))
        assert (result.code, result.err.count("\n")) == (2, 1), result.err
        assert "Traceback" not in result.err and not (tmp_path / "o.csv").exists()


def _zip() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def test_a_workbook_from_a_pipe_and_to_standard_output(tmp_path):
    import subprocess
    import sys

    survey = tmp_path / "in.xlsx"
    _survey(survey, ["id", "goal.credibility"], [["a", 5], ["b", 3]])
    command = ["batch", "-", "--input-format", "xlsx", "-o", "-", "-f", "xlsx"]
    done = subprocess.run(
        [sys.executable, "-m", "partneradvisor", *command],
        input=survey.read_bytes(),
        capture_output=True,
        check=True,
    )
    (tmp_path / "out.xlsx").write_bytes(done.stdout)
    rows = _sheets(tmp_path / "out.xlsx")["Advice"]
    assert [r[0].value for r in rows] == ["id", "a", "b"]


@pytest.mark.parametrize("where", ["a directory", "a full device"])  # it fails to open, to write
def test_a_workbook_that_cannot_be_written_is_one_sentence_and_no_traceback(tmp_path, where):
    # openpyxl's sheets and zip file, collected after the failed write, wrote to the closed
    # file and Python printed "Exception ignored ... Traceback" after the sentence
    import os
    import subprocess
    import sys

    survey = tmp_path / "in.csv"
    survey.write_text("id,goal.credibility\na,5\nb,3\n")
    (tmp_path / "out.xlsx").mkdir()
    target = {"a directory": str(tmp_path / "out.xlsx"), "a full device": "/dev/full"}[where]
    if where == "a full device" and not os.path.exists(target):
        pytest.skip("no /dev/full here")
    env = {k: v for k, v in os.environ.items() if k != "PARTNERADVISOR_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-m", "partneradvisor", "batch", str(survey), "-o", target, "-f", "xlsx"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("partneradvisor: error: cannot write ")
    assert done.stderr.count("\n") == 1, done.stderr


def test_a_workbook_damaged_halfway_stops_the_batch_in_one_sentence(tmp_path, cli):
    survey = tmp_path / "in.xlsx"
    _survey(survey, ["id", "goal.credibility"], [[f"r{n}", 1 + n % 5] for n in range(200)])
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(survey) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) * 3 // 5]  # cut off in the middle of a row
            target.writestr(item, data)
    out = tmp_path / "out.csv"
    out.write_text("yesterday\n")
    result = cli("batch", str(damaged), "-o", str(out))
    assert (result.code, result.err.count("\n")) == (2, 1), result.err
    assert "is damaged after row" in result.err and "Traceback" not in result.err
    assert out.read_text() == "yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.xlsx", "in.xlsx", "out.csv"]
