"""batch reads a JSON list's items one at a time, with the same rows and sentences as when
it read the list whole."""

from __future__ import annotations

import json

import pytest

from partneradvisor.batch._columns import Texts
from partneradvisor.batch._rows import read_list

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
        # control characters: ijson took a vertical tab or a form feed between items
        ('[{"goals": {"credibility": 3}},\v{"goals": {"credibility": 4}}]', "Expecting value"),
        ('[{"goals": {"credibility": 3}},\f{"goals": {"credibility": 4}}]', "Expecting value"),
        ('[{"goals": {"credibility": 3}, "company": "a\x01b"}]', "Invalid control character"),
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


def test_a_json_list_is_read_one_item_at_a_time(tmp_path):
    # memory stays flat when the first rows are handed out before the rest is read (the
    # benchmark measures the peak memory against JSON Lines)
    notes = "x" * 500  # long rows: a file of some megabytes from few of them
    rows = [
        {"id": f"c{n}", "goals": {"credibility": 1 + n % 5}, "company": notes} for n in range(3000)
    ]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(rows, indent=1))
    with open(path, encoding="utf-8") as stream:
        read = read_list(stream, path.name, Texts("en"))
        first = next(read)
        assert (first.id, first.document) == ("c0", {"goals": {"credibility": 1}, "company": notes})
        assert stream.buffer.tell() < path.stat().st_size / 10
        assert sum(1 for _ in read) == len(rows) - 1
