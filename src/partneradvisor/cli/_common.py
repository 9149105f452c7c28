"""Options and helpers every command shares."""

# no `from __future__ import annotations`: typer reads the commands' annotations at run time,
# and evaluating them as strings costs milliseconds at every start

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .._lang import resolve_lang
from ..kb import KB_ENV

if TYPE_CHECKING:
    from rich.console import Console

    from ..answers import AnswersSchema, Vocabulary
    from ..kb.model import KnowledgeBase, Lang

# --- completion of option values -------------------------------------------------------------


def complete_words(*words: str) -> Callable[[str], list[str]]:
    """A shell-completion callback offering fixed words."""

    def complete(incomplete: str) -> list[str]:
        return [w for w in words if w.startswith(incomplete.lower())]

    return complete


def _completion_of(
    words_of: Callable[["KnowledgeBase", str], Iterable[str]],
) -> Callable[[typer.Context, str], list[str]]:
    """A shell-completion callback offering words from the knowledge base in use (the one
    given with --kb earlier on the line, else $PARTNERADVISOR_KB, else the packaged one)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            kb = load_kb(ctx.params.get("kb"))
        except Exception:  # a broken knowledge base must not break the user's shell
            return []
        return [w for w in words_of(kb, incomplete) if w.startswith(incomplete)]

    return complete


def _completion(
    ids_of: Callable[["KnowledgeBase"], Iterable[str]],
) -> Callable[[typer.Context, str], list[str]]:
    return _completion_of(lambda kb, _: ids_of(kb))


def _values_of(kb: "KnowledgeBase", question_id: str | None) -> tuple[str, ...]:
    if question_id is None or question_id not in {q.id for q in kb.questions}:
        return ()
    return kb.question(question_id).values


def complete_role(role: str) -> Callable[[typer.Context, str], list[str]]:
    """The values of the question that carries a role (--budget: none, low, medium, high)."""

    def values(kb: "KnowledgeBase") -> tuple[str, ...]:
        question = kb.role(role)  # type: ignore[arg-type]
        return question.values if question else ()

    return _completion(values)


def complete_question(question_id: str) -> Callable[[typer.Context, str], list[str]]:
    """The values of one question's choices (--audience: consumer, business, both)."""
    return _completion(lambda kb: _values_of(kb, question_id))


def _settings(kb: "KnowledgeBase", incomplete: str) -> list[str]:
    """For --set: `question=` for each question, then `question=value` for its choices."""
    key, sep, _ = incomplete.partition("=")
    if not sep:
        return [f"{q.id}=" for q in kb.questions if q.kind != "goals"]
    return [f"{key}={value}" for value in _values_of(kb, key)]


def _goal_settings(kb: "KnowledgeBase", incomplete: str) -> list[str]:
    """For --goal: `benefit=`, then `benefit=1` ... `benefit=5`."""
    from ..kb.model import IMPORTANCE_MAX, IMPORTANCE_MIN

    key, sep, _ = incomplete.partition("=")
    if not sep:
        return [f"{b}=" for b in kb.benefit_ids]
    return [f"{key}={n}" for n in range(IMPORTANCE_MIN, IMPORTANCE_MAX + 1)]


complete_form_id = _completion(lambda kb: kb.form_ids)
complete_item_id = _completion(lambda kb: (*kb.form_ids, *kb.benefit_ids))
complete_setting = _completion_of(_settings)
complete_goal = _completion_of(_goal_settings)

# --- options ---------------------------------------------------------------------------------

LANGS = ("nl", "en")
LANG_NAMES = {"nl": ("nederlands", "dutch", "vlaams", "flemish"), "en": ("english", "engels")}
TABLE_OR_JSON = ("table", "json")

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
        autocompletion=complete_words(*LANGS),
    ),
]
TableOrJsonOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="table or json.",
        show_default=True,
        autocompletion=complete_words(*TABLE_OR_JSON),
    ),
]


def one_of(
    value: str,
    allowed: Iterable[str],
    option: str,
    names: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The allowed word that `value` stands for (in any case; `names` gives other words for
    one), else a one-sentence refusal, with a suggestion for a near miss."""
    allowed = tuple(allowed)
    if value in allowed:  # as written: no need for the matching (nor to import it)
        return value
    from .._text import excerpt
    from ..answers import Vocabulary, did_you_mean
    from ..errors import PartnerAdvisorError, said

    words = Vocabulary((word, (names or {}).get(word, ())) for word in allowed)
    found = words.find(value)
    if found is not None:
        return found
    *others, last = words.ids
    refusal = said(
        "error_option_value",
        option=option,
        value=excerpt(value),
        others=", ".join(others),
        last=last,
    )
    ending = did_you_mean(words.closest(value))
    raise PartnerAdvisorError(said("error_refused", head=refusal, ending=ending))


def table_or_json(value: str) -> str:
    return one_of(value, TABLE_OR_JSON, "--format")


def lang_of(value: str | None) -> "Lang":
    """The language asked for (nl or en, in any case, or its name), else the locale's; the
    one the command's errors are then said in (see spoken())."""
    global _spoken
    _spoken = resolve_lang(None if value is None else one_of(value, LANGS, "--lang", LANG_NAMES))
    return _spoken


_spoken: "Lang | None" = None


def spoken(*, forget: bool = False) -> "Lang":
    """The language the running command speaks: the one lang_of() chose, else the locale's
    (an error can come before a command has read its options). forget=True starts anew, as
    main() does for every command."""
    global _spoken
    if forget:
        _spoken = None
    return _spoken or resolve_lang(None)


def load_kb(kb_dir: Path | None) -> "KnowledgeBase":
    from ..kb.loader import load_knowledge_base

    return load_knowledge_base(kb_dir)


def console(stderr: bool = False) -> "Console":
    """The terminal, where knowledge-base and user text is shown without the control
    characters a terminal would act on (an escape sequence in a company name stays text).
    A reader that goes away (`| head`) ends the command quietly, as for every other output."""
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

    class Terminal(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1; the command line says a closed pipe is no failure
            self.quiet = True
            raise BrokenPipeError

    # markup and emoji codes off: text from a knowledge base or a user ("[link=...]",
    # ":warning:") is shown as it is (and rich's emoji table is not loaded)
    terminal = Terminal(stderr=stderr, highlight=False, markup=False, emoji=False)
    terminal.push_render_hook(StripControls())
    return terminal


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
        help="A goal and its importance 1-5, e.g. credibility=5; a goal named without one gets "
        "3 (repeatable; overrides the file).",
        show_default=False,
        autocompletion=complete_goal,
    ),
]
SetOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--set",
        help="Any other answer, e.g. horizon=short (repeatable; overrides the file).",
        show_default=False,
        autocompletion=complete_setting,
    ),
]


def read_answers(path: str, empty_ok: bool = False) -> dict[str, object]:
    """An answers file (or standard input), which must hold a mapping (or, if `empty_ok`,
    nothing: no answers yet)."""
    from .._io import STANDARD_INPUT, STDIO, read_document
    from ..errors import AnswersError, said

    loaded = read_document(path)
    where = STANDARD_INPUT if path == STDIO else path
    if loaded is None and empty_ok:
        return {}
    if loaded is None:
        none = (
            said("error_no_answers_on_stdin")
            if path == STDIO
            else said("error_no_answers", where=path)
        )
        raise AnswersError(none)
    if not isinstance(loaded, dict):
        raise AnswersError(said("error_answers_not_a_mapping", where=where))
    return dict(loaded)


def _spelled_as_ids(document: dict[Any, Any], words: "Vocabulary") -> dict[Any, Any]:
    """The document with each key that stands for an id written as that id, unless two keys
    stand for one id (validation then names both)."""
    ids = [words.find(key) or key for key in document]
    if len(set(ids)) < len(ids):
        return dict(document)
    return dict(zip(ids, document.values(), strict=True))


def answers_document(
    path: str | None,
    goals: list[str] | None = None,
    overrides: dict[str, str | None] | None = None,
    sets: list[str] | None = None,
    schema: "AnswersSchema | None" = None,
) -> dict[str, object]:
    """The answers file's content with the inline options laid over it. With the `schema`,
    a goal or question named on the line replaces the file's answer to it however either
    spells it (`--goal Credibility=4` over `credibility: 5`)."""
    from .._io import check_tree
    from .._text import excerpt
    from ..answers import GOALS_KEY

    if path is None and not goals:  # said in the command line's terms, not a file's
        from ..errors import AnswersError, said

        raise AnswersError(said("error_no_goals_given"))
    from ..errors import AnswersError, said

    document: dict[str, object] = read_answers(path) if path is not None else {}

    def key_of(word: str) -> str:
        return schema.key(word) if schema is not None else word

    def goal_of(word: str) -> str:
        return schema.goal(word) if schema is not None else word

    if schema is not None:  # the file's own spelling of a key must not answer twice
        document = _spelled_as_ids(document, schema.key_words)
    for key, value in (overrides or {}).items():
        if value is not None:
            document[key] = value
    for item in sets or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise AnswersError(said("error_set_shape", item=excerpt(item)))
        key = key_of(key.strip())
        if key == GOALS_KEY:  # a mapping: --goal gives it one benefit at a time
            raise AnswersError(said("error_set_goals", item=excerpt(item)))
        document[key] = value.strip()
    if goals:
        given = document.get("goals") or {}
        merged: dict[str, object] = {}
        if isinstance(given, dict):
            merged = _spelled_as_ids(given, schema.goal_words) if schema is not None else given
        for item in goals:
            benefit, sep, importance = item.partition("=")
            merged[goal_of(benefit.strip())] = importance.strip() if sep else "3"
        document["goals"] = merged
    # the options may hold what a file cannot (argv keeps bytes that are not UTF-8 as halves
    # of characters): the same bounds for both
    return check_tree(document, said("error_the_answers_document"))  # type: ignore[no-any-return]
