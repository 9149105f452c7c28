"""The batch's summary, counted as the rows are advised: counters updated per row, no advice
kept. Only the ids of each group of companies with the same first form are kept, at most
MAX_LISTED per group, so memory stays bounded whatever the batch's size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..answers import Answers
    from ..engine import Scores
    from ..kb.model import KnowledgeBase, Text
    from ._rows import Row

MAX_LISTED = 1000  # ids listed per group; the rest are counted
TOP = 3  # "in their top 3"


@dataclass(frozen=True)
class FormCount:
    form: str
    first: int  # companies that get this form first
    top: int  # companies that get it among their first TOP


@dataclass(frozen=True)
class GoalCount:
    benefit: str
    companies: int  # companies that chose this goal
    average: float  # their average importance for it


@dataclass(frozen=True)
class Lack:
    """What a company for whom nothing fits lacks for its best alternative: more money or
    staff time (at least `need`), or to be out of a rule's situation (`reason`)."""

    rule: str
    means: str | None = None
    need: str | None = None
    reason: Text | None = None


@dataclass(frozen=True)
class Group:
    """Companies with the same first form: candidates for a joint project with one NGO."""

    form: str
    size: int
    ids: tuple[str, ...]  # the first MAX_LISTED, in the input's order


@dataclass(frozen=True)
class BatchSummary:
    companies: int  # rows advised
    failed: int  # rows that could not be advised
    forms: tuple[FormCount, ...]  # every form, in the knowledge base's order
    goals: tuple[GoalCount, ...]  # goals chosen by any company, most often chosen first
    nothing_fits: int  # companies for whom nothing within their means fits
    lacks: tuple[tuple[Lack, int], ...]  # what those lack, most common first
    no_alternative: int  # of those, the ones for whom nothing fits beyond their means either
    groups: tuple[Group, ...]  # two or more companies with the same first form, largest first


class Tally:
    """Counts advised rows into a summary; add() is called once per advised row."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.form_ids = kb.form_ids
        self.benefit_ids = kb.benefit_ids
        self.companies = 0
        # by the form's index, as the scores give forms
        self.first = [0] * len(kb.form_ids)
        self.top = [0] * len(kb.form_ids)
        self.chosen = dict.fromkeys(kb.benefit_ids, 0)
        self.importance = dict.fromkeys(kb.benefit_ids, 0)
        self.nothing_fits = 0
        self.no_alternative = 0
        # what those for whom nothing fits lack, by (rule, means, need); a rule's reason apart
        self.lacks: dict[tuple[str, str | None, str | None], int] = {}
        self.reasons: dict[str, Text | None] = {}
        self.ids: list[list[str]] = [[] for _ in kb.form_ids]
        self.max_listed = MAX_LISTED

    def add(self, row: Row, answers: Answers, scored: Scores) -> None:
        # called for every advised row, with its scores (no advice is dressed for a count):
        # kept to a few dictionary updates
        self.companies += 1
        chosen, importance = self.chosen, self.importance
        for benefit, value in answers.goals.items():
            chosen[benefit] += 1
            importance[benefit] += value
        if scored.nothing_fits:
            self._nothing_fits(scored)
            return
        order = scored.order
        if not order:
            return
        first = order[0]
        self.first[first] += 1
        top = self.top
        for i in order[:TOP]:
            top[i] += 1
        ids = self.ids[first]
        if len(ids) < self.max_listed:
            ids.append(row.id)

    def _nothing_fits(self, scored: Scores) -> None:
        self.nothing_fits += 1
        if scored.alternative is None:
            self.no_alternative += 1
            return
        obstacles = scored.situation.obstacles[scored.alternative]
        lacks = self.lacks
        for key in {(o.rule, o.means, o.need) for o in obstacles}:
            lacks[key] = lacks.get(key, 0) + 1
        for obstacle in obstacles:
            if obstacle.means is None and obstacle.rule not in self.reasons:
                self.reasons[obstacle.rule] = obstacle.reason

    def result(self, failed: int) -> BatchSummary:
        benefit_order = {b: i for i, b in enumerate(self.benefit_ids)}
        goals = sorted(
            (b for b in self.benefit_ids if self.chosen[b]),
            key=lambda b: (-self.chosen[b], benefit_order[b]),
        )
        lacks = sorted(
            (
                (Lack(rule, means, need, None if means else self.reasons.get(rule)), count)
                for (rule, means, need), count in self.lacks.items()
            ),
            key=lambda item: (-item[1], item[0].rule, item[0].need or ""),
        )
        grouped = sorted(
            (i for i, count in enumerate(self.first) if count >= 2),
            key=lambda i: (-self.first[i], i),
        )
        form_ids = self.form_ids
        return BatchSummary(
            companies=self.companies,
            failed=failed,
            forms=tuple(FormCount(f, self.first[i], self.top[i]) for i, f in enumerate(form_ids)),
            goals=tuple(
                GoalCount(b, self.chosen[b], self.importance[b] / self.chosen[b]) for b in goals
            ),
            nothing_fits=self.nothing_fits,
            lacks=tuple(lacks),
            no_alternative=self.no_alternative,
            groups=tuple(Group(form_ids[i], self.first[i], tuple(self.ids[i])) for i in grouped),
        )
