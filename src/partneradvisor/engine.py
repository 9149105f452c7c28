"""The pure engine: answers + knowledge base -> advice. No I/O, no terminal, no printing.

Scoring, in integer hundredths of a point so that every score is exactly the sum of its parts:
1. Goals: a form earns importance x strength for every chosen goal, normalised so that a form
   delivering every goal at full strength scores 100.
2. Rules, in file order: a rule whose condition holds excludes the forms it selects, or adds
   its points to them. Points are score points for a company whose importances add up to
   the knowledge base's `points_reference`; with more (or more important) goals they weigh
   proportionally less, exactly as one more goal would. A shown score never leaves 0..100:
   points are cut to what fits, and the cut is shown.
3. Ranking: by the unclamped score, highest first; equal values keep the knowledge base's
   order of forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from operator import itemgetter
from typing import Any

from .answers import Answers, AnswersSchema
from .model import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    STRENGTH_MAX,
    Condition,
    KnowledgeBase,
    Rule,
    Text,
)

FULL = 100 * 100  # a score of 100 points, in hundredths


def _shown(value: int, span: int) -> int:
    """The score shown for an unclamped value (span = 100 points): clamped to 0..100, in
    hundredths of a point, rounded half up. advise() and brief() both score with it."""
    value = 0 if value < 0 else span if value > span else value
    return (2 * FULL * value + span) // (2 * span)


@dataclass(frozen=True)
class Contribution:
    benefit: str
    points: float


@dataclass(frozen=True)
class Adjustment:
    rule: str
    points: float
    reason: Text
    requested: float  # the rule's points before they were cut to keep the score in 0..100


@dataclass(frozen=True)
class Ranked:
    rank: int
    form: str
    score: float
    contributions: tuple[Contribution, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()


@dataclass(frozen=True)
class Excluded:
    form: str
    rule: str
    reason: Text


@dataclass(frozen=True)
class GoalChange:
    """The smallest change of one goal's importance that gives another winner."""

    goal: str
    old: int
    new: int
    new_winner: str


@dataclass(frozen=True)
class Robustness:
    winner: str
    runner_up: str | None
    margin: float | None
    change: GoalChange | None  # None: no single change of one importance changes the winner


@dataclass(frozen=True)
class GoalCover:
    benefit: str
    form: str | None  # the member delivering this goal best (None: no member delivers it)
    strength: int


@dataclass(frozen=True)
class CombinationAdvice:
    forms: tuple[str, ...]
    coverage: float  # share of the goals (weighted by importance) the members cover, 0..100
    best_single: float  # the best coverage any one member reaches alone
    covers: tuple[GoalCover, ...]


@dataclass(frozen=True)
class Advice:
    answers: Answers
    recommendations: tuple[Ranked, ...]
    excluded: tuple[Excluded, ...]
    robustness: Robustness | None = None
    combination: CombinationAdvice | None = None
    combination_checked: bool = False


class Advisor:
    """Compiles a knowledge base once; then advises any number of companies."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.schema = AnswersSchema(kb)
        self.form_ids = kb.form_ids
        self._n = len(kb.forms)
        self._strengths = {b: tuple(f.strength(b) for f in kb.forms) for b in kb.benefit_ids}
        self._rules: tuple[tuple[Rule, tuple[int, ...], int], ...] = tuple(
            (
                rule,
                tuple(i for i, f in enumerate(kb.forms) if rule.forms.matches(f)),
                # rule points count as score points for a company whose importances add
                # up to the knowledge base's reference; stored in the goals' unit
                round(rule.points * STRENGTH_MAX * kb.points_reference),
            )
            for rule in kb.rules
        )
        # nonzero strengths per benefit, in the goals' unit, for the batch fast path
        self._nonzero = {
            b: tuple((i, 100 * s) for i, s in enumerate(row) if s)
            for b, row in self._strengths.items()
        }
        choice_ids = [q.id for q in kb.questions if q.kind == "choice"]
        # answers always hold every question's value (its default at least)
        self._choice_key = itemgetter(*choice_ids) if choice_ids else lambda values: ()
        self._goal_free_rules = all(_goal_free(rule.condition) for rule in kb.rules)
        self._effects: dict[
            tuple[str | None, ...], tuple[list[int], list[tuple[int, Rule]], list[int]]
        ] = {}
        combo = kb.combination
        self._money_need = tuple(combo.need[f.needs.money] for f in kb.forms)
        self._staff_need = tuple(combo.need[f.needs.staff_time] for f in kb.forms)

    # --- answers -------------------------------------------------------------------------

    def parse(self, data: Any) -> Answers:
        return self.schema.parse(data)

    # --- scoring core (shared by every entry point) ---------------------------------------

    def _score(
        self, goals: Mapping[str, int], values: Mapping[str, str | None], explain: bool
    ) -> tuple[
        list[int], list[int], dict[int, Rule], dict[int, list[tuple[Rule, int, int]]], list[int]
    ]:
        """Per form: the unclamped value (the ranking key), the score in hundredths, the
        excluding rule, the applied adjustments (rule, hundredths, requested) and the base.

        Goals and rule points are summed in one unit, importance x strength x 100, so that
        a rule weighs the same against the goals whatever their number: this keeps the
        ranking monotone in every goal's importance. Shown scores are clamped to 0..100;
        the ranking uses the unclamped value, so equal shown scores keep a sensible order.
        """
        total = sum(goals.values())
        span = 100 * STRENGTH_MAX * total  # the unclamped value of a 100-point score
        raw = [0] * self._n
        for benefit, importance in goals.items():
            for i, s in enumerate(self._strengths[benefit]):
                if s:
                    raw[i] += 100 * importance * s

        base = [_shown(r, span) for r in raw]
        excluded: dict[int, Rule] = {}
        applied: dict[int, list[tuple[Rule, int, int]]] = {}
        for rule, i, want in self._rule_hits(values, goals):
            if rule.exclude:
                excluded[i] = rule
                continue
            before = raw[i]
            raw[i] += want
            if explain:
                got = _shown(raw[i], span) - _shown(before, span)
                requested = round(FULL * want / span)
                clamped = not (0 <= before <= span and 0 <= raw[i] <= span)
                applied.setdefault(i, []).append((rule, got, requested if clamped else got))
        cents = [_shown(r, span) for r in raw]
        return raw, cents, excluded, applied, base

    def _rule_hits(
        self, values: Mapping[str, str | None], goals: Mapping[str, int]
    ) -> Iterator[tuple[Rule, int, int]]:
        """(rule, form index, points) for each form each applying rule touches, in rule order;
        a form an earlier rule excluded is touched by no later rule."""
        excluded: set[int] = set()
        for rule, targets, want in self._rules:
            if not targets or not rule.condition.holds(values, goals):
                continue
            for i in targets:
                if i in excluded:
                    continue
                if rule.exclude:
                    excluded.add(i)
                yield rule, i, want

    def _remaining(self, excluded: Mapping[int, Rule]) -> list[int]:
        return [i for i in range(self._n) if i not in excluded]

    @staticmethod
    def _order(raw: Sequence[int], candidates: Iterable[int]) -> list[int]:
        """Highest value first; ties in the knowledge base's (the seed's) order."""
        return [i for _, i in sorted([(-raw[i], i) for i in candidates])]

    def brief(self, answers: Answers) -> tuple[list[tuple[int, int]], list[tuple[int, Rule]]]:
        """The fast path batch uses: (form index, score in hundredths) in rank order, and
        (form index, excluding rule); the same scores and order as advise()."""
        goals, values = answers.goals, answers.values
        if not self._goal_free_rules:
            raw, cents, by_form, _, _ = self._score(goals, values, False)
            order = self._order(raw, self._remaining(by_form))
            return [(i, cents[i]) for i in order], sorted(by_form.items())
        # rules that read no goal have the same effect for every row with the same values:
        # work them out once per combination of values
        key = self._choice_key(values)
        effects = self._effects.get(key)
        if effects is None:
            effects = self._rule_effects(values)
            if len(self._effects) < 4096:
                self._effects[key] = effects
        adds, excluded, candidates = effects
        raw = adds.copy()
        total = 0
        nonzero = self._nonzero
        for benefit, importance in goals.items():
            total += importance
            for i, s in nonzero[benefit]:
                raw[i] += importance * s
        span = 100 * STRENGTH_MAX * total
        return [(i, _shown(raw[i], span)) for i in self._order(raw, candidates)], excluded

    def _rule_effects(
        self, values: Mapping[str, str | None]
    ) -> tuple[list[int], list[tuple[int, Rule]], list[int]]:
        """What the goal-free rules do for these values: points per form, the excluded forms
        with their rule, and the forms left to rank."""
        adds = [0] * self._n
        excluded: dict[int, Rule] = {}
        for rule, i, want in self._rule_hits(values, {}):
            if rule.exclude:
                excluded[i] = rule
            else:
                adds[i] += want
        return adds, sorted(excluded.items()), self._remaining(excluded)

    # --- full advice ---------------------------------------------------------------------

    def advise(self, answers: Answers, *, explain: bool = True) -> Advice:
        goals, values = answers.goals, answers.values
        raw, cents, excluded, applied, base = self._score(goals, values, explain)
        order = self._order(raw, self._remaining(excluded))
        ids = self.form_ids
        recommendations = tuple(
            Ranked(
                rank=rank,
                form=ids[i],
                score=cents[i] / 100,
                contributions=self._contributions(goals, i, base[i]) if explain else (),
                adjustments=tuple(
                    Adjustment(rule.id, got / 100, rule.reason, want / 100)
                    for rule, got, want in applied.get(i, ())
                ),
            )
            for rank, i in enumerate(order, start=1)
        )
        excluded_list = tuple(
            Excluded(ids[i], rule.id, rule.reason) for i, rule in sorted(excluded.items())
        )
        if not explain:
            return Advice(answers, recommendations, excluded_list)
        return Advice(
            answers,
            recommendations,
            excluded_list,
            robustness=self._robustness(answers, order, cents),
            combination=self._combination(answers, order, cents),
            combination_checked=True,
        )

    def _contributions(
        self, goals: Mapping[str, int], i: int, base_cents: int
    ) -> tuple[Contribution, ...]:
        """Split a base score over the goals so that the parts add up to it exactly
        (largest remainder: the hundredths lost to rounding go to the largest fractions)."""
        den = STRENGTH_MAX * sum(goals.values())
        parts = [(b, FULL * imp * self._strengths[b][i]) for b, imp in goals.items()]
        floors = [num // den for _, num in parts]
        left = base_cents - sum(floors)
        by_fraction = sorted(range(len(parts)), key=lambda k: (-(parts[k][1] % den), k))
        for k in by_fraction[:left]:
            floors[k] += 1
        return tuple(Contribution(b, c / 100) for (b, _), c in zip(parts, floors, strict=True))

    def _winner(self, goals: Mapping[str, int], values: Mapping[str, str | None]) -> int | None:
        raw, _, excluded, _, _ = self._score(goals, values, False)
        order = self._order(raw, self._remaining(excluded))
        return order[0] if order else None

    def _robustness(
        self, answers: Answers, order: list[int], cents: list[int]
    ) -> Robustness | None:
        if not order:
            return None
        ids = self.form_ids
        winner = order[0]
        runner_up = order[1] if len(order) > 1 else None
        margin = (cents[winner] - cents[runner_up]) / 100 if runner_up is not None else None
        goals = answers.goals
        change = None
        for delta in range(1, IMPORTANCE_MAX - IMPORTANCE_MIN + 1):
            for benefit, old in goals.items():
                for new in (old - delta, old + delta):
                    if not IMPORTANCE_MIN <= new <= IMPORTANCE_MAX:
                        continue
                    other = self._winner({**goals, benefit: new}, answers.values)
                    if other is not None and other != winner:
                        change = GoalChange(benefit, old, new, ids[other])
                        break
                if change:
                    break
            if change:
                break
        return Robustness(
            ids[winner], ids[runner_up] if runner_up is not None else None, margin, change
        )

    def _combination(
        self, answers: Answers, order: list[int], cents: list[int]
    ) -> CombinationAdvice | None:
        combo = self.kb.combination
        money_cap = combo.capacity[answers.values.get("budget") or "none"]  # type: ignore[index]
        staff_cap = combo.capacity[answers.values.get("staff_time") or "none"]  # type: ignore[index]
        goals = answers.goals
        strengths = self._strengths
        den = STRENGTH_MAX * sum(goals.values())

        def covered(members: tuple[int, ...]) -> int:
            return sum(imp * max(strengths[b][m] for m in members) for b, imp in goals.items())

        def fits(members: tuple[int, ...]) -> bool:
            return (
                sum(self._money_need[m] for m in members) <= money_cap
                and sum(self._staff_need[m] for m in members) <= staff_cap
            )

        best: dict[int, tuple[tuple[int, int, tuple[int, ...]], tuple[int, ...]]] = {}
        rank_of = {i: r for r, i in enumerate(order)}
        for size in range(2, combo.max_forms + 1):
            for members in combinations(sorted(order, key=rank_of.__getitem__), size):
                if not fits(members):
                    continue
                coverage = covered(members)
                # every member must add something: a form that repeats another adds nothing
                if any(covered(tuple(m for m in members if m != x)) >= coverage for x in members):
                    continue
                key = (
                    coverage,
                    sum(cents[m] for m in members),
                    tuple(-rank_of[m] for m in members),
                )
                if size not in best or key > best[size][0]:
                    best[size] = (key, members)
        if 2 not in best:
            return None
        chosen = best[2][1]
        if 3 in best:
            gain = (best[3][0][0] - best[2][0][0]) * 100 / den
            if gain >= combo.min_gain:
                chosen = best[3][1]
        ids = self.form_ids
        covers = []
        for benefit in goals:
            top = max(chosen, key=lambda m: (strengths[benefit][m], -rank_of[m]))
            s = strengths[benefit][top]
            covers.append(GoalCover(benefit, ids[top] if s else None, s))
        return CombinationAdvice(
            forms=tuple(ids[m] for m in chosen),
            coverage=round(covered(chosen) * 100 / den, 2),
            best_single=round(max(covered((m,)) for m in chosen) * 100 / den, 2),
            covers=tuple(covers),
        )


def _goal_free(condition: Condition) -> bool:
    return not condition.goal_between and all(_goal_free(c) for c in condition.any_of)


_ADVISORS: dict[int, Advisor] = {}


def advisor_for(kb: KnowledgeBase) -> Advisor:
    """The Advisor for a knowledge base, compiled once per process."""
    found = _ADVISORS.get(id(kb))
    if found is None or found.kb is not kb:
        found = _ADVISORS[id(kb)] = Advisor(kb)
    return found


def advise(answers: Answers | Mapping[str, Any], kb: KnowledgeBase) -> Advice:
    """Advice for one company; answers may be an answers document (a mapping)."""
    advisor = advisor_for(kb)
    parsed = answers if isinstance(answers, Answers) else advisor.parse(answers)
    return advisor.advise(parsed)
