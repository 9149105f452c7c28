"""Reading documents users give and writing files whole or not at all."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import InputFileError, OutputError

STDIO = "-"


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


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to path whole or not at all: a failure leaves any existing file intact."""
    target = Path(path)
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as tmp:
            tmp_name = tmp.name
            os.chmod(tmp_name, 0o666 & ~current_umask())  # as a plain open() would create it
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write {target}: {reason}") from None
