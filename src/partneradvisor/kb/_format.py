"""The file format of the knowledge base, as pydantic validates it.

Only the loader imports this module (pydantic is slow to import). Entries that share their
shape with the runtime model reuse the model's records; rules and questions differ in
that their `when` is still raw data, compiled by the loader once every id is known.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from .model import (
    STRENGTH_MAX,
    Benefit,
    BenefitGroup,
    Choice,
    Conflict,
    Form,
    FormSelector,
    ImportanceScale,
    Level,
    Role,
    Text,
)

if TYPE_CHECKING:
    from .._record import Record


def record_schema(cls: type[Record], handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    """A model record validated as pydantic validates a frozen dataclass of the same name,
    fields and annotations (so every check and every message stays as it was when the model
    was made of dataclasses), then made into the record."""
    twin = dataclasses.make_dataclass(
        cls.__name__,
        [
            (name, cls.__annotations__[name], dataclasses.field(default=cls._defaults[name]))
            if name in cls._defaults
            else (name, cls.__annotations__[name])
            for name in cls._fields
        ],
        # the annotations name the model's types: resolved in its module
        namespace={"__module__": cls.__module__, "__pydantic_config__": {"extra": "forbid"}},
        frozen=True,
    )

    def to_record(valid: Any) -> Record:
        return cls(*[getattr(valid, name) for name in cls._fields])

    return core_schema.no_info_after_validator_function(to_record, handler(twin))


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
    role: Role | None = None


class QuestionsFile(_Strict):
    questions: tuple[QuestionEntry, ...] = Field(min_length=1)


class RuleEntry(_Strict):
    id: Annotated[str, Field(min_length=1)]
    reason: Text
    when: dict[str, Any] = Field(default_factory=dict)
    forms: FormSelector = FormSelector()
    effect: Literal["exclude", "stretch"] | None = None
    strengths: dict[str, Annotated[int, Field(ge=0, le=STRENGTH_MAX)]] | None = None
    points: Any = None  # no longer part of the format: named so the check can say what to do


class LimitEntry(_Strict):
    when: dict[str, Any]
    max_forms: Annotated[int, Field(ge=1, le=3)]
    reason: Text


class CombinationEntry(_Strict):
    need: dict[Level, Annotated[int, Field(ge=0)]]
    capacity: dict[Level, Annotated[int, Field(ge=0)]]
    max_forms: Annotated[int, Field(ge=2, le=3)] = 3
    min_gain: Annotated[float, Field(ge=0, le=100)] = 5.0
    conflicts: tuple[Conflict, ...] = ()
    limits: tuple[LimitEntry, ...] = ()


class RulesFile(_Strict):
    rules: tuple[RuleEntry, ...] = ()
    combination: CombinationEntry
    fit_floor: Annotated[float, Field(ge=0, le=100)] = 25.0
