"""`partneradvisor wizard`: the interactive interview."""

from __future__ import annotations

import sys
from typing import Any

from ._common import AnswersOption, KbOption, LangOption, lang_of, load_kb


def wizard(answers: AnswersOption = None, kb: KbOption = None, lang: LangOption = None) -> int:
    """Interview the company in the terminal, show the advice, then save or export it."""
    from ..errors import EXIT_INTERRUPTED, NoTerminalError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(
            "the wizard needs a terminal; in scripts use "
            "`partneradvisor recommend --answers FILE` instead"
        )
    language = lang_of(lang)
    loaded = load_kb(kb)
    preset: dict[str, Any] | None = None
    if answers is not None:
        from ._common import answers_document

        preset = answers_document(answers)
    return run(loaded, language, preset, EXIT_INTERRUPTED)


def run(loaded: Any, language: Any, preset: Any, exit_interrupted: int, **prompt_io: Any) -> int:
    from rich.console import Console

    from ..engine import advisor_for
    from ..reports import OutputFormat, render_report
    from ..view import render_advice
    from ..wizard import Interview, after_advice, interrupted_path, save_answers
    from ._common import emit

    console = Console(highlight=False)
    advisor = advisor_for(loaded)
    interview = Interview(advisor, language, console, preset, **prompt_io)
    try:
        if preset is None:
            interview.ask_all()
        result = interview.review()
        advice = advisor.advise(result)
        console.print()
        render_advice(console, advice, loaded, language)
        console.print()

        def export(fmt: str, path: str) -> None:
            emit(render_report(OutputFormat(fmt), advice, loaded, language), path)

        after_advice(interview, result, export)
    except KeyboardInterrupt:
        path = interrupted_path()
        if interview.document:
            save_answers(interview.document, path)
            print(
                f"\ninterrupted; your answers so far are in {path}\n"
                f"resume with: partneradvisor wizard --answers {path}",
                file=sys.stderr,
            )
        else:
            print("\ninterrupted", file=sys.stderr)
        return exit_interrupted
    return 0
