"""The interactive interview, built from the knowledge base's questions (no question text here).

Every answer goes through the same validation as an answers file. Prompts take prompt_toolkit
`input`/`output` so tests can drive them with a pipe.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import questionary
from rich.console import Console
from rich.table import Table

from .answers import Answers
from .engine import Advisor
from .errors import PartnerAdvisorError
from .kb.model import ALWAYS, KnowledgeBase, Lang, Question
from .render.phrases import benefit_name, ui

HELP = "__why__"


def say(key: str, lang: Lang, **values: object) -> str:
    return ui(f"wizard_{key}", lang, **values)


class Interview:
    """Asks the questions, keeps the answers so far (also when interrupted), reviews them."""

    def __init__(
        self,
        advisor: Advisor,
        lang: Lang,
        console: Console,
        preset: dict[str, Any] | None = None,
        **prompt_io: Any,
    ) -> None:
        self.advisor = advisor
        self.kb: KnowledgeBase = advisor.kb
        self.lang = lang
        self.console = console
        self.io = prompt_io  # input=/output= for prompt_toolkit (tests)
        self.document: dict[str, Any] = dict(preset or {})

    # --- asking --------------------------------------------------------------------------

    def _help(self, question: Question) -> None:
        self.console.print(f"  {question.help.get(self.lang)}", style="dim", markup=False)

    def _select(
        self, question: Question, message: str, choices: list[questionary.Choice], default: Any
    ) -> Any:
        choices = [*choices, questionary.Choice(say("why", self.lang), value=HELP)]
        while True:
            picked = questionary.select(
                message,
                choices=choices,
                default=next((c for c in choices if c.value == default), None),
                instruction=say("select_hint", self.lang),
                **self.io,
            ).unsafe_ask()
            if picked != HELP:
                return picked
            self._help(question)

    def ask(self, question: Question) -> None:
        lang = self.lang
        message = question.text.get(lang)
        current = self.document.get(question.id, question.default)
        if question.kind == "text":
            while True:
                value = questionary.text(
                    message, default=current or "", instruction=say("text_hint", lang), **self.io
                ).unsafe_ask()
                if value.strip() != "?":
                    break
                self._help(question)
            if value.strip():
                self.document[question.id] = value.strip()
            else:
                self.document.pop(question.id, None)
        elif question.kind == "choice":
            choices = [
                questionary.Choice(c.label.get(lang), value=c.value) for c in question.choices
            ]
            self.document[question.id] = self._select(question, message, choices, current)
        else:
            self._ask_goals(question)

    def _ask_goals(self, question: Question) -> None:
        lang = self.lang
        chosen = dict(self.document.get("goals") or {})
        while True:
            choices: list[Any] = []
            for group in self.kb.groups:
                choices.append(questionary.Separator(f"── {group.name.get(lang)} ──"))
                for b in self.kb.benefits:
                    if b.group == group.id:
                        choices.append(
                            questionary.Choice(b.name.get(lang), value=b.id, checked=b.id in chosen)
                        )
            choices.append(questionary.Choice(say("why", lang), value=HELP))
            picked = questionary.checkbox(
                question.text.get(lang),
                choices=choices,
                instruction=say("goal_hint", lang),
                **self.io,
            ).unsafe_ask()
            if HELP in picked:
                self._help(question)
                chosen = {b: chosen.get(b, 0) for b in picked if b != HELP}
                continue
            if picked:
                break
            self.console.print(f"  {say('pick_goal', lang)}", style="yellow", markup=False)
        scale = question.importance
        assert scale is not None
        goals: dict[str, int] = {}
        for benefit_id in picked:
            name = benefit_name(self.kb, benefit_id, lang)
            levels = [
                questionary.Choice(f"{n} – {scale.scale[n].get(lang)}", value=n)
                for n in sorted(scale.scale)
            ]
            importance_question = Question(
                id="importance", kind="choice", text=scale.text, help=scale.help
            )
            goals[benefit_id] = self._select(
                importance_question,
                scale.text.get(lang).format(goal=name),
                levels,
                chosen.get(benefit_id) or scale.default,
            )
        self.document["goals"] = goals

    def applies(self, question: Question) -> bool:
        values = {
            q.id: self.document.get(q.id, q.default) for q in self.kb.questions if q.kind != "goals"
        }
        return question.condition.holds(values, self.document.get("goals") or {})

    def ask_all(self) -> None:
        for question in self.kb.questions:
            if self.applies(question):
                self.ask(question)
            elif question.kind != "goals":
                self.document.pop(question.id, None)

    # --- review --------------------------------------------------------------------------

    def validated(self) -> Answers:
        return self.advisor.parse(self.document)

    def show_review(self) -> None:
        lang = self.lang
        table = Table(title=say("review", lang), title_justify="left")
        table.add_column(say("question", lang))
        table.add_column(say("answer", lang))
        for q in self.kb.questions:
            if q.kind == "goals":
                goals = self.document.get("goals") or {}
                shown = ", ".join(
                    f"{benefit_name(self.kb, b, lang)} ({n})" for b, n in goals.items()
                )
            elif not self.applies(q):
                shown = say("not_asked", lang)
            else:
                value = self.document.get(q.id, q.default)
                shown = q.label(value, lang) if q.kind == "choice" and value else (value or "—")
            table.add_row(q.text.get(lang), shown)
        self.console.print(table)

    def review(self) -> Answers:
        """Show every answer; let the user change any, until they ask for the advice."""
        lang = self.lang
        while True:
            self.show_review()
            choices = [questionary.Choice(say("show", lang), value="__show__")]
            choices += [
                questionary.Choice(say("change", lang, question=q.text.get(lang)), value=q.id)
                for q in self.kb.questions
                if self.applies(q)
            ]
            picked = questionary.select(
                say("next", lang), choices=choices, instruction=say("select_hint", lang), **self.io
            ).unsafe_ask()
            if picked == "__show__":
                return self.validated()
            question = self.kb.question(picked)
            self.ask(question)
            # a changed answer may make a conditional question apply: ask it now
            for q in self.kb.questions:
                conditional = q.condition != ALWAYS
                if (
                    conditional
                    and q.kind != "goals"
                    and q.id not in self.document
                    and self.applies(q)
                ):
                    self.ask(q)


def save_answers(document: dict[str, Any], path: str | Path) -> None:
    import yaml

    from ._io import write_atomic

    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    write_atomic(path, text)


def interrupted_path(now: Callable[[], dt.datetime] = dt.datetime.now) -> Path:
    return Path(f"partneradvisor-answers-{now():%Y%m%d-%H%M%S}.yaml")


def after_advice(
    interview: Interview, answers: Answers, export: Callable[[str, str], None]
) -> None:
    """Offer to save the answers or export a report, until the user quits."""
    lang = interview.lang
    io = interview.io
    while True:
        picked = questionary.select(
            say("next", lang),
            choices=[
                questionary.Choice(say("save", lang), value="save"),
                questionary.Choice(say("export", lang), value="export"),
                questionary.Choice(say("quit", lang), value="quit"),
            ],
            instruction=say("select_hint", lang),
            **io,
        ).unsafe_ask()
        if picked == "quit":
            return
        try:
            if picked == "save":
                path = questionary.text(
                    say("path", lang), default="partneradvisor-answers.yaml", **io
                ).unsafe_ask()
                save_answers(answers.to_document(), path)
            else:
                fmt = questionary.select(
                    say("format", lang),
                    choices=["html", "markdown", "json"],
                    instruction=say("select_hint", lang),
                    **io,
                ).unsafe_ask()
                extension = {"html": "html", "markdown": "md", "json": "json"}[fmt]
                path = questionary.text(
                    say("path", lang), default=f"partneradvisor-report.{extension}", **io
                ).unsafe_ask()
                export(fmt, path)
        except PartnerAdvisorError as exc:  # e.g. an unwritable path: say so, offer again
            interview.console.print(str(exc), style="red", markup=False)
            continue
        interview.console.print(say("saved", lang, path=path))


def run_interview(
    kb: KnowledgeBase,
    lang: Lang,
    preset: dict[str, Any] | None = None,
    console: Console | None = None,
    **prompt_io: Any,
) -> int:
    """The whole interview: ask (or review a preset), advise, offer to save or export.
    Returns the exit code; Ctrl-C saves the answers so far and says how to resume."""
    from .engine import advisor_for
    from .errors import EXIT_INTERRUPTED
    from .render import OutputFormat, RenderOptions, render_report
    from .render.terminal import render_advice

    console = console or Console(highlight=False, markup=False)
    advisor = advisor_for(kb)
    interview = Interview(advisor, lang, console, preset, **prompt_io)
    try:
        if preset is None:
            interview.ask_all()
        result = interview.review()
        advice = advisor.advise(result)
        console.print()
        options = RenderOptions(lang)
        render_advice(console, advice, kb, options)
        console.print()

        def export(fmt: str, path: str) -> None:
            from ._io import write_atomic

            write_atomic(path, render_report(OutputFormat(fmt), advice, kb, options))

        after_advice(interview, result, export)
    except KeyboardInterrupt:
        if interview.document:
            message = _save_interrupted(interview.document, interrupted_path(), lang)
        else:
            message = say("interrupted", lang)
        print(f"\n{message}", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


def _save_interrupted(document: dict[str, Any], path: Path, lang: Lang) -> str:
    """Save the answers so far where they can be written: the current directory, else the
    temporary one; what to tell the user."""
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
            if candidate is None:
                stem = path.name.removesuffix(".yaml") + "-"
                descriptor, name = tempfile.mkstemp(prefix=stem, suffix=".yaml")
                candidate = Path(name)
            else:
                descriptor = os.open(candidate, flags, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(text)
        except OSError:
            continue
        command = f"partneradvisor wizard --answers {shlex.quote(str(candidate))}"
        return printable(say("interrupted_saved", lang, path=candidate, command=command))
    return say("interrupted_unsaved", lang)


__all__ = ["Interview", "after_advice", "interrupted_path", "run_interview", "save_answers"]
