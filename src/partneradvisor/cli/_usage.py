"""Click's usage errors (an unknown option or command, a missing argument, a value of the
wrong kind) as one sentence in the command's language, as the package's own errors are said,
with the help to read instead of click's usage block."""

from __future__ import annotations

import contextlib
import re
import sys
from typing import Any

from ..errors import Said, said

# click's own words where it keeps no more than a sentence; unknown wording is shown as is
_NO_SUCH_COMMAND = re.compile(r"No such command '(.*)'\.")
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
_NOT_A_NUMBER = re.compile(r"(.*) is not a valid (?:int|integer|int range)\.?")
_OUT_OF_RANGE = re.compile(r"(.*) is not in the range (.*?)\.?")


def read_lang(args: list[str]) -> None:
    """Read the --lang of a command line that click refused before the command could, so
    that the refusal is said in it (lang_of() sets what spoken() gives)."""
    from ..errors import PartnerAdvisorError
    from ._common import lang_of

    for n, arg in enumerate(args):
        option, sep, value = arg.partition("=")
        if option == "--lang" and (sep or n + 1 < len(args)):
            with contextlib.suppress(PartnerAdvisorError):  # a bad --lang: the locale's
                lang_of(value if sep else args[n + 1])
            return


def usage_sentence(exc: Exception) -> Said:
    """One sentence for a click UsageError: what is wrong, and the help to read."""
    errors = sys.modules[type(exc).__module__]  # click's, or the click typer vendors
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "partneradvisor"
    return said("error_usage", problem=_problem(exc, errors), command=command)


def _problem(exc: Any, errors: Any) -> Said:
    from .._text import excerpt
    from ..answers import did_you_mean

    if isinstance(exc, errors.NoSuchOption):
        near = did_you_mean(exc.possibilities[0]) if exc.possibilities else ""
        unknown = said("error_no_such_option", option=excerpt(exc.option_name))
        return said("error_refused", head=unknown, ending=near)
    if isinstance(exc, errors.BadParameter):  # MissingParameter too
        hint = exc.param_hint
        if hint is None and exc.param is not None:
            hint = exc.param.get_error_hint(exc.ctx)
        if isinstance(exc, errors.MissingParameter):
            return said("error_missing_argument", name=hint)
        return said("error_bad_value", name=hint, detail=_detail(exc.message))
    if isinstance(exc, errors.BadOptionUsage) and "requires" in exc.message:
        return said("error_option_needs_value", option=excerpt(exc.option_name))
    message = exc.format_message()
    found = _NO_SUCH_COMMAND.fullmatch(message)
    if found:
        return said("error_no_such_command", command=excerpt(found.group(1)))
    found = _EXTRA_ARGUMENTS.fullmatch(message)
    if found:
        return said("error_extra_arguments", arguments=found.group(1))
    return said("error_click", message=message)


def _detail(message: str) -> Said:
    """Why a value was refused, for the few kinds of value the commands take."""
    found = _NOT_A_NUMBER.fullmatch(message)
    if found:
        return said("error_not_a_whole_number", value=found.group(1))
    found = _OUT_OF_RANGE.fullmatch(message)
    if found:
        return said("error_out_of_range", value=found.group(1), range=found.group(2))
    return said("error_click", message=message)
