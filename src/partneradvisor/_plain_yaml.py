"""The plain subset of YAML that answers files are written in, read without PyYAML.

Importing PyYAML costs some 15 ms, more than reading and advising together. An answers file
is `key: value` lines, the goals one level deeper, and comments: `load` reads exactly that
and returns what PyYAML's safe loader makes of it, or None for anything else (quotes, lists,
flow style, anchors, tags, a key given twice, a value YAML reads as other than text or a
small whole number, ...), which is then left to PyYAML. tests/test_plain_yaml.py holds it
to PyYAML's reading.
"""

from __future__ import annotations

import re
from typing import Any

# an indent and a key, then what follows the colon; the value is taken apart in Python (a
# value, spaces and a comment in one pattern backtrack quadratically on a line of spaces)
_LINE = re.compile(r"( *)([a-z_][a-z0-9_]*):(.*)")
# a plain value that starts with no YAML indicator and holds none of the characters that
# could make it more than one plain scalar
_PLAIN_VALUE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*")
_BLANK_OR_COMMENT = re.compile(r" *(?:#.*)?")
_SMALL_INT = re.compile(r"0|[1-9][0-9]{0,5}")
# what YAML 1.1 (PyYAML's resolver) reads a plain word as
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("no", "No", "NO", "off", "Off", "OFF"), False),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL", "~"), None),
}
_NOT_PLAIN = object()


def _scalar(raw: str | None) -> Any:
    """The value PyYAML makes of a plain scalar, or _NOT_PLAIN where it is not text."""
    if raw is None or raw in _WORDS:
        return None if raw is None else _WORDS[raw]
    if raw[0].isdigit():
        return int(raw) if _SMALL_INT.fullmatch(raw) else _NOT_PLAIN  # floats, dates, 0x..
    if raw[0] in "+.<=~":  # numbers, merge keys, the value key: PyYAML's business
        return _NOT_PLAIN
    return raw


def _value(rest: str) -> Any:
    """The plain value after a key's colon (None: none), or _NOT_PLAIN."""
    if rest and not rest.startswith(" "):
        return _NOT_PLAIN  # `key:value` is one plain scalar to YAML
    comment = rest.find(" #")
    if comment >= 0:
        rest = rest[:comment]
    raw = rest.strip(" ")
    if not raw:
        return None
    return raw if _PLAIN_VALUE.fullmatch(raw) else _NOT_PLAIN


def load(text: str) -> dict[str, Any] | None:
    """The mapping a plain answers document holds, or None: not plain, ask PyYAML."""
    root: dict[str, Any] = {}
    open_key: str | None = None  # a top-level key without a value: its mapping may follow
    indent: str | None = None  # the indent of that mapping's keys
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.isprintable():  # tabs, other line breaks, control characters
            return None
        found = _LINE.fullmatch(line)
        if found is None:
            if _BLANK_OR_COMMENT.fullmatch(line):
                continue
            return None
        at, key, rest = found.groups()
        raw = _value(rest)
        if raw is _NOT_PLAIN:
            return None
        value = _scalar(raw)
        if key in _WORDS or value is _NOT_PLAIN:
            return None
        if not at:
            if key in root:
                return None  # PyYAML names the key given twice
            root[key] = value
            open_key, indent = (key if raw is None else None), None
            continue
        if open_key is None or raw is None or at != (indent or at):
            return None
        indent = at
        mapping = root[open_key] if root[open_key] is not None else {}
        if key in mapping:
            return None
        mapping[key] = value
        root[open_key] = mapping
    return root or None
