"""The command's entry point: Ctrl-C while the program is still starting (importing typer)
is an interruption like any other, said in a sentence, not a traceback."""

from __future__ import annotations

import sys


def run() -> None:
    sys.unraisablehook = _unraisable
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("partneradvisor: interrupted\n")
        raise SystemExit(130) from None
    raise SystemExit(main())


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """What a library's clean-up raises where nobody can catch it (a __del__, a generator
    closed by the garbage collector, often after a failed write the user has been told of)
    is no traceback for a user; PARTNERADVISOR_DEBUG=1 shows it."""
    import os

    if os.environ.get("PARTNERADVISOR_DEBUG"):
        sys.__unraisablehook__(unraisable)
