"""Which language to speak: the one asked for, else the locale's (Dutch where it starts with nl)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kb.model import Lang

_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def resolve_lang(requested: str | None = None) -> Lang:
    if requested in ("nl", "en"):
        return requested  # type: ignore[return-value]
    for var in _LOCALE_VARS:
        value = os.environ.get(var)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"
