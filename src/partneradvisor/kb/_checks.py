"""Whole validation of knowledge-base files: schema per file, then checks across files."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import _yaml
from ..errors import Problem
from ._format import BenefitsFile, FormsFile, QuestionEntry, QuestionsFile, RuleEntry, RulesFile
from .model import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    LEVELS,
    MEANS_ROLES,
    Combination,
    CombinationLimit,
    Condition,
    KnowledgeBase,
    Meta,
    Question,
    Rule,
)

_SCHEMAS: dict[str, type[BaseModel] | TypeAdapter[Meta]] = {
    "meta.yaml": TypeAdapter(Meta),
    "benefits.yaml": BenefitsFile,
    "forms.yaml": FormsFile,
    "questions.yaml": QuestionsFile,
    "rules.yaml": RulesFile,
}
_LANG_NAMES = {"nl": "Dutch", "en": "English"}
# Ids are an interface (options, batch columns, JSON keys): plain lowercase words only.
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
RULE_ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")


def format_path(path: Sequence[str | int]) -> str:
    """('forms', 3, 'name', 'en') -> 'forms[3].name.en'."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


class _Report:
    """Collects problems, locating each in its file's text (each file indexed once)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.problems: list[Problem] = []
        self._lines: dict[str, _yaml.LineIndex] = {}

    def add(self, file: str, path: Sequence[str | int], message: str) -> None:
        line = None
        if path:
            if file not in self._lines:
                self._lines[file] = _yaml.LineIndex(self.texts.get(file, ""))
            line = self._lines[file].line(path)
        self.problems.append(Problem(file, message, format_path(path), line))


def _pydantic_message(error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        last = loc[-1] if loc else ""
        if last in _LANG_NAMES:
            return f"the {_LANG_NAMES[last]} text is missing (every text needs nl and en)"
        return "this field is required but missing"
    if kind in {"extra_forbidden", "unexpected_keyword_argument"}:
        return "unknown field (check its spelling)"
    message = str(error["msg"])
    message = message[0].lower() + message[1:]
    if kind not in {"model_type", "dataclass_type", "dict_type"} and "input" in error:
        shown = error["input"]
        if not isinstance(shown, (dict, list, tuple)):
            message += f", got {shown!r}"
    return message


def _parse(report: _Report) -> dict[str, Any]:
    """Each file's validated content, for the files that parsed and validated."""
    parsed: dict[str, Any] = {}
    for name, schema in _SCHEMAS.items():
        text = report.texts[name]
        try:
            data = _yaml.load(text)
        except yaml.YAMLError as exc:
            line, message = _yaml.describe_error(exc)
            report.problems.append(Problem(name, message, "", line))
            continue
        if data is None:
            report.add(name, (), "the file is empty")
            continue
        if not isinstance(data, dict):
            report.add(name, (), "the file must hold a mapping of fields (key: value)")
            continue
        try:
            if isinstance(schema, TypeAdapter):
                parsed[name] = schema.validate_python(data)
            else:
                parsed[name] = schema.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(step for step in error["loc"] if not str(step).startswith("function"))
                report.add(name, loc, _pydantic_message(error))
    return parsed


def _duplicates(
    report: _Report, file: str, path: str, ids: Iterable[str], pattern: re.Pattern[str] = ID_PATTERN
) -> None:
    """Report ids used twice, and ids that are not plain lowercase words."""
    ids = list(ids)
    for index, item_id in enumerate(ids):
        if not pattern.fullmatch(item_id):
            shown = repr(item_id[:40])
            report.add(
                file,
                (path, index, "id"),
                f"the id {shown} may hold only lowercase letters, digits and _"
                + (" or -" if pattern is RULE_ID_PATTERN else "")
                + ", starting with a letter",
            )
    for item_id, count in Counter(ids).items():
        if count > 1:
            index = len(ids) - 1 - ids[::-1].index(item_id)
            report.add(file, (path, index, "id"), f"the id {item_id!r} is used {count} times")


class _ConditionCompiler:
    """Turns a `when` mapping into a Condition, reporting what it names that does not exist."""

    def __init__(self, report: _Report, questions: dict[str, QuestionEntry], benefits: set[str]):
        self.report = report
        self.questions = questions
        self.benefits = benefits

    def compile(self, raw: Any, file: str, path: tuple[str | int, ...]) -> Condition:
        if not isinstance(raw, dict):
            self.report.add(file, path, "a condition must be a mapping of answer -> values")
            return Condition()
        answer_in: list[tuple[str, frozenset[str]]] = []
        goal_between: list[tuple[str, int, int]] = []
        any_of: list[Condition] = []
        for key, value in raw.items():
            where = (*path, str(key))
            if key == "any":
                if not isinstance(value, list) or not value:
                    self.report.add(file, where, "'any' needs a non-empty list of conditions")
                    continue
                any_of.extend(self.compile(c, file, (*where, i)) for i, c in enumerate(value))
            elif isinstance(key, str) and key.startswith("goal."):
                clause = self._goal_clause(key[5:], value, file, where)
                if clause:
                    goal_between.append(clause)
            else:
                clause_in = self._answer_clause(str(key), value, file, where)
                if clause_in:
                    answer_in.append(clause_in)
        return Condition(tuple(answer_in), tuple(goal_between), tuple(any_of))

    def _goal_clause(
        self, benefit: str, value: Any, file: str, where: tuple[str | int, ...]
    ) -> tuple[str, int, int] | None:
        if benefit not in self.benefits:
            self.report.add(file, where, f"unknown benefit id {benefit!r} in a goal condition")
            return None
        if not isinstance(value, dict) or not set(value) <= {"min", "max"} or not value:
            self.report.add(file, where, "a goal condition is {min: N, max: N} (either or both)")
            return None
        low, high = value.get("min", 0), value.get("max", IMPORTANCE_MAX)
        if not all(type(v) is int and 0 <= v <= IMPORTANCE_MAX for v in (low, high)):
            self.report.add(
                file, where, f"min and max are whole numbers from 0 to {IMPORTANCE_MAX}"
            )
            return None
        return benefit, low, high

    def _answer_clause(
        self, question_id: str, value: Any, file: str, where: tuple[str | int, ...]
    ) -> tuple[str, frozenset[str]] | None:
        question = self.questions.get(question_id)
        if question is None or question.kind != "choice":
            known = ", ".join(q for q, e in self.questions.items() if e.kind == "choice")
            self.report.add(
                file,
                where,
                f"{question_id!r} is not a choice question (known: {known}; "
                "or goal.<benefit id>, or any)",
            )
            return None
        values = value if isinstance(value, list) else [value]
        allowed = {c.value for c in question.choices}
        unknown = [v for v in values if v not in allowed]
        if unknown or not values:
            self.report.add(
                file,
                where,
                f"{question_id!r} does not allow {', '.join(map(repr, unknown)) or 'nothing'} "
                f"(allowed: {', '.join(sorted(allowed))})",
            )
            return None
        return question_id, frozenset(values)


def _check_questions(report: _Report, entries: Sequence[QuestionEntry]) -> None:
    f = "questions.yaml"
    _duplicates(report, f, "questions", (q.id for q in entries))
    goals = [i for i, q in enumerate(entries) if q.kind == "goals"]
    if len(goals) != 1:
        report.add(f, ("questions",), "exactly one question must have kind: goals")
    for i, q in enumerate(entries):
        where = ("questions", i)
        if q.kind == "choice":
            if len(q.choices) < 2:
                report.add(f, (*where, "choices"), "a choice question needs two or more choices")
            for k, c in enumerate(q.choices):
                if not RULE_ID_PATTERN.fullmatch(c.value):
                    report.add(
                        f,
                        (*where, "choices", k, "value"),
                        "a choice value may hold only lowercase letters, digits, _ and -",
                    )
            _duplicates(
                report, f, f"questions[{i}].choices", (c.value for c in q.choices), RULE_ID_PATTERN
            )
            if q.default is None:
                report.add(f, where, "a choice question needs a default (used when not asked)")
            elif q.default not in {c.value for c in q.choices}:
                report.add(f, (*where, "default"), f"{q.default!r} is not one of the choices")
        elif q.choices:
            report.add(f, (*where, "choices"), f"a {q.kind} question has no choices")
        if q.kind == "goals":
            if q.importance is None:
                report.add(f, where, "the goals question needs an importance section")
            elif set(q.importance.scale) != set(range(IMPORTANCE_MIN, IMPORTANCE_MAX + 1)):
                report.add(f, (*where, "importance", "scale"), "label every value from 1 to 5")
        elif q.importance is not None:
            report.add(f, (*where, "importance"), "only the goals question has an importance")
    _check_roles(report, entries)


_ROLE_NEEDS = {
    "money": "a choice question whose values are levels (none, low, medium, high)",
    "staff_time": "a choice question whose values are levels (none, low, medium, high)",
    "in_kind": "a choice question with the values yes and no",
    "name": "a text question",
}


def _check_roles(report: _Report, entries: Sequence[QuestionEntry]) -> None:
    """The engine finds the company's means, name and in-kind answer by role, never by id:
    each role once, on a question that can carry it."""
    f = "questions.yaml"
    seen: dict[str, int] = {}
    for i, q in enumerate(entries):
        if q.role is None:
            continue
        where = ("questions", i, "role")
        if q.role in seen:
            report.add(f, where, f"the role {q.role!r} is already given to another question")
        seen[q.role] = i
        values = {c.value for c in q.choices}
        if q.role in MEANS_ROLES:
            fits = q.kind == "choice" and values <= set(LEVELS)
        elif q.role == "in_kind":
            fits = q.kind == "choice" and values == {"yes", "no"}
        else:
            fits = q.kind == "text"
        if not fits:
            report.add(f, where, f"the role {q.role!r} needs {_ROLE_NEEDS[q.role]}")
    for role in MEANS_ROLES:
        if role not in seen:
            report.add(
                f,
                ("questions",),
                f"no question has role: {role} (the question that asks the company's "
                f"{'money' if role == 'money' else 'staff time'})",
            )


def check_and_build(
    texts: dict[str, str], source: str
) -> tuple[KnowledgeBase | None, list[Problem]]:
    report = _Report(texts)
    parsed = _parse(report)
    meta: Meta | None = parsed.get("meta.yaml")
    benefits_file: BenefitsFile | None = parsed.get("benefits.yaml")
    forms_file: FormsFile | None = parsed.get("forms.yaml")
    questions_file: QuestionsFile | None = parsed.get("questions.yaml")
    rules_file: RulesFile | None = parsed.get("rules.yaml")

    benefit_ids: set[str] = set()
    if benefits_file:
        f = "benefits.yaml"
        _duplicates(report, f, "groups", (g.id for g in benefits_file.groups))
        _duplicates(report, f, "benefits", (b.id for b in benefits_file.benefits))
        group_ids = {g.id for g in benefits_file.groups}
        for i, b in enumerate(benefits_file.benefits):
            if b.group not in group_ids:
                report.add(f, ("benefits", i, "group"), f"unknown group {b.group!r}")
        benefit_ids = {b.id for b in benefits_file.benefits}

    if meta:
        _duplicates(report, "meta.yaml", "continuum", (s.id for s in meta.continuum))
    if forms_file:
        f = "forms.yaml"
        _duplicates(report, f, "forms", (x.id for x in forms_file.forms))
        stages = {s.id for s in meta.continuum} if meta else None
        for i, form in enumerate(forms_file.forms):
            for benefit_id, link in form.benefits.items():
                where = ("forms", i, "benefits", benefit_id)
                if benefits_file and benefit_id not in benefit_ids:
                    report.add(f, where, f"unknown benefit id {benefit_id!r}")
                if link.strength > 0 and link.why is None:
                    report.add(f, where, "a link with strength above 0 needs a why")
            if stages is not None and form.continuum not in stages:
                report.add(f, ("forms", i, "continuum"), "this stage is not described in meta.yaml")
    form_ids = {x.id for x in forms_file.forms} if forms_file else set()

    questions: tuple[Question, ...] = ()
    if questions_file and benefits_file:
        _check_questions(report, questions_file.questions)
        by_id = {q.id: q for q in questions_file.questions}
        compiler = _ConditionCompiler(report, by_id, benefit_ids)
        questions = tuple(
            Question(
                id=q.id,
                kind=q.kind,
                text=q.text,
                help=q.help,
                required=q.required,
                default=q.default,
                choices=q.choices,
                condition=compiler.compile(q.when, "questions.yaml", ("questions", i, "when"))
                if q.when is not None
                else Condition(),
                importance=q.importance,
                role=q.role,
            )
            for i, q in enumerate(questions_file.questions)
        )

    rules: tuple[Rule, ...] = ()
    combination: Combination | None = None
    if rules_file:
        rules, combination = _check_rules(report, rules_file, questions_file, benefit_ids, form_ids)

    if report.problems:
        return None, report.problems
    assert meta and benefits_file and forms_file and rules_file and combination
    kb = KnowledgeBase(
        meta=meta,
        groups=benefits_file.groups,
        benefits=benefits_file.benefits,
        forms=forms_file.forms,
        questions=questions,
        rules=rules,
        combination=combination,
        fit_floor=rules_file.fit_floor,
        source=source,
    )
    return kb, []


def _check_rules(
    report: _Report,
    rules_file: RulesFile,
    questions_file: QuestionsFile | None,
    benefit_ids: set[str],
    form_ids: set[str],
) -> tuple[tuple[Rule, ...], Combination]:
    f = "rules.yaml"
    _duplicates(report, f, "rules", (r.id for r in rules_file.rules), RULE_ID_PATTERN)
    _check_combination(report, rules_file, form_ids)
    by_id = {q.id: q for q in questions_file.questions} if questions_file else {}
    compiler = _ConditionCompiler(report, by_id, benefit_ids)
    compiled: list[Rule] = []
    for i, entry in enumerate(rules_file.rules):
        compiled.append(
            _compile_rule(report, compiler, entry, i, form_ids, benefit_ids, bool(questions_file))
        )
    combo = rules_file.combination
    limits = tuple(
        CombinationLimit(
            compiler.compile(limit.when, f, ("combination", "limits", i, "when"))
            if questions_file
            else Condition(),
            limit.max_forms,
            limit.reason,
        )
        for i, limit in enumerate(combo.limits)
    )
    combination = Combination(
        need=combo.need,
        capacity=combo.capacity,
        max_forms=combo.max_forms,
        min_gain=combo.min_gain,
        conflicts=combo.conflicts,
        limits=limits,
    )
    return tuple(compiled), combination


def _check_combination(report: _Report, rules_file: RulesFile, form_ids: set[str]) -> None:
    """A single form must fit the company's means in the combination's arithmetic exactly
    when it fits by level, so that the ranking and the combination never disagree."""
    f = "rules.yaml"
    combo = rules_file.combination
    for part in ("need", "capacity"):
        missing = [lv for lv in LEVELS if lv not in getattr(combo, part)]
        if missing:
            report.add(f, ("combination", part), f"give a number for {', '.join(missing)}")
            return
    for level, following in zip(LEVELS, (*LEVELS[1:], None), strict=True):
        need, capacity = combo.need[level], combo.capacity[level]
        if need > capacity or (following is not None and capacity >= combo.need[following]):
            report.add(
                f,
                ("combination", "capacity", level),
                f"must be at least need.{level} ({need})"
                + (f" and below need.{following} ({combo.need[following]})" if following else "")
                + ": a form fits the means alone exactly when its level does",
            )
    for i, conflict in enumerate(combo.conflicts):
        where = ("combination", "conflicts", i, "forms")
        unknown = [x for x in conflict.forms if form_ids and x not in form_ids]
        if unknown:
            report.add(f, where, f"unknown form id {unknown[0]!r}")
        elif conflict.forms[0] == conflict.forms[1]:
            report.add(f, where, "name two different forms")


def _compile_rule(
    report: _Report,
    compiler: _ConditionCompiler,
    entry: RuleEntry,
    index: int,
    form_ids: set[str],
    benefit_ids: set[str],
    can_check_questions: bool,
) -> Rule:
    f = "rules.yaml"
    where = ("rules", index)
    if entry.points is not None:
        report.add(
            f,
            (*where, "points"),
            "rules no longer add points: lower what a form delivers with strengths: "
            "{benefit id: N}, or use effect: exclude or effect: stretch",
        )
    elif (entry.effect is None) == (entry.strengths is None):
        report.add(f, where, "give either effect: exclude|stretch or strengths: {benefit id: N}")
    for benefit_id in entry.strengths or {}:
        if benefit_ids and benefit_id not in benefit_ids:
            report.add(f, (*where, "strengths", benefit_id), f"unknown benefit id {benefit_id!r}")
    for form_id in entry.forms.ids or ():
        if form_ids and form_id not in form_ids:
            report.add(f, (*where, "forms", "ids"), f"unknown form id {form_id!r}")
    condition = (
        compiler.compile(entry.when, f, (*where, "when")) if can_check_questions else Condition()
    )
    return Rule(
        id=entry.id,
        reason=entry.reason,
        condition=condition,
        forms=entry.forms,
        effect=entry.effect or "strengths",
        caps=tuple((entry.strengths or {}).items()),
    )
