"""The plain-YAML reader of answers files reads what PyYAML reads, or leaves it to PyYAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from partneradvisor import _plain_yaml, _yaml

ROOT = Path(__file__).resolve().parent.parent

KEYS = ["goals", "budget", "company", "_x", "a1", "no", "on", "null", "true", "Yes", "Goals"]
VALUES = [
    *("medium", "Voorbeeld NV", "O'Brien & Zn", "Café Zoë", "a  b", "x#1", "€5", "y", "n"),
    *("yes", "No", "OFF", "true", "FALSE", "null", "~", "Null", "nULL", "0", "5", "00", "07"),
    *("123456", "1234567", "1_0", "0x1f", "1.5", ".5", ".inf", "+1", "-1", "1:30", "2024-01-01"),
    *("3M", "<<", "=", "'quoted'", '"q"', "[1, 2]", "{a: 1}", "&a x", "*a", "!x y", "| x"),
    *("> x", "%x", "@x", "`x", "a: b", "a:b", "a,b", "a]", "x\ty", "-", "- x", "? x", ""),
]
SEPARATORS = [": ", ":", ":  ", " : ", ":\t"]
INDENTS = ["", "", "  ", "    ", " ", "\t"]
COMMENTS = ["", " # why", "  #x", "#x", " #"]
line = st.one_of(
    st.tuples(
        st.sampled_from(INDENTS),
        st.sampled_from(KEYS),
        st.sampled_from(SEPARATORS),
        st.sampled_from(VALUES) | st.text(max_size=6),
        st.sampled_from(COMMENTS),
        st.sampled_from(["", " ", "  "]),
    ).map("".join),
    st.sampled_from(["", "   ", "# a comment", "  # indented", "---", "...", "- item"]),
)
document = st.tuples(st.lists(line, max_size=8), st.sampled_from(["\n", "\r\n", "\r", "\x85"])).map(
    lambda lines_and_break: lines_and_break[1].join(lines_and_break[0])
)

# documents mostly in the plain subset, so that what it accepts is compared too
key = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True) | st.sampled_from(KEYS)
value = (
    st.sampled_from(VALUES[:9])
    | st.sampled_from(VALUES)
    | st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=8)
)
entry = st.tuples(key, value, st.sampled_from(COMMENTS)).map(lambda e: f"{e[0]}: {e[1]}{e[2]}")
block = st.tuples(key, st.sampled_from(["  ", "    "]), st.lists(entry, min_size=1, max_size=4))
plain_document = st.lists(
    entry | block.map(lambda b: f"{b[0]}:\n" + "\n".join(b[1] + e for e in b[2])), max_size=6
).map("\n".join)


def _pyyaml(text: str) -> object:
    try:
        return _yaml.load(text)
    except yaml.YAMLError as exc:
        return exc


@given(st.one_of(document, plain_document, st.text(max_size=40)))
def test_what_the_plain_reader_reads_pyyaml_reads_alike(text):
    plain = _plain_yaml.load(text)
    if plain is not None:  # repr: True and 1 are equal, but not the same answer
        assert repr(plain) == repr(_pyyaml(text))


@pytest.mark.parametrize(
    "text",
    [
        (ROOT / "examples" / "answers.yaml").read_text(encoding="utf-8"),
        "goals:\n  credibility: 5\n\n  # later\n  innovation: 2\nbudget: low  # for now\n",
        "company: De Kringloop vzw\r\ngoals:\r\n    publicity: 3\r\nin_kind: no\r\n",
        "company:\ngoals:\n  reputation: 4\n",
    ],
)
def test_an_ordinary_answers_file_is_read_without_pyyaml(text):
    plain = _plain_yaml.load(text)
    assert plain is not None
    assert repr(plain) == repr(_yaml.load(text))


@pytest.mark.parametrize(
    "text",
    [
        "budget: low\nbudget: high\n",  # PyYAML names the key given twice, with its line
        "goals:\n  a: 1\n  a: 2\n",
        "goals:\n  a: 1\n    b: 2\n",
        "  a: 1\n",
        "company: 'Quoted'\n",
        "when: 2024-01-01\n",
        "# only a comment\n",
    ],
)
def test_anything_else_is_left_to_pyyaml(text):
    assert _plain_yaml.load(text) is None


def test_a_line_of_spaces_is_read_in_one_pass():
    # a value, its spaces and a comment matched by one pattern backtracked quadratically:
    # a 4 MiB answers file of spaces would have kept the reader busy for hours
    assert _plain_yaml.load("company: x" + " " * 200_000 + ":") is None
    assert _plain_yaml.load("company: x" + " " * 200_000 + "# why") == {"company": "x"}
