"""Advice as plain data: the one JSON advice format (recommend -f json, report.json, batch).

The JSON Schema in `schema.py` describes it; raise SCHEMA_VERSION with any change of meaning.
"""

from __future__ import annotations

import json
from typing import Any

from ..advice import Advice, Obstacle, Ranked, StrengthChange
from ..kb.model import KnowledgeBase, Lang
from .phrases import obstacle_reason

SCHEMA_VERSION = 2

# JSON escapes the C0 controls itself; these pass through raw with ensure_ascii=False and
# then act on a terminal (DEL, the C1 controls such as CSI) or end a line for readers that
# split on every Unicode line break (NEL, U+2028, U+2029)
_UNSAFE = {cp: f"\\u{cp:04x}" for cp in (*range(0x7F, 0xA0), 0x2028, 0x2029)}
_ENCODERS: dict[int | None, json.JSONEncoder] = {}


def to_json(value: Any, indent: int | None = None) -> str:
    """The one way advice becomes JSON: UTF-8 text, with every character a terminal or a
    line reader would act on escaped."""
    encoder = _ENCODERS.get(indent)
    if encoder is None:
        encoder = _ENCODERS[indent] = json.JSONEncoder(ensure_ascii=False, indent=indent)
    text = encoder.encode(value)
    return text if text.isascii() else text.translate(_UNSAFE)


_SAID: dict[tuple[int, str], tuple[tuple[Obstacle, ...], list[Any], str]] = {}


def _said(obstacles: tuple[Obstacle, ...], kb: KnowledgeBase, lang: Lang) -> tuple[list[Any], str]:
    """The obstacles as JSON items and as one sentence. The engine hands out the same tuple
    for every company in the same situation, so batch words each one once."""
    key = (id(obstacles), lang)
    found = _SAID.get(key)
    if found is not None and found[0] is obstacles:
        return found[1], found[2]
    items = [{"rule": o.rule, "reason": obstacle_reason(o, kb, lang)} for o in obstacles]
    sentence = " ".join(item["reason"] for item in items)
    if len(_SAID) > 20_000:
        _SAID.clear()
    _SAID[key] = (obstacles, items, sentence)
    return items, sentence


def _obstacles(obstacles: tuple[Obstacle, ...], kb: KnowledgeBase, lang: Lang) -> list[Any]:
    return [dict(item) for item in _said(obstacles, kb, lang)[0]]  # callers may edit theirs


def _ranked(item: Ranked, kb: KnowledgeBase, lang: Lang, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rank": item.rank,
        "form": item.form,
        "score": item.score,
        "tier": item.tier,
        "tied_with": list(item.tied_with),
    }
    if item.obstacles:
        out["obstacles"] = _obstacles(item.obstacles, kb, lang)
    if explain:
        out["contributions"] = [
            {
                "benefit": c.benefit,
                "importance": c.importance,
                "strength": c.strength,
                "points": c.points,
            }
            for c in item.contributions
        ]
        out["changes"] = _changes(item.changes, lang)
    return out


def _changes(changes: tuple[StrengthChange, ...], lang: Lang) -> list[Any]:
    return [
        {
            "rule": c.rule,
            "benefit": c.benefit,
            "from": c.old,
            "to": c.new,
            "reason": c.reason.get(lang),
        }
        for c in changes
    ]


def advice_to_dict(
    advice: Advice, kb: KnowledgeBase, lang: Lang, *, top: int | None = None, explain: bool = True
) -> dict[str, Any]:
    """The advice object. top limits the recommendations; explain adds the breakdowns,
    robustness and combination (batch leaves them out unless asked)."""
    ranked = advice.recommendations[:top] if top else advice.recommendations
    alternative = advice.alternative
    out: dict[str, Any] = {
        "status": advice.status,
        "recommendations": [_ranked(r, kb, lang, explain) for r in ranked],
        "excluded": [
            {
                "form": e.form,
                "score": e.score,
                "rule": e.rule,
                "reason": _said(e.obstacles, kb, lang)[1],
                "obstacles": _obstacles(e.obstacles, kb, lang),
            }
            for e in advice.excluded
        ],
        "not_serving": [{"form": entry.form} for entry in advice.not_serving],
        "nothing_fits": None
        if not advice.nothing_fits
        else {
            "floor": advice.fit_floor,
            "alternative": None
            if alternative is None
            else {
                "form": alternative.form,
                "score": alternative.score,
                "tier": alternative.tier,
                "obstacles": _obstacles(alternative.obstacles, kb, lang),
            },
        },
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
                "tied_with": list(rob.tied_with),
                "single_goal": rob.single_goal,
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
                "warnings": [
                    {"forms": list(w.forms), "reason": w.reason.get(lang)} for w in combo.warnings
                ],
            }
        )
    return out


def report_document(
    advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None = None
) -> dict[str, Any]:
    """The JSON report: the advice with the answers, versions and sources to reproduce it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "knowledge_base_version": kb.meta.version,
        "lang": lang,
        "company": advice.answers.company,
        "answers": advice.answers.to_document(),
        **advice_to_dict(advice, kb, lang, top=top),
        "sources": list(kb.meta.sources),
    }
