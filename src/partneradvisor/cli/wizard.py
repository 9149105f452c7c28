"""`partneradvisor wizard`: the interactive interview."""

from __future__ import annotations

import sys
from pathlib import Path
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
    from ..engine import advisor_for
    from ..render import OutputFormat, render_report
    from ..render.terminal import render_advice
    from ..wizard import Interview, after_advice, interrupted_path
    from ._common import console as terminal
    from ._common import emit

    console = terminal()
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
        if interview.document:
            print(_save_interrupted(interview.document, interrupted_path()), file=sys.stderr)
        else:
            print("\ninterrupted", file=sys.stderr)
        return exit_interrupted
    return 0


def _save_interrupted(document: dict[str, Any], path: Path) -> str:
    """Save the answers so far where they can be written: the current directory, else the
    temporary one; what to tell the user."""
    import shlex
    import tempfile

    from .._text import printable
    from ..errors import PartnerAdvisorError
    from ..wizard import save_answers

    for candidate in (path, Path(tempfile.gettempdir()) / path.name):
        try:
            save_answers(document, candidate)
        except PartnerAdvisorError:
            continue
        return printable(
            f"\ninterrupted; your answers so far are in {candidate}\n"
            f"resume with: partneradvisor wizard --answers {shlex.quote(str(candidate))}"
        )
    return "\ninterrupted; your answers could not be saved (no writable directory)"
