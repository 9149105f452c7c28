"""Options and helpers every command shares."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .._lang import resolve_lang
from ..kb import KB_ENV

if TYPE_CHECKING:
    from rich.console import Console

    from ..kb.model import KnowledgeBase, Lang

KbOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--kb",
        envvar=KB_ENV,
        help="Knowledge-base directory (default: the packaged one).",
        show_default=False,
    ),
]
LangOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        help="Language: nl or en (default: from the locale, Dutch where it starts with nl).",
        show_default=False,
    ),
]


TableOrJsonOption = Annotated[
    str, typer.Option("--format", "-f", help="table or json.", show_default=True)
]


def table_or_json(value: str) -> str:
    if value not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")
    return value


def lang_of(value: str | None) -> Lang:
    if value is not None and value not in ("nl", "en"):
        from .._text import excerpt

        raise typer.BadParameter(
            f"{excerpt(value)} is not a language; use nl or en", param_hint="--lang"
        )
    return resolve_lang(value)


def load_kb(kb_dir: Path | None) -> KnowledgeBase:
    from ..kb.loader import load_knowledge_base

    return load_knowledge_base(kb_dir)


def console(stderr: bool = False) -> Console:
    """The terminal, where knowledge-base and user text is shown without the control
    characters a terminal would act on (an escape sequence in a company name stays text)."""
    from rich.console import Console, RenderHook
    from rich.segment import Segment

    from .._text import printable

    class Printable:
        def __init__(self, renderable: Any) -> None:
            self.renderable = renderable

        def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
            for segment in console.render(self.renderable, options):
                text = segment.text
                if segment.control is None and not text.isprintable():
                    segment = Segment(printable(text), segment.style)
                yield segment

    class StripControls(RenderHook):
        def process_renderables(self, renderables: list[Any]) -> list[Any]:
            return [Printable(r) for r in renderables]

    # markup off: text from a knowledge base or a user ("[link=...]") is shown as it is
    terminal = Console(stderr=stderr, highlight=False, markup=False)
    terminal.push_render_hook(StripControls())
    # rich exits 1 when the reader goes away (`| head`); the CLI's boundary says 0
    terminal.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    return terminal


def _reader_gone() -> None:
    raise BrokenPipeError


def _completion(
    ids_of: Callable[[KnowledgeBase], Iterable[str]],
) -> Callable[[typer.Context, str], list[str]]:
    """A shell-completion callback offering ids from the knowledge base in use (the one given
    with --kb earlier on the line, else $PARTNERADVISOR_KB, else the packaged one)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            kb = load_kb(ctx.params.get("kb"))
        except Exception:  # a broken knowledge base must not break the user's shell
            return []
        return [i for i in ids_of(kb) if i.startswith(incomplete)]

    return complete


complete_form_id = _completion(lambda kb: kb.form_ids)
complete_item_id = _completion(lambda kb: (*kb.form_ids, *kb.benefit_ids))


def emit(text: str | bytes, output: str | None) -> None:
    """Write text (or bytes) to a file (whole or not at all) or, for None or '-', to stdout."""
    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .._io import write_atomic

    write_atomic(output, text)


AnswersOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--answers",
        "-a",
        help="Answers file (YAML or JSON; - for standard input).",
        show_default=False,
    ),
]
GoalOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--goal",
        "-g",
        help="A goal and its importance 1-5, e.g. credibility=5 (repeatable; overrides the file).",
        show_default=False,
    ),
]
SetOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--set",
        help="Any other answer, e.g. horizon=short (repeatable; overrides the file).",
        show_default=False,
    ),
]


def answers_document(
    path: str | None,
    goals: list[str] | None = None,
    overrides: dict[str, str | None] | None = None,
    sets: list[str] | None = None,
) -> dict[str, object]:
    """The answers file's content with the inline options laid over it."""
    from .._io import check_tree, read_document
    from .._text import excerpt, whole_number
    from ..errors import AnswersError

    document: dict[str, object] = {}
    if path is not None:
        loaded = read_document(path)
        if not isinstance(loaded, dict):
            raise AnswersError(
                f"{path} must hold a mapping of answers (company, goals, budget, ...)"
            )
        document = dict(loaded)
    for key, value in (overrides or {}).items():
        if value is not None:
            document[key] = value
    for item in sets or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise AnswersError(f"--set {excerpt(item)} must look like question=value")
        document[key.strip()] = value.strip()
    if goals:
        given = document.get("goals") or {}
        merged = dict(given) if isinstance(given, dict) else {}
        for item in goals:
            benefit, sep, importance = item.partition("=")
            benefit = benefit.strip()
            importance = importance.strip() if sep else "3"
            number = whole_number(importance)
            if number is None:
                raise AnswersError(
                    f"--goal {excerpt(item)}: the importance must be a whole number from 1 to 5"
                )
            merged[benefit] = number
        document["goals"] = merged
    # the options may hold what a file cannot (argv keeps bytes that are not UTF-8 as halves
    # of characters): the same bounds for both
    return check_tree(document, "the answers document")  # type: ignore[no-any-return]
