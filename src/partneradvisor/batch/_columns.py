"""What an input's columns and keys mean, checked once before any row is advised, and every
row's problem said in the chosen language and in the input's own terms (a CSV column as its
header writes it, a JSON or YAML key).

A spreadsheet's header is matched leniently: case, spaces, `_` and `-` do not matter, and a
goal column may be named by the benefit's id or its name in Dutch or English, with `goal.`,
`doel.` or no prefix (`goal.credibility`, `Doel.Geloofwaardigheid`, `Credibility`); the
question with a role may be named by it (`bedrijf`, `budget`, `werktijd`, `in natura`). Answer
values are left to the answers' validation, which is the same for every way in.
"""

from __future__ import annotations

import difflib
import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._text import excerpt, one_line
from ..answers import GOALS_KEY
from ..errors import AnswersError, InputFileError
from ..kb.model import IMPORTANCE_MAX, IMPORTANCE_MIN
from ..render.phrases import ui

if TYPE_CHECKING:
    from ..answers import AnswersSchema
    from ..kb.model import KnowledgeBase, Lang, Role
    from ._rows import Row

ID = "id"
GOAL_PREFIX = "goal."
MAX_NAMED = 5  # unknown columns named in one message
MAX_PEEK = 1000  # rows read ahead to find the first answers object, whose keys are checked
# the questions that carry a role may be named by it, in either language
ROLE_NAMES: tuple[tuple[Role, str], ...] = (
    ("name", "batch_role_name"),
    ("money", "means_money"),
    ("staff_time", "means_staff_time"),
    ("in_kind", "batch_role_in_kind"),
)
LANGS: tuple[Lang, ...] = ("nl", "en")


class Kind(enum.Enum):
    ID = "id"
    QUESTION = "question"
    GOAL = "goal"
    IGNORED = "ignored"  # a column without a header


class Texts:
    """The batch's sentences in one language: t("row", row=2, ...) is ui("batch_row", ...)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, phrase: str, /, **values: object) -> str:
        shown = {k: one_line(v) if isinstance(v, str) else v for k, v in values.items()}
        return ui(f"batch_{phrase}", self.lang, **shown)


def fold(name: str) -> str:
    """A column name as it is compared: without case, spaces, `_` and `-` (`Staff time`,
    `staff-time` and `STAFF_TIME` are `stafftime`), and with one form per character."""
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", name).casefold())


@dataclass(frozen=True)
class Column:
    index: int
    name: str  # as the header writes it
    kind: Kind
    key: str = ""  # the question's id or the benefit's id


class Vocabulary:
    """Every name a column may have for one knowledge base, and how to show it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.targets: dict[str, tuple[Kind, str]] = {}
        self.shown: dict[str, str] = {}  # folded name -> the name a suggestion shows
        questions = [q for q in kb.questions if q.kind != "goals"]
        self.question_ids = [q.id for q in questions]
        self.benefit_ids = list(kb.benefit_ids)
        self._add(ID, (Kind.ID, ID))
        for question in questions:
            self._add(question.id, (Kind.QUESTION, question.id))
        for benefit_id in self.benefit_ids:
            self._add(GOAL_PREFIX + benefit_id, (Kind.GOAL, benefit_id))
        aliases: dict[str, set[tuple[Kind, str]]] = {}
        alias_shown: dict[str, str] = {}

        def alias(name: str, target: tuple[Kind, str]) -> None:
            aliases.setdefault(fold(name), set()).add(target)
            alias_shown.setdefault(fold(name), name)

        for lang in LANGS:
            prefixes = (ui("batch_goal_prefix", lang) + ".", "")
            for benefit in kb.benefits:
                for prefix in prefixes:
                    alias(prefix + benefit.id, (Kind.GOAL, benefit.id))
                    alias(prefix + benefit.name.get(lang), (Kind.GOAL, benefit.id))
            for role, key in ROLE_NAMES:
                carrier = kb.role(role)
                if carrier is not None:
                    alias(ui(key, lang), (Kind.QUESTION, carrier.id))
        for folded, found in aliases.items():
            if len(found) == 1 and folded not in self.targets:  # an id wins; ambiguity is out
                self.targets[folded] = next(iter(found))
                self.shown[folded] = alias_shown[folded]

    def _add(self, name: str, target: tuple[Kind, str]) -> None:
        self.targets[fold(name)] = target
        self.shown[fold(name)] = name

    def suggestion(self, name: str, t: Texts) -> str:
        """name, with "did you mean ...?" when a known name is close to it."""
        close = difflib.get_close_matches(fold(name), self.targets, n=1, cutoff=0.75)
        if not close:
            return excerpt(name)
        return t("did_you_mean", name=excerpt(name), known=excerpt(self.shown[close[0]]))

    def key_suggestion(self, name: Any, known: Iterable[str], t: Texts) -> str:
        """A JSON or YAML key, with "did you mean ...?" when a known key is close to it."""
        if isinstance(name, str):
            close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
            if close:
                return t("did_you_mean", name=excerpt(name), known=excerpt(close[0]))
        return excerpt(name)

    def columns(self, header: Sequence[str], t: Texts) -> list[Column]:
        """The header's columns, each with what it holds; raises one error for every unknown
        column (with a suggestion), a question named twice, or no goal column at all."""
        columns: list[Column] = []
        unknown: list[str] = []
        for index, name in enumerate(header):
            if not name.strip():
                columns.append(Column(index, name, Kind.IGNORED))
                continue
            target = self.targets.get(fold(name))
            if target is None:
                unknown.append(name)
                continue
            columns.append(Column(index, name, *target))
        if unknown:
            named = ", ".join(self.suggestion(n, t) for n in unknown[:MAX_NAMED])
            if len(unknown) > MAX_NAMED:
                named += t("and_more", count=len(unknown) - MAX_NAMED)
            key = "unknown_column" if len(unknown) == 1 else "unknown_columns"
            raise InputFileError(t(key, columns=named))
        seen: dict[tuple[Kind, str], Column] = {}
        for column in columns:
            if column.kind is Kind.IGNORED:
                continue
            first = seen.setdefault((column.kind, column.key), column)
            if first is not column:
                if first.name == column.name:
                    count = sum(c.name == column.name for c in columns)
                    column_name = excerpt(column.name)
                    raise InputFileError(t("column_twice", column=column_name, count=count))
                raise InputFileError(
                    t("columns_same", first=excerpt(first.name), second=excerpt(column.name))
                )
        if not any(c.kind is Kind.GOAL for c in columns):
            raise InputFileError(t("no_goal_column", example=GOAL_PREFIX + self.benefit_ids[0]))
        return columns

    def check_first_row(self, rows: Iterator[Row], t: Texts) -> Iterator[Row]:
        """rows, once the first row that is an answers object has only known keys (its goals
        too): a misspelt key is one error before anything is advised, not one per row."""
        seen: list[Row] = []
        for row in rows:
            seen.append(row)
            if isinstance(row.document, Mapping):
                self._check_keys(row.document, t)
                break
            if len(seen) >= MAX_PEEK:  # that many broken rows first: each fails alone
                break
        return _chain(seen, rows)

    def _check_keys(self, document: Mapping[Any, Any], t: Texts) -> None:
        known = [GOALS_KEY, *self.question_ids]
        unknown = [self.key_suggestion(k, known, t) for k in document if k not in known]
        goals = document.get(GOALS_KEY)
        if isinstance(goals, Mapping):
            unknown += [
                self.key_suggestion(k, self.benefit_ids, t)
                for k in goals
                if k not in self.benefit_ids
            ]
        if unknown:
            key = "unknown_key_first" if len(unknown) == 1 else "unknown_keys_first"
            raise InputFileError(t(key, keys=", ".join(unknown[:MAX_NAMED])))


def _chain(first: list[Row], rest: Iterator[Row]) -> Iterator[Row]:
    yield from first
    yield from rest


class Terms:
    """How an input names an answer, for its rows' messages."""

    def __init__(self, t: Texts, vocabulary: Vocabulary, syntax: str) -> None:
        self.t = t
        self.vocabulary = vocabulary
        self.syntax = syntax  # "columns", "json" or "yaml"
        self.names: dict[tuple[Kind, str], str] = {}

    @classmethod
    def of_columns(cls, t: Texts, vocabulary: Vocabulary, columns: list[Column]) -> Terms:
        terms = cls(t, vocabulary, "columns")
        terms.names = {(c.kind, c.key): c.name for c in columns if c.kind is not Kind.IGNORED}
        return terms

    def question(self, question_id: str) -> str:
        if self.syntax == "columns":
            name = self.names.get((Kind.QUESTION, question_id), question_id)
            return self.t("column", name=excerpt(name))
        return self.t("key", name=excerpt(question_id))

    def goal(self, benefit_id: str) -> str:
        if self.syntax == "columns":
            name = self.names.get((Kind.GOAL, benefit_id), GOAL_PREFIX + benefit_id)
            return self.t("column", name=excerpt(name))
        return self.t("key", name=excerpt(f"{GOALS_KEY}.{benefit_id}"))

    def example(self) -> str:
        benefit = self.vocabulary.benefit_ids[0]
        if self.syntax == "json":
            return json.dumps({GOALS_KEY: {benefit: 5}})
        return f"{GOALS_KEY}: {{{benefit}: 5}}"

    def no_goal(self) -> str:
        if self.syntax == "columns":
            goal_columns = [n for (kind, _), n in self.names.items() if kind is Kind.GOAL]
            shown = ", ".join(excerpt(n) for n in goal_columns[:MAX_NAMED])
            if len(goal_columns) > MAX_NAMED:
                shown += ", ..."
            return self.t("no_goal_cells", columns=shown, low=IMPORTANCE_MIN, high=IMPORTANCE_MAX)
        example = self.example()
        return self.t("no_goal_key", example=example, low=IMPORTANCE_MIN, high=IMPORTANCE_MAX)

    def explain(self, schema: AnswersSchema, document: Any, problem: AnswersError) -> str:
        """Why the answers' validation refused a row, in the chosen language and the input's
        terms. The validation decides what is valid: each part of the row is tried alone to
        find the one it refused (this runs only for a bad row)."""
        t = self.t
        if not isinstance(document, Mapping):
            return t("not_an_object", example=self.example())
        for key in document:
            if key != GOALS_KEY and key not in schema.questions:
                known = [GOALS_KEY, *schema.questions]
                return t("unknown_key", name=self.vocabulary.key_suggestion(key, known, t))
        goals = document.get(GOALS_KEY)
        if goals is None or (isinstance(goals, Mapping) and not goals):
            return self.no_goal()
        if not isinstance(goals, Mapping):
            return t("goals_not_a_mapping", example=self.example())
        some_goal: dict[str, Any] = {}
        for benefit_id, importance in goals.items():
            if benefit_id not in schema.benefit_order:
                known = list(schema.benefit_order)
                return t("unknown_goal", goal=self.vocabulary.key_suggestion(benefit_id, known, t))
            try:
                schema.parse_goals({benefit_id: importance})
            except AnswersError:
                return t(
                    "bad_importance",
                    where=self.goal(benefit_id),
                    low=IMPORTANCE_MIN,
                    high=IMPORTANCE_MAX,
                    value=excerpt(importance),
                )
            some_goal = some_goal or {benefit_id: importance}
        for key, value in document.items():
            if key == GOALS_KEY:
                continue
            try:
                schema.parse({GOALS_KEY: some_goal, key: value})
            except AnswersError:
                question = schema.questions[key]
                if question.kind == "choice":
                    words = schema.choice_words.get(key)
                    suggestion = words.closest(value) if words is not None else None
                    return t(
                        "bad_choice",
                        where=self.question(key),
                        values=", ".join(question.values),
                        value=excerpt(value),
                    ) + (t("did_you_mean_value", value=repr(suggestion)) if suggestion else "")
                return t("not_text", where=self.question(key), value=excerpt(value))
        return str(problem)  # a check this wording does not know yet: the validation's own
