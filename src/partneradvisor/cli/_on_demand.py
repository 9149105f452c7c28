"""The click group of the typer app, with each command built when first looked up.

typer builds every command's options (signatures, annotations, converters) on each run:
some 20 ms, spent on the one command that runs, or on none for `--version`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name: each built from the app on first use."""

    def __init__(self, app: typer.Typer) -> None:
        self._app = app
        self._built: dict[str, Any] = {}
        named = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
        self._names = [name for name in named if name is not None]
        assert len(self._names) == len(named), "every command is registered by name"

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = _build(self._app, name).commands[name]
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        if name not in self._names:
            self._names.append(name)

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


def _build(app: typer.Typer, only: str | None) -> Any:
    """typer's own click group of the app with only the command named (None: none)."""
    part = copy.copy(app)  # the app itself keeps every command
    part.registered_commands = [c for c in app.registered_commands if c.name == only]
    part.registered_groups = [g for g in app.registered_groups if g.name == only]
    return typer.main.get_command(part)


def click_group(app: typer.Typer) -> Any:
    """The click group of the app (its callback and options), commands built on demand."""
    group = _build(app, None)
    group.commands = _Commands(app)
    return group
