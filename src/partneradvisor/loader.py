"""Reads a knowledge-base directory into a validated KnowledgeBase.

Validation is whole: every file is parsed and checked, then the files are checked against
each other, and every problem found is reported at once with its file, line and field.
A validated knowledge base is cached by the hash of its files, so that a command that only
needs advice does not pay for the YAML parser and the validation library on every start.
"""

from __future__ import annotations

import os
import pickle
import sys
from importlib.util import source_hash
from pathlib import Path
from typing import TYPE_CHECKING

from . import model
from ._version import __version__
from .errors import KnowledgeBaseError, Problem
from .model import KnowledgeBase

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

KB_ENV = "PARTNERADVISOR_KB"
CACHE_ENV = "PARTNERADVISOR_CACHE_DIR"
FILENAMES = ("meta.yaml", "benefits.yaml", "forms.yaml", "questions.yaml", "rules.yaml")


def packaged_kb_dir() -> Traversable:
    """The knowledge base that ships inside the package."""
    from . import data

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
    key = _cache_key(texts)
    if use_cache:
        cached = _read_cache(key)
        if cached is not None:
            return cached
    kb = _validate(texts, str(root))
    if use_cache:
        _write_cache(key, kb)
    return kb


def _read_files(root: Traversable) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    if not root.is_dir():
        return texts, [Problem(str(root), "is not a directory")]
    for name in FILENAMES:
        entry = root / name
        try:
            texts[name] = entry.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(Problem(name, "the file is missing"))
        except UnicodeDecodeError:
            problems.append(Problem(name, "the file is not UTF-8 text"))
        except OSError as exc:
            problems.append(Problem(name, f"cannot be read ({exc.strerror or exc})"))
    return texts, problems


# --- cache -------------------------------------------------------------------------------


def _cache_key(texts: dict[str, str]) -> str:
    # The hash Python itself checks bytecode caches with (hashlib's import costs a few ms).
    # The model's source is part of the key: a changed class must never meet an old pickle
    # (inside a zipped application the code cannot change under its version).
    model_source = Path(model.__file__)
    parts = [
        f"{__version__}|{sys.version_info[:2]}".encode(),
        model_source.read_bytes() if model_source.is_file() else b"",
    ]
    for name in FILENAMES:
        parts += [name.encode(), texts[name].encode()]
    return source_hash(b"\0".join(parts)).hex()


def _cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "partneradvisor"


def _read_cache(key: str) -> KnowledgeBase | None:
    try:
        data = (_cache_dir() / f"kb-{key}.pickle").read_bytes()
        kb = pickle.loads(data)  # our own file in the user's cache, keyed by hash
    except Exception:  # a missing, stale or damaged cache is simply rebuilt
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def _write_cache(key: str, kb: KnowledgeBase) -> None:
    import tempfile

    try:
        directory = _cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as tmp:
            tmp.write(pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp.name, directory / f"kb-{key}.pickle")
    except OSError:
        pass  # caching is an optimisation; a read-only home must not break the tool


# --- validation --------------------------------------------------------------------------


def _validate(texts: dict[str, str], source: str) -> KnowledgeBase:
    from ._kb_checks import check_and_build  # imports pydantic: only when the cache misses

    kb, problems = check_and_build(texts, source)
    if problems or kb is None:
        raise KnowledgeBaseError(source, problems)
    return kb


def validate_knowledge_base(directory: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Validate without the cache (what `kb validate` runs)."""
    return load_knowledge_base(directory, use_cache=False)
