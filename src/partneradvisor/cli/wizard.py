"""`partneradvisor wizard`: the interactive interview."""

# no `from __future__ import annotations`: typer reads the commands' annotations at run time,
# and evaluating them as strings costs milliseconds at every start

import sys
from typing import Any

from ._common import AnswersOption, KbOption, LangOption, console, lang_of, load_kb


def wizard(answers: AnswersOption = None, kb: KbOption = None, lang: LangOption = None) -> int:
    """Interview the company in the terminal, show the advice, then explain, save or export it.

    With --answers FILE, go on from a saved or interrupted interview: at the first question
    the file does not answer; what in it does not fit is asked again.
    """
    from .._io import STDIO
    from ..errors import AnswersError, NoTerminalError
    from ..render.phrases import ui
    from ..wizard import run_interview

    language = lang_of(lang)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(ui("wizard_no_terminal", language))
    preset: dict[str, Any] | None = None
    if answers == STDIO:
        raise AnswersError(ui("wizard_answers_from_stdin", language))
    if answers is not None:
        from ._common import read_answers

        preset = read_answers(answers, empty_ok=True)  # empty: an interview saved there
    # the console is made when first written to: rich would hold up the first question
    return run_interview(load_kb(kb), language, preset, console, resume_path=answers)
