"""Click's usage errors (an unknown option or command, a missing argument, a value of the
wrong kind) as one sentence in the command's language, as the package's own errors are said,
with the help to read instead of click's usage block."""

from __future__ import annotations

import ast
import contextlib
import re
import sys
from collections.abc import Sequence
from typing import Any

from ..errors import Said, said

# click's (and typer's) own words where they keep no more than a sentence; a wording not
# known here is shown as it is
_QUOTED = r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"  # a name as Python's repr writes it
_NO_SUCH_COMMAND = re.compile(rf"No such command {_QUOTED}\.(?: Did you mean {_QUOTED}\?)?")
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
_NOT_A_NUMBER = re.compile(r"(.*) is not a valid (?:int|integer|int range)\.?")
_AT_LEAST = re.compile(r"(.*) is not in the range x>=(-?\d+)\.?")
_OUT_OF_RANGE = re.compile(r"(.*) is not in the range (.*?)\.?")
MAX_SUGGESTIONS = 3


def read_lang(args: Sequence[str]) -> None:
    """Read the --lang of a command line that click refused before the command could, so
    that the refusal is said in it (lang_of() sets what spoken() gives). The last --lang
    wins, as it does for the command; nothing after `--` is an option."""
    from ..errors import PartnerAdvisorError
    from ._common import lang_of

    words = list(args[: args.index("--")] if "--" in args else args)
    for n in range(len(words) - 1, -1, -1):
        option, sep, value = words[n].partition("=")
        if option == "--lang" and (sep or n + 1 < len(words)):
            with contextlib.suppress(PartnerAdvisorError):  # a bad --lang: the locale's
                lang_of(value if sep else words[n + 1])
            return


def usage_sentence(exc: Exception, command: str) -> Said:
    """One sentence for a click UsageError: what is wrong, and the help to read (`command`:
    the command the words name, for an error click raises without knowing it)."""
    errors = sys.modules[type(exc).__module__]  # click's, or the click typer vendors
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        command = ctx.command_path
    return said("error_usage", problem=_problem(exc, errors), command=command)


def _problem(exc: Any, errors: Any) -> Said:
    from .._text import excerpt
    from ..answers import did_you_mean

    if isinstance(exc, errors.NoSuchOption):
        unknown = said("error_no_such_option", option=excerpt(exc.option_name))
        near = sorted(exc.possibilities or ())[:MAX_SUGGESTIONS]
        return said("error_refused", head=unknown, ending=did_you_mean(*near))
    if isinstance(exc, errors.BadParameter):  # MissingParameter too
        hint = exc.param_hint
        if hint is None and exc.param is not None:
            hint = exc.param.get_error_hint(exc.ctx)
        if isinstance(exc, errors.MissingParameter):
            return said("error_missing_argument", name=hint)
        return said("error_bad_value", name=hint, detail=_detail(exc.message))
    if isinstance(exc, errors.BadOptionUsage):
        option = excerpt(exc.option_name)
        if "requires" in exc.message:
            return said("error_option_needs_value", option=option)
        if "does not take a value" in exc.message:
            return said("error_option_takes_no_value", option=option)
    message = exc.format_message()
    found = _NO_SUCH_COMMAND.fullmatch(message)
    if found:  # the names as click quoted them (escaped already): the suggestion as it is
        unknown = said("error_no_such_command", command=found.group(1))
        meant = ast.literal_eval(found.group(2)) if found.group(2) else None
        return said("error_refused", head=unknown, ending=did_you_mean(meant))
    found = _EXTRA_ARGUMENTS.fullmatch(message)
    if found:
        return said("error_extra_arguments", arguments=excerpt(found.group(1)))
    if message == "Missing command.":
        return said("error_missing_command")
    return said("error_click", message=message)


def _detail(message: str) -> Said:
    """Why a value was refused, for the few kinds of value the commands take."""
    found = _NOT_A_NUMBER.fullmatch(message)
    if found:
        return said("error_not_a_whole_number", value=found.group(1))
    found = _AT_LEAST.fullmatch(message)
    if found:
        return said("error_at_least", value=found.group(1), least=found.group(2))
    found = _OUT_OF_RANGE.fullmatch(message)
    if found:
        return said("error_out_of_range", value=found.group(1), range=found.group(2))
    return said("error_click", message=message)
