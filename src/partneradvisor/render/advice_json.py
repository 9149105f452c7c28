"""Advice as plain data: the one JSON advice format (recommend -f json, report.json, batch).

The JSON Schema in `schema.py` describes it; raise SCHEMA_VERSION with any change of meaning.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..advice import TIERS, Advice, Obstacle, Ranked, StrengthChange
from ..kb.model import KnowledgeBase, Lang
from .phrases import obstacle_reason

if TYPE_CHECKING:
    from ..engine import Scores, Situation

SCHEMA_VERSION = 2

# JSON escapes the C0 controls itself; these pass through raw with ensure_ascii=False and
# then act on a terminal (DEL, the C1 controls such as CSI), end a line for readers that
# split on every Unicode line break (NEL, U+2028, U+2029) or reorder what a reader sees
# (the bidirectional overrides and isolates)
_UNSAFE = {
    cp: f"\\u{cp:04x}"
    for cp in (*range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_ENCODERS: dict[int | None, json.JSONEncoder] = {}
# the function JSONEncoder(ensure_ascii=False) writes a string with (C, where it can)
_encode_string = json.encoder.encode_basestring


def to_json(value: Any, indent: int | None = None) -> str:
    """The one way advice becomes JSON: UTF-8 text, with every character a terminal or a
    line reader would act on escaped."""
    if type(value) is str:  # what the encoder does for a string, without its set-up
        text = _encode_string(value)
        return text if text.isascii() else text.translate(_UNSAFE)
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


class BriefText:
    """The text of `to_json(advice_to_dict(advice, kb, lang, top=top, explain=False))`
    without its opening brace, from the engine's scores, for batch's JSON Lines.

    A row's text is mostly its forms' obstacles and their reasons, the same for every company
    that reaches the forms alike: each form's entry is prepared once per such reach (the
    engine shares one obstacles tuple among its situations), and a row only
    puts in its ranks, scores and ties. The keys are written in advice_to_dict's order and
    every value with to_json; tests hold the two byte-identical over many generated rows."""

    MAX_REACHES = 4096  # as the engine keeps: a row in a new reach prepares its own

    def __init__(self, kb: KnowledgeBase, lang: Lang, top: int | None) -> None:
        self.kb = kb
        self.lang = lang
        self.top = top or None  # as advice_to_dict: 0 keeps every form
        form = [to_json(f) for f in kb.form_ids]
        self.form = form
        # a recommendation's text up to its score, by its rank (from 0) and its form
        self.ranked = [
            [f'{{"rank": {rank}, "form": {f}, "score": ' for f in form]
            for rank in range(1, len(form) + 1)
        ]
        self.excluded = [f'{{"form": {f}, "score": ' for f in form]
        self.not_serving = [f'{{"form": {f}}}' for f in form]
        self.floor = f'{{"floor": {to_json(kb.fit_floor)}, "alternative": '
        self.score = _ScoreText()
        self.ties = _TiesText()
        self._reaches: dict[int, tuple[Any, _Fragments]] = {}  # by id of the obstacles

    def body(self, scores: Scores) -> str:
        """The advice's keys and values, and its closing brace."""
        fragments = self._fragments(scores.situation)
        cents, ties, score = scores.cents, scores.ties, self.score
        order = scores.order[: self.top] if self.top else scores.order
        untied, tied, tied_text = fragments.untied, fragments.tied, self.ties
        ranked = ", ".join(
            [
                head[i] + score[cents[i]] + untied[i]
                if i not in ties
                else head[i] + score[cents[i]] + tied(i, tied_text[ties[i]])
                for head, i in zip(self.ranked, order, strict=False)  # heads by rank
            ]
        )
        head, tail = self.excluded, fragments.excluded
        excluded = ", ".join([head[i] + score[cents[i]] + tail[i] for i in scores.excluded])
        not_serving = ", ".join([self.not_serving[i] for i in scores.not_serving])
        return (
            f'"status": {_STATUS[scores.nothing_fits]}, "recommendations": [{ranked}], '
            f'"excluded": [{excluded}], "not_serving": [{not_serving}], '
            f'"nothing_fits": {self._nothing_fits(scores, fragments)}}}'
        )

    def _nothing_fits(self, scores: Scores, fragments: _Fragments) -> str:
        if not scores.nothing_fits:
            return "null"
        best = scores.alternative
        if best is None:
            return self.floor + "null}"
        score = self.score[scores.cents[best]]
        alternative = f'{{"form": {self.form[best]}, "score": {score}{fragments.alternative[best]}'
        return self.floor + alternative + "}"

    def _fragments(self, situation: Situation) -> _Fragments:
        # by the situation's obstacles: situations that reach the forms alike share them
        reach = situation.obstacles
        found = self._reaches.get(id(reach))
        if found is not None and found[0] is reach:
            return found[1]
        if len(self._reaches) >= self.MAX_REACHES:
            self._reaches.clear()
        fragments = _Fragments(situation, self.kb, self.lang)
        self._reaches[id(reach)] = (reach, fragments)
        return fragments


_STATUS = {False: to_json("advice"), True: to_json("nothing_fits")}


class _ScoreText(dict[int, str]):
    """A fit in hundredths of a percent -> its score as JSON writes it (30.3 for 3030)."""

    def __missing__(self, cents: int) -> str:
        text = self[cents] = to_json(cents / 100)
        return text


class _TiesText(dict[tuple[str, ...], str]):
    """The forms tied with one -> their list as JSON writes it (a knowledge base has a
    bounded number of such groups; many rows share them)."""

    def __missing__(self, forms: tuple[str, ...]) -> str:
        text = self[forms] = to_json(list(forms))
        return text


class _Fragments:
    """The text of each form's entries (by index) that depends on its situation only: what
    follows the score of a recommendation (untied, or its tier before the ties and the rest
    after them), of an excluded form and of an alternative."""

    def __init__(self, situation: Situation, kb: KnowledgeBase, lang: Lang) -> None:
        self.tier: list[str] = []
        self.rest: list[str] = []
        self.untied: list[str] = []
        self.excluded: list[str] = []
        self.alternative: list[str] = []
        for tier, obstacles in zip(situation.tiers, situation.obstacles, strict=True):
            tier_text = f', "tier": {to_json(TIERS[tier])}'
            said = to_json(_obstacles(obstacles, kb, lang))
            self.tier.append(tier_text + ', "tied_with": ')
            self.rest.append(f', "obstacles": {said}}}' if obstacles else "}")
            self.untied.append(self.tier[-1] + "[]" + self.rest[-1])
            self.alternative.append(f'{tier_text}, "obstacles": {said}}}')
            if not obstacles:  # only a form out of reach is excluded, always for a reason
                self.excluded.append("}")
                continue
            rule, reason = to_json(obstacles[0].rule), to_json(_said(obstacles, kb, lang)[1])
            self.excluded.append(f', "rule": {rule}, "reason": {reason}, "obstacles": {said}}}')

    def tied(self, i: int, tied_with: str) -> str:
        return self.tier[i] + tied_with + self.rest[i]


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
