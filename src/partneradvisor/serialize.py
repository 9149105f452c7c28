"""Advice as plain data: the JSON advice format of the design (used by every JSON output)."""

from __future__ import annotations

from typing import Any

from .engine import Advice, Ranked
from .model import KnowledgeBase, Lang

SCHEMA_VERSION = 1


def _ranked(item: Ranked, lang: Lang, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"rank": item.rank, "form": item.form, "score": item.score}
    if explain:
        out["contributions"] = [
            {"benefit": c.benefit, "points": c.points} for c in item.contributions
        ]
        adjustments = []
        for a in item.adjustments:
            entry: dict[str, Any] = {
                "rule": a.rule,
                "points": a.points,
                "reason": a.reason.get(lang),
            }
            if a.requested != a.points:
                entry["requested"] = a.requested
            adjustments.append(entry)
        out["adjustments"] = adjustments
    return out


def advice_to_dict(
    advice: Advice, kb: KnowledgeBase, lang: Lang, *, top: int | None = None, explain: bool = True
) -> dict[str, Any]:
    """The advice object. top limits the recommendations; explain adds the breakdowns,
    robustness and combination (batch leaves them out unless asked)."""
    ranked = advice.recommendations[:top] if top else advice.recommendations
    out: dict[str, Any] = {
        "recommendations": [_ranked(r, lang, explain) for r in ranked],
        "excluded": [
            {"form": e.form, "rule": e.rule, "reason": e.reason.get(lang)} for e in advice.excluded
        ],
    }
    if explain:
        rob = advice.robustness
        out["robustness"] = (
            None
            if rob is None
            else {
                "winner": rob.winner,
                "runner_up": rob.runner_up,
                "margin": rob.margin,
                "change": None
                if rob.change is None
                else {
                    "goal": rob.change.goal,
                    "from": rob.change.old,
                    "to": rob.change.new,
                    "new_winner": rob.change.new_winner,
                },
            }
        )
        combo = advice.combination
        out["combination"] = (
            None
            if combo is None
            else {
                "forms": list(combo.forms),
                "coverage": combo.coverage,
                "best_single": combo.best_single,
                "covers": [
                    {"benefit": c.benefit, "form": c.form, "strength": c.strength}
                    for c in combo.covers
                ],
            }
        )
    return out


def report_document(
    advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None = None
) -> dict[str, Any]:
    """The JSON report: the advice with the answers and the versions needed to reproduce it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "knowledge_base_version": kb.meta.version,
        "lang": lang,
        "company": advice.answers.company,
        "answers": advice.answers.to_document(),
        **advice_to_dict(advice, kb, lang, top=top),
    }
