"""JSON Schema of the JSON advice (`partneradvisor schema`; `recommend --format json`)."""

from __future__ import annotations

from typing import Any

from .serialize import SCHEMA_VERSION

_POINTS = {"type": "number"}
_ID = {"type": "string", "pattern": "^[a-z_]+$"}

ADVICE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "partneradvisor advice",
    "type": "object",
    "required": [
        "schema_version",
        "knowledge_base_version",
        "lang",
        "answers",
        "recommendations",
        "excluded",
        "robustness",
        "combination",
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
        "recommendations": {
            "type": "array",
            "description": "Forms in rank order; score = sum of contributions and adjustments.",
            "items": {
                "type": "object",
                "required": ["rank", "form", "score", "contributions", "adjustments"],
                "properties": {
                    "rank": {"type": "integer", "minimum": 1},
                    "form": _ID,
                    "score": {"type": "number", "minimum": 0, "maximum": 100},
                    "contributions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["benefit", "points"],
                            "properties": {"benefit": _ID, "points": _POINTS},
                        },
                    },
                    "adjustments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["rule", "points", "reason"],
                            "properties": {
                                "rule": {"type": "string"},
                                "points": _POINTS,
                                "reason": {"type": "string"},
                                "requested": {
                                    **_POINTS,
                                    "description": "The rule's points before the 0..100 cut.",
                                },
                            },
                        },
                    },
                },
            },
        },
        "excluded": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["form", "rule", "reason"],
                "properties": {
                    "form": _ID,
                    "rule": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
        "robustness": {
            "type": ["object", "null"],
            "properties": {
                "winner": _ID,
                "runner_up": {"type": ["string", "null"]},
                "margin": {"type": ["number", "null"]},
                "change": {
                    "type": ["object", "null"],
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
                "forms": {"type": "array", "items": _ID, "minItems": 2, "maxItems": 3},
                "coverage": {"type": "number"},
                "best_single": {"type": "number"},
                "covers": {"type": "array"},
            },
        },
    },
}
