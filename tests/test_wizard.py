"""The wizard: driven through prompt_toolkit pipes, and once for real in a pseudo-terminal.

Keys are never counted by hand: they come from the questions' definitions in the knowledge
base (pipes) or from what the screen shows (the pseudo-terminal), see tests/helpers.py.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import (
    WHY,
    Answer,
    Keyboard,
    Terminal,
    answer_interview,
    command,
    expect_prompt,
    goal_order,
    keys,
    keys_to_choose,
    keys_to_move,
    keys_to_pick_goals,
    keys_to_review,
    terminal_env,
)
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from partneradvisor.engine import advisor_for
from partneradvisor.kb.model import ALWAYS
from partneradvisor.wizard import Interview, after_advice, save_answers

# after the advice the wizard offers these, in this order
AFTER_ADVICE = ("save", "export", "quit")


def keys_after_advice(choice: str) -> str:
    return keys_to_move(AFTER_ADVICE, AFTER_ADVICE[0], choice) + Keyboard.Enter


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
    interview, out = interview_with(keys("?", Keyboard.Enter, "Bakkerij Peeters", Keyboard.Enter))
    interview.ask(kb.question("company"))
    assert interview.document["company"] == "Bakkerij Peeters"
    assert kb.question("company").help.en in " ".join(out.getvalue().split())


def test_choice_question_with_its_why_option(kb, interview_with):
    budget = kb.question("budget")
    # "why do we ask?", then the question is asked again, and 'medium' is picked
    interview, out = interview_with(
        keys_to_choose(budget, WHY) + keys_to_choose(budget, "medium"), lang="nl"
    )
    interview.ask(budget)
    assert budget.help.nl in " ".join(out.getvalue().split())
    assert interview.document["budget"] == "medium"


def test_goals_checkbox_then_importance_per_goal(kb, interview_with):
    # two goals of one group and one past a group's heading, each with its own importance
    wanted = {"critical_view": 4, "credibility": 5, "stakeholder_goodwill": 1}
    interview, _ = interview_with(keys_to_pick_goals(kb, wanted))
    interview.ask(kb.question("goals"))
    goals = interview.document["goals"]
    assert goals == wanted
    assert list(goals) == [b for b in goal_order(kb) if b in wanted]  # as the list shows them


def test_conditional_question_is_skipped_when_its_condition_fails(kb, interview_with):
    interview, _ = interview_with("")
    interview.document = {"goals": {"publicity": 3}}
    assert not interview.applies(kb.question("open_to_findings"))
    interview.document = {"goals": {"critical_view": 3}}
    assert interview.applies(kb.question("open_to_findings"))


def test_review_lets_the_user_change_an_answer_then_returns(kb, interview_with):
    preset = {"company": "X", "goals": {"credibility": 5}, "budget": "low"}
    interview, out = interview_with("", preset=preset)
    # after a change, each conditional question that applies and was not answered is asked
    then_asked = [
        q
        for q in kb.questions
        if q.kind != "goals"
        and q.condition != ALWAYS
        and q.id not in preset
        and interview.applies(q)
    ]
    assert "open_to_findings" in [q.id for q in then_asked]  # credibility is a goal
    interview, out = interview_with(
        keys_to_review(interview, "budget")
        + keys_to_choose(kb.question("budget"), "high", current="low")
        + "".join(keys_to_choose(q, q.default) for q in then_asked)
        + keys_to_review(interview),  # then show the advice
        preset=preset,
    )
    answers = interview.review()
    assert answers.values["budget"] == "high"
    assert answers.values["open_to_findings"] == "yes"
    assert out.getvalue().count("Review your answers") == 2  # shown again after the change


def test_an_unwritable_save_path_is_explained_and_offered_again(kb, tmp_path, interview_with):
    bad, good = tmp_path / "no-such-dir" / "a.yaml", tmp_path / "a.yaml"
    interview, out = interview_with(
        keys(
            keys_after_advice("save"),
            Keyboard.ControlU,  # empties the proposed file name
            str(bad),  # into a directory that does not exist
            Keyboard.Enter,
            keys_after_advice("save"),
            Keyboard.ControlU,
            str(good),  # again, where it can be written
            Keyboard.Enter,
            keys_after_advice("quit"),
        )
    )
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
    from partneradvisor.wizard import run_interview

    monkeypatch.chdir(tmp_path)
    ids = [q.id for q in kb.questions]
    before = kb.questions[: ids.index("company")]  # their defaults, then the name, then Ctrl-C
    expected = {q.id: q.default for q in before if q.kind == "choice"}
    expected["company"] = "ACME"
    with create_pipe_input() as pipe:
        pipe.send_text(
            "".join(keys_to_choose(q, q.default) if q.choices else Keyboard.Enter for q in before)
            + keys("ACME", Keyboard.Enter, Keyboard.ControlC)
        )
        code = run_interview(
            kb, "en", None, Console(file=io.StringIO()), input=pipe, output=DummyOutput()
        )
    assert code == 130
    saved = list(tmp_path.glob("partneradvisor-answers-*.yaml"))
    assert len(saved) == 1
    assert yaml.safe_load(saved[0].read_text()) == expected
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


# --- for real, in a pseudo-terminal ----------------------------------------------------------

INTERVIEW = {
    "company": "Bakkerij Peeters",
    "goals": {"credibility": 5, "critical_view": 4},
    "budget": "medium",
    "staff_time": "medium",
    "open_to_findings": "yes",  # asked because credibility is a goal
}


def as_shown(kb, document: dict[str, Any]) -> dict[str, Answer]:
    """Each answer as the screen shows it: question text -> the text typed, or the labels."""
    shown: dict[str, Answer] = {}
    for question in kb.questions:
        if question.id not in document:
            continue
        value = document[question.id]
        if question.kind == "text":
            shown[question.text.en] = value
        elif question.kind == "choice":
            shown[question.text.en] = question.label(value, "en")
        else:
            names = {b: kb.benefit(b).name.en for b in value}
            shown[question.text.en] = [names[b] for b in goal_order(kb) if b in value]
            for benefit, importance in value.items():
                asked = question.importance.text.en.format(goal=names[benefit])
                shown[asked] = str(importance)  # shown as "5 – essential"
    return shown


@pytest.mark.terminal
@pytest.mark.slow
@pytest.mark.skipif(not command(), reason="the command is not installed")
def test_full_interview_in_a_pseudo_terminal(kb, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        command(),
        ["wizard", "--lang", "en"],
        cwd=str(tmp_path),
        env=terminal_env(COLUMNS="160"),
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 160),
    )
    terminal = Terminal(child)
    try:
        answers = as_shown(kb, INTERVIEW)
        # every question is answered by what it asks; one this test does not know (a new one
        # in the knowledge base) gets its default
        asked = answer_interview(terminal, answers, until="Show the advice")
        terminal.choose("Show the advice")
        terminal.expect("NGO audit")
        terminal.expect("How safe is the first place")
        expect_prompt(terminal, "What would you like to do")
        terminal.choose("Save the answers")
        expect_prompt(terminal, "File name")
        terminal.type("saved.yaml")
        terminal.expect("Saved to saved.yaml")
        expect_prompt(terminal, "What would you like to do")
        terminal.choose("Quit")
        assert terminal.expect_eof() == 0
    finally:
        child.close(force=True)

    # each question of the interview was asked once, in the knowledge base's order
    assert sorted(key for _, key in asked if key) == sorted(answers)
    order = {q.text.en: index for index, q in enumerate(kb.questions)}
    positions = [
        next((index for text, index in order.items() if question.startswith(text)), None)
        for question, _ in asked
    ]
    asked_in_kb = [p for p in positions if p is not None]
    assert asked_in_kb == sorted(set(asked_in_kb))

    saved = yaml.safe_load((Path(tmp_path) / "saved.yaml").read_text())
    assert saved["goals"] == {"credibility": 5, "critical_view": 4}
    assert saved["budget"] == "medium"
    assert {k: saved[k] for k in INTERVIEW} == INTERVIEW
