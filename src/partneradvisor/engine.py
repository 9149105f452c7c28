"""The pure engine: answers + knowledge base -> advice. No I/O, no terminal, no printing.

1. Situation: the answers other than the goals decide, per form, its feasibility tier (its
   needs against the company's means, then the rules that exclude or stretch it) and the
   strengths it delivers there (rules may lower named strengths). Worked out once per
   combination of answers.
2. Fit: the importance-weighted average of the form's strengths for the chosen goals, in
   hundredths of a percent; every contribution is importance x strength, and the
   contributions add up to the fit exactly. Scaling every importance changes nothing.
3. Ranking: forms that fit the means first, then stretch forms, each by fit (exact integer
   comparison), ties in the knowledge base's order and reported as ties. Forms out of reach
   are excluded with their reasons; forms that deliver none of the goals are listed apart.

No question id is written here: the questions that carry the company's money, staff time,
name and in-kind means are found by their `role` in the knowledge base.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Mapping
from operator import itemgetter
from typing import Any, NamedTuple

from ._record import Record
from .advice import (
    TIERS,
    Advice,
    Alternative,
    CombinationAdvice,
    ConflictWarning,
    Contribution,
    Excluded,
    GoalChange,
    GoalCover,
    NotServing,
    Obstacle,
    Ranked,
    Robustness,
    StrengthChange,
)
from .answers import Answers, AnswersSchema
from .kb.model import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    LEVELS,
    MEANS_ROLES,
    STRENGTH_MAX,
    Condition,
    KnowledgeBase,
    Level,
)

FULL = 100 * 100  # 100 %, in hundredths
_LEVEL: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}
_UNLIMITED = 1 << 60


def percent(numerator: int, denominator: int) -> int:
    """numerator / denominator as hundredths of a percent, rounded half up."""
    return (2 * FULL * numerator + denominator) // (2 * denominator)


class Situation(Record):
    """What the answers other than the goals' importances do to every form (by index)."""

    tiers: tuple[int, ...]  # index into TIERS
    obstacles: tuple[tuple[Obstacle, ...], ...]
    strengths: Mapping[str, tuple[int, ...]]  # benefit -> strength per form, rules applied
    changes: tuple[tuple[StrengthChange, ...], ...]
    units: tuple[tuple[int, ...], tuple[int, ...]]  # money and staff-time need per form
    capacity: tuple[int, int]  # the company's money and staff time, in the same units
    # per form, its place key without its fit (see Advisor._place_keys); 0: out of reach
    place_base: tuple[int, ...]
    out_of_reach: tuple[int, ...]  # the forms of tier 2
    weighted: GoalRows  # a goal -> importance x strength per form, packed in one integer


class GoalRows(dict[tuple[str, int], int]):
    """(benefit, importance) -> importance x strength for every form, packed in one integer
    with a lane of `width` bytes per form (form 0 lowest): a company's goals add up in one
    addition of integers, and the sums come out as bytes. Filled as goals come."""

    __slots__ = ("strengths", "width")

    def __init__(self, strengths: Mapping[str, tuple[int, ...]], width: int) -> None:
        super().__init__()
        self.strengths = strengths
        self.width = width

    def __missing__(self, goal: tuple[str, int]) -> int:
        benefit, importance = goal
        bits = 8 * self.width
        packed = self[goal] = sum(
            importance * s << bits * i for i, s in enumerate(self.strengths[benefit])
        )
        return packed


MAX_SITUATIONS = 4096  # kept per advisor; a batch in more situations works some out again


class Scores(NamedTuple):
    """A company's fit for every form (forms by index), before it is dressed as Advice."""

    situation: Situation
    num: list[int]  # per form, the sum of importance x strength
    den: int  # what num is a share of
    cents: list[int]  # per form, the fit in hundredths of a percent
    order: list[int]  # the ranked forms
    ties: dict[int, tuple[str, ...]]  # a ranked form -> the forms tied with it
    excluded: list[int]  # out of reach, serving a goal
    not_serving: list[int]  # serving none of the goals
    nothing_fits: bool
    alternative: int | None  # with nothing_fits: the best form beyond the means


class Advisor:
    """Compiles a knowledge base once; then advises any number of companies."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.schema = AnswersSchema(kb)
        self.form_ids = kb.form_ids
        self._n = len(kb.forms)
        self._base = {b: tuple(f.strength(b) for f in kb.forms) for b in kb.benefit_ids}
        self._rules = tuple(
            (rule, tuple(i for i, f in enumerate(kb.forms) if rule.forms.matches(f)))
            for rule in kb.rules
        )
        self._means = tuple(
            (role, question.id) for role in MEANS_ROLES if (question := kb.role(role))
        )
        in_kind = kb.role("in_kind")
        self._in_kind = in_kind.id if in_kind else None
        self._goal_rules = not all(_goal_free(rule.condition) for rule in kb.rules)
        choice_ids = [q.id for q in kb.questions if q.kind == "choice"]
        # answers always hold every question's value (its default at least)
        self._choice_key = itemgetter(*choice_ids) if choice_ids else lambda values: ()
        self._situations: dict[Any, Situation] = {}  # by the answers it is made of
        self._floor_cents = kb.fit_floor * 100
        self._by_effect: dict[Any, Situation] = {}  # by what makes it what it is
        self._reaches: dict[Any, tuple[Any, Any]] = {}  # tiers and obstacles, shared
        # goals' packed rows, shared by the situations whose rules set the same strengths
        self._goal_rows: dict[tuple[int, ...], GoalRows] = {}
        # a form's place as one integer, so that ranking sorts integers: the index in the
        # low bits, the fit above them (negated: the best first), the tier above that
        self._index_bits = max(self._n - 1, 1).bit_length()
        self._index_mask = (1 << self._index_bits) - 1
        # the largest denominator of a fit (and so the largest fit) on the importance scale
        self._max_den = IMPORTANCE_MAX * STRENGTH_MAX * max(len(kb.benefit_ids), 1)
        self._tier_bit = self._max_den.bit_length() + self._index_bits + 1
        self._cents: dict[int, list[int]] = {}  # a denominator -> the fit of 0..den in cents
        self._ties: dict[tuple[int, ...], dict[int, tuple[str, ...]]] = {}  # by the group
        # a form's lane in GoalRows: whole bytes that hold any fit (a fit is at most _max_den)
        self._lane_bytes = next(w for w in (1, 2, 4, 8) if self._max_den < 1 << 8 * w)
        self._lane_format = {1: "B", 2: "H", 4: "I", 8: "Q"}[self._lane_bytes]

    def parse(self, data: Any) -> Answers:
        return self.schema.parse(data)

    # --- situation ---------------------------------------------------------------------

    def _situation(self, answers: Answers) -> Situation:
        key: Any = self._choice_key(answers.values)
        if self._goal_rules:
            key = (key, tuple(answers.goals.items()))
        found = self._situations.get(key)
        if found is None:
            values, goals = answers.values, answers.goals
            # many answers make the same situation: the same means and the same rules at work
            # (one object for all of them, with the text batch prepares for it kept once)
            effect = (
                tuple(values.get(question_id) for _, question_id in self._means),
                self._in_kind is not None and values.get(self._in_kind) == "yes",
                tuple(
                    i
                    for i, (rule, _) in enumerate(self._rules)
                    if rule.condition.holds(values, goals)
                ),
            )
            found = self._by_effect.get(effect)
            if found is None:
                found = self._work_out(values, effect)
                if len(self._by_effect) >= MAX_SITUATIONS:
                    self._by_effect.clear()
                self._by_effect[effect] = found
            if len(self._situations) >= MAX_SITUATIONS:
                self._situations.clear()
            self._situations[key] = found
        return found

    def _work_out(self, values: Mapping[str, str | None], effect: Any) -> Situation:
        """The situation of these answers, whose effect (the means, whether in kind, the
        rules at work) _situation() has found."""
        kb, n = self.kb, self._n
        need_units = kb.combination.need
        means_given, in_kind, fired = effect
        steps = [0] * n  # how far beyond the company's means and situation: 1 is a stretch
        excluded = [False] * n
        obstacles: list[list[Obstacle]] = [[] for _ in range(n)]
        units = {"money": [0] * n, "staff_time": [0] * n}
        capacity = {"money": _UNLIMITED, "staff_time": _UNLIMITED}
        for means, question_id in self._means:
            have = values.get(question_id)
            if have is not None:
                capacity[means] = kb.combination.capacity[have]  # type: ignore[index]
            for i, form in enumerate(kb.forms):
                need: Level = form.needs.of(means)
                if means == "money" and in_kind and form.needs.in_kind:
                    need = "none"  # given as products, premises or expertise instead
                units[means][i] = need_units[need]
                gap = _LEVEL[need] - _LEVEL[have] if have is not None else 0
                if gap > 0:
                    steps[i] += gap
                    in_kind_possible = means == "money" and form.needs.in_kind
                    obstacles[i].append(
                        Obstacle(f"needs.{means}", None, means, need, have, in_kind_possible)
                    )
        strengths = {b: list(row) for b, row in self._base.items()}
        changes: list[list[StrengthChange]] = [[] for _ in range(n)]
        for rule, targets in (self._rules[r] for r in fired):
            for i in targets:
                if rule.effect == "strengths":
                    for benefit, cap in rule.caps:
                        old = strengths[benefit][i]
                        if cap < old:
                            strengths[benefit][i] = cap
                            changes[i].append(
                                StrengthChange(rule.id, benefit, old, cap, rule.reason)
                            )
                    continue
                if rule.effect == "exclude":
                    excluded[i] = True
                else:
                    steps[i] += 1
                obstacles[i].append(Obstacle(rule.id, rule.reason))
        reach = (
            tuple(2 if out else min(step, 2) for out, step in zip(excluded, steps, strict=True)),
            tuple(map(tuple, obstacles)),
        )
        # situations that differ only in strengths share their tiers and obstacles (one
        # object, so that batch words each reach once): the means and the rules of reach
        rules = self._rules
        reaching = tuple(r for r in fired if rules[r][0].effect != "strengths")
        lowering = tuple(r for r in fired if rules[r][0].effect == "strengths")
        goal_rows = self._goal_rows.get(lowering)
        if goal_rows is None:
            if len(self._goal_rows) >= MAX_SITUATIONS:
                self._goal_rows.clear()
            rows = {b: tuple(row) for b, row in strengths.items()}
            goal_rows = self._goal_rows[lowering] = GoalRows(rows, self._lane_bytes)
        if len(self._reaches) >= MAX_SITUATIONS:
            self._reaches.clear()
        reach = self._reaches.setdefault((means_given, in_kind, reaching), reach)
        tiers = reach[0]
        return Situation(
            tiers=tiers,
            obstacles=reach[1],
            strengths=goal_rows.strengths,
            changes=tuple(map(tuple, changes)),
            units=(tuple(units["money"]), tuple(units["staff_time"])),
            capacity=(capacity["money"], capacity["staff_time"]),
            place_base=tuple(
                0 if tier == 2 else ((tier + 1) << self._tier_bit) + i
                for i, tier in enumerate(tiers)
            ),
            out_of_reach=tuple(i for i, tier in enumerate(tiers) if tier == 2),
            weighted=goal_rows,
        )

    # --- scoring (the one path every entry point takes) ---------------------------------

    def key(self, answers: Answers) -> Any:
        """What the advice depends on: the answers other than the company's name. Answers
        with equal keys get equal advice (batch keeps a row's text by it)."""
        return (self._choice_key(answers.values), tuple(answers.goals.items()))

    def _numerators(self, goals: Mapping[str, int], situation: Situation) -> list[int]:
        """Per form, the sum of importance x strength over the chosen goals: one sum of the
        goals' packed rows (see GoalRows), read back a lane per form."""
        packed = sum(map(situation.weighted.__getitem__, goals.items()))
        if self._lane_bytes == 1:
            return list(packed.to_bytes(self._n, "little"))
        lanes = array(self._lane_format, packed.to_bytes(self._n * self._lane_bytes, "little"))
        if sys.byteorder == "big":
            lanes.byteswap()
        return lanes.tolist()

    def _place_keys(self, num: list[int], situation: Situation) -> list[int]:
        """The ranked forms' places, sorted: forms within reach that serve a goal; those that
        fit before stretch forms, then by fit, ties in the knowledge base's (the seed's) order.
        A place is one integer (the index in its low bits, the fit negated above them, the
        tier above that): integers sort fastest, and forms of the same tier and fit share
        the bits above the index, which is how ties are found."""
        shift = self._index_bits
        return sorted(
            [b - (x << shift) for b, x in zip(situation.place_base, num, strict=True) if b and x]
        )

    def _order(self, num: list[int], situation: Situation) -> list[int]:
        mask = self._index_mask
        return [key & mask for key in self._place_keys(num, situation)]

    def scores(self, answers: Answers) -> Scores:
        """Every form's fit and place for these answers, by index: what advise() dresses as
        Advice and batch writes as JSON Lines directly."""
        situation = self._situation(answers)
        goals = answers.goals
        den = STRENGTH_MAX * sum(goals.values())
        if den > self._max_den:  # answers that did not come through AnswersSchema.parse
            raise ValueError(f"an importance beyond {IMPORTANCE_MAX} in {goals!r}")
        num = self._numerators(goals, situation)
        cents = list(map((self._cents.get(den) or self._cent_table(den)).__getitem__, num))
        places = self._place_keys(num, situation)
        mask, shift = self._index_mask, self._index_bits
        order = [key & mask for key in places]
        fits = [key >> shift for key in places]  # the same tier and fit: the same number
        ties = self._tied(fits, order) if len(set(fits)) < len(fits) else {}
        tiers = situation.tiers
        first = order[0] if order else None
        nothing_fits = not (
            first is not None and tiers[first] == 0 and cents[first] >= self._floor_cents
        )
        return Scores(
            situation,
            num,
            den,
            cents,
            order,
            ties,
            [i for i in situation.out_of_reach if num[i]],  # out of reach, serving a goal
            [i for i, x in enumerate(num) if not x],  # serving none of the goals, at any reach
            nothing_fits,
            self._alternative(situation, cents) if nothing_fits else None,
        )

    def _cent_table(self, den: int) -> list[int]:
        """percent(x, den) for every fit x (a fit is at most den), built once per den."""
        table = self._cents[den] = [percent(x, den) for x in range(den + 1)]
        return table

    def _tied(self, fits: list[int], order: list[int]) -> dict[int, tuple[str, ...]]:
        """Each ranked form that shares its tier and fit -> the forms it is tied with."""
        ties: dict[int, tuple[str, ...]] = {}
        start = 0
        for end in range(1, len(fits) + 1):
            if end == len(fits) or fits[end] != fits[start]:
                if end - start > 1:
                    group = tuple(order[start:end])
                    found = self._ties.get(group)
                    if found is None:
                        if len(self._ties) >= MAX_SITUATIONS:
                            self._ties.clear()
                        ids = self.form_ids
                        found = self._ties[group] = {
                            i: tuple(ids[j] for j in group if j != i) for i in group
                        }
                    ties.update(found)
                start = end
        return ties

    def advise(self, answers: Answers, *, explain: bool = True) -> Advice:
        return self.dress(self.scores(answers), answers, explain=explain)

    def dress(self, scored: Scores, answers: Answers, *, explain: bool = True) -> Advice:
        """The advice for these answers from their scores (what batch has scored already)."""
        situation, num, den, cents, order = scored[:5]
        goals = answers.goals
        tiers = situation.tiers
        ids = self.form_ids
        ties = scored.ties
        recommendations = tuple(
            Ranked(
                rank=rank,
                form=ids[i],
                score=cents[i] / 100,
                tier=TIERS[tiers[i]],
                tied_with=ties.get(i, ()),
                contributions=self._contributions(goals, situation, i, cents[i], den)
                if explain
                else (),
                changes=situation.changes[i] if explain else (),
                obstacles=situation.obstacles[i],
            )
            for rank, i in enumerate(order, start=1)
        )
        excluded = tuple(
            Excluded(
                ids[i],
                cents[i] / 100,
                situation.obstacles[i],
                situation.changes[i] if explain else (),
            )
            for i in scored.excluded
        )
        not_serving = tuple(
            NotServing(
                ids[i],
                TIERS[tiers[i]],
                situation.obstacles[i],
                situation.changes[i] if explain else (),
            )
            for i in scored.not_serving
        )
        best = scored.alternative
        advice = Advice(
            answers,
            recommendations,
            excluded,
            not_serving=not_serving,
            nothing_fits=scored.nothing_fits,
            fit_floor=self.kb.fit_floor,
            alternative=None
            if best is None
            else Alternative(
                ids[best], cents[best] / 100, TIERS[tiers[best]], situation.obstacles[best]
            ),
        )
        if not explain:
            return advice
        return advice._replace(
            robustness=self._robustness(answers, situation, num, order),
            combination=self._combination(answers.values, goals, situation, num, order, den),
            explained=True,
        )

    def _contributions(
        self, goals: Mapping[str, int], situation: Situation, i: int, total: int, den: int
    ) -> tuple[Contribution, ...]:
        """Split a fit over the goals so that the parts add up to it exactly (largest
        remainder: the hundredths lost to rounding go to the largest fractions)."""
        strengths = [(b, imp, situation.strengths[b][i]) for b, imp in goals.items()]
        parts = [FULL * imp * s for _, imp, s in strengths]
        floors = [p // den for p in parts]
        left = total - sum(floors)
        by_fraction = sorted(range(len(parts)), key=lambda k: (-(parts[k] % den), k))
        for k in by_fraction[:left]:
            floors[k] += 1
        return tuple(
            Contribution(b, imp, s, c / 100)
            for (b, imp, s), c in zip(strengths, floors, strict=True)
        )

    def _alternative(self, situation: Situation, cents: list[int]) -> int | None:
        """The best form beyond the company's means that reaches the fit floor."""
        floor = self.kb.fit_floor * 100
        beyond = [i for i in range(self._n) if situation.tiers[i] > 0 and cents[i] >= floor]
        if not beyond:
            return None
        return min(beyond, key=lambda i: (-cents[i], situation.tiers[i], i))

    def _robustness(
        self, answers: Answers, situation: Situation, num: list[int], order: list[int]
    ) -> Robustness | None:
        """The margin to the next form of the same tier, and the smallest change of one
        goal's importance that puts another form first (smallest step first, then goals in
        the knowledge base's order, lower value first)."""
        if not order:
            return None
        ids, tiers, goals = self.form_ids, situation.tiers, answers.goals
        winner = order[0]
        runner_up = order[1] if len(order) > 1 and tiers[order[1]] == tiers[winner] else None
        den = STRENGTH_MAX * sum(goals.values())
        margin = (
            (percent(num[winner], den) - percent(num[runner_up], den)) / 100
            if runner_up is not None
            else None
        )
        tied = tuple(
            ids[i] for i in order[1:] if (tiers[i], num[i]) == (tiers[winner], num[winner])
        )
        change = None
        if len(goals) > 1:
            change = self._smallest_change(answers, situation, num, winner)
        return Robustness(
            ids[winner],
            ids[runner_up] if runner_up is not None else None,
            margin,
            tied,
            change,
            single_goal=len(goals) == 1,
        )

    def _smallest_change(
        self, answers: Answers, situation: Situation, num: list[int], winner: int
    ) -> GoalChange | None:
        goals = answers.goals
        for step in range(1, IMPORTANCE_MAX - IMPORTANCE_MIN + 1):
            for benefit, old in goals.items():
                for new in (old - step, old + step):
                    if not IMPORTANCE_MIN <= new <= IMPORTANCE_MAX:
                        continue
                    if self._goal_rules:  # a rule may read this goal: work it all out again
                        changed = Answers({**goals, benefit: new}, answers.values)
                        placed = self._situation(changed)
                        tiers, moved = placed.tiers, self._numerators(changed.goals, placed)
                    else:
                        row = situation.strengths[benefit]
                        placed, tiers = situation, situation.tiers
                        moved = [x + (new - old) * s for x, s in zip(num, row, strict=True)]
                    order = self._order(moved, placed)
                    if not order or order[0] == winner:
                        continue
                    first = order[0]
                    # a tie is not a new first place: the winner must be strictly behind
                    if winner not in order or (tiers[first], -moved[first]) < (
                        tiers[winner],
                        -moved[winner],
                    ):
                        return GoalChange(benefit, old, new, self.form_ids[first])
        return None

    def _combination(
        self,
        values: Mapping[str, str | None],
        goals: Mapping[str, int],
        situation: Situation,
        num: list[int],
        order: list[int],
        den: int,
    ) -> CombinationAdvice | None:
        """Forms that together cover the goals best, jointly within the company's means.

        Greedy from the first place: each round adds the form that fits the means on its own
        and raises coverage most (ties: the better ranked), if the members' summed needs still
        fit and the gain reaches `min_gain`. Coverage counts each goal once, at the best
        strength among the members, so a form repeating another adds nothing. Cost: at most
        max_forms rounds over the forms and goals, O(max_forms x forms x goals), whatever the
        size of the knowledge base.
        """
        if not order or situation.tiers[order[0]] != 0:
            return None
        combo = self.kb.combination
        strengths = situation.strengths
        (money, staff), (money_cap, staff_cap) = situation.units, situation.capacity
        first = order[0]
        max_forms, limit = combo.max_forms, None
        for rule in combo.limits:
            if rule.max_forms < max_forms and rule.condition.holds(values, goals):
                max_forms, limit = rule.max_forms, rule.reason
        members = [first]
        best = {b: strengths[b][first] for b in goals}
        used_money, used_staff = money[first], staff[first]
        candidates = [i for i in order[1:] if situation.tiers[i] == 0]
        while len(members) < max_forms:
            pick, pick_gain = None, 0
            for c in candidates:
                if c in members:
                    continue
                if used_money + money[c] > money_cap or used_staff + staff[c] > staff_cap:
                    continue
                gain = sum(
                    imp * (strengths[b][c] - best[b])
                    for b, imp in goals.items()
                    if strengths[b][c] > best[b]
                )
                if gain > pick_gain:
                    pick, pick_gain = c, gain
            if pick is None or pick_gain * 100 < combo.min_gain * den:
                break
            members.append(pick)
            used_money += money[pick]
            used_staff += staff[pick]
            for b in goals:
                best[b] = max(best[b], strengths[b][pick])
        if len(members) == 1:
            return None
        ids = self.form_ids
        covers = []
        for benefit in goals:
            top = max(members, key=lambda m: (strengths[benefit][m], -members.index(m)))
            s = strengths[benefit][top]
            covers.append(GoalCover(benefit, ids[top] if s else None, s))
        chosen = {ids[m] for m in members}
        warnings = tuple(
            ConflictWarning((c.forms[0], c.forms[1]), c.reason)
            for c in combo.conflicts
            if set(c.forms) <= chosen
        )
        covered = sum(imp * best[b] for b, imp in goals.items())
        return CombinationAdvice(
            forms=tuple(ids[m] for m in members),
            coverage=percent(covered, den) / 100,
            best_single=percent(num[first], den) / 100,
            covers=tuple(covers),
            warnings=warnings,
            limit=limit if len(members) == max_forms else None,
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
