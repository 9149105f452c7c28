"""The command line: a thin client of the package's Python API.

Heavy libraries (rich, questionary, jinja2, pydantic) are imported inside the commands that
need them, so `--version` and a scripted `recommend` start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from .._version import __version__
from . import recommend as _recommend
from .kb import kb_app

app = typer.Typer(
    name="partneradvisor",
    help="Which form of company-NGO collaboration suits your company, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(kb_app, name="kb")
app.command("recommend")(_recommend.recommend)
app.command("explain")(_recommend.explain)
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


def _register_lazy_commands() -> None:
    from . import batch, wizard

    app.command("wizard")(wizard.wizard)
    app.command("batch")(batch.batch)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; the one place where errors become a sentence and an exit code."""
    from ..errors import EXIT_INTERRUPTED, PartnerAdvisorError

    # typer may vendor its own click: take click's base exception from typer's classes
    click_exception: type[Exception] = next(
        c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
    )

    _register_lazy_commands()
    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=argv if argv is not None else sys.argv[1:],
            prog_name="partneradvisor",
            standalone_mode=False,
        )
    except PartnerAdvisorError as exc:
        _say(f"error: {exc}")
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except click_exception as exc:
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except (KeyboardInterrupt, typer.Abort):
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): not an error worth a message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("PARTNERADVISOR_DEBUG"):
            raise
        _say(
            f"internal error: {type(exc).__name__}: {exc} "
            "(please report it; set PARTNERADVISOR_DEBUG=1 to see the details)"
        )
        return 70
    return result if isinstance(result, int) else 0


def _say(message: str) -> None:
    print(f"partneradvisor: {message}", file=sys.stderr)
