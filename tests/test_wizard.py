"""The wizard: driven through prompt_toolkit pipes, and for real in a pseudo-terminal.

Keys are never counted by hand: they come from the questions' definitions in the knowledge
base (pipes) or from what the screen shows (the pseudo-terminal), see tests/helpers.py.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import (
    BACK,
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
    picker_items,
    terminal_env,
)
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from partneradvisor.engine import advisor_for
from partneradvisor.render.phrases import ui
from partneradvisor.wizard import AfterAdvice, Interview, run_interview, save_answers

LANGS = ("nl", "en")
# after the advice the wizard offers these, in this order, and keeps its place between them
MENU = tuple(AfterAdvice.CHOICES)


def keys_in_menu(choice: str, at: str = MENU[0]) -> str:
    return keys_to_move(MENU, at, choice) + Keyboard.Enter


def say(key: str, lang: str, **values: Any) -> str:
    return ui(f"wizard_{key}", lang, **values)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def pipes():
    """A prompt_toolkit pipe that holds the keys given, for each call; closed after the test."""
    stack = contextlib.ExitStack()

    def make(keys: str) -> Any:
        pipe = stack.enter_context(create_pipe_input())
        pipe.send_text(keys)
        pipe.close()  # keys the test did not foresee fail it, instead of waiting for more
        return pipe

    with stack:
        yield make


@pytest.fixture
def interview_with(kb, pipes):
    def make(keys: str, lang: str = "en", preset=None):
        out = io.StringIO()
        console = Console(file=out, width=100, color_system=None)
        interview = Interview(
            advisor_for(kb), lang, console, preset, input=pipes(keys), output=DummyOutput()
        )
        return interview, out

    return make


def test_the_first_question_waits_for_no_console(kb, pipes):
    made: list[Console] = []

    def console() -> Console:
        made.append(Console(file=io.StringIO(), width=100))
        return made[-1]

    name = kb.question("company")
    interview = Interview(
        advisor_for(kb),
        "en",
        console,
        input=pipes(keys("ACME", Keyboard.Enter)),
        output=DummyOutput(),
    )
    interview.ask(name)
    assert interview.document["company"] == "ACME" and not made  # rich not needed yet
    interview.show_review()
    assert len(made) == 1 and interview.console is made[0]  # made once, when first written to


def complete(kb, **answers: Any) -> dict[str, Any]:
    """An answers document that answers every question (defaults where not given)."""
    document: dict[str, Any] = {"company": "X", "goals": {"credibility": 5}}
    document.update({q.id: q.default for q in kb.questions if q.kind == "choice"})
    document.update(answers)
    return document


def defaults_after(kb, question_id: str, goals: dict[str, int]) -> str:
    """The keys that take the default of every question after `question_id` that applies."""
    interview = Interview(advisor_for(kb), "en", Console(file=io.StringIO()), {"goals": goals})
    ids = [q.id for q in kb.questions]
    after = kb.questions[ids.index(question_id) + 1 :]
    return "".join(keys_to_choose(q, q.default) for q in after if interview.applies(q))


# --- one question at a time ------------------------------------------------------------------


def test_every_prompt_shares_one_set_of_default_key_bindings(kb, interview_with, pipes):
    # prompt_toolkit would build its few hundred default bindings twice per question
    interview_with("")
    import questionary

    first, second = (
        questionary.select("?", choices=["a", "b"], input=pipes(""), output=DummyOutput())
        for _ in range(2)
    )
    assert first.application._default_bindings is second.application._default_bindings
    assert first.application._page_navigation_bindings is (
        second.application._page_navigation_bindings
    )


def test_text_question_shows_why_without_leaving(kb, interview_with):
    interview, out = interview_with(keys("?", Keyboard.Enter, "Bakkerij Peeters", Keyboard.Enter))
    interview.ask(kb.question("company"))
    assert interview.document["company"] == "Bakkerij Peeters"
    assert kb.question("company").help.en in flat(out.getvalue())


def test_choice_question_with_its_why_option(kb, interview_with):
    budget = kb.question("budget")
    # "why do we ask?", then the question is asked again, and 'medium' is picked
    interview, out = interview_with(
        keys_to_choose(budget, WHY) + keys_to_choose(budget, "medium"), lang="nl"
    )
    interview.ask(budget)
    assert budget.help.nl in flat(out.getvalue())
    assert interview.document["budget"] == "medium"


def test_goals_checkbox_then_importance_per_goal(kb, interview_with):
    # two goals of one group and one past a group's heading, each with its own importance
    wanted = {"critical_view": 4, "credibility": 5, "stakeholder_goodwill": 1}
    interview, _ = interview_with(keys_to_pick_goals(kb, wanted))
    interview.ask(kb.question("goals"))
    goals = interview.document["goals"]
    assert goals == wanted
    assert list(goals) == [b for b in goal_order(kb) if b in wanted]  # as the list shows them


@pytest.mark.parametrize("lang", LANGS)
def test_why_in_the_goal_list_is_no_goal_and_enter_needs_one(kb, interview_with, lang):
    items = picker_items(kb)
    interview, _ = interview_with(
        keys(
            Keyboard.Enter,  # nothing ticked: the picker stays
            keys_to_move(items, items[0], WHY),
            Keyboard.Space,  # "why" is never ticked ...
            Keyboard.Enter,  # ... and Enter on it shows its text, it does not answer
            keys_to_move(items, WHY, "innovation"),
            Keyboard.Space,
            Keyboard.Enter,
            Keyboard.Enter,  # the importance proposed: the scale's default
        ),
        lang=lang,
    )
    interview.ask(kb.question("goals"))
    assert interview.document["goals"] == {"innovation": kb.question("goals").importance.default}


def test_conditional_question_is_skipped_when_its_condition_fails(kb, interview_with):
    interview, _ = interview_with("")
    interview.document = {"goals": {"publicity": 3}}
    assert not interview.applies(kb.question("open_to_findings"))
    interview.document = {"goals": {"critical_view": 3}}
    assert interview.applies(kb.question("open_to_findings"))


def test_the_interview_goes_through_the_same_validation(kb, interview_with):
    interview, _ = interview_with("")
    interview.document = {"goals": {"credibility": 9}}
    with pytest.raises(Exception, match="whole number from 1 to 5"):
        interview.validated()


# --- back, progress, review ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_back_two_questions_then_change_an_answer(kb, interview_with, lang):
    budget, staff = kb.question("budget"), kb.question("staff_time")
    first = {"publicity": 4}
    then = {"publicity": 4, "credibility": 5}
    interview, _ = interview_with(
        keys("ACME", Keyboard.Enter)
        + keys_to_pick_goals(kb, first)
        + keys_to_choose(budget, "medium")
        + keys_to_choose(staff, BACK)  # back to the budget, its answer proposed ...
        + keys_to_choose(budget, BACK, current="medium")  # ... and back to the goals
        + keys_to_pick_goals(kb, then, chosen=first)
        + keys_to_choose(budget, "low", current="medium")  # asked again: the answer changed
        + keys_to_choose(staff, "high")
        + defaults_after(kb, "staff_time", then)  # open_to_findings now applies too
        + keys_to_review(interview_with("")[0]),  # show the advice
        lang=lang,
    )
    answers = interview.review()
    assert answers.goals == {"credibility": 5, "publicity": 4}
    assert (answers.values["budget"], answers.values["staff_time"]) == ("low", "high")
    assert interview.document["open_to_findings"] == "yes"  # asked, not taken by default


def test_progress_counts_the_questions_that_apply(kb, interview_with):
    interview, _ = interview_with("")
    total = len([q for q in kb.questions if q.condition.holds({}, {})])
    assert interview.progress(kb.question("budget")) == f"3/{total}"
    interview.document = {"goals": {"credibility": 3}}  # open_to_findings applies now
    assert interview.progress(kb.question("budget")) == f"3/{total + 1}"


@pytest.mark.parametrize("lang", LANGS)
def test_review_changes_an_answer_and_asks_what_now_applies(kb, interview_with, lang):
    preset = complete(kb, goals={"publicity": 3})
    del preset["open_to_findings"]  # not asked: credibility is no goal
    probe, _ = interview_with("", preset=preset)
    then = {"publicity": 3, "credibility": 5}
    interview, out = interview_with(
        keys_to_review(probe, "goals")
        + keys_to_pick_goals(kb, then, chosen={"publicity": 3})
        + keys_to_choose(kb.question("open_to_findings"), "no")  # now it applies: asked
        + keys_to_review(probe),  # then show the advice
        lang=lang,
        preset=preset,
    )
    answers = interview.review()
    assert answers.goals == then and answers.values["open_to_findings"] == "no"
    assert out.getvalue().count(say("review", lang)) == 2  # shown again after the change


def test_back_from_a_change_in_the_review_keeps_the_answer(kb, interview_with):
    preset = complete(kb, budget="medium")
    probe, _ = interview_with("", preset=preset)
    interview, _ = interview_with(
        keys_to_review(probe, "budget")
        + keys_to_choose(kb.question("budget"), BACK, current="medium")
        + keys_to_review(probe),
        preset=preset,
    )
    assert interview.review().values["budget"] == "medium"


# --- resuming --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_value_in_a_resumed_file_is_flagged_and_asked_again(kb, interview_with, lang):
    staff = kb.question("staff_time")
    preset = complete(kb, staff_time="lots", budget="Gemiddeld")  # a Dutch label is fine
    interview, out = interview_with(
        # the pointer rests on what the file probably meant: 'lots' is near 'A lot'
        keys_to_choose(staff, "medium", current="high") + keys_to_review(interview_with("")[0]),
        lang=lang,
        preset=preset,
    )
    assert "staff_time" in interview.flaws and not interview.answered(staff)
    answers = interview.review()
    assert (answers.values["staff_time"], answers.values["budget"]) == ("medium", "medium")
    shown = flat(out.getvalue())
    assert say("flaw", lang, given="'lots'") in shown
    assert say("did_you_mean", lang, suggestion=staff.label("high", lang)) in shown


def test_bad_goals_in_a_resumed_file_are_asked_again_with_the_good_ones_ticked(kb, pipes):
    preset = complete(kb, goals={"credibilty": 5, "innovation": "lots", "publicity": "4"})
    interview = Interview(advisor_for(kb), "en", Console(file=io.StringIO()), preset)
    flaw = interview.flaws["goals"]
    assert flaw.suggestion == "credibility"
    assert interview.document["goals"] == {"publicity": 4}
    # what the file probably means is ticked: the near miss with its importance, the goal
    # whose importance does not fit with none
    assert interview.proposed == {"credibility": 5, "innovation": None}
    assert not interview.answered(kb.question("goals"))
    goals = {"credibility": 5, "innovation": 2, "publicity": 4}
    order = [b for b in goal_order(kb) if b in goals]
    scale = kb.question("goals").importance
    answering = Interview(
        advisor_for(kb),
        "en",
        Console(file=io.StringIO()),
        preset,
        input=pipes(
            Keyboard.Enter  # the goals ticked as proposed
            + "".join(
                keys_to_move(
                    sorted(scale.scale),
                    {"innovation": scale.default}.get(b, goals[b]),
                    goals[b],
                )
                + Keyboard.Enter
                for b in order
            )
        ),
        output=DummyOutput(),
    )
    answering.ask(kb.question("goals"))
    assert answering.document["goals"] == goals and not answering.flaws


@pytest.mark.parametrize("lang", LANGS)
def test_resume_starts_at_the_first_unanswered_question_and_ctrl_c_saves_there(
    kb, tmp_path, monkeypatch, capsys, pipes, lang
):
    monkeypatch.chdir(tmp_path)
    resumed = tmp_path / "answers.yaml"
    given = {"company": "ACME", "goals": {"credibility": 5}, "budget": "medium", "colour": "red"}
    save_answers(given, resumed)
    out = io.StringIO()
    code = run_interview(
        kb,
        lang,
        dict(given),
        Console(file=out, width=100),
        resume_path=str(resumed),
        # the first question asked is the staff time: the file answers those before it
        input=pipes(keys_to_choose(kb.question("staff_time"), "high") + Keyboard.ControlC),
        output=DummyOutput(),
    )
    assert code == 130
    saved = yaml.safe_load(resumed.read_text())
    # what was answered, nothing taken by default, and what no question has kept as it was
    assert saved == {**given, "staff_time": "high"}
    assert not list(tmp_path.glob("partneradvisor-answers-*.yaml"))  # no other file
    assert f"--answers {resumed}" in capsys.readouterr().err
    shown = flat(out.getvalue())
    answered = 3  # company, goals, budget
    assert say("resumed", lang, path=resumed, answered=answered, total=11) in shown
    assert say("unknown_key", lang, name="'colour'") in shown


def test_ctrl_c_saves_the_answers_so_far(kb, tmp_path, monkeypatch, capsys, pipes):
    monkeypatch.chdir(tmp_path)
    ids = [q.id for q in kb.questions]
    before = kb.questions[: ids.index("company")]  # their defaults, then the name, then Ctrl-C
    expected = {q.id: q.default for q in before if q.kind == "choice"}
    expected["company"] = "ACME"
    pipe = pipes(
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


# --- after the advice ------------------------------------------------------------------------


@pytest.fixture
def after_advice(kb, interview_with):
    """The menu after the advice for a complete interview, driven by the keys given."""

    def make(keys: str, lang: str = "en", answers_file: str | None = None):
        interview, out = interview_with(keys, lang=lang, preset=complete(kb, company="ACME"))
        exported: list[tuple[str, str]] = []
        menu = AfterAdvice(interview, answers_file, lambda fmt, path: exported.append((fmt, path)))
        advice = interview.advisor.advise(interview.validated())
        return menu, advice, out, exported

    return make


@pytest.mark.parametrize("lang", LANGS)
def test_export_asks_before_overwriting_and_the_menu_keeps_its_place(tmp_path, after_advice, lang):
    report = tmp_path / "report.html"
    report.write_text("the old report")
    replace = [True, False, BACK]  # "yes, replace it", "no, keep it" (proposed), back
    menu, advice, out, exported = after_advice(
        keys(
            keys_in_menu("export"),
            Keyboard.Enter,  # HTML
            Keyboard.ControlU,
            str(report),
            Keyboard.Enter,
            Keyboard.Enter,  # exists: the answer proposed is no
            Keyboard.Enter,  # the menu is still on "export"; HTML is proposed again
            Keyboard.Enter,
            Keyboard.ControlU,
            str(report),
            Keyboard.Enter,
            keys_to_move(replace, False, True),
            Keyboard.Enter,  # yes
            keys_in_menu("quit", at="export"),
        ),
        lang=lang,
    )
    assert menu.run(advice) == "quit"
    assert exported == [("html", str(report))]  # once: after the yes
    shown = flat(out.getvalue())
    assert say("not_written", lang, path=report) in shown
    assert say("saved", lang, path=report) in shown


def test_save_proposes_the_resumed_file(kb, tmp_path, after_advice):
    resumed = tmp_path / "mine.yaml"
    resumed.write_text("company: ACME\n")
    menu, advice, _, _ = after_advice(
        keys(
            keys_in_menu("save"),
            Keyboard.Enter,  # the file proposed: the one resumed
            Keyboard.Enter,  # it exists, and it is ours: replacing it is proposed
            keys_in_menu("quit", at="save"),
        ),
        answers_file=str(resumed),
    )
    assert menu.run(advice) == "quit"
    assert yaml.safe_load(resumed.read_text()) == complete(kb, company="ACME")


def test_an_unwritable_save_path_is_explained_and_offered_again(tmp_path, after_advice):
    bad, good = tmp_path / "no-such-dir" / "a.yaml", tmp_path / "a.yaml"
    menu, advice, out, _ = after_advice(
        keys(
            keys_in_menu("save"),
            Keyboard.ControlU,  # empties the proposed file name
            str(bad),  # into a directory that does not exist
            Keyboard.Enter,
            Keyboard.Enter,  # the menu is still on "save"
            Keyboard.ControlU,
            str(good),  # again, where it can be written
            Keyboard.Enter,
            Keyboard.Enter,  # the menu is still on "save"
            Keyboard.ControlU,
            str(tmp_path),  # a directory
            Keyboard.Enter,
            keys_in_menu("quit", at="save"),
        )
    )
    menu.run(advice)
    shown = flat(out.getvalue())
    assert f"cannot write {bad}" in shown and f"Saved to {good}" in shown
    assert yaml.safe_load(good.read_text())["goals"] == {"credibility": 5}


@pytest.mark.parametrize("lang", LANGS)
def test_explain_a_form_after_the_advice(kb, after_advice, lang):
    menu, advice, out, _ = after_advice(
        keys(keys_in_menu("explain"), Keyboard.Enter, keys_in_menu("change")), lang=lang
    )
    assert menu.run(advice) == "change"
    first = advice.recommendations[0].form
    shown = flat(out.getvalue())
    assert kb.form(first).summary.get(lang) in shown
    assert f"{ui('tier', lang)}:" in shown


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


def in_a_terminal(test: Any) -> Any:
    """Marks a test that drives the installed command in a pseudo-terminal."""
    for mark in (
        pytest.mark.terminal,
        pytest.mark.slow,
        pytest.mark.skipif(not command(), reason="the command is not installed"),
    ):
        test = mark(test)
    return test


def as_shown(kb, document: dict[str, Any], lang: str = "en") -> dict[str, Answer]:
    """Each answer as the screen shows it: question text -> the text typed, or the labels."""
    shown: dict[str, Answer] = {}
    for question in kb.questions:
        if question.id not in document:
            continue
        value = document[question.id]
        text = question.text.get(lang)
        if question.kind == "text":
            shown[text] = value
        elif question.kind == "choice":
            shown[text] = question.label(value, lang)
        else:
            names = {b: kb.benefit(b).name.get(lang) for b in value}
            shown[text] = [names[b] for b in goal_order(kb) if b in value]
            for benefit, importance in value.items():
                asked = question.importance.text.get(lang).format(goal=names[benefit])
                shown[asked] = str(importance)  # shown as "5 – essential"
    return shown


def spawn(tmp_path: Path, *args: str) -> Terminal:
    """The wizard in a pseudo-terminal of 80 columns and 24 lines, the size of the smallest
    screen it must read well on."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        command(),
        ["wizard", *args],
        cwd=str(tmp_path),
        env=terminal_env(COLUMNS="80", LINES="24"),
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )
    return Terminal(child)


def resume_command(terminal: Terminal) -> Path:
    """The file named in "resume with: partneradvisor wizard --answers FILE"."""
    found = re.search(r"wizard --answers (\S+)", terminal.screen.text)
    assert found, terminal
    return Path(found[1])


@in_a_terminal
@pytest.mark.parametrize("lang", LANGS)
def test_back_ctrl_c_resume_and_no_overwrite_in_a_terminal(kb, tmp_path, lang):
    budget, staff, in_kind = (kb.question(q) for q in ("budget", "staff_time", "in_kind"))
    back = say("back", lang)
    total = 11  # credibility is a goal: whether the NGO may publish what it finds is asked
    terminal = spawn(tmp_path, "--lang", lang)
    try:
        prompt = expect_prompt(terminal, kb.question("company").text.get(lang))
        assert prompt.progress == (1, 10)  # before the goals, the question on findings is out
        terminal.type("Bakkerij Peeters")
        prompt = expect_prompt(terminal, kb.question("goals").text.get(lang))
        assert prompt.progress == (2, 10)
        assert back in prompt.items
        terminal.check([kb.benefit("credibility").name.get(lang)])
        prompt = terminal.next_prompt()
        assert prompt.progress == (2, total)
        terminal.choose("5")
        prompt = expect_prompt(terminal, budget.text.get(lang))
        assert prompt.progress == (3, total)
        terminal.choose(budget.label("medium", lang))
        prompt = expect_prompt(terminal, staff.text.get(lang))
        terminal.choose(staff.label("medium", lang))
        prompt = expect_prompt(terminal, in_kind.text.get(lang))
        assert prompt.progress == (5, total)
        # two questions back, the budget changed, then on from there
        terminal.choose(back)
        prompt = expect_prompt(terminal, staff.text.get(lang))
        assert prompt.current == staff.label("medium", lang)  # its answer, proposed
        terminal.choose(back)
        prompt = expect_prompt(terminal, budget.text.get(lang))
        assert prompt.current == budget.label("medium", lang)
        terminal.choose(budget.label("high", lang))
        prompt = expect_prompt(terminal, staff.text.get(lang))
        terminal.choose(staff.label("low", lang))
        expect_prompt(terminal, in_kind.text.get(lang))
        terminal.send(Keyboard.ControlC)
        assert terminal.expect_eof() == 130
    finally:
        terminal.child.close(force=True)
    saved = tmp_path / resume_command(terminal)
    assert yaml.safe_load(saved.read_text()) == {
        "company": "Bakkerij Peeters",
        "goals": {"credibility": 5},
        "budget": "high",
        "staff_time": "low",
    }

    report = tmp_path / "report.html"
    report.write_text("the old report")
    terminal = spawn(tmp_path, "--lang", lang, "--answers", saved.name)
    try:
        # on at the first question the file does not answer, what it answers shown answered
        prompt = expect_prompt(terminal, in_kind.text.get(lang))
        assert prompt.progress == (5, total)
        assert say("resumed", lang, path=saved.name, answered=4, total=total) in flat(
            terminal.screen.text
        )
        terminal.choose(in_kind.label("no", lang))
        asked = answer_interview(terminal, {}, until=say("show", lang))
        # each question after it once (a question wraps at 80 columns: compare the starts)
        expected = [q.text.get(lang) for q in kb.questions[kb.questions.index(in_kind) + 1 :]]
        assert len(asked) == len(expected)
        assert all(
            shown.startswith(text[:30]) for (shown, _), text in zip(asked, expected, strict=True)
        )
        terminal.choose(say("show", lang))
        expect_prompt(terminal, say("next", lang))
        terminal.choose(say("export", lang))
        expect_prompt(terminal, say("format", lang))
        terminal.choose("HTML")
        expect_prompt(terminal, say("path", lang))
        terminal.type(report.name)
        prompt = expect_prompt(terminal, say("exists", lang, path=report.name))
        assert prompt.current == say("keep", lang)  # no, unless the user says yes
        terminal.choose(say("keep", lang))
        terminal.expect(say("not_written", lang, path=report.name))
        prompt = expect_prompt(terminal, say("next", lang))
        assert prompt.current == say("export", lang)  # the menu kept its place
        terminal.choose(say("quit", lang))
        assert terminal.expect_eof() == 0
    finally:
        terminal.child.close(force=True)
    assert report.read_text() == "the old report"
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == [saved.name]  # no new file


@in_a_terminal
@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_value_in_a_resumed_file_is_asked_again_in_a_terminal(kb, tmp_path, lang):
    staff = kb.question("staff_time")
    resumed = tmp_path / "answers.yaml"
    save_answers({"goals": {"credibility": 5}, "company": "ACME", "staff_time": "lots"}, resumed)
    terminal = spawn(tmp_path, "--lang", lang, "--answers", resumed.name)
    try:
        prompt = expect_prompt(terminal, kb.question("budget").text.get(lang))  # unanswered
        terminal.choose(kb.question("budget").label("low", lang))
        prompt = expect_prompt(terminal, staff.text.get(lang))
        assert prompt.progress == (4, 11)
        shown = flat(terminal.screen.text)
        assert say("flaw", lang, given="'lots'") in shown
        assert prompt.current == staff.label("high", lang)  # what 'lots' probably meant
        terminal.choose(staff.label("medium", lang))
        expect_prompt(terminal, kb.question("in_kind").text.get(lang))
        terminal.send(Keyboard.ControlC)
        assert terminal.expect_eof() == 130
    finally:
        terminal.child.close(force=True)
    saved = yaml.safe_load(resumed.read_text())
    assert saved == {
        "company": "ACME",
        "goals": {"credibility": 5},
        "budget": "low",
        "staff_time": "medium",
    }


@in_a_terminal
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
    assert len(asked_in_kb) == len(kb.questions)

    saved = yaml.safe_load((Path(tmp_path) / "saved.yaml").read_text())
    assert saved["goals"] == {"credibility": 5, "critical_view": 4}
    assert saved["budget"] == "medium"
    assert {k: saved[k] for k in INTERVIEW} == INTERVIEW


def test_export_offers_a_pdf_where_weasyprint_is_installed(tmp_path, after_advice):
    # the test extras install WeasyPrint, the [pdf] extra's library
    pdf = tmp_path / "advies.pdf"
    formats = ["html", "markdown", "json", "pdf"]  # as the menu lists them
    menu, advice, _, exported = after_advice(
        keys(
            keys_in_menu("export"),
            keys_to_move(formats, "html", "pdf"),
            Keyboard.Enter,
            Keyboard.ControlU,
            str(pdf),
            Keyboard.Enter,
            keys_in_menu("quit", at="export"),
        )
    )
    assert menu.run(advice) == "quit"
    assert exported == [("pdf", str(pdf))]
