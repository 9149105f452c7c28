"""partneradvisor: which form of company-NGO collaboration suits a company, and why.

The Python API the command line is built on::

    from partneradvisor import load_knowledge_base, advise
    kb = load_knowledge_base()
    advice = advise({"goals": {"credibility": 5}, "budget": "low"}, kb)
    advice.recommendations[0].form

Names are imported on first use, so that `partneradvisor --version` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "Advice": ".engine",
    "Advisor": ".engine",
    "advise": ".engine",
    "Answers": ".answers",
    "AnswersError": ".errors",
    "InputFileError": ".errors",
    "KnowledgeBaseError": ".errors",
    "OutputError": ".errors",
    "PartnerAdvisorError": ".errors",
    "load_knowledge_base": ".loader",
    "KnowledgeBase": ".model",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from .answers import Answers
    from .engine import Advice, Advisor, advise
    from .errors import (
        AnswersError,
        InputFileError,
        KnowledgeBaseError,
        OutputError,
        PartnerAdvisorError,
    )
    from .loader import load_knowledge_base
    from .model import KnowledgeBase


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
