"""Reading documents users give, bounded, and writing files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO, Any

from ._text import excerpt, has_surrogates
from .errors import InputFileError, OutputError, Said, said

STDIO = "-"
BOM = "\ufeff"  # Windows editors and Excel start UTF-8 files with this byte-order mark
MAX_DEPTH = 64  # as _yaml.MAX_DEPTH: no answers document needs more than a few levels


def open_error(path: str, exc: OSError) -> InputFileError:
    """The sentence for a file that cannot be opened for reading."""
    if isinstance(exc, FileNotFoundError):
        return InputFileError(said("error_no_such_file", path=path))
    if isinstance(exc, IsADirectoryError):
        return InputFileError(said("error_is_directory", path=path))
    return InputFileError(said("error_cannot_read", path=path, problem=os_problem(exc)))


# what the system says, in the reader's language where the phrasebook knows the error
_OS_PROBLEMS = {
    *("EACCES", "EPERM", "ENOSPC", "EDQUOT", "EROFS", "ENOENT", "EISDIR", "ENOTDIR", "ELOOP"),
    *("ENAMETOOLONG", "EIO", "EMFILE", "ENFILE", "ETXTBSY", "EFBIG", "EBUSY", "EXDEV", "EEXIST"),
    "ENXIO",
}


def os_problem(exc: OSError) -> Said | str:
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_PROBLEMS:
        return said(f"error_os_{name}")
    return exc.strerror or str(exc)


MAX_DOCUMENT_BYTES = 4 * 2**20  # an answers file is some hundred bytes; a stranger's may not be


def file_problem(path: Path, limit: int, what: Said) -> Said | None:
    """Why a file is not read: a device or a FIFO (reading would hang or never end), or a
    file far larger than any `what` (e.g. an answers file); None when it may be read or does
    not exist (which reading it then says)."""
    import stat

    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return said("error_cannot_be_read", problem=os_problem(exc))
    if stat.S_ISDIR(info.st_mode):
        return None  # said as "is a directory" by the reader
    if not stat.S_ISREG(info.st_mode):
        return said("error_not_a_regular_file")
    if info.st_size > limit:
        return too_large(limit, what)
    return None


def too_large(limit: int, what: Said) -> Said:
    return said("error_too_large", mib=limit // 2**20, what=what)


ANSWERS_FILE = said("error_what_answers_file")
STANDARD_INPUT = said("error_standard_input")


def read_text(path: str) -> str:
    """An answers document's text, at most MAX_DOCUMENT_BYTES of it."""
    if path == STDIO:
        try:
            text = sys.stdin.read(MAX_DOCUMENT_BYTES + 1)
        except UnicodeDecodeError:
            raise InputFileError(said("error_not_utf8", name=STANDARD_INPUT)) from None
        if len(text) > MAX_DOCUMENT_BYTES:
            mib = MAX_DOCUMENT_BYTES // 2**20
            raise InputFileError(said("error_stdin_too_large", mib=mib))
        return text
    problem = file_problem(Path(path), MAX_DOCUMENT_BYTES, ANSWERS_FILE)
    if problem:
        raise InputFileError(said("error_name_problem", name=excerpt(path), problem=problem))
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read(MAX_DOCUMENT_BYTES + 1)
    except UnicodeDecodeError:
        raise InputFileError(said("error_file_not_utf8", path=path)) from None
    except OSError as exc:
        raise open_error(path, exc) from None
    if len(text) > MAX_DOCUMENT_BYTES:  # it grew since
        problem = too_large(MAX_DOCUMENT_BYTES, ANSWERS_FILE)
        raise InputFileError(said("error_name_problem", name=excerpt(path), problem=problem))
    return text


def check_tree(data: Any, name: str | Said) -> Any:
    """data, once it is known to nest at most MAX_DEPTH deep and to hold only valid Unicode
    text (JSON can escape half a character, which no file or terminal can then take)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if has_surrogates(value):
                raise InputFileError(said("error_not_unicode", name=name, text=excerpt(value)))
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise InputFileError(said("error_too_deep", name=name, depth=MAX_DEPTH))
            items = [*value, *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return data


class DuplicateKey(ValueError):
    """A JSON object names one key twice (json keeps the last silently; YAML refuses it)."""

    def __init__(self, key: str) -> None:
        self.key = excerpt(key)
        super().__init__(f"key {self.key} is given twice")


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's mapping, refused when it names a key twice (object_pairs_hook)."""
    mapping = dict(pairs)
    if len(mapping) < len(pairs):
        seen: set[str] = set()
        raise DuplicateKey(next(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return mapping


class UniqueKeys(dict[str, Any]):
    """A mapping that notes the first key set twice (ijson's map_type; a parser's C code
    cannot take an exception from it, so whoever reads the mapping refuses it)."""

    duplicate: str | None = None

    def __setitem__(self, key: str, value: Any) -> None:
        if self.duplicate is None and key in self:
            self.duplicate = key
        super().__setitem__(key, value)


def parse_json(text: str, name: str | Said) -> Any:
    """JSON, refused with one sentence when it is not valid, names a key twice or is nested
    beyond any need."""
    import json  # the terminal views read YAML answers without it

    try:
        from ._text import bounded_int

        return json.loads(text, parse_int=bounded_int, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        problem = said("error_not_json", name=name, line=exc.lineno, problem=exc.msg)
        raise InputFileError(problem) from None
    except DuplicateKey as exc:
        problem = said("error_key_twice", name=name, key=exc.key)
        raise InputFileError(problem) from None
    except RecursionError:
        raise InputFileError(said("error_too_deep", name=name, depth=MAX_DEPTH)) from None


def parse_document(text: str, name: str | Said) -> Any:
    """A YAML or JSON document (JSON by a .json name; YAML, safely, otherwise), bounded."""
    text = text.removeprefix(BOM)
    if has_surrogates(text):
        raise InputFileError(said("error_not_utf8", name=name))
    # JSON by its name, or on standard input by its first character: YAML would refuse
    # JSON's escapes of characters outside the Basic Multilingual Plane ("\\ud83d\\ude00")
    stdin = name == STANDARD_INPUT
    if (not stdin and str(name).endswith(".json")) or (stdin and text.lstrip()[:1] in ("{", "[")):
        return check_tree(parse_json(text, name), name)
    from . import _plain_yaml

    plain = _plain_yaml.load(text)  # most answers files: no need to import PyYAML
    if plain is not None:
        return plain
    import yaml

    from . import _yaml

    try:
        return _yaml.load(text)
    except yaml.YAMLError as exc:
        line, problem = _yaml.yaml_problem(exc)
        phrase = "error_not_yaml_at" if line else "error_not_yaml"
        raise InputFileError(said(phrase, name=name, problem=problem, line=line)) from None


def read_document(path: str) -> Any:
    return parse_document(read_text(path), STANDARD_INPUT if path == STDIO else path)


def same_file(a: str, b: str) -> bool:
    """Whether two paths the user gave name the same file (- is a standard stream)."""
    if STDIO in (a, b):
        return a == b
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist yet
        return os.path.realpath(a) == os.path.realpath(b)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file (text, or bytes with binary=True) written under a temporary name beside its
    target and moved into place by finish(), so that a failure or abandon() leaves any
    existing file as it was.

    What the user named is kept what it is: a symlink is followed (its target is replaced), an
    existing file keeps its permissions, a file with other hard links is overwritten in place
    once the new text is complete, and a device or FIFO (/dev/null, a pipe) is written directly.
    """

    def __init__(
        self, path: str | os.PathLike[str], newline: str | None = None, *, binary: bool = False
    ) -> None:
        import stat
        import tempfile

        def opened(file: int | Path) -> IO[Any]:
            if binary:
                return open(file, "wb")
            return open(file, "w", encoding="utf-8", newline=newline)

        self.target = Path(path)
        self.direct = False
        self.in_place = False
        self.temp: str | None = None
        try:
            try:
                existing: os.stat_result | None = os.stat(self.target)  # through symlinks
            except FileNotFoundError:
                existing = None
            if existing is not None and stat.S_ISDIR(existing.st_mode):
                raise IsADirectoryError(21, "it is a directory")
            # /dev/stdout and the like name an open descriptor, which may lead to a pipe or to
            # a file that the shell holds open: write through them, do not replace what they
            # lead to
            descriptor = str(self.target).startswith(("/dev/", "/proc/"))
            if existing is not None and (descriptor or not stat.S_ISREG(existing.st_mode)):
                self.direct = True
                self.handle: IO[Any] = opened(self.target)
                return
            if existing is not None and not os.access(self.target, os.W_OK):
                # replacing it needs only the directory: refuse what `>` would refuse
                raise PermissionError(13, "Permission denied")
            real = Path(os.path.realpath(self.target))
            fd, self.temp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.")
            self.handle = opened(fd)
            self.real = real
            mode = 0o666 & ~current_umask()  # as open() would create it
            if existing is not None:
                mode = stat.S_IMODE(existing.st_mode)
                self.in_place = existing.st_nlink > 1
            os.chmod(self.temp, mode)
        except OSError as exc:
            self._remove()
            raise OutputError(cannot_write(self.target, exc)) from None

    def finish(self) -> None:
        if self.handle.closed:
            return
        try:
            self.handle.flush()
            if self.direct:
                self.handle.close()
                return
            os.fsync(self.handle.fileno())
            self.handle.close()
            assert self.temp is not None
            if self.in_place:  # keep the hard links: copy the complete text over the file
                import shutil

                shutil.copyfile(self.temp, self.real)
                os.unlink(self.temp)
            else:
                os.replace(self.temp, self.real)
            self.temp = None
        except OSError as exc:
            self._remove()
            raise OutputError(cannot_write(self.target, exc)) from None

    def abandon(self) -> None:
        self._remove()

    def _remove(self) -> None:
        handle = getattr(self, "handle", None)
        if handle is not None and not handle.closed:
            with contextlib.suppress(OSError, ValueError):  # e.g. a full disk on the last flush
                handle.close()
        if self.temp is not None:
            Path(self.temp).unlink(missing_ok=True)
            self.temp = None

    def write(self, text: str | bytes) -> None:
        """Write text (bytes for a binary file); an error abandons the file (no temporary file
        is left behind)."""
        try:
            self.handle.write(text)
        except OSError as exc:
            self._remove()
            raise OutputError(cannot_write(self.target, exc)) from None
        except BaseException:
            self._remove()
            raise


def cannot_write(target: object, exc: OSError) -> Said:
    return said("error_cannot_write", path=target, problem=os_problem(exc))


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write text (or bytes) to path whole or not at all: a failure leaves any existing file
    intact."""
    file = AtomicFile(path, binary=isinstance(text, bytes))
    file.write(text)
    file.finish()
