"""Safe YAML reading: the C loader when available, duplicate keys refused, lines for errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class _StrictSafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that refuses a key given twice: PyYAML would silently keep the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise DuplicateKeyError(
                    problem=f"key {key!r} is given twice", problem_mark=key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_StrictSafeLoader.add_constructor("tag:yaml.org,2002:map", _StrictSafeLoader.construct_yaml_map)


def load(text: str) -> Any:
    """Parse YAML text safely; raises yaml.YAMLError (with a mark) on bad input."""
    return yaml.load(text, Loader=_StrictSafeLoader)  # safe: a SafeLoader subclass


def describe_error(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line and a one-line description of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    text = f"{context}: {problem}" if context else str(problem)
    return line, f"not valid YAML ({text})"


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the deepest node along path in the YAML text, if it can be found."""
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(step):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return line
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
