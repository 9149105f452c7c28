"""The file format of the knowledge base, as pydantic validates it.

Only the loader imports this module (pydantic is slow to import). Entries that share their
shape with the runtime model reuse the model's dataclasses; rules and questions differ in
that their `when` is still raw data, compiled by the loader once every id is known.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import (
    Benefit,
    BenefitGroup,
    Choice,
    Combination,
    Form,
    FormSelector,
    ImportanceScale,
    Text,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BenefitsFile(_Strict):
    groups: tuple[BenefitGroup, ...] = Field(min_length=1)
    benefits: tuple[Benefit, ...] = Field(min_length=1)


class FormsFile(_Strict):
    forms: tuple[Form, ...] = Field(min_length=1)


class QuestionEntry(_Strict):
    id: Annotated[str, Field(min_length=1)]
    kind: Literal["text", "choice", "goals"]
    text: Text
    help: Text
    required: bool = True
    default: str | None = None
    choices: tuple[Choice, ...] = ()
    when: dict[str, Any] | None = None
    importance: ImportanceScale | None = None


class QuestionsFile(_Strict):
    questions: tuple[QuestionEntry, ...] = Field(min_length=1)


class RuleEntry(_Strict):
    id: Annotated[str, Field(min_length=1)]
    reason: Text
    when: dict[str, Any] = Field(default_factory=dict)
    forms: FormSelector = FormSelector()
    effect: Literal["exclude"] | None = None
    points: float | None = None


class RulesFile(_Strict):
    rules: tuple[RuleEntry, ...] = ()
    combination: Combination
    points_reference: Annotated[int, Field(ge=1, le=100)] = 10
