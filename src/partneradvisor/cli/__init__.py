"""The command line: a thin client of the package's Python API.

Heavy libraries (rich, questionary, jinja2, pydantic) are imported inside the commands that
need them, so `--version` and a scripted `recommend` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from .._version import __version__
from ..errors import EXIT_INTERRUPTED
from . import batch as _batch
from . import recommend as _recommend
from . import wizard as _wizard
from .kb import kb_app


class _Commands(typer.core.TyperGroup):
    """Turns what a command lets through into the package's errors before typer sees it:
    typer would make an interrupt a silent Exit(130) and a closed pipe a bare exit 1."""

    def invoke(self, ctx: Any) -> Any:
        from ..errors import Interrupted, OutputClosed, OutputError

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted("interrupted") from None
        except BrokenPipeError:
            raise OutputClosed("the reader of the output went away") from None
        except OSError as exc:  # files are written by _io, which names them: this is stdout
            raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None
        except UnicodeEncodeError as exc:
            raise OutputError(_encoding_problem(exc)) from None


def _encoding_problem(exc: UnicodeEncodeError) -> str:
    from .._text import excerpt, has_surrogates

    bad = exc.object[exc.start : exc.end]
    if has_surrogates(bad):
        return f"cannot write {excerpt(bad)}: it is not valid Unicode text"
    return (
        f"cannot write {excerpt(bad)} in the output's encoding ({exc.encoding}); "
        "set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale)"
    )


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
    received: list[int] = []
    restore = _on_termination(received)
    try:
        code = _run(argv)
    finally:
        restore()
    code = _flush_stdout(code)
    return 128 + received[0] if received else code


def _run(argv: list[str] | None) -> int:
    from ..errors import EXIT_BUG, OutputClosed, PartnerAdvisorError

    # typer may vendor its own click: take click's base exception from typer's classes
    click_exception: type[Exception] = next(
        c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
    )

    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=argv if argv is not None else sys.argv[1:],
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

        _say(str(exc) if isinstance(exc, Interrupted) else f"error: {exc}")
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except click_exception as exc:
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except (KeyboardInterrupt, typer.Abort):
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # --help or --version to a reader that went away
        _quiet_stdout()
        return 0
    except OSError as exc:  # e.g. --version > /dev/full: the files we write name themselves
        _quiet_stdout()
        _say(f"error: cannot write the output: {exc.strerror or exc}")
        from ..errors import EXIT_BAD_INPUT

        return EXIT_BAD_INPUT
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("PARTNERADVISOR_DEBUG"):
            raise
        from .._text import excerpt

        _say(
            f"internal error: {type(exc).__name__}: {excerpt(str(exc), 200)} "
            "(please report it; set PARTNERADVISOR_DEBUG=1 to see the details)"
        )
        return EXIT_BUG
    return result if isinstance(result, int) else 0


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


def _flush_stdout(code: int) -> int:
    """Write out what stdout still holds now, while an error can still be said in a sentence
    (at exit Python would print a traceback-like warning and exit 120)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as exc:
        _quiet_stdout()
        _say(f"error: cannot write the output: {exc.strerror or exc}")
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


def _say(message: str) -> None:
    from .._text import printable

    with contextlib.suppress(OSError, ValueError):  # stderr closed too: the exit code says it
        print(f"partneradvisor: {printable(message)}", file=sys.stderr)
