"""A company's answers, validated against the knowledge base's questions.

The same validation serves the answers file, inline options, batch rows and the wizard, so
they can never disagree. It is hand-written over the question definitions (not a schema
library) because batch runs it for every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._text import excerpt
from .errors import AnswersError
from .kb.model import IMPORTANCE_MAX, IMPORTANCE_MIN, KnowledgeBase, Question

GOALS_KEY = "goals"


@dataclass(frozen=True)
class Answers:
    """Validated answers: goals in the knowledge base's benefit order, every other question's
    value (its default where it was not given)."""

    goals: dict[str, int]
    values: dict[str, str | None]
    company: str | None = None  # the answer to the question with role `name`

    def to_document(self) -> dict[str, Any]:
        """The answers as an answers file holds them (what the wizard saves)."""
        document: dict[str, Any] = {}
        for key, value in self.values.items():
            if value is not None:
                document[key] = value
        document[GOALS_KEY] = dict(self.goals)
        return document


def _known(items: Any) -> str:
    return ", ".join(items)


class AnswersSchema:
    """Validates answers documents for one knowledge base (built once, used per row)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.benefit_order = {b: i for i, b in enumerate(kb.benefit_ids)}
        self.questions: dict[str, Question] = {q.id: q for q in kb.questions if q.kind != "goals"}
        self.choice_values = {q.id: frozenset(q.values) for q in kb.questions if q.kind == "choice"}
        self.defaults = {q.id: q.default for q in self.questions.values()}
        self.keys = (GOALS_KEY, *self.questions)
        self.known_keys = frozenset(self.keys)
        name = kb.role("name")
        self.name_key = name.id if name else None

    def parse(self, data: Any) -> Answers:
        if not isinstance(data, Mapping):
            raise AnswersError(
                "the answers must be a mapping of question ids to answers, "
                "for example goals: {credibility: 5}"
            )
        if not self.known_keys.issuperset(data):
            unknown = next(key for key in data if key not in self.known_keys)
            raise AnswersError(f"unknown key {excerpt(unknown)} (known keys: {_known(self.keys)})")
        goals = self.parse_goals(data.get(GOALS_KEY))
        values = self.defaults.copy()
        choices = self.choice_values
        for key, value in data.items():
            if key == GOALS_KEY or value is None:
                continue
            allowed = choices.get(key)
            if type(value) is str and (allowed is None or value in allowed):
                values[key] = value  # the common case, checked inline: batch runs this per row
            else:
                values[key] = self._value(self.questions[key], value)
        return Answers(goals, values, values.get(self.name_key) if self.name_key else None)

    def parse_goals(self, raw: Any) -> dict[str, int]:
        if raw is None:
            raise AnswersError(
                "'goals' is missing: name at least one benefit with its importance "
                f"({IMPORTANCE_MIN}..{IMPORTANCE_MAX}), for example goals: {{credibility: 5}}"
            )
        if not isinstance(raw, Mapping):
            raise AnswersError(
                "'goals' must map benefit ids to an importance, for example "
                "goals: {credibility: 5, innovation: 3}"
            )
        if not raw:
            raise AnswersError("'goals' is empty: name at least one benefit")
        order = self.benefit_order
        for benefit_id, importance in raw.items():
            if benefit_id not in order:
                raise AnswersError(
                    f"unknown goal {excerpt(benefit_id)} (known goals: {_known(order)})"
                )
            if type(importance) is not int or not IMPORTANCE_MIN <= importance <= IMPORTANCE_MAX:
                raise AnswersError(
                    f"the importance of goal {excerpt(benefit_id)} must be a whole number from "
                    f"{IMPORTANCE_MIN} to {IMPORTANCE_MAX}, not {excerpt(importance)}"
                )
        return {b: raw[b] for b in sorted(raw, key=order.__getitem__)}

    def _value(self, question: Question, value: Any) -> str:
        if question.kind == "choice":
            if isinstance(value, bool):  # YAML reads an unquoted yes/no as a boolean
                value = "yes" if value else "no"
            if isinstance(value, str) and value in self.choice_values[question.id]:
                return value
            raise AnswersError(
                f"{question.id!r} must be one of {_known(question.values)}, not {excerpt(value)}"
            )
        if not isinstance(value, str):
            raise AnswersError(f"{question.id!r} must be text, not {excerpt(value)}")
        return value
