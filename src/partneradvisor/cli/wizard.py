"""`partneradvisor wizard`: the interactive interview."""

from __future__ import annotations

import sys
from typing import Any

from ._common import AnswersOption, KbOption, LangOption, console, lang_of, load_kb


def wizard(answers: AnswersOption = None, kb: KbOption = None, lang: LangOption = None) -> int:
    """Interview the company in the terminal, show the advice, then save or export it."""
    from ..errors import NoTerminalError
    from ..render.phrases import ui
    from ..wizard import run_interview

    language = lang_of(lang)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(ui("wizard_no_terminal", language))
    preset: dict[str, Any] | None = None
    if answers is not None:
        from ._common import answers_document

        preset = answers_document(answers)
    return run_interview(load_kb(kb), language, preset, console())
