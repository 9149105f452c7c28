"""One form as every view and report shows it: the one rendering of a recommended form that
the terminal, HTML and Markdown lay out each in their own way."""

# no `from __future__ import annotations`: NamedTuple would compile each annotation string

from typing import NamedTuple

from ..advice import STRETCH, Advice, Ranked
from ..kb.model import KnowledgeBase, Lang
from .phrases import (
    benefit_name,
    change_sentence,
    link_reason,
    needs_text,
    obstacle_reason,
    pct,
    place_mark,
    tier_name,
)


class Reason(NamedTuple):
    benefit: str
    strength: int
    points: float
    why: str


class Card(NamedTuple):
    rank: int
    form: str
    name: str
    fit: str
    stretch: str  # the word for a stretch, or ""
    mark: str  # a stretch and a tie, as the ranking marks them
    summary: str
    reasons: list[Reason]  # the goals it delivers, strongest first
    changes: list[str]  # what the company's situation changes in what it delivers
    obstacles: list[str]  # for a stretch: what it would take
    cautions: list[str]
    example: str | None
    first_steps: list[str]
    needs: str


def form_card(item: Ranked, advice: Advice, kb: KnowledgeBase, lang: Lang) -> Card:
    form = kb.form(item.form)
    goals = advice.answers.goals
    strongest = sorted((c for c in item.contributions if c.points > 0), key=lambda c: -c.points)
    return Card(
        rank=item.rank,
        form=item.form,
        name=form.name.get(lang),
        fit=pct(item.score, lang),
        stretch=tier_name(STRETCH, lang) if item.tier == STRETCH else "",
        mark=place_mark(item, advice, lang),
        summary=form.summary.get(lang),
        reasons=[
            Reason(
                benefit_name(kb, c.benefit, lang),
                c.strength,
                c.points,
                link_reason(kb, item.form, c.benefit, item.changes, lang),
            )
            for c in strongest
        ],
        changes=[change_sentence(c, kb, lang) for c in item.changes if c.benefit in goals],
        obstacles=[obstacle_reason(o, kb, lang) for o in item.obstacles],
        cautions=[c.get(lang) for c in form.cautions],
        example=form.example.get(lang) if form.example else None,
        first_steps=[s.get(lang) for s in form.first_steps],
        needs=needs_text(kb, item.form, lang),
    )
