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
    "Advice": ".advice",
    "Advisor": ".engine",
    "advise": ".engine",
    "Answers": ".answers",
    "AnswersError": ".errors",
    "InputFileError": ".errors",
    "KnowledgeBaseError": ".errors",
    "OutputError": ".errors",
    "PartnerAdvisorError": ".errors",
    "load_knowledge_base": ".kb.loader",
    "KnowledgeBase": ".kb.model",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # `X as X` marks a re-export for type checkers and linters
    from .advice import Advice as Advice
    from .answers import Answers as Answers
    from .engine import Advisor as Advisor
    from .engine import advise as advise
    from .errors import AnswersError as AnswersError
    from .errors import InputFileError as InputFileError
    from .errors import KnowledgeBaseError as KnowledgeBaseError
    from .errors import OutputError as OutputError
    from .errors import PartnerAdvisorError as PartnerAdvisorError
    from .kb.loader import load_knowledge_base as load_knowledge_base
    from .kb.model import KnowledgeBase as KnowledgeBase


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
