"""The interactive interview, built from the knowledge base's questions (no question text here).

Every answer goes through the same validation as an answers file. Prompts take prompt_toolkit
`input`/`output` so tests can drive them with a pipe.

The interview forgives: every question says where it is ("3/10"), every question but the first
can go back to the one before it ("← Back", or `<` in a text question), a resumed file is
taken for what it answers and the interview goes on at the first question it does not, a value
in it that does not fit its question is flagged and asked again, and the review can change
any answer. Nothing is written over without a yes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import questionary

from ._text import excerpt
from .answers import GOALS_KEY, Answers, Flaw
from .engine import Advisor
from .errors import AnswersError, PartnerAdvisorError
from .kb.model import KnowledgeBase, Lang, Question
from .render.phrases import benefit_name, form_name, pct, place_mark, tier_name, ui

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as RichText

    from .advice import Advice

HELP = "__why__"
BACK = "__back__"
TICKED, UNTICKED = "●", "○"  # questionary's marks for a ticked and an unticked choice
ANSWERS_FILE = "partneradvisor-answers.yaml"


def share_default_key_bindings() -> None:
    """Build prompt_toolkit's default key bindings once per process.

    prompt_toolkit builds its few hundred default bindings anew for every Application, and
    questionary makes two Applications per question: ~50 ms between an answer and the next
    question. The bindings keep no state of their own (their filters ask the running
    application), so one set serves every prompt."""
    import functools

    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        build = getattr(application, name)
        if not hasattr(build, "cache_info"):
            setattr(application, name, functools.cache(build))


def say(key: str, lang: Lang, **values: object) -> str:
    return ui(f"wizard_{key}", lang, **values)


class Back(Exception):
    """The user asked for the question before this one."""


def one_line(text: str, width: int) -> str:
    """text on one line of at most `width` characters (cut with an ellipsis)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def select(
    message: str, choices: list[questionary.Choice], default: Any, lang: Lang, io: dict[str, Any]
) -> Any:
    """One choice from a menu, the pointer on the default; "back" raises Back."""
    picked = questionary.select(
        message,
        choices=choices,
        default=next((c for c in choices if c.value == default), None),
        instruction=say("select_hint", lang),
        **io,
    ).unsafe_ask()
    if picked == BACK:
        raise Back
    return picked


class Interview:
    """Asks the questions, keeps the answers so far (also when interrupted), reviews them.

    `document` holds the answers given, as values and ids, and nothing else: a question that
    was not answered has no entry (its default is proposed, never taken for an answer).
    A `preset` (a resumed answers file) is taken for what it answers; each value in it that
    does not fit its question is a flaw, shown and asked again.
    """

    def __init__(
        self,
        advisor: Advisor,
        lang: Lang,
        console: Console | Callable[[], Console],
        preset: dict[str, Any] | None = None,
        **prompt_io: Any,
    ) -> None:
        self.advisor = advisor
        self.kb: KnowledgeBase = advisor.kb
        self.lang = lang
        self._console = console  # or how to make it, when first written to
        self.io = prompt_io  # input=/output= for prompt_toolkit (tests)
        share_default_key_bindings()
        self.document: dict[str, Any] = {}
        self.flaws: dict[str, Flaw] = {}
        # the goals a resumed file probably means, when its goals do not fit: ticked when the
        # goals are asked again, with their importance proposed
        self.proposed: dict[str, int | None] = {}
        self.given: dict[Any, Any] = dict(preset or {})  # the resumed file as it was
        if preset:
            triage = advisor.schema.triage(preset)
            self.document = triage.answers
            self.flaws = triage.flaws
            self.proposed = triage.proposed

    @property
    def console(self) -> Console:
        """The terminal, made when first written to: rich takes longer to import than the
        first question takes to show."""
        if callable(self._console):
            self._console = self._console()
        return self._console

    @cached_property
    def width(self) -> int:
        made = None if callable(self._console) else self._console
        return max(made.width if made else shutil.get_terminal_size().columns, 40)

    # --- what is answered ----------------------------------------------------------------

    @staticmethod
    def key(question: Question) -> str:
        return GOALS_KEY if question.kind == "goals" else question.id

    def answered(self, question: Question) -> bool:
        key = self.key(question)
        return key in self.document and key not in self.flaws

    def applies(self, question: Question, goals: dict[str, int] | None = None) -> bool:
        """Whether the question is asked, given the answers so far (and `goals`, when they
        are being picked)."""
        values = {
            q.id: self.document.get(q.id, q.default) for q in self.kb.questions if q.kind != "goals"
        }
        if goals is None:
            goals = self.document.get(GOALS_KEY) or {}
        return question.condition.holds(values, goals)

    def applying(self, goals: dict[str, int] | None = None) -> list[Question]:
        return [q for q in self.kb.questions if self.applies(q, goals)]

    def progress(self, question: Question, goals: dict[str, int] | None = None) -> str:
        """Where the question is in the interview: "3/10" (the questions that apply now)."""
        applying = [q.id for q in self.applying(goals)]
        number = applying.index(question.id) + 1 if question.id in applying else len(applying)
        return f"{number}/{len(applying)}"

    def _forget(self, question: Question) -> None:
        """A question that does not apply (any more) has no answer."""
        if question.kind != "goals":
            self.document.pop(question.id, None)
            self.flaws.pop(question.id, None)

    # --- asking --------------------------------------------------------------------------

    def _help(self, question: Question) -> None:
        self.console.print(f"  {question.help.get(self.lang)}", style="dim", markup=False)

    def _message(
        self, question: Question, text: str | None = None, goals: dict[str, int] | None = None
    ) -> str:
        return f"{self.progress(question, goals)} {text or question.text.get(self.lang)}"

    def _select(
        self,
        question: Question,
        message: str,
        choices: list[questionary.Choice],
        default: Any,
        can_go_back: bool,
    ) -> Any:
        lang = self.lang
        choices = [*choices, questionary.Choice(say("why", lang), value=HELP)]
        if can_go_back:
            choices.append(questionary.Choice(say("back", lang), value=BACK))
        while True:
            picked = select(message, choices, default, lang, self.io)
            if picked != HELP:
                return picked
            self._help(question)

    def _choices(self, question: Question) -> list[questionary.Choice]:
        width = self.width - 6  # questionary's pointer and margin
        return [
            questionary.Choice(one_line(c.label.get(self.lang), width), value=c.value)
            for c in question.choices
        ]

    def ask(self, question: Question, can_go_back: bool = True) -> None:
        """Ask one question; its answer replaces any earlier one. Raises Back when the user
        asks for the question before it."""
        self._show_flaw(question)
        if question.kind == "text":
            self._ask_text(question, can_go_back)
        elif question.kind == "choice":
            current = self.document.get(question.id)
            flaw = self.flaws.get(question.id)
            if flaw is not None:  # the pointer on what the file probably meant
                current = flaw.suggestion
            if current not in question.values:
                current = question.default
            self.document[question.id] = self._select(
                question, self._message(question), self._choices(question), current, can_go_back
            )
        else:
            self._ask_goals(question, can_go_back)
        self.flaws.pop(self.key(question), None)
        if question.kind == "goals":
            self.proposed = {}

    def _ask_text(self, question: Question, can_go_back: bool) -> None:
        lang = self.lang
        current = self.document.get(question.id)
        hint = say("text_hint_back" if can_go_back else "text_hint", lang)
        while True:
            proposed = current if isinstance(current, str) and question.id not in self.flaws else ""
            value = questionary.text(
                self._message(question),
                default=proposed,
                instruction=hint,
                **self.io,
            ).unsafe_ask()
            typed = value.strip()
            if typed == "?":
                self._help(question)
            elif typed == "<" and can_go_back:
                raise Back
            elif typed == "<":
                self.console.print(f"  {say('first_question', lang)}", style="yellow", markup=False)
            else:
                self.document[question.id] = typed  # '' is an answer too: no name
                return

    def _ask_goals(self, question: Question, can_go_back: bool) -> None:
        """The goal picker, then the importance of each goal picked; back from the first
        importance returns to the picker, back from the picker to the question before."""
        lang = self.lang
        scale = question.importance
        assert scale is not None
        earlier: dict[str, int] = {
            **{b: n for b, n in self.proposed.items() if n is not None},
            **(self.document.get(GOALS_KEY) or {}),
        }
        ticked = [*earlier, *(b for b in self.proposed if b not in earlier)]
        while True:
            picked = self._pick_goals(question, ticked, can_go_back)
            proposed = {b: earlier.get(b) or scale.default for b in picked}  # for the progress
            goals: dict[str, int] = {}
            index = 0
            while index < len(picked):
                benefit_id = picked[index]
                levels = [
                    questionary.Choice(
                        one_line(f"{n} – {scale.scale[n].get(lang)}", self.width - 6), value=n
                    )
                    for n in sorted(scale.scale)
                ]
                importance_question = Question(
                    id=question.id, kind="choice", text=scale.text, help=scale.help
                )
                asked = scale.text.get(lang).format(goal=benefit_name(self.kb, benefit_id, lang))
                try:
                    goals[benefit_id] = self._select(
                        importance_question,
                        self._message(question, asked, {**proposed, **goals}),
                        levels,
                        goals.get(benefit_id) or earlier.get(benefit_id) or scale.default,
                        can_go_back=True,
                    )
                except Back:
                    if index == 0:
                        break
                    index -= 1
                    continue
                index += 1
            else:
                self.document[GOALS_KEY] = goals
                return
            earlier.update(goals)
            ticked = picked

    def _pick_goals(self, question: Question, ticked: list[str], can_go_back: bool) -> list[str]:
        """A checkbox of the benefits by group, with the description of the goal under the
        pointer shown beneath it (and the question's help under "why do we ask?"); the
        "why" and "back" lines are never ticked, and Enter with nothing ticked says so."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.filters import is_done
        from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from prompt_toolkit.layout import ConditionalContainer, HSplit, Window
        from prompt_toolkit.layout.controls import FormattedTextControl
        from prompt_toolkit.layout.dimension import Dimension
        from questionary import utils
        from questionary.prompts.common import InquirerControl, create_inquirer_layout
        from questionary.question import Question as Asked
        from questionary.styles import merge_styles_default

        lang, kb = self.lang, self.kb
        names = {b.id: one_line(b.name.get(lang), self.width - 8) for b in kb.benefits}

        def title(benefit_id: str, ticked: bool) -> str:
            # the mark is part of the title: "why" and "back" have none, they are no goals
            return f"{TICKED if ticked else UNTICKED} {names[benefit_id]}"

        choices: list[Any] = []
        for group in kb.groups:
            choices.append(questionary.Separator(f"── {group.name.get(lang)} ──"))
            for b in kb.benefits:
                if b.group == group.id:
                    checked = b.id in ticked
                    choices.append(
                        questionary.Choice(title(b.id, checked), value=b.id, checked=checked)
                    )
        choices.append(questionary.Choice(say("why", lang), value=HELP))
        if can_go_back:
            choices.append(questionary.Choice(say("back", lang), value=BACK))
        control = InquirerControl(choices, use_indicator=False, show_description=False)
        shown = {"answer": ""}
        message = self._message(question)

        def tokens() -> list[tuple[str, str]]:
            parts = [("class:qmark", "?"), ("class:question", f" {message} ")]
            if control.is_answered:
                parts.append(("class:answer", shown["answer"]))
            else:
                parts.append(("class:instruction", say("goal_hint", lang)))
            return parts

        width = self.width - 4
        about = {b.id: textwrap.wrap(b.description.get(lang), width) for b in kb.benefits} | {
            HELP: textwrap.wrap(question.help.get(lang), width),
            BACK: [],
        }

        def description() -> StyleAndTextTuples:
            lines = about.get(str(control.get_pointed_at().value), [])
            return [("class:instruction", "".join(f"  {line}\n" for line in lines).rstrip("\n"))]

        layout = create_inquirer_layout(control, tokens, **self.io)
        # as many lines as the longest text needs, if the screen has them: a drawing taller
        # than the screen would leave half a list in the scrollback
        tallest = max(len(lines) for lines in about.values())
        height = max(1, min(tallest, self._rows() - len(choices) - 2))
        below = ConditionalContainer(
            HSplit(
                [
                    Window(height=1),  # a blank line: the choices end here
                    Window(FormattedTextControl(description), height=Dimension.exact(height)),
                ]
            ),
            filter=~is_done,
        )
        container = layout.container
        assert isinstance(container, HSplit)
        container.children.insert(2, below)

        keys = KeyBindings()

        @keys.add(Keys.ControlQ, eager=True)
        @keys.add(Keys.ControlC, eager=True)
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        @keys.add(" ", eager=True)
        def _toggle(event: Any) -> None:
            choice = control.get_pointed_at()
            value = str(choice.value)
            if value in (HELP, BACK):
                return
            if value in control.selected_options:
                control.selected_options.remove(value)
            else:
                control.selected_options.append(value)
            choice.title = title(value, value in control.selected_options)
            control.error_message = None

        @keys.add(Keys.Down, eager=True)
        def _down(event: Any) -> None:
            control.select_next()
            while not control.is_selection_valid():
                control.select_next()

        @keys.add(Keys.Up, eager=True)
        def _up(event: Any) -> None:
            control.select_previous()
            while not control.is_selection_valid():
                control.select_previous()

        @keys.add(Keys.ControlM, eager=True)
        def _enter(event: Any) -> None:
            value = control.get_pointed_at().value
            if value == HELP:
                return  # its text is shown under the list already
            if value == BACK:
                shown["answer"] = say("back", lang)
                control.is_answered = True
                event.app.exit(result=BACK)
                return
            picked = [str(c.value) for c in control.get_selected_values()]
            if not picked:
                control.error_message = FormattedText(  # type: ignore[assignment]
                    [("class:validation-toolbar", say("pick_goal", lang))]
                )
                return
            shown["answer"] = ", ".join(benefit_name(kb, b, lang) for b in picked)
            control.is_answered = True
            event.app.exit(result=picked)

        @keys.add(Keys.Any)
        def _other(event: Any) -> None:
            """Typing does nothing here."""

        application: Application[Any] = Application(
            layout=layout,
            key_bindings=keys,
            style=merge_styles_default([None]),
            **utils.used_kwargs(self.io, Application.__init__),
        )
        picked = Asked(application).unsafe_ask()
        if picked == BACK:
            raise Back
        return list(picked)

    def _rows(self) -> int:
        """The height of the screen the prompts are drawn on."""
        import shutil

        output = self.io.get("output")
        return (
            int(output.get_size().rows) if output is not None else shutil.get_terminal_size().lines
        )

    def _previous(self, index: int) -> int | None:
        """The index of the question before `index` that applies, if there is one."""
        questions = self.kb.questions
        return next((j for j in range(index - 1, -1, -1) if self.applies(questions[j])), None)

    def walk(self) -> None:
        """Ask, in order, each question that applies and has no fitting answer. "Back" asks
        the question before again (with its answer proposed), and each one after it up to
        where the user was; from there, answered questions are passed by again."""
        questions = self.kb.questions
        again_until = 0  # questions before this index are asked even when answered
        index = 0
        while index < len(questions):
            question = questions[index]
            if not self.applies(question):
                self._forget(question)
                index += 1
                continue
            if index >= again_until and self.answered(question):
                index += 1
                continue
            previous = self._previous(index)
            try:
                self.ask(question, can_go_back=previous is not None)
            except Back:
                again_until = max(again_until, index + 1)
                assert previous is not None
                index = previous
                continue
            index += 1

    # --- showing the answers -------------------------------------------------------------

    def _answer_text(self, question: Question) -> RichText:
        from rich.text import Text as RichText

        lang = self.lang
        key = self.key(question)
        flaw = self.flaws.get(key)
        if flaw is not None:
            return RichText(f"⚠ {self.flaw_sentence(question, flaw)}", style="yellow")
        if not self.applies(question):
            return RichText(say("not_asked", lang), style="dim")
        if key not in self.document:
            return RichText(say("unanswered", lang), style="dim")
        value = self.document[key]
        if question.kind == "goals":
            return RichText(
                ", ".join(f"{benefit_name(self.kb, b, lang)} ({n})" for b, n in value.items())
            )
        if question.kind == "choice":
            return RichText(question.label(value, lang))
        return RichText(value or "—")

    def flaw_sentence(self, question: Question, flaw: Flaw) -> str:
        """What is wrong with a resumed file's answer, in the user's language."""
        lang = self.lang
        sentence = say("flaw", lang, given=excerpt(flaw.given))
        meant = flaw.suggestion
        if meant is not None:
            if question.kind == "goals" and self.kb.has_benefit(meant):
                meant = benefit_name(self.kb, meant, lang)
            elif question.kind == "choice":
                meant = question.label(meant, lang)
            sentence += " " + say("did_you_mean", lang, suggestion=meant)
        return sentence

    def _show_flaw(self, question: Question) -> None:
        from rich.text import Text as RichText

        flaw = self.flaws.get(self.key(question))
        if flaw is not None:
            self.console.print(
                RichText(f"⚠ {self.flaw_sentence(question, flaw)} {say('again', self.lang)}"),
                style="yellow",
            )

    def table(self, title: str, questions: list[Question] | None = None) -> Table:
        """The questions (all of them by default) with their answers, or why they have none,
        numbered as they are asked."""
        from rich.table import Table

        lang = self.lang
        table = Table(title=title, title_justify="left")
        table.add_column("#", justify="right")
        table.add_column(say("question", lang), ratio=3)
        table.add_column(say("answer", lang), ratio=2)
        applying = [q.id for q in self.applying()]
        for q in self.kb.questions if questions is None else questions:
            number = str(applying.index(q.id) + 1) if q.id in applying else ""
            table.add_row(number, q.text.get(lang), self._answer_text(q))
        return table

    def show_review(self) -> None:
        self.console.print(self.table(say("review", self.lang)))

    def show_resumed(self, name: str) -> None:
        """What a resumed file answers, what it does not, and what in it does not fit."""
        from rich.text import Text as RichText

        lang = self.lang
        applying = self.applying()
        done = sum(1 for q in applying if self.answered(q))
        self.console.print(
            RichText(say("resumed", lang, path=name, answered=done, total=len(applying))),
            style="bold",
        )
        given = [q for q in applying if self.key(q) in self.document or self.key(q) in self.flaws]
        if given and (done < len(applying) or self.flaws):  # else the review shows them next
            self.console.print(self.table(say("so_far", lang), given))
        known = {self.key(q) for q in self.kb.questions}
        for key, flaw in self.flaws.items():
            if key not in known:
                sentence = say("unknown_key", lang, name=excerpt(flaw.key))
                if flaw.suggestion:
                    sentence += " " + say("did_you_mean", lang, suggestion=repr(flaw.suggestion))
                self.console.print(RichText(f"⚠ {sentence}"), style="yellow")

    # --- review --------------------------------------------------------------------------

    def validated(self) -> Answers:
        return self.advisor.parse(self.document)

    def review(self) -> Answers:
        """Show every answer; let the user change any, until they ask for the advice."""
        lang = self.lang
        while True:
            self.walk()  # a question that applies and has no answer is asked first
            self.show_review()
            applying = self.applying()
            width = self.width - 6
            choices = [questionary.Choice(say("show", lang), value="__show__")]
            choices += [
                questionary.Choice(
                    one_line(say("change", lang, question=f"{n}. {q.text.get(lang)}"), width),
                    value=q.id,
                )
                for n, q in enumerate(applying, 1)
            ]
            picked = questionary.select(
                say("next", lang), choices=choices, instruction=say("select_hint", lang), **self.io
            ).unsafe_ask()
            if picked == "__show__":
                try:
                    return self.validated()
                except AnswersError as exc:  # cannot happen with asked answers; never an end
                    self.console.print(exc.words(self.lang), style="red", markup=False)
                    continue
            try:
                self.ask(self.kb.question(picked))
            except Back:  # back from a change: the review as it was
                continue

    # --- saving --------------------------------------------------------------------------

    def to_save(self, keep_unfit: bool = True) -> dict[str, Any]:
        """The answers given, in the interview's order. With `keep_unfit`, also what a
        resumed file holds that does not fit (yet), as it was written: nothing is lost."""
        document: dict[str, Any] = {}
        for q in self.kb.questions:
            key = self.key(q)
            if key in self.document and key not in self.flaws:
                document[key] = self.document[key]
        if keep_unfit:
            words = self.advisor.schema.key_words
            for raw_key, value in self.given.items():
                key = words.find(raw_key) or raw_key
                if key in self.flaws:
                    document[raw_key] = value
        return document


def save_answers(document: dict[str, Any], path: str | Path) -> None:
    import yaml

    from ._io import write_atomic

    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    write_atomic(path, text)


def interrupted_path(now: Callable[[], dt.datetime] = dt.datetime.now) -> Path:
    return Path(f"partneradvisor-answers-{now():%Y%m%d-%H%M%S}.yaml")


class AfterAdvice:
    """The menu after the advice: explain a form, change the answers, save them, export a
    report, quit. It keeps its place, and proposes the file that was resumed or saved."""

    CHOICES: ClassVar[dict[str, str]] = {  # what it does: its text
        "explain": "explain",
        "change": "change_answers",
        "save": "save",
        "export": "export",
        "quit": "quit",
    }

    def __init__(
        self, interview: Interview, answers_file: str | None, export: Callable[[str, str], None]
    ) -> None:
        self.interview = interview
        self.answers_file = answers_file  # resumed or saved: where the answers belong
        self.export = export
        self.last = next(iter(self.CHOICES))
        self.last_format = "html"

    def run(self, advice: Advice) -> str:
        """Until the user quits ("quit") or wants to change the answers ("change")."""
        interview = self.interview
        lang = interview.lang
        while True:
            picked = questionary.select(
                say("next", lang),
                choices=[
                    questionary.Choice(say(t, lang), value=c) for c, t in self.CHOICES.items()
                ],
                default=self.last,
                instruction=say("select_hint", lang),
                **interview.io,
            ).unsafe_ask()
            self.last = picked
            if picked in ("quit", "change"):
                return str(picked)
            try:
                if picked == "explain":
                    self._explain(advice)
                elif picked == "save":
                    self._save()
                else:
                    self._export()
            except Back:
                continue
            except PartnerAdvisorError as exc:  # e.g. an unwritable path: say so, offer again
                interview.console.print(exc.words(interview.lang), style="red", markup=False)

    def _select(self, message: str, choices: list[questionary.Choice], default: Any = None) -> Any:
        lang = self.interview.lang
        choices = [*choices, questionary.Choice(say("back", lang), value=BACK)]
        return select(message, choices, default, lang, self.interview.io)

    def _explain(self, advice: Advice) -> None:
        from .render.terminal import render_explanation

        interview = self.interview
        lang, kb = interview.lang, interview.kb
        width = interview.width - 6
        choices = []
        for r in advice.recommendations:
            marks = ", ".join(m for m in (pct(r.score, lang), place_mark(r, advice, lang)) if m)
            label = f"{r.rank}. {form_name(kb, r.form, lang)} ({marks})"
            choices.append(questionary.Choice(one_line(label, width), value=r.form))
        choices += [
            questionary.Choice(
                one_line(
                    f"{form_name(kb, e.form, lang)} ({tier_name('out_of_reach', lang)})", width
                ),
                value=e.form,
            )
            for e in advice.excluded
        ]
        choices += [
            questionary.Choice(
                one_line(f"{form_name(kb, f.form, lang)} ({say('serves_none', lang)})", width),
                value=f.form,
            )
            for f in advice.not_serving
        ]
        form_id = self._select(say("which_form", lang), choices)
        interview.console.print()
        render_explanation(interview.console, advice, kb, lang, form_id)
        interview.console.print()

    def _path(self, proposed: str) -> str | None:
        """A file name, asked; None when it exists and the user keeps it."""
        interview = self.interview
        lang = interview.lang
        path = (
            questionary.text(
                say("path", lang),
                default=proposed,
                instruction=say("path_hint", lang),
                **interview.io,
            )
            .unsafe_ask()
            .strip()
        )
        if path in ("", "<"):
            raise Back
        if Path(path).is_dir():
            raise PartnerAdvisorError(say("is_directory", lang, path=path))
        if Path(path).exists():
            ours = path == self.answers_file
            replace = self._select(
                say("exists", lang, path=path),
                [
                    questionary.Choice(say("replace", lang), value=True),
                    questionary.Choice(say("keep", lang), value=False),
                ],
                default=ours,
            )
            if not replace:
                interview.console.print(say("not_written", lang, path=path))
                return None
        return str(path)

    def _save(self) -> None:
        path = self._path(self.answers_file or ANSWERS_FILE)
        if path is None:
            return
        save_answers(self.interview.to_save(keep_unfit=False), path)
        self.answers_file = path
        self.interview.console.print(say("saved", self.interview.lang, path=path))

    def _export(self) -> None:
        import importlib.util

        lang = self.interview.lang
        choices = [
            questionary.Choice("HTML", value="html"),
            questionary.Choice("Markdown", value="markdown"),
            questionary.Choice("JSON", value="json"),
        ]
        if importlib.util.find_spec("weasyprint") is not None:  # the [pdf] extra
            choices.append(questionary.Choice("PDF", value="pdf"))
        fmt = self._select(say("format", lang), choices, default=self.last_format)
        self.last_format = fmt
        extension = {"html": "html", "markdown": "md", "json": "json", "pdf": "pdf"}[fmt]
        path = self._path(f"partneradvisor-report.{extension}")
        if path is None:
            return
        self.export(fmt, path)
        self.interview.console.print(say("saved", lang, path=path))


def _plain_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False)


def run_interview(
    kb: KnowledgeBase,
    lang: Lang,
    preset: dict[str, Any] | None = None,
    console: Console | Callable[[], Console] | None = None,
    resume_path: str | None = None,
    **prompt_io: Any,
) -> int:
    """The whole interview: ask what is not answered yet, review, advise, then explain, change,
    save or export. Returns the exit code; Ctrl-C saves the answers so far (into the file
    that was resumed, when there is one) and says how to go on."""
    from .engine import advisor_for
    from .errors import EXIT_INTERRUPTED
    from .render import OutputFormat, RenderOptions, render_report
    from .render.terminal import render_advice

    advisor = advisor_for(kb)
    interview = Interview(advisor, lang, console or _plain_console, preset, **prompt_io)
    options = RenderOptions(lang)
    state: dict[str, Advice] = {}

    def export(fmt: str, path: str) -> None:
        from ._io import write_atomic

        write_atomic(path, render_report(OutputFormat(fmt), state["advice"], kb, options))

    menu = AfterAdvice(interview, resume_path, export)
    try:
        if preset is not None and resume_path is not None:
            interview.show_resumed(resume_path)
        while True:
            result = interview.review()
            advice = state["advice"] = advisor.advise(result)
            interview.console.print()
            render_advice(interview.console, advice, kb, options)
            interview.console.print()
            if menu.run(advice) == "quit":
                break
    except KeyboardInterrupt:
        document = interview.to_save()
        if document:
            path = Path(menu.answers_file) if menu.answers_file else interrupted_path()
            message = _save_interrupted(document, path, lang)
        else:
            message = say("interrupted", lang)
        print(f"\n{message}", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


def _own_regular_file(path: Path) -> bool:
    """A file of this user's, not a link: one that may be updated in place."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    import stat

    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()


def _save_interrupted(document: dict[str, Any], path: Path, lang: Lang) -> str:
    """Save the answers so far where they can be written: `path` (the file resumed or saved
    to, else a new one in the current directory), else the temporary directory; what to tell
    the user."""
    import shlex
    import tempfile

    import yaml

    from ._text import printable

    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    # a new file only, readable by this user only, never through a link another user planted
    # (the name is predictable, and the temporary directory is shared)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for candidate in (path, None):
        try:
            descriptor: int | None
            if candidate is None:
                stem = path.name.removesuffix(".yaml") + "-"
                descriptor, name = tempfile.mkstemp(prefix=stem, suffix=".yaml")
                candidate = Path(name)
            elif _own_regular_file(candidate):  # the file being resumed: bring it up to date
                save_answers(document, candidate)
                descriptor = None
            else:
                descriptor = os.open(candidate, flags, 0o600)
            if descriptor is not None:
                with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                    file.write(text)
        except (OSError, PartnerAdvisorError):
            continue
        command = f"partneradvisor wizard --answers {shlex.quote(str(candidate))}"
        return printable(say("interrupted_saved", lang, path=candidate, command=command))
    return say("interrupted_unsaved", lang)


__all__ = [
    "AfterAdvice",
    "Back",
    "Interview",
    "interrupted_path",
    "run_interview",
    "save_answers",
]
