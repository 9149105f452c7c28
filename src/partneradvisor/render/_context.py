"""The content every report shows, gathered once from the advice (writers only lay it out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..advice import STRETCH, Advice
from ..kb.model import KnowledgeBase, Lang
from ._interface import RenderOptions
from .card import Card, form_card
from .phrases import (
    benefit_name,
    combination_sentences,
    date_text,
    form_name,
    headline,
    link_reason,
    obstacle_reason,
    pct,
    place_mark,
    robustness_sentence,
    title,
    ui,
)


@dataclass(frozen=True)
class ReportContext:
    lang: Lang
    title: str
    company: str | None
    date: str
    kb_version: str
    headline: list[str]
    goals: list[dict[str, Any]]
    constraints: list[dict[str, str]]
    ranking: list[dict[str, Any]]
    excluded: list[dict[str, str]]
    not_serving: list[str]
    details: list[Card]
    robustness: str
    combination: list[str]
    sources: list[str]
    reasons: list[dict[str, str]]  # why the first place: its strongest goals
    first_step: str
    legend: list[dict[str, Any]]  # the goals, with their colour in the chart

    def ui(self, key: str, **values: object) -> str:
        return ui(key, self.lang, **values)


def build_context(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> ReportContext:
    lang, date = options.lang, options.date
    answers = advice.answers
    goal_index = {b: i for i, b in enumerate(answers.goals)}
    constraints = []
    for question in kb.questions:
        if question.kind != "choice":
            continue
        value = answers.values.get(question.id)
        if value is not None:
            constraints.append(
                {"question": question.text.get(lang), "answer": question.label(value, lang)}
            )
    details = [form_card(item, advice, kb, lang) for item in options.cards(advice)]
    return ReportContext(
        lang=lang,
        title=title(advice, lang),
        company=answers.company,
        date=date_text(date or dt.date.today(), lang),
        kb_version=kb.meta.version,
        headline=headline(advice, kb, lang) if advice.recommendations or advice.alternative else [],
        goals=[
            {
                "name": benefit_name(kb, b, lang),
                "importance": imp,
                "label": _importance_label(kb, imp, lang),
            }
            for b, imp in answers.goals.items()
        ],
        constraints=constraints,
        ranking=[
            {
                "rank": r.rank,
                "name": form_name(kb, r.form, lang),
                "id": r.form,
                "score": r.score,
                "fit": pct(r.score, lang),
                "stretch": r.tier == STRETCH,
                "mark": place_mark(r, advice, lang),
                # the fit split by goal: what the chart stacks
                "parts": [
                    {"goal": goal_index[c.benefit], "points": c.points}
                    for c in r.contributions
                    if c.points > 0
                ],
            }
            for r in options.ranked(advice)
        ],
        excluded=[
            {
                "name": form_name(kb, e.form, lang),
                "reason": " ".join(obstacle_reason(o, kb, lang) for o in e.obstacles),
            }
            for e in advice.excluded
        ],
        not_serving=[form_name(kb, f.form, lang) for f in advice.not_serving],
        details=details,
        robustness=robustness_sentence(advice, kb, lang),
        combination=combination_sentences(advice, kb, lang),
        sources=list(kb.meta.sources),
        reasons=_reasons(advice, kb, lang),
        first_step=(
            kb.form(advice.recommendations[0].form).first_steps[0].get(lang)
            if advice.recommendations and not advice.nothing_fits
            else ""
        ),
        legend=[{"index": goal_index[b], "name": benefit_name(kb, b, lang)} for b in answers.goals],
    )


def _reasons(advice: Advice, kb: KnowledgeBase, lang: Lang, limit: int = 3) -> list[dict[str, str]]:
    """The first place's strongest goals, each with why the form delivers it."""
    if not advice.recommendations or advice.nothing_fits:
        return []
    first = advice.recommendations[0]
    strongest = sorted((c for c in first.contributions if c.points > 0), key=lambda c: -c.points)
    return [
        {
            "benefit": benefit_name(kb, c.benefit, lang),
            "why": link_reason(kb, first.form, c.benefit, first.changes, lang),
        }
        for c in strongest[:limit]
    ]


def _importance_label(kb: KnowledgeBase, importance: int, lang: Lang) -> str:
    goals = next(q for q in kb.questions if q.kind == "goals")
    scale = goals.importance.scale if goals.importance else {}
    label = scale.get(importance)
    return label.get(lang) if label else ""
