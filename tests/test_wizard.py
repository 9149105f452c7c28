"""The wizard: driven through prompt_toolkit pipes, and once for real in a pseudo-terminal."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from partneradvisor.engine import advisor_for
from partneradvisor.wizard import Interview, after_advice, save_answers

DOWN, ENTER, SPACE = "\x1b[B", "\r", " "


@pytest.fixture
def interview_with(kb):
    stack = contextlib.ExitStack()

    def make(keys: str, lang: str = "en", preset=None):
        pipe = stack.enter_context(create_pipe_input())
        pipe.send_text(keys)
        out = io.StringIO()
        console = Console(file=out, width=100, color_system=None)
        interview = Interview(
            advisor_for(kb), lang, console, preset, input=pipe, output=DummyOutput()
        )
        return interview, out

    with stack:
        yield make


def test_text_question_shows_why_without_leaving(kb, interview_with):
    interview, out = interview_with("?" + ENTER + "Bakkerij Peeters" + ENTER)
    interview.ask(kb.question("company"))
    assert interview.document["company"] == "Bakkerij Peeters"
    assert kb.question("company").help.en in " ".join(out.getvalue().split())


def test_choice_question_with_its_why_option(kb, interview_with):
    # the last option is "why do we ask"; then pick the second choice
    budget = kb.question("budget")
    # from the default ('low', 2nd) down to the last option, "why"; then 'medium'
    keys = DOWN * (len(budget.choices) - 1) + ENTER + DOWN + ENTER
    interview, out = interview_with(keys, lang="nl")
    interview.ask(budget)
    assert budget.help.nl in " ".join(out.getvalue().split())
    assert interview.document["budget"] == "medium"


def test_goals_checkbox_then_importance_per_goal(kb, interview_with):
    # pick the first benefit (credibility) and the second listed, then importances 5 and 1
    keys = SPACE + DOWN + SPACE + ENTER + DOWN * 2 + ENTER + "\x1b[A" * 2 + ENTER
    interview, _ = interview_with(keys)
    interview.ask(kb.question("goals"))
    goals = interview.document["goals"]
    assert list(goals) == ["credibility", "stakeholder_goodwill"]
    assert goals == {"credibility": 5, "stakeholder_goodwill": 1}


def test_conditional_question_is_skipped_when_its_condition_fails(kb, interview_with):
    interview, _ = interview_with("")
    interview.document = {"goals": {"publicity": 3}}
    assert not interview.applies(kb.question("open_to_findings"))
    interview.document = {"goals": {"critical_view": 3}}
    assert interview.applies(kb.question("open_to_findings"))


def test_review_lets_the_user_change_an_answer_then_returns(kb, interview_with):
    preset = {"company": "X", "goals": {"credibility": 5}, "budget": "low"}
    change_budget = 1 + 2  # "show" is first; then company, goals, budget
    # budget -> high; the findings question now applies and is asked (yes); then show
    keys = DOWN * change_budget + ENTER + DOWN * 2 + ENTER + ENTER + ENTER
    interview, out = interview_with(keys, preset=preset)
    answers = interview.review()
    assert answers.values["budget"] == "high"
    assert out.getvalue().count("Review your answers") == 2  # shown again after the change


def test_an_unwritable_save_path_is_explained_and_offered_again(kb, tmp_path, interview_with):
    bad, good = tmp_path / "no-such-dir" / "a.yaml", tmp_path / "a.yaml"
    clear = "\x15"  # Ctrl-U empties the proposed file name
    keys = (
        ENTER
        + clear
        + str(bad)
        + ENTER  # save: into a directory that does not exist
        + ENTER
        + clear
        + str(good)
        + ENTER  # save again, where it can be written
        + DOWN * 2
        + ENTER  # quit
    )
    interview, out = interview_with(keys)
    answers = interview.advisor.parse({"company": "ACME", "goals": {"credibility": 4}})
    after_advice(interview, answers, export=lambda fmt, path: None)
    shown = " ".join(out.getvalue().split())
    assert f"cannot write {bad}" in shown and f"Saved to {good}" in shown
    assert yaml.safe_load(good.read_text())["goals"] == {"credibility": 4}


def test_the_interview_goes_through_the_same_validation(kb, interview_with):
    interview, _ = interview_with("")
    interview.document = {"goals": {"credibility": 9}}
    with pytest.raises(Exception, match="whole number from 1 to 5"):
        interview.validated()


def test_ctrl_c_saves_the_answers_so_far(kb, tmp_path, monkeypatch, capsys):
    from partneradvisor.cli.wizard import run

    monkeypatch.chdir(tmp_path)
    with create_pipe_input() as pipe:
        pipe.send_text("ACME" + ENTER + "\x03")  # name, then Ctrl-C at the goals
        code = run(kb, "en", None, 130, input=pipe, output=DummyOutput())
    assert code == 130
    saved = list(tmp_path.glob("partneradvisor-answers-*.yaml"))
    assert len(saved) == 1
    assert yaml.safe_load(saved[0].read_text()) == {"company": "ACME"}
    assert f"partneradvisor wizard --answers {saved[0].name}" in capsys.readouterr().err


def test_without_a_terminal_it_points_to_recommend(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    result = cli("wizard")
    assert result.code == 2
    assert "recommend --answers" in result.err and "Traceback" not in result.err


def test_saved_answers_replay_in_recommend(kb, tmp_path, cli):
    path = tmp_path / "a.yaml"
    save_answers({"company": "Ä & B", "goals": {"credibility": 4}, "budget": "medium"}, path)
    result = cli("recommend", "-a", str(path), "-f", "json")
    assert result.code == 0 and '"company": "Ä & B"' in result.out


@pytest.mark.skipif(not shutil.which("partneradvisor"), reason="the command is not installed")
def test_full_interview_in_a_pseudo_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "LANG": "en_GB.UTF-8", "NO_COLOR": "1", "COLUMNS": "100"}
    child = pexpect.spawn(
        "partneradvisor",
        ["wizard", "--lang", "en"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 100),
    )
    child.expect("company's name")
    child.sendline("Bakkerij Peeters")
    child.expect("What do you want to achieve")
    child.send(SPACE)  # credibility
    child.send(DOWN * 9)  # ... critical view, past the separators
    child.send(SPACE + ENTER)
    child.expect("How important is: Credibility")
    child.send(DOWN * 2 + ENTER)  # 3 -> 5
    child.expect("How important is: Critical outside view")
    child.send(DOWN + ENTER)  # 3 -> 4
    for question in (
        "How much money",
        "How much employee time",
        "Who does your company",
        "How long",
        "May the NGO make public",
    ):
        child.expect(question)
        if question in ("How much money", "How much employee time"):
            child.send(DOWN + ENTER)  # medium
        else:
            child.send(ENTER)
    child.expect("Review your answers")
    child.expect("Show the advice")
    child.send(ENTER)
    child.expect("NGO audit")
    child.expect("How safe is the first place")
    child.expect("Save the answers")
    child.send(ENTER)
    child.expect("File name")
    child.send("\x15" + "saved.yaml" + ENTER)
    child.expect("Saved to saved.yaml")
    child.send(DOWN * 2 + ENTER)  # quit
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = yaml.safe_load((Path(tmp_path) / "saved.yaml").read_text())
    assert saved["goals"] == {"credibility": 5, "critical_view": 4}
    assert saved["budget"] == "medium"
