"""The command line: a thin client of the package's Python API.

Heavy libraries (rich, questionary, jinja2, pydantic) are imported inside the commands that
need them, so `--version` and a scripted `recommend` start fast.
"""

# no `from __future__ import annotations`: typer reads the commands' annotations at run time,
# and evaluating them as strings costs milliseconds at every start

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from .._version import __version__
from ..errors import EXIT_INTERRUPTED, Said
from . import batch as _batch
from . import recommend as _recommend
from . import wizard as _wizard
from ._common import spoken
from ._on_demand import click_group
from .kb import kb_app


class _Commands(typer.core.TyperGroup):
    """Turns what a command lets through into the package's errors before typer sees it:
    typer would make an interrupt a silent Exit(130) and a closed pipe a bare exit 1."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:  # _completion() below honours a shell named after these
            if param.name in _COMPLETION_HELP:
                param.help = _COMPLETION_HELP[param.name]
        return params

    def invoke(self, ctx: Any) -> Any:
        from ..errors import Interrupted, OutputClosed, OutputError, said

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted(said("error_interrupted")) from None
        except BrokenPipeError:
            raise OutputClosed("the reader of the output went away") from None
        except OSError as exc:  # files are written by _io, which names them: this is stdout
            raise OutputError(_cannot_write_output(exc)) from None
        except UnicodeEncodeError as exc:
            raise OutputError(_encoding_problem(exc)) from None


_COMPLETION_HELP = {
    "install_completion": "Install completion for the current shell, or for the shell named "
    "after it (bash, zsh, fish, powershell or pwsh).",
    "show_completion": "Show the completion script for the current shell, or for the shell "
    "named after it, to copy it or customize the installation.",
}
_COMPLETION_OPTIONS = ("--install-completion", "--show-completion")
PROG = "partneradvisor"


def _completion_request(args: list[str]) -> tuple[str, str | None] | None:
    """`--install-completion [SHELL]` or `--show-completion [SHELL]` as the first arguments:
    the option and the shell named (None: the one this runs in)."""
    if not args:
        return None
    option, sep, value = args[0].partition("=")
    if option not in _COMPLETION_OPTIONS:
        return None
    if sep:
        return option, value
    if len(args) > 1 and not args[1].startswith("-"):
        return option, args[1]
    return option, None


def _completion(option: str, named: str | None) -> int:
    """Install or show shell completion for the shell named, else for the shell this was
    started from, else for the user's login shell ($SHELL): typer alone ignores a shell named
    after the option, and fails when started from `sh`."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import Shells, get_completion_script, install

    from .._io import os_problem
    from .._text import one_line
    from ..errors import OutputError, PartnerAdvisorError, said
    from ._common import one_of

    completion_init()
    supported = [s.value for s in Shells]
    shell = one_of(named, supported, option) if named is not None else _this_shell(supported)
    if shell is None:
        shells = "|".join(supported)
        raise PartnerAdvisorError(said("error_which_shell", option=option, shells=shells))
    complete_var = f"_{PROG.upper()}_COMPLETE"
    if option == "--show-completion":
        print(get_completion_script(prog_name=PROG, complete_var=complete_var, shell=shell))
        return 0
    try:
        shell, path = install(shell=shell, prog_name=PROG, complete_var=complete_var)
    except OSError as exc:
        problem = os_problem(exc)
        raise OutputError(said("error_completion", shell=shell, problem=problem)) from None
    print(_said("completion_installed", shell=shell, path=one_line(str(path))))
    return 0


def _this_shell(supported: list[str]) -> str | None:
    """The shell this runs in, if completion supports it, else the login shell if it does."""
    import shellingham  # type: ignore[import-untyped]  # typer's own shell detection

    try:
        detected: str | None = shellingham.detect_shell()[0]
    except shellingham.ShellDetectionFailure:
        detected = None
    login = os.path.basename(os.environ.get("SHELL", "")).lower()
    return next((s for s in (detected, login) if s in supported), None)


def _encoding_problem(exc: UnicodeEncodeError) -> Said:
    from .._text import excerpt, has_surrogates
    from ..errors import said

    bad = exc.object[exc.start : exc.end]
    if has_surrogates(bad):
        return said("error_encoding_not_unicode", text=excerpt(bad))
    return said("error_encoding", text=excerpt(bad), encoding=exc.encoding)


def _cannot_write_output(exc: OSError) -> Said:
    from .._io import os_problem
    from ..errors import said

    return said("error_cannot_write_output", problem=os_problem(exc))


def _said(phrase: str, **values: object) -> str:
    """A sentence of the phrasebook in the running command's language."""
    from ..render.phrases import ui

    return ui(phrase, spoken(), **values)


app = typer.Typer(
    cls=_Commands,
    name="partneradvisor",
    help="Which form of company-NGO collaboration suits your company, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(kb_app, name="kb")
# every command is registered here, at import: whatever inspects `app` sees them all once
app.command("wizard")(_wizard.wizard)
app.command("recommend")(_recommend.recommend)
app.command("explain")(_recommend.explain)
app.command("batch")(_batch.batch)
app.command("schema")(_recommend.schema)


def _version(value: bool) -> None:
    if value:
        print(f"partneradvisor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Which form of company-NGO collaboration suits your company, and why."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; the one place where errors become a sentence and an exit code."""
    _open_closed_streams()
    received: list[int] = []
    restore = _on_termination(received)
    try:
        code = _run(argv)
    finally:
        restore()
    code = _flush_stdout(code)
    return 128 + received[0] if received else code


@functools.cache
def _click_command() -> Any:
    """The click group of `app`, each command built when it is first run (building one reads
    its signature: some milliseconds) and kept, since the Python API and tests call main()
    often."""
    return click_group(app)


def _run(argv: list[str] | None) -> int:
    from ..errors import EXIT_BAD_INPUT, OutputClosed, PartnerAdvisorError

    # typer may vendor its own click: take click's base exception from typer's classes
    click_exception: type[Exception] = next(
        c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
    )

    args = argv if argv is not None else sys.argv[1:]
    spoken(forget=True)  # an error before the command reads --lang is said in the locale's
    stdout_before = _stdout_file()
    try:  # completion scripts go through the same handling of output errors as commands
        request = _completion_request(args)
        if request is not None:
            result: Any = _completion(*request)
        else:
            result = _click_command().main(
                args=args,
                prog_name="partneradvisor",
                standalone_mode=False,
            )
    except OutputClosed as exc:
        # the reader went away (e.g. `| head`): it has all it wanted, which is no failure
        _quiet_stdout()
        return exc.exit_code
    except PartnerAdvisorError as exc:
        from ..errors import Interrupted, OutputError

        if isinstance(exc, OutputError):  # what stdout still holds cannot be written either
            _quiet_stdout()

        try:
            words = exc.words(spoken())
        except Exception as bug:  # a sentence that cannot be put in words is a bug of ours
            return _internal_error(bug)
        if isinstance(exc, Interrupted):  # says what was kept, not "error"
            _say(words)
        else:
            _say_error(words)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except click_exception as exc:
        usage = any(c.__name__ == "UsageError" for c in type(exc).__mro__)
        if not usage or type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]  # the help asked for by giving nothing
            return int(exc.exit_code)  # type: ignore[attr-defined]
        from ._usage import read_lang, usage_sentence

        try:
            read_lang(args)
            sentence = usage_sentence(exc, _command_path(args)).words(spoken())
        except Exception as bug:  # a sentence that cannot be put in words is a bug of ours
            return _internal_error(bug)
        _say_error(sentence)
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, typer.Abort):
        _say(_said("error_interrupted"))
        return EXIT_INTERRUPTED
    except SystemExit as exc:
        # click ends a closed pipe itself (sys.exit(1), stdout wrapped to stay quiet), and so
        # does rich, which typer's help is drawn with (stdout pointed at the null device): a
        # reader that went away has what it wanted, which is no failure
        if type(sys.stdout).__name__ == "PacifyFlushWrapper" or (
            _stdout_file() == _NULL_DEVICE != stdout_before
        ):
            _quiet_stdout()
            return 0
        raise exc
    except BrokenPipeError:  # --help or --version to a reader that went away
        _quiet_stdout()
        return 0
    except OSError as exc:  # e.g. --version > /dev/full: the files we write name themselves
        _quiet_stdout()
        _say_error(_cannot_write_output(exc).words(spoken()))
        return EXIT_BAD_INPUT
    except Exception as exc:  # the last line of defence: never a traceback for a user
        return _internal_error(exc)
    return result if isinstance(result, int) else 0


def _command_path(args: list[str]) -> str:
    """The command a command line names (`partneradvisor kb show`), from its first words."""
    path, commands, groups = [PROG], app.registered_commands, app.registered_groups
    for word in args:
        group = next((g for g in groups if g.name == word), None)
        if group is not None and group.typer_instance is not None:
            path.append(word)
            commands = group.typer_instance.registered_commands
            groups = group.typer_instance.registered_groups
            continue
        if any(c.name == word for c in commands):
            path.append(word)
        break
    return " ".join(path)


def _internal_error(exc: Exception) -> int:
    from .._text import excerpt
    from ..errors import EXIT_BUG

    if os.environ.get("PARTNERADVISOR_DEBUG"):
        raise exc
    try:
        problem = f"{type(exc).__name__}: {excerpt(str(exc), 200)}"
    except Exception:  # an exception that cannot even say what it is
        problem = type(exc).__name__
    _say(_said("error_internal", problem=problem))
    return EXIT_BUG


def _file_id(fd: int | str) -> tuple[int, int] | None:
    try:
        info = os.stat(fd)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


_NULL_DEVICE = _file_id(os.devnull)


def _stdout_file() -> tuple[int, int] | None:
    """Which file stdout writes to (None when it has no file descriptor, e.g. in a test)."""
    try:
        return _file_id(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return None


def _on_termination(received: list[int]) -> Callable[[], None]:
    """Make SIGTERM (and SIGHUP) interrupt like Ctrl-C does, so that every temporary file is
    removed and every earlier output kept on the way out; returns how to undo it."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, interrupt)

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore


def _open_closed_streams() -> None:
    """A standard stream the shell closed (`<&-`, `>&-`) is None in Python: read it as empty
    and write it to nowhere, as for a reader that went away, rather than fail on None."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


def _flush_stdout(code: int) -> int:
    """Write out what stdout still holds now, while an error can still be said in a sentence
    (at exit Python would print a traceback-like warning and exit 120)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as exc:
        _quiet_stdout()
        _say_error(_cannot_write_output(exc).words(spoken()))
        from ..errors import EXIT_BAD_INPUT

        return code or EXIT_BAD_INPUT
    return code


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that nothing is written to a closed or full one."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor (a test's capture)
        pass


def _say_error(sentence: str) -> None:
    """An error's line: `partneradvisor: error: ...`, in the command's language."""
    _say(_said("error_prefix") + sentence)


def _say(message: str) -> None:
    from .._text import printable

    with contextlib.suppress(OSError, ValueError):  # stderr closed too: the exit code says it
        print(f"partneradvisor: {printable(message)}", file=sys.stderr)
