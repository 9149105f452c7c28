"""What a reader sees: the terminal at 80 and 120 columns (snapshots), and Dutch that holds
no English of the program's own and writes its numbers the Dutch way."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from partneradvisor.render import OutputFormat, RenderOptions, render_report
from partneradvisor.render.markdown import escape as markdown_escape
from partneradvisor.render.phrases import _UI

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = bool(os.environ.get("UPDATE_SNAPSHOTS"))  # UPDATE_SNAPSHOTS=1 pytest: write them anew

PROFILE = (
    "-g", "credibility=5", "-g", "stakeholder_goodwill=4", "-g", "employee_loyalty=3",
    "--budget", "low", "--staff-time", "low", "--audience", "consumer",
    "--company", "Bakkerij Peeters",
)  # fmt: skip
SCREENS = {
    "recommend": ("recommend", *PROFILE),
    "explain": ("explain", "thematic_dialogue", *PROFILE[:-2]),
    "kb-list": ("kb", "list"),
    "kb-matrix": ("kb", "matrix"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_terminal_reads_well_at_80_and_120_columns(screen, width, lang, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*SCREENS[screen], "--lang", lang)
    assert result.code == 0, result.err
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert max(len(line) for line in lines) <= width  # nothing runs past the terminal
    text = "\n".join(lines) + "\n"
    snapshot = SNAPSHOTS / f"{screen}-{lang}-{width}.txt"
    if UPDATE or not snapshot.exists():
        snapshot.write_text(text)
    assert text == snapshot.read_text(), f"{snapshot.name} changed (UPDATE_SNAPSHOTS=1 to accept)"


def test_ids_are_never_cut_in_kb_list(kb, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("kb", "list").out
    assert all(re.search(rf"^{form_id}\s", out, re.MULTILINE) for form_id in kb.form_ids)
    assert all(re.search(rf"^{b}\s", out, re.MULTILINE) for b in kb.benefit_ids)


def _english_words() -> set[str]:
    """Words of the program's own English texts that Dutch does not share."""
    english = {w for _, en in _UI.values() for w in re.findall(r"[A-Za-z]{4,}", en)}
    dutch = {w for nl, _ in _UI.values() for w in re.findall(r"[A-Za-z]{4,}", nl)}
    shared = {"even", "start", "plan", "team", "label", "media"}  # Dutch words too
    return {w.lower() for w in english - dutch} - shared


def _dutch_outputs(kb, cli, advice_nl):
    yield "recommend", cli("recommend", *PROFILE, "--lang", "nl").out
    yield "explain", cli("explain", "audit", *PROFILE[:-2], "--lang", "nl").out
    yield "kb list", cli("kb", "list", "--lang", "nl").out
    yield "kb show", cli("kb", "show", "audit", "--lang", "nl").out
    yield "kb balance", cli("kb", "balance", "--lang", "nl").out
    yield "kb validate", cli("kb", "validate", "--lang", "nl").out.split(": ", 1)[1]  # no path
    for fmt in (OutputFormat.MARKDOWN, OutputFormat.HTML):
        text = render_report(fmt, advice_nl, kb, RenderOptions("nl"))
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        yield fmt.value, re.sub(r"<[^>]+>", " ", text)


@pytest.fixture
def advice_nl(kb):
    from partneradvisor import advise

    return advise(
        {
            "company": "Bakkerij Peeters",
            "goals": {"credibility": 5, "stakeholder_goodwill": 4, "employee_loyalty": 3},
            "budget": "low",
            "staff_time": "low",
            "audience": "consumer",
        },
        kb,
    )


def test_dutch_output_holds_no_english_of_the_program_and_no_decimal_point(kb, cli, advice_nl):
    words = _english_words()
    assert {"choose", "stretch", "covers"} <= words  # the list can catch something
    for name, text in _dutch_outputs(kb, cli, advice_nl):
        body = " ".join(text.split())
        for source in kb.meta.sources:  # titles of the sources stay as published
            for shown in (source, html.escape(source), markdown_escape(source)):
                body = body.replace(" ".join(shown.split()), " ")
        ids = "|".join(sorted((*kb.form_ids, *kb.benefit_ids), key=len, reverse=True))
        body = re.sub(rf"(?<![\w-])({ids})(?![\w-])", " ", body)  # ids are an interface
        found = sorted({w for w in re.findall(r"[A-Za-z]{4,}", body) if w.lower() in words})
        assert not found, f"English in Dutch {name}: {found}"
        # a decimal point between digits (not a version such as 2026.11.1)
        numbers = re.findall(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])", body)
        assert not numbers, f"a decimal point in Dutch {name}: {numbers}"


# --- errors: one sentence in the language asked for --------------------------------------------


def _refusals(tmp_path: Path) -> dict[str, tuple[str, ...]]:
    """A mistake of every kind a user makes, as the command line that makes it."""
    (tmp_path / "importance.json").write_text('{"goals": {"credibility": 9}}')
    (tmp_path / "twice.json").write_text('{"goals": {"credibility": 3}, "goals": 1}')
    (tmp_path / "list.yaml").write_text("- goals\n")
    (tmp_path / "goals.yaml").write_text("budget: low\n")
    (tmp_path / "twice.yaml").write_text("goals: {credibility: 3}\ngoals: {credibility: 4}\n")
    (tmp_path / "rows.csv").write_text("id,goal.credibility\n1,5\n")
    goal = ("-g", "credibility=4")
    return {
        "no such file": ("recommend", "-a", str(tmp_path / "missing.yaml")),
        "a directory as the answers": ("recommend", "-a", str(tmp_path)),
        "an importance off the scale": ("recommend", "-a", str(tmp_path / "importance.json")),
        "a key twice": ("recommend", "-a", str(tmp_path / "twice.json")),
        "no mapping": ("recommend", "-a", str(tmp_path / "list.yaml")),
        "no goals": ("recommend", "-a", str(tmp_path / "goals.yaml")),
        "no goal at all": ("recommend", "--budget", "low"),
        "an unknown goal": ("recommend", "-g", "fame=5"),
        "a near miss": ("recommend", "-g", "credibilty=5"),
        "a bad choice": ("recommend", *goal, "--budget", "huge"),
        "an unknown form": ("explain", "lobbying", *goal),
        "a bad option value": ("recommend", *goal, "--format", "tabel"),
        "a --set without =": ("recommend", *goal, "--set", "horizon"),
        "goals in --set": ("recommend", *goal, "--set", "goals=5"),
        "an output that is a directory": ("recommend", *goal, "-o", str(tmp_path)),
        "an output of no known format": ("recommend", *goal, "-o", str(tmp_path / "r.docx")),
        "an output in no directory": ("recommend", *goal, "-o", str(tmp_path / "no" / "r.json")),
        "a batch input that is missing": ("batch", str(tmp_path / "missing.csv")),
        "a path with a line break": ("recommend", "-a", str(tmp_path / "a\nb.yaml")),
        "an output path with a line break": (
            "recommend",
            *goal,
            "-o",
            str(tmp_path / "x\ny" / "r.md"),
        ),
        "a knowledge base that is not there": ("recommend", *goal, "--kb", str(tmp_path / "kb")),
        "a YAML key twice": ("recommend", "-a", str(tmp_path / "twice.yaml")),
        "a knowledge base name too long": ("recommend", *goal, "--kb", "k" * 300),
        # what the command line's parser refuses before the command runs
        "an unknown option": ("recommend", *goal, "--bogus"),
        "a near miss of an option": ("recommend", *goal, "--budge", "low"),
        "a missing argument": ("explain",),
        "a value of the wrong kind": ("recommend", *goal, "--top", "abc"),
        "a value out of range": ("recommend", *goal, "--top", "0"),
        "an unknown command": ("advise",),
        "a misspelled command": ("recomend",),
        "a misspelled subcommand": ("kb", "lst"),
        "an argument too many": ("recommend", *goal, "extra"),
        "a batch's files with a line break": (
            "batch",
            str(tmp_path / "rows.csv"),
            "-o",
            str(tmp_path / "a\nb.jsonl"),
            "--errors",
            str(tmp_path / "a\nb.jsonl"),
        ),
    }


def test_every_refusal_is_one_sentence_in_the_language_asked_for(cli, kb, tmp_path):
    # the answers' keys and choices are an interface: what a user types in either language
    keys = {"goals", *(q.id for q in kb.questions), *(v for q in kb.questions for v in q.values)}
    english = _english_words() - keys
    ids = "|".join(sorted((*kb.form_ids, *kb.benefit_ids), key=len, reverse=True))
    refusals = _refusals(tmp_path)
    for name, args in refusals.items():
        dutch, english_text = (cli(*args, "--lang", lang) for lang in ("nl", "en"))
        for result in (dutch, english_text):
            assert result.code == 2, (name, result.err)
            lines = 2 if "knowledge base" in name else 1  # its problems listed under it
            assert result.err.count("\n") == lines, (name, result.err)  # one sentence a line
        assert dutch.err.startswith("partneradvisor: fout: "), (name, dutch.err)
        assert english_text.err.startswith("partneradvisor: error: "), (name, english_text.err)
        assert dutch.err != english_text.err.replace("error: ", "fout: "), name
        # what the user gave, paths and options: theirs, or an interface
        shown = re.sub(r"'[^']*'|/\S+|--[\w-]+|partneradvisor [\w ]+ -h", " ", dutch.err)
        shown = re.sub(rf"(?<![\w-])({ids})(?![\w-])", " ", shown)
        found = sorted({w for w in re.findall(r"[A-Za-z]{4,}", shown) if w.lower() in english})
        assert not found, f"English in the Dutch refusal of {name}: {found} in {dutch.err!r}"


def _said_in_the_source() -> list[tuple[str, str, frozenset[str]]]:
    """Every said("phrase", name=...) in the package: where, the phrase, the values' names."""
    import ast

    import partneradvisor

    found = []
    for path in Path(partneradvisor.__file__).parent.rglob("*.py"):
        text = path.read_text()
        if "said(" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "said"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names = frozenset(k.arg for k in node.keywords if k.arg)
                found.append((f"{path.name}:{node.lineno}", node.args[0].value, names))
    return found


def test_every_sentence_an_error_names_is_in_the_phrasebook_with_its_values():
    import string

    said = _said_in_the_source()
    assert len(said) > 40  # the walk finds the errors' sentences
    for where, phrase, names in said:
        assert phrase in _UI, f"{where}: no phrase {phrase!r} in the phrasebook"
        for text in _UI[phrase]:
            if not names:  # ui() shows a phrase given no values as it is, braces and all
                continue
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert fields == names, f"{where}: {phrase!r} takes {fields}, is given {names}"


def test_what_the_system_says_is_in_the_phrasebook_as_it_says_it():
    import errno

    from partneradvisor._io import _OS_PROBLEMS

    for name in _OS_PROBLEMS:
        nl, en = _UI[f"error_os_{name}"]
        # English as the system says it, but for a directory: said as the program says it
        assert en == (
            "it is a directory" if name == "EISDIR" else os.strerror(errno.__dict__[name])
        )
        assert nl != en


def test_an_error_from_the_python_api_is_an_english_sentence_that_travels_whole(kb):
    import pickle

    from partneradvisor import advise
    from partneradvisor.errors import AnswersError, KnowledgeBaseError, Problem

    with pytest.raises(AnswersError) as caught:
        advise({"goals": {"credibility": 9}}, kb)
    error = caught.value
    sentence = "the importance of goal 'credibility' must be a whole number from 1 to 5, not 9"
    assert str(error) == error.args[0] == sentence
    again = pickle.loads(pickle.dumps(error))  # as to and from a batch's worker processes
    assert type(again) is AnswersError and str(again) == sentence
    assert again.words("nl").startswith("het belang van doel 'credibility' moet")
    kb_error = KnowledgeBaseError("kb", [Problem("forms.yaml", "bad", "forms[0].id", 3)])
    assert str(kb_error) == kb_error.args[0]
    assert (
        str(kb_error) == "the knowledge base in kb has 1 problem:\n  forms.yaml:3: forms[0].id: bad"
    )
    assert str(pickle.loads(pickle.dumps(kb_error))) == str(kb_error)


def test_a_command_line_mistake_names_the_help_of_its_own_command(cli):
    # click raises "needs a value" without knowing the command: the words on the line tell it
    needs = cli("kb", "list", "--lang", "nl", "--format")
    assert needs.code == 2
    assert needs.err == (
        "partneradvisor: fout: de optie '--format' heeft een waarde nodig"
        " (zie: partneradvisor kb list -h)\n"
    )
    # every near miss click knows of, not only the first
    near = cli("batch", "in.csv", "--input", "x")
    assert "did you mean '--input-format' or '--output'? (see: partneradvisor batch -h)" in near.err
    typo = cli("recomend", "--lang", "en")
    assert typo.err == (
        "partneradvisor: error: no such command 'recomend'; did you mean 'recommend'?"
        " (see: partneradvisor -h)\n"
    )
    # the last --lang is the command's, and so the sentence's
    assert cli("recommend", "--lang=en", "--lang=nl", "--bogus").err.startswith(
        "partneradvisor: fout: onbekende optie '--bogus'"
    )
