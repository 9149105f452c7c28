"""JSON Schema of the JSON advice (`partneradvisor schema`; `recommend --format json`)."""

from __future__ import annotations

from typing import Any

from .advice_json import SCHEMA_VERSION

_POINTS = {"type": "number"}
_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_OBSTACLES = {
    "type": "array",
    "description": "Why a form is a stretch or out of reach: a rule, or needs.money / "
    "needs.staff_time for a gap between the form's needs and the company's means.",
    "items": {
        "type": "object",
        "required": ["rule", "reason"],
        "properties": {"rule": {"type": "string"}, "reason": {"type": "string"}},
    },
}
_CHANGES = {
    "type": "array",
    "description": "Rules that lower what the form delivers in the company's situation.",
    "items": {
        "type": "object",
        "required": ["rule", "benefit", "from", "to", "reason"],
        "properties": {
            "rule": {"type": "string"},
            "benefit": _ID,
            "from": {"type": "integer"},
            "to": {"type": "integer"},
            "reason": {"type": "string"},
        },
    },
}

ADVICE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "partneradvisor advice",
    "type": "object",
    "required": [
        "schema_version",
        "knowledge_base_version",
        "lang",
        "answers",
        "status",
        "recommendations",
        "excluded",
        "not_serving",
        "nothing_fits",
        "robustness",
        "combination",
        "sources",
    ],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "knowledge_base_version": {"type": "string"},
        "lang": {"enum": ["nl", "en"]},
        "company": {"type": ["string", "null"]},
        "answers": {
            "type": "object",
            "description": "The answers as an answers file holds them, defaults filled in.",
            "required": ["goals"],
            "properties": {
                "goals": {
                    "type": "object",
                    "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5},
                }
            },
        },
        "status": {
            "enum": ["advice", "nothing_fits"],
            "description": "nothing_fits: no form within the company's means reaches the fit "
            "floor; see nothing_fits for what would change that.",
        },
        "recommendations": {
            "type": "array",
            "description": "Forms that fit the company's means, then stretch forms, each by "
            "fit (ties in the knowledge base's order). Only forms serving at least one goal.",
            "items": {
                "type": "object",
                "required": ["rank", "form", "score", "tier", "tied_with"],
                "properties": {
                    "rank": {"type": "integer", "minimum": 1},
                    "form": _ID,
                    "score": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 100,
                        "description": "Fit in %: the importance-weighted average of the "
                        "form's strengths for the goals; the sum of the contributions' points.",
                    },
                    "tier": {"enum": ["fits", "stretch"]},
                    "tied_with": {
                        "type": "array",
                        "items": _ID,
                        "description": "Forms of the same tier with exactly the same fit.",
                    },
                    "obstacles": _OBSTACLES,
                    "contributions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["benefit", "importance", "strength", "points"],
                            "properties": {
                                "benefit": _ID,
                                "importance": {"type": "integer", "minimum": 1, "maximum": 5},
                                "strength": {"type": "integer", "minimum": 0, "maximum": 3},
                                "points": _POINTS,
                            },
                        },
                    },
                    "changes": _CHANGES,
                },
            },
        },
        "excluded": {
            "type": "array",
            "description": "Forms out of reach of the company's means or situation.",
            "items": {
                "type": "object",
                "required": ["form", "rule", "reason", "score", "obstacles"],
                "properties": {
                    "form": _ID,
                    "rule": {"type": "string", "description": "The first obstacle's rule."},
                    "reason": {"type": "string", "description": "Every obstacle's reason."},
                    "score": {**_POINTS, "description": "The fit it would have."},
                    "obstacles": _OBSTACLES,
                },
            },
        },
        "not_serving": {
            "type": "array",
            "description": "Forms within reach that deliver none of the goals: never advice.",
            "items": {
                "type": "object",
                "required": ["form"],
                "properties": {"form": _ID},
            },
        },
        "nothing_fits": {
            "type": ["object", "null"],
            "properties": {
                "floor": _POINTS,
                "alternative": {
                    "type": ["object", "null"],
                    "description": "The best form beyond the company's means that reaches "
                    "the floor, and what it would take.",
                    "properties": {
                        "form": _ID,
                        "score": _POINTS,
                        "tier": {"enum": ["stretch", "out_of_reach"]},
                        "obstacles": _OBSTACLES,
                    },
                },
            },
        },
        "robustness": {
            "type": ["object", "null"],
            "properties": {
                "winner": _ID,
                "runner_up": {
                    "type": ["string", "null"],
                    "description": "The next form of the winner's tier.",
                },
                "margin": {"type": ["number", "null"], "description": "In fit points."},
                "tied_with": {"type": "array", "items": _ID},
                "single_goal": {
                    "type": "boolean",
                    "description": "One goal: its importance cannot change the order.",
                },
                "change": {
                    "type": ["object", "null"],
                    "description": "The smallest change of one goal's importance that puts "
                    "another form first.",
                    "properties": {
                        "goal": _ID,
                        "from": {"type": "integer"},
                        "to": {"type": "integer"},
                        "new_winner": _ID,
                    },
                },
            },
        },
        "combination": {
            "type": ["object", "null"],
            "properties": {
                "forms": {
                    "type": "array",
                    "items": _ID,
                    "minItems": 2,
                    "maxItems": 3,
                    "description": "The first place, then each form added to it.",
                },
                "coverage": _POINTS,
                "best_single": {**_POINTS, "description": "The first place's fit alone."},
                "covers": {"type": "array"},
                "warnings": {
                    "type": "array",
                    "description": "Pairs that should not be done with one NGO.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "forms": {"type": "array", "items": _ID},
                            "reason": {"type": "string"},
                        },
                    },
                },
            },
        },
        "sources": {"type": "array", "items": {"type": "string"}},
    },
}
