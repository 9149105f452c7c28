"""Typed objects of a loaded knowledge base.

Light frozen records (every command imports them; dataclasses cost 15 ms to define): the
engine and the front ends use them without importing the validation library, and a
validated knowledge base can be cached and reloaded fast. Constraints are declared with
`Limits`, which the loader's validator (pydantic) enforces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from .._record import Record, derived

Lang = Literal["nl", "en"]
Level = Literal["none", "low", "medium", "high"]
LEVELS: tuple[Level, ...] = ("none", "low", "medium", "high")
Stage = Literal["philanthropic", "transactional", "integrative"]
Basis = Literal["seed", "judgement"]
# What a question may carry for the engine; the engine never reads a question by its id.
Role = Literal["name", "money", "staff_time", "in_kind"]
MEANS_ROLES: tuple[Role, ...] = ("money", "staff_time")
STRENGTH_MAX = 3
IMPORTANCE_MIN, IMPORTANCE_MAX = 1, 5


class Limits:
    """Bounds on a value (`ge`, `le`, `min_length`) that the loader checks.

    pydantic reads them through the hook below. They are not annotated-types objects so that
    importing the model, which every command does, does not import annotated-types too.
    """

    __slots__ = ("bounds",)

    def __init__(self, **bounds: float) -> None:
        self.bounds = bounds

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field

        return handler(Annotated[source, Field(**self.bounds)])  # type: ignore[call-overload]


NonEmpty = Annotated[str, Limits(min_length=1)]


class _Validated(Record):
    """A record that the loader validates from a file: as pydantic validates a dataclass of
    its name and fields, unknown fields refused."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from ._format import record_schema

        return record_schema(cls, handler)


class Text(_Validated):
    """A user-facing text in every supported language."""

    nl: NonEmpty
    en: NonEmpty

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


class BenefitGroup(_Validated):
    id: NonEmpty
    name: Text


class Benefit(_Validated):
    id: NonEmpty
    group: NonEmpty
    name: Text
    description: Text


class Link(_Validated):
    """How strongly a form delivers one benefit, and why: `basis` says whether that follows
    from the seed's description of the form or is this knowledge base's own judgement."""

    strength: Annotated[int, Limits(ge=0, le=STRENGTH_MAX)]
    basis: Basis
    why: Text | None = None


class Needs(_Validated):
    money: Level
    staff_time: Level
    in_kind: bool = False  # the money may be given as products, premises or expertise

    def of(self, means: str) -> Level:
        return self.money if means == "money" else self.staff_time


class Form(_Validated):
    id: NonEmpty
    name: Text
    summary: Text
    continuum: Stage
    needs: Needs
    benefits: dict[str, Link]
    cautions: tuple[Text, ...]
    first_steps: Annotated[tuple[Text, ...], Limits(min_length=3)]
    example: Text | None = None

    def strength(self, benefit_id: str) -> int:
        link = self.benefits.get(benefit_id)
        return link.strength if link else 0


class Choice(_Validated):
    value: NonEmpty
    label: Text


class ImportanceScale(_Validated):
    """How the importance of each chosen goal is asked (1..5)."""

    text: Text
    help: Text
    scale: dict[Annotated[int, Limits(ge=IMPORTANCE_MIN, le=IMPORTANCE_MAX)], Text]
    default: Annotated[int, Limits(ge=IMPORTANCE_MIN, le=IMPORTANCE_MAX)] = 3


class Condition(Record):
    """A compiled condition on answers: every clause holds (and one of any_of, if given)."""

    answer_in: tuple[tuple[str, frozenset[str]], ...] = ()
    goal_between: tuple[tuple[str, int, int], ...] = ()
    any_of: tuple[Condition, ...] = ()

    def holds(self, values: Mapping[str, str | None], goals: Mapping[str, int]) -> bool:
        for question_id, allowed in self.answer_in:
            if values.get(question_id) not in allowed:
                return False
        for benefit_id, low, high in self.goal_between:
            if not low <= goals.get(benefit_id, 0) <= high:
                return False
        return not self.any_of or any(c.holds(values, goals) for c in self.any_of)


ALWAYS = Condition()


class Question(Record):
    id: str
    kind: Literal["text", "choice", "goals"]
    text: Text
    help: Text
    required: bool = True
    default: str | None = None
    choices: tuple[Choice, ...] = ()
    condition: Condition = ALWAYS
    importance: ImportanceScale | None = None
    role: Role | None = None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def label(self, value: str, lang: Lang) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label.get(lang)
        return value


class FormSelector(_Validated):
    """Which forms a rule touches; every given attribute must match."""

    ids: tuple[str, ...] | None = None
    continuum: tuple[Stage, ...] | None = None
    money: tuple[Level, ...] | None = None
    staff_time: tuple[Level, ...] | None = None

    def matches(self, form: Form) -> bool:
        return (
            (self.ids is None or form.id in self.ids)
            and (self.continuum is None or form.continuum in self.continuum)
            and (self.money is None or form.needs.money in self.money)
            and (self.staff_time is None or form.needs.staff_time in self.staff_time)
        )


Effect = Literal["exclude", "stretch", "strengths"]


class Rule(Record):
    """In a situation (condition), the selected forms are out of reach (`exclude`), need one
    step more than the company has (`stretch`), or deliver some benefits less (`caps`: the
    strength a benefit has at most). Rules never add points."""

    id: str
    reason: Text
    condition: Condition
    forms: FormSelector
    effect: Effect
    caps: tuple[tuple[str, int], ...] = ()


class Conflict(_Validated):
    """Two forms that should not be done with one and the same NGO."""

    forms: Annotated[tuple[NonEmpty, ...], Limits(min_length=2, max_length=2)]
    reason: Text


class CombinationLimit(Record):
    """In a situation, a combination holds at most `max_forms` forms, for a reason."""

    condition: Condition
    max_forms: int
    reason: Text


class Combination(Record):
    """How forms are combined within a company's means: each level of need and of means is
    a number of units; a set of forms fits when its summed need fits the means."""

    need: dict[Level, int]
    capacity: dict[Level, int]
    max_forms: int = 3
    min_gain: float = 5.0
    conflicts: tuple[Conflict, ...] = ()
    limits: tuple[CombinationLimit, ...] = ()


class ContinuumStage(_Validated):
    id: Stage
    name: Text
    description: Text


class Meta(_Validated):
    version: NonEmpty
    title: Text
    continuum: tuple[ContinuumStage, ...]
    sources: tuple[NonEmpty, ...] = ()


class KnowledgeBase(Record):
    """A validated knowledge base: everything the engine and the front ends need."""

    meta: Meta
    groups: tuple[BenefitGroup, ...]
    benefits: tuple[Benefit, ...]
    forms: tuple[Form, ...]
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    combination: Combination
    fit_floor: float = 25.0  # below this fit (in %), no form is said to suit the company
    source: str = ""
    _index: dict[str, Benefit | Form | Question] = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {})
        items: tuple[Benefit | Form | Question, ...] = (
            *self.benefits,
            *self.forms,
            *self.questions,
        )
        for item in items:
            self._index.setdefault(f"{type(item).__name__}:{item.id}", item)
        for question in self.questions:
            if question.role is not None:
                self._index.setdefault(f"Role:{question.role}", question)

    def benefit(self, benefit_id: str) -> Benefit:
        found = self._index[f"Benefit:{benefit_id}"]
        assert isinstance(found, Benefit)
        return found

    def form(self, form_id: str) -> Form:
        found = self._index[f"Form:{form_id}"]
        assert isinstance(found, Form)
        return found

    def question(self, question_id: str) -> Question:
        found = self._index[f"Question:{question_id}"]
        assert isinstance(found, Question)
        return found

    def has_benefit(self, benefit_id: str) -> bool:
        return f"Benefit:{benefit_id}" in self._index

    def has_form(self, form_id: str) -> bool:
        return f"Form:{form_id}" in self._index

    @property
    def benefit_ids(self) -> tuple[str, ...]:
        return tuple(b.id for b in self.benefits)

    @property
    def form_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.forms)

    def role(self, role: Role) -> Question | None:
        """The question that carries a role (the company's money, staff time, name ...)."""
        found = self._index.get(f"Role:{role}")
        return found if isinstance(found, Question) else None

    def stage(self, stage_id: str) -> ContinuumStage | None:
        return next((s for s in self.meta.continuum if s.id == stage_id), None)
