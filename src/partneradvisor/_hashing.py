"""SHA-256 from CPython's own module where it has one: hashlib first loads OpenSSL (some
4 ms at every start, for hashing a few files)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import _Hash


def sha256(data: bytes = b"") -> _Hash:
    for module in ("_sha2", "_sha256"):  # Python 3.12+, 3.10 and 3.11
        try:
            hashed: _Hash = import_module(module).sha256(data)
            return hashed
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256(data)
