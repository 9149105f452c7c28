"""Safe YAML reading: the C loader when available, duplicate keys refused, aliases and depth
bounded, lines for errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from ._text import MAX_DIGITS, LongNumber, excerpt, has_surrogates
from .errors import Count, Said, in_words, said

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64  # the knowledge base nests about 8 deep, an answers file 3
# Aliases may add this many values beyond those written out: enough to share a list or a text,
# too few for "billion laughs" (nine nested aliases of ten make 10^9 values from 300 bytes).
MAX_ALIAS_VALUES = 100_000


class _Refused(yaml.MarkedYAMLError):
    """What this module refuses in a document: its problem in English (as PyYAML's are) and as
    a sentence of the phrasebook (`said`), for a reader in another language."""

    def __init__(self, problem: Said, mark: Any) -> None:
        super().__init__(problem=problem.words("en"), problem_mark=mark)
        self.said = problem


class DuplicateKeyError(_Refused):
    pass


class BoundsError(_Refused):
    """The document is nested too deeply, expands too far through aliases, refers to itself,
    or holds something a knowledge base or answers file never needs."""


class _StrictSafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that refuses a key given twice: PyYAML would silently keep the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                twice = said("error_key_given_twice", key=excerpt(key))
                raise DuplicateKeyError(twice, key_node.start_mark)
            seen.add(key)  # hashable: check_bounds let only scalar keys through
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_StrictSafeLoader.add_constructor("tag:yaml.org,2002:map", _StrictSafeLoader.construct_yaml_map)


def _bounded_yaml_int(loader: Any, node: yaml.ScalarNode) -> int | float | str:
    text = str(node.value)
    digits = text.lstrip("+-")
    # YAML 1.1 reads 0123 as octal (83) and 7:11 as base 60 (431): a member number, a postal
    # code or a company name written so keeps the text it was written as
    if ":" in digits or (len(digits) > 1 and digits[0] == "0" and digits[1] in "01234567_"):
        return text
    # thousands of digits: Python refuses to convert them (a ValueError, not a YAML error)
    if len(digits) > MAX_DIGITS:
        return LongNumber(text)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_StrictSafeLoader.add_constructor("tag:yaml.org,2002:int", _bounded_yaml_int)


def check_bounds(root: yaml.Node) -> None:
    """Refuse a node graph that is deeper than MAX_DEPTH, that aliases expand by more than
    MAX_ALIAS_VALUES, that refers to itself, that has a key which is not a scalar, or text
    that is not valid Unicode. One pass: each collection is measured once, however often it
    is aliased, so the check costs what the document costs to write, not to expand."""
    if isinstance(root, yaml.ScalarNode):
        root = yaml.SequenceNode("tag:yaml.org,2002:seq", [root], root.start_mark, root.end_mark)
    expanded: dict[int, int] = {}  # id(collection) -> values it stands for, aliases expanded
    written = 0  # values written out (a scalar aliased twice counts twice: a slight excess)
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, list[yaml.Node] | None]] = [(root, None)]
    while stack:
        node, children = stack.pop()
        key = id(node)
        if children is not None:  # every child is measured
            on_path.discard(key)
            expanded[key] = 1 + sum([expanded.get(id(c), 1) for c in children])
            continue
        if key in expanded:
            continue
        if key in on_path:
            raise BoundsError(said("error_alias_loop"), node.start_mark)
        if len(on_path) >= MAX_DEPTH:
            raise BoundsError(said("error_nested", depth=MAX_DEPTH), node.start_mark)
        elif isinstance(node, yaml.MappingNode):
            children = []
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise BoundsError(said("error_key_not_plain"), key_node.start_mark)
                children += (key_node, value_node)
        else:
            children = node.value
        on_path.add(key)
        stack.append((node, children))
        for child in children:
            if isinstance(child, yaml.ScalarNode):
                written += 1
                if has_surrogates(child.value):
                    raise BoundsError(said("error_holds_not_unicode"), child.start_mark)
            elif id(child) not in expanded:
                stack.append((child, None))
    if expanded[id(root)] > written + len(expanded) + MAX_ALIAS_VALUES:
        too_far = said("error_aliases_expand", count=Count(MAX_ALIAS_VALUES))
        raise BoundsError(too_far, root.start_mark)


def load(text: str) -> Any:
    """Parse YAML text safely; raises yaml.YAMLError (with a mark) on bad or unbounded input."""
    if has_surrogates(text):  # the C parser would fail to encode it
        raise _Refused(said("error_holds_not_utf8"), None)
    loader = _StrictSafeLoader(text)  # safe: a SafeLoader subclass
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_bounds(node)
        return loader.construct_document(node)
    except RecursionError:  # the pure-Python parser, where the C one is missing
        raise BoundsError(said("error_nested", depth=MAX_DEPTH), None) from None
    finally:
        loader.dispose()


def describe_error(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line and a one-line description of a YAML error."""
    line, problem = yaml_problem(exc)
    return line, f"not valid YAML ({in_words(problem, 'en')})"  # a knowledge base's: English


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str | Said]:
    """The 1-based line and what is wrong: PyYAML's own words, or this module's sentence."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    if isinstance(exc, _Refused):
        return line, exc.said
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    return line, f"{context}: {problem}" if context else str(problem)


class LineIndex:
    """The line of every node of a YAML text by its path, built in one pass over the text,
    so that locating many problems does not parse the file again for each one."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str | int, ...], int] = {}
        try:
            root = yaml.compose(text, Loader=_BaseLoader)
        except (yaml.YAMLError, RecursionError):
            return
        if root is None:
            return
        self.lines[()] = root.start_mark.line + 1
        seen: set[int] = set()  # an aliased node is indexed where it is first written
        stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), root)]
        while stack:
            path, node = stack.pop()
            if id(node) in seen or len(path) > MAX_DEPTH:
                continue
            seen.add(id(node))
            children: list[tuple[tuple[str | int, ...], yaml.Node]] = []
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        children.append(((*path, key_node.value), value_node))
                        self.lines.setdefault(children[-1][0], key_node.start_mark.line + 1)
            elif isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    children.append(((*path, i), item))
                    self.lines.setdefault(children[-1][0], item.start_mark.line + 1)
            stack.extend(reversed(children))  # in the text's order: an anchor before its aliases

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of the deepest node along path that the text has."""
        found: tuple[str | int, ...] = ()
        for step in path:
            for candidate in ((*found, step), (*found, str(step))):
                if candidate in self.lines:
                    found = candidate
                    break
            else:
                break
        return self.lines.get(found)


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the deepest node along path (one parse per call: for many
    lookups in one text, build a LineIndex once)."""
    return LineIndex(text).line(path)
