"""The command's entry point: Ctrl-C while the program is still starting (importing typer)
is an interruption like any other, said in a sentence, not a traceback."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("partneradvisor: interrupted\n")
        raise SystemExit(130) from None
    raise SystemExit(main())
