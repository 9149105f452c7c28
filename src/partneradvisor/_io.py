"""Reading documents users give and writing files whole or not at all."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from .errors import InputFileError, OutputError

STDIO = "-"
BOM = "\ufeff"  # Windows editors and Excel start UTF-8 files with this byte-order mark


def read_text(path: str) -> str:
    if path == STDIO:
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"the file {path} does not exist") from None
    except IsADirectoryError:
        raise InputFileError(f"{path} is a directory, not a file") from None
    except UnicodeDecodeError:
        raise InputFileError(f"the file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from None


def parse_document(text: str, name: str) -> Any:
    """A YAML or JSON document (JSON by a .json name; YAML, safely, otherwise)."""
    text = text.removeprefix(BOM)
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputFileError(
                f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})"
            ) from None
    import yaml

    from . import _yaml

    try:
        return _yaml.load(text)
    except yaml.YAMLError as exc:
        line, message = _yaml.describe_error(exc)
        where = f" (line {line})" if line else ""
        raise InputFileError(f"{name} is {message}{where}") from None


def read_document(path: str) -> Any:
    return parse_document(read_text(path), "standard input" if path == STDIO else path)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A text file written under a temporary name beside its target and renamed into place by
    finish(), so that a failure or abandon() leaves any existing file as it was."""

    def __init__(self, path: str | os.PathLike[str], newline: str | None = None) -> None:
        import tempfile

        self.target = Path(path)
        try:
            self.handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by finish/abandon
                "w",
                encoding="utf-8",
                newline=newline,
                dir=self.target.parent,
                prefix=f".{self.target.name}.",
                delete=False,
            )
            os.chmod(self.handle.name, 0o666 & ~current_umask())  # as open() would create it
        except OSError as exc:
            raise OutputError(f"cannot write {self.target}: {exc.strerror or exc}") from None

    def finish(self) -> None:
        if self.handle.closed:
            return
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.handle.name, self.target)
        except OSError as exc:
            self._remove()
            raise OutputError(f"cannot write {self.target}: {exc.strerror or exc}") from None

    def abandon(self) -> None:
        if not self.handle.closed:
            self._remove()

    def _remove(self) -> None:
        self.handle.close()
        Path(self.handle.name).unlink(missing_ok=True)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to path whole or not at all: a failure leaves any existing file intact."""
    file = AtomicFile(path)
    try:
        file.handle.write(text)
    except OSError as exc:
        file.abandon()
        raise OutputError(f"cannot write {file.target}: {exc.strerror or exc}") from None
    file.finish()
