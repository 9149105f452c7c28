"""What a user types, forgiven: any case, the labels of either language, numbers as text, a
suggestion for a near miss, one sentence for what cannot be taken (issue 15).

The matching lives once, in answers.py; these tests reach it through every way in: the
inline options, an answers file, a batch cell, `explain`, `kb show` and the shell.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from test_cli import installed

from partneradvisor.answers import AnswersSchema, Vocabulary
from partneradvisor.cli import main
from partneradvisor.errors import AnswersError

LANGS = ("nl", "en")


def refused(result, *parts: str) -> None:
    """Exit 2 with one sentence that holds `parts`, and nothing of a usage block."""
    assert result.code == 2, result.out
    assert result.err.count("\n") == 1, result.err
    assert "Usage" not in result.err and "Traceback" not in result.err
    for part in parts:
        assert part in result.err, result.err


def advice(result) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)


# --- the typos of the issue, each with its suggestion ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (("recommend", "--goal", "credibilty=5"), "credibility"),
        (("explain", "audt", "--goal", "credibility=5"), "audit"),
        (("recommend", "--goal", "credibility=5", "--budget", "medum"), "medium"),
        (("recommend", "--goal", "credibility=5", "--set", "horizn=short"), "horizon"),
        (("kb", "show", "audt"), "audit"),
        (("kb", "show", "credibilty"), "credibility"),
        (("recommend", "--goal", "credibility=5", "--lang", "nld"), "nl"),
    ],
)
def test_a_near_miss_gets_a_suggestion_in_one_sentence(cli, lang, args, suggestion):
    result = cli(*args, *(() if "--lang" in args else ("--lang", lang)))
    # in the language asked for; a mistyped --lang itself is refused in the locale's (en)
    said_in = "en" if "--lang" in args else lang
    asked = {"en": "did you mean", "nl": "bedoelt u"}[said_in]
    prefix = {"en": "error: ", "nl": "fout: "}[said_in]
    refused(result, f"{prefix}", f"{asked} '{suggestion}'?")
    assert "(known" not in result.err and "(bekend" not in result.err  # not every id


def test_a_word_nowhere_near_gets_the_list_instead(cli):
    refused(cli("explain", "lobbying", "-g", "credibility=5"), "known: cause_related_marketing")
    refused(cli("recommend", "-g", "fame=5"), "unknown goal 'fame'", "known goals: credibility")


@pytest.mark.parametrize("lang", LANGS)
def test_ids_and_choices_in_any_case_and_in_the_languages_words(cli, kb, lang):
    staff = kb.question("staff_time")
    medium = staff.label("medium", lang).partition(" (")[0]  # "Gemiddeld", "Some"
    credibility = kb.benefit("credibility").name.get(lang)
    result = cli(
        "recommend",
        "--lang",
        lang.upper(),  # --lang NL
        "--goal",
        "Credibility=5",
        "--goal",
        f"{kb.benefit('innovation').name.get(lang)}=4",  # a goal by its name
        "--staff-time",
        medium,
        "--budget",
        "HIGH",
        "--set",
        f"Horizon={kb.question('horizon').label('short', lang)}",
        "-f",
        "JSON",
    )
    data = advice(result)
    assert data["lang"] == lang
    assert data["answers"]["goals"] == {"credibility": 5, "innovation": 4}
    assert (data["answers"]["budget"], data["answers"]["staff_time"]) == ("high", "medium")
    assert data["answers"]["horizon"] == "short"
    shown = cli("kb", "show", credibility.upper(), "--lang", lang)
    assert shown.code == 0 and credibility in shown.out
    explained = cli("explain", kb.form("audit").name.get(lang), "-g", "credibility=5")
    assert explained.code == 0 and kb.form("audit").name.en in explained.out


@pytest.mark.parametrize("lang", LANGS)
def test_an_answers_file_takes_numbers_as_text_and_labels(cli, kb, tmp_path, lang):
    path = tmp_path / "answers.yaml"
    budget = kb.question("budget").label("medium", lang)
    essential = kb.question("goals").importance.scale[5].get(lang)
    path.write_text(
        f'goals:\n  credibility: "5"\n  Critical_View: "{essential}"\n'
        f"Budget: {budget}\nin_kind: {kb.question('in_kind').label('yes', lang)}\n"
    )
    data = advice(cli("recommend", "-a", str(path), "-f", "json", "--lang", lang))
    assert data["answers"]["goals"] == {"credibility": 5, "critical_view": 5}
    assert (data["answers"]["budget"], data["answers"]["in_kind"]) == ("medium", "yes")
    # the options still win over the file, however either spells the goal
    data = advice(cli("recommend", "-a", str(path), "-g", "CREDIBILITY=2", "-f", "json"))
    assert data["answers"]["goals"] == {"credibility": 2, "critical_view": 5}


def test_what_stays_refused(cli, tmp_path):
    for value in ("0", "6", "5.5", "٣", "--3", "true"):
        refused(cli("recommend", "-g", f"credibility={value}"), "whole number from 1 to 5")
    path = tmp_path / "twice.yaml"
    path.write_text("goals: {credibility: 5}\nbudget: low\nBudget: high\n")
    refused(cli("recommend", "-a", str(path)), "'budget' and 'Budget' both answer 'budget'")
    path.write_text("goals: {credibility: 5, Credibility: 3}\n")
    refused(cli("recommend", "-a", str(path)), "are both the goal 'credibility'")


def test_a_word_two_ids_share_stands_for_neither():
    words = Vocabulary([("a", ("Same", "A")), ("b", ("same",))])
    assert (words.find("A"), words.find("b"), words.find("SAME")) == ("a", "b", None)


def test_the_common_path_stays_exact(kb):
    schema = AnswersSchema(kb)
    answers = schema.parse({"goals": {"credibility": 5}, "budget": "low"})
    assert answers.values["budget"] == "low"
    assert "key_words" not in schema.__dict__  # no vocabulary built for what needs none
    with pytest.raises(AnswersError, match="did you mean 'low'"):
        schema.parse({"goals": {"credibility": 5}, "budget": "lo"})


@pytest.mark.parametrize("lang", LANGS)
def test_batch_cells_are_forgiven_and_helped_too(cli, kb, tmp_path, lang):
    source = tmp_path / "in.csv"
    medium = kb.question("budget").label("medium", lang).partition(" (")[0]
    source.write_text(
        f"id,goal.credibility,budget\nA,5,{medium}\nB,4,medum\nC,3,LOW\n", encoding="utf-8"
    )
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = cli("batch", str(source), "-o", str(out), "--errors", str(errors), "--lang", lang)
    assert result.code == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["A", "C"]
    bad = [json.loads(line) for line in errors.read_text().splitlines()]
    said = "bedoelt u 'medium'?" if lang == "nl" else "did you mean 'medium'?"  # in --lang
    assert said in bad[0]["error"]


# --- the small ones --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_language_we_do_not_speak_is_one_sentence(cli, lang):
    refused(
        cli("recommend", "-g", "credibility=5", "--lang", "fr"), "--lang cannot be 'fr'", "nl or en"
    )
    refused(cli("kb", "list", "--lang", "fr"), "nl or en")
    assert advice(cli("recommend", "-g", "credibility=5", "-f", "json", "--lang", lang.upper()))


def test_f_wherever_there_is_a_format(cli):
    assert json.loads(cli("kb", "list", "-f", "json").out)["forms"]
    assert json.loads(cli("kb", "list", "-f", "JSON").out)["forms"]
    assert advice(cli("recommend", "-g", "credibility=5", "-f", "Json"))
    refused(cli("kb", "list", "-f", "jsn"), "did you mean 'json'?")
    refused(cli("recommend", "-g", "credibility=5", "-f", "htm"), "did you mean 'html'?")


def test_a_directory_for_output_is_said_to_be_one(cli, tmp_path):
    refused(cli("recommend", "-g", "credibility=5", "-o", str(tmp_path)), "is a directory")


@pytest.mark.parametrize("text", ["", "\n", "# nothing\n"])
def test_empty_standard_input_has_no_answers(cli, monkeypatch, text):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    refused(cli("recommend", "-a", "-"), "no answers on standard input")


def test_an_empty_answers_file_has_no_answers(cli, tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("")
    refused(cli("recommend", "-a", str(path)), f"no answers in {path}")


@installed
@pytest.mark.parametrize(
    "args",
    [
        ["kb", "matrix"],
        ["kb", "list", "-f", "json"],
        ["explain", "audit", "-g", "credibility=5"],
    ],
)
def test_a_reader_that_goes_away_is_no_failure(args):
    """`partneradvisor kb matrix | head`: the reader has what it wanted."""
    child = subprocess.Popen(
        ["partneradvisor", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before a byte is written: every write meets a closed pipe
    err = child.stderr.read()
    assert (child.wait(), err) == (0, b"")


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("recommend --budget ", ["none", "low", "medium", "high"]),
        ("recommend --staff-time m", ["medium"]),
        ("explain audit --audience ", ["consumer", "business", "both"]),
        ("recommend --lang ", ["nl", "en"]),
        ("batch in.csv --lang ", ["nl", "en"]),
        ("recommend --format ", ["table", "json", "markdown", "html", "pdf"]),
        ("kb list --format ", ["table", "json"]),
        ("kb balance -f j", ["json"]),
        ("recommend --set horizon=", ["horizon=short", "horizon=long"]),
        ("recommend --goal cred", ["credibility="]),
    ],
)
def test_options_with_fixed_choices_complete_their_values(words, offered, monkeypatch, capsys):
    # the protocol of the script that --install-completion installs for bash (see test_cli),
    # in this process
    line = f"partneradvisor {words}"
    monkeypatch.setenv("_PARTNERADVISOR_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(line.split(" ")) - 1))
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 0
    assert capsys.readouterr().out.split() == offered


@installed
@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("sh"), reason="needs sh")
def test_install_completion_honours_the_shell_named(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("SHELL", None)

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        line = " ".join(["partneradvisor", *args])
        return subprocess.run(
            ["sh", "-c", line], env={**env, **extra}, capture_output=True, text=True
        )

    # from sh, which typer cannot install for: the shell named wins ...
    done = run("--install-completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "bash completion installed" in done.stdout
    assert "partneradvisor" in (tmp_path / ".bashrc").read_text()
    done = run("--install-completion=zsh")
    assert done.returncode == 0 and (tmp_path / ".zfunc" / "_partneradvisor").is_file()
    # ... else the login shell
    done = run("--install-completion", SHELL="/usr/bin/fish")
    assert done.returncode == 0 and "fish completion installed" in done.stdout
    # ... and without either, one sentence
    done = run("--install-completion")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "--install-completion bash|zsh" in done.stderr
    done = run("--install-completion", "tcsh")
    assert done.returncode == 2 and "use bash, zsh, fish, powershell or pwsh" in done.stderr
    shown = run("--show-completion", "fish")
    assert shown.returncode == 0 and "complete --command partneradvisor" in shown.stdout


def test_no_goal_on_the_command_line_says_how_to_give_one(cli):
    # a newcomer's first try: the sentence names the options, not an answers file's keys
    refused(cli("recommend", "--budget", "low"), "--goal credibility=5", "--answers")
    refused(cli("explain", "audit"), "--goal credibility=5")


def test_a_pdf_is_not_written_to_a_terminal(cli, monkeypatch):
    # its bytes would garble the terminal (a newcomer had to run `reset`); a pipe still gets it
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    refused(cli("recommend", "-g", "credibility=5", "-f", "pdf"), "-o report.pdf")
