"""How often each form comes first over a systematic sweep of answers (`kb balance`).

For the knowledge-base editor: a recalibration can be judged, not guessed. The sweep is
every single goal (importance 5) and every pair of goals (5/5, 5/2 and 2/5), at every level
of the company's money and staff time; every other question keeps its default.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations, product

from .answers import Answers
from .engine import advisor_for
from .kb.model import KnowledgeBase

PAIR_IMPORTANCES = ((5, 5), (5, 2), (2, 5))
SINGLE_IMPORTANCE = 5
MAX_SHARE = 1 / 3  # no form should come first in more than this share of the sweep


@dataclass(frozen=True)
class FormBalance:
    form: str
    first: int  # profiles in which it comes first
    top3: int  # profiles in which it is among the first three


@dataclass(frozen=True)
class Balance:
    profiles: int
    forms: tuple[FormBalance, ...]  # in the knowledge base's order
    nothing_fits: int  # profiles for which no form within the means reaches the floor

    @property
    def advised(self) -> int:
        """Profiles that get advice: first places are counted among these only."""
        return self.profiles - self.nothing_fits

    @property
    def never_first(self) -> tuple[str, ...]:
        return tuple(f.form for f in self.forms if f.first == 0)

    @property
    def most_first(self) -> FormBalance:
        return max(self.forms, key=lambda f: f.first)

    @property
    def balanced(self) -> bool:
        return not self.never_first and self.most_first.first <= MAX_SHARE * self.advised


def goal_sets(kb: KnowledgeBase) -> list[dict[str, int]]:
    ids = kb.benefit_ids
    sets = [{b: SINGLE_IMPORTANCE} for b in ids]
    for a, b in combinations(ids, 2):
        sets += [{a: x, b: y} for x, y in PAIR_IMPORTANCES]
    return sets


def sweep(kb: KnowledgeBase) -> Balance:
    advisor = advisor_for(kb)
    means = [q for role in ("money", "staff_time") if (q := kb.role(role)) is not None]
    defaults = {q.id: q.default for q in kb.questions if q.kind != "goals"}
    first: Counter[str] = Counter()
    top3: Counter[str] = Counter()
    profiles = nothing = 0
    ids = advisor.form_ids
    for levels in product(*(q.values for q in means)):
        values = {**defaults, **{q.id: v for q, v in zip(means, levels, strict=True)}}
        for goals in goal_sets(kb):
            ordered = {b: goals[b] for b in kb.benefit_ids if b in goals}
            scored = advisor.scores(Answers(ordered, values))  # the places are all it needs
            profiles += 1
            if scored.nothing_fits:
                nothing += 1
                continue
            order = scored.order
            first[ids[order[0]]] += 1
            top3.update(ids[i] for i in order[:3])
    return Balance(
        profiles,
        tuple(FormBalance(f, first[f], top3[f]) for f in kb.form_ids),
        nothing,
    )
