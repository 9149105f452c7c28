"""Reads a knowledge-base directory into a validated KnowledgeBase.

Validation is whole: every file is parsed and checked, then the files are checked against
each other, and every problem found is reported at once with its file, line and field.
A validated knowledge base is cached, so that a command that only needs advice does not pay
for the YAML parser and the validation library on every start.

The cache is a pickle, and unpickling runs code, so nothing is unpickled that this user did
not write: the file must carry an HMAC-SHA256 tag made with a secret that only this user can
read (created 0600 beside the cache), and the directory, the secret and the file must belong
to the user and be writable by nobody else. The file's name is a SHA-256 of the knowledge
base's files and of every module that shapes the cached object, so a changed class never
meets an old pickle. Where no such directory can be had (no home, a shared or foreign
directory) there is simply no cache.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .._hashing import sha256
from .._version import __version__
from ..errors import KnowledgeBaseError, Problem, Said, said
from .model import KnowledgeBase

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

from . import KB_ENV

CACHE_ENV = "PARTNERADVISOR_CACHE_DIR"
FILENAMES = ("meta.yaml", "benefits.yaml", "forms.yaml", "questions.yaml", "rules.yaml")
# the modules whose code decides what a cached KnowledgeBase holds
SHAPING_MODULES = (
    "model.py",
    "../_record.py",
    "_format.py",
    "_checks.py",
    "loader.py",
    "../_yaml.py",
)
_MAGIC = b"PAKB\x01\n"  # format of a cache file: magic, 32-byte tag, pickle
_SECRET = "secret"
_SECRET_BYTES = 32


def packaged_kb_dir() -> Traversable:
    """The knowledge base that ships inside the package."""
    from .. import data

    # An installed package is a directory: use it as importlib.resources would, without
    # importing importlib.resources (a few milliseconds on every start).
    for location in data.__spec__.submodule_search_locations or ():
        if os.path.isdir(location):
            return Path(location)
    from importlib.resources import files  # e.g. a zipped application

    return files(data)


def resolve_kb_dir(directory: str | os.PathLike[str] | None = None) -> Traversable:
    """The directory to load: the one given, else $PARTNERADVISOR_KB, else the packaged one."""
    chosen = directory if directory is not None else os.environ.get(KB_ENV) or None
    return Path(chosen) if chosen is not None else packaged_kb_dir()


def load_knowledge_base(
    directory: str | os.PathLike[str] | None = None, *, use_cache: bool = True
) -> KnowledgeBase:
    """Load and validate a knowledge base; raises KnowledgeBaseError listing every problem."""
    root = resolve_kb_dir(directory)
    texts, problems = _read_files(root)
    if problems:
        raise KnowledgeBaseError(str(root), problems)
    if directory is None and not os.environ.get(KB_ENV):
        shipped = _shipped(texts)  # validated when the package was made: no pydantic at all
        if shipped is not None:
            return shipped
    cache = _Cache.open(_cache_key(texts)) if use_cache else None
    if cache is not None:
        cached = cache.read()
        if cached is not None:
            return cached
    kb = _validate(texts, str(root))
    if cache is not None:
        cache.write(kb)
    return kb


MAX_FILE_BYTES = 4 * 2**20  # a knowledge-base file is tens of kilobytes; a stranger's may not be


def _not_a_small_file(entry: Traversable) -> Said | None:
    """Why a knowledge-base file is not read: a device, a FIFO, or a file far larger than
    any knowledge base (a file inside a zipped package is part of the package itself)."""
    if not isinstance(entry, Path):
        return None
    from .._io import file_problem

    return file_problem(entry, MAX_FILE_BYTES, said("error_what_knowledge_base"))


def _read_files(root: Traversable) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    try:
        if not root.is_dir():
            exists = not isinstance(root, Path) or root.exists()
            not_there = said("error_kb_not_a_directory" if exists else "error_kb_does_not_exist")
            return texts, [Problem(str(root), not_there)]
    except OSError as exc:  # e.g. a name too long for the file system
        from .._io import os_problem

        return texts, [Problem(str(root), said("error_cannot_be_read", problem=os_problem(exc)))]
    for name in FILENAMES:
        entry = root / name
        problem = _not_a_small_file(entry)
        if problem:
            problems.append(Problem(name, problem))
            continue
        try:
            texts[name] = entry.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(Problem(name, said("error_kb_file_missing")))
        except UnicodeDecodeError:
            problems.append(Problem(name, said("error_kb_file_not_utf8")))
        except OSError as exc:
            from .._io import os_problem

            problems.append(Problem(name, said("error_cannot_be_read", problem=os_problem(exc))))
    return texts, problems


# --- cache -------------------------------------------------------------------------------


def _module_source(name: str) -> bytes:
    """A module's source beside this one, also inside a zipped application (whose code
    cannot change under its version)."""
    loader = __spec__.loader if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    try:
        if get_data is not None:
            data: bytes = get_data(os.path.normpath(os.path.join(os.path.dirname(__file__), name)))
            return data
        return Path(os.path.dirname(__file__), name).resolve().read_bytes()
    except OSError:
        return b""


def _unpickle(data: bytes) -> object:
    """pickle.loads, which is the C unpickler: pickle.py (2 ms to import) only wraps it."""
    try:
        from _pickle import loads
    except ImportError:
        from pickle import loads
    return loads(data)


def _cache_key(texts: dict[str, str], *, per_python: bool = True) -> str:
    python = sys.version_info[:2] if per_python else "any"  # a shipped pickle serves them all
    digest = sha256(f"{__version__}|{python}".encode())
    for name in SHAPING_MODULES:
        source = _module_source(name)
        digest.update(b"\0%s\0%d\0" % (name.encode(), len(source)) + source)
    for name in FILENAMES:
        text = texts[name].encode("utf-8", "surrogatepass")
        digest.update(b"\0%s\0%d\0" % (name.encode(), len(text)) + text)
    return digest.hexdigest()


# --- the packaged knowledge base, validated when the package was made ---------------------

SHIPPED = "validated.pickle"
_SHIPPED_MAGIC = b"PAKB-shipped\n"


def _shipped(texts: dict[str, str]) -> KnowledgeBase | None:
    """The packaged knowledge base as validated when the package was made, if it still
    matches its files and this code. It ships inside the package, so it is trusted like the
    code; a stale one (a test fails on it) is simply not used."""
    try:
        data = (packaged_kb_dir() / SHIPPED).read_bytes()
    except OSError:
        return None
    key = _cache_key(texts, per_python=False).encode()
    header = _SHIPPED_MAGIC + key + b"\n"
    if not data.startswith(header):
        return None
    kb = _unpickle(data[len(header) :])  # part of the installed package, like its code
    if not isinstance(kb, KnowledgeBase):
        return None
    return kb._replace(source=str(packaged_kb_dir()))  # where it is installed, not was made


def write_shipped(directory: str | os.PathLike[str] | None = None) -> Path:
    """Validate the knowledge base in directory (default: the one in the source tree) and
    store it beside its files, for the package to ship: `python -m partneradvisor.kb.loader`."""
    root = Path(directory) if directory is not None else Path(str(packaged_kb_dir()))
    texts, problems = _read_files(root)
    if problems:
        raise KnowledgeBaseError(str(root), problems)
    kb = _validate(texts, "")
    key = _cache_key(texts, per_python=False).encode()
    target = root / SHIPPED
    import pickle

    payload = pickle.dumps(kb, protocol=5)  # readable by every Python this package supports
    target.write_bytes(_SHIPPED_MAGIC + key + b"\n" + payload)
    return target


def _cache_dir() -> Path | None:
    """$PARTNERADVISOR_CACHE_DIR, else $XDG_CACHE_HOME/partneradvisor (the XDG specification
    says to ignore a relative one), else ~/.cache/partneradvisor; None without a home."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "partneradvisor"
    home = os.path.expanduser("~")  # "~" itself where there is no HOME and no passwd entry
    return Path(home, ".cache", "partneradvisor") if os.path.isabs(home) else None


def _own(st: os.stat_result, others: int) -> bool:
    """Whether a file or directory belongs to this user and grants others none of others
    (on Windows, where mode bits say nothing, the user's profile's access rules do that)."""
    if os.name != "posix":
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & others


def _read_own(path: Path, others: int) -> bytes | None:
    """The bytes of a regular file of this user's that others cannot write (or read, as
    others says), opened without following a symlink; None otherwise."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with open(fd, "rb") as file:
        st = os.fstat(file.fileno())
        if not (stat.S_ISREG(st.st_mode) and _own(st, others)):
            return None
        return file.read()


class _Cache:
    """One cache entry: a directory that is safe to trust, a secret, and a key."""

    def __init__(self, directory: Path, secret: bytes, key: str) -> None:
        self.directory, self.secret, self.key = directory, secret, key
        self.path = directory / f"kb-{key}.pickle"

    @classmethod
    def open(cls, key: str) -> _Cache | None:
        import stat

        directory = _cache_dir()
        if directory is None:
            return None
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.stat(directory)
            if not (stat.S_ISDIR(st.st_mode) and _own(st, 0o022)):
                return None  # another user's, or a shared one: anyone could plant a file there
            secret = cls._secret(directory)
        except OSError:
            return None  # caching is an optimisation: a read-only home must not break the tool
        return cls(directory, secret, key) if secret else None

    @staticmethod
    def _secret(directory: Path) -> bytes | None:
        path = directory / _SECRET
        secret = _read_own(path, 0o077)
        if secret is None and not path.exists():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it at the same moment
                return _read_own(path, 0o077)
            with open(fd, "wb") as file:
                file.write(os.urandom(_SECRET_BYTES))
            secret = _read_own(path, 0o077)
        return secret if secret is not None and len(secret) == _SECRET_BYTES else None

    def _tag(self, payload: bytes) -> bytes:
        import hmac

        return hmac.digest(self.secret, self.key.encode() + payload, "sha256")

    def read(self) -> KnowledgeBase | None:
        import hmac

        data = _read_own(self.path, 0o022)
        if data is None or not data.startswith(_MAGIC):
            return None
        start = len(_MAGIC) + 32
        tag, payload = data[len(_MAGIC) : start], data[start:]
        if not hmac.compare_digest(tag, self._tag(payload)):
            return None  # not written by this user for this knowledge base: never unpickled
        try:
            kb = _unpickle(payload)  # safe: authenticated as this user's own file
        except Exception:  # written by an older Python or a damaged disk: rebuilt
            return None
        return kb if isinstance(kb, KnowledgeBase) else None

    def write(self, kb: KnowledgeBase) -> None:
        import pickle
        import tempfile

        payload = pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL)
        temp: str | None = None
        try:
            fd, temp = tempfile.mkstemp(dir=self.directory, prefix=".kb-", suffix=".tmp")
            with open(fd, "wb") as file:
                file.write(_MAGIC + self._tag(payload) + payload)
            os.replace(temp, self.path)
            temp = None
        except OSError:
            pass  # caching is an optimisation: a full disk must not break the tool
        finally:
            if temp is not None:
                Path(temp).unlink(missing_ok=True)


# --- validation --------------------------------------------------------------------------


def _validate(texts: dict[str, str], source: str) -> KnowledgeBase:
    import gc

    from ._checks import check_and_build  # imports pydantic: only when the cache misses

    # validation makes many small objects and frees none of them: the collector would only
    # walk them again and again (half the time of a validation)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        kb, problems = check_and_build(texts, source)
    finally:
        if was_enabled:
            gc.enable()
    if problems or kb is None:
        raise KnowledgeBaseError(source, problems)
    return kb


def validate_knowledge_base(directory: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Validate without the cache (what `kb validate` runs)."""
    return load_knowledge_base(directory, use_cache=False)


if __name__ == "__main__":  # python -m partneradvisor.kb.loader: refresh the shipped snapshot
    print(f"wrote {write_shipped()}")
