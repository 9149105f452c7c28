"""What every output format implements: one function from advice to text, and the one
options value it must honour (so that no format can drop an option)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from .._record import Record

if TYPE_CHECKING:
    from ..advice import Advice, Ranked
    from ..kb.model import KnowledgeBase, Lang

DETAILED = 3  # forms that get a full card (why, cautions, example, first steps)


class RenderOptions(Record):
    lang: Lang = "en"
    top: int | None = None  # show only the first N forms of the ranking
    detailed: int = DETAILED
    date: dt.date | None = None  # the report's date (default: today)

    def ranked(self, advice: Advice) -> tuple[Ranked, ...]:
        """The forms of the ranking that are shown."""
        return advice.recommendations[: self.top] if self.top else advice.recommendations

    def cards(self, advice: Advice) -> tuple[Ranked, ...]:
        """The forms that get a full card."""
        return self.ranked(advice)[: self.detailed]


class Renderer(Protocol):
    def __call__(
        self, advice: Advice, kb: KnowledgeBase, options: RenderOptions
    ) -> str | bytes: ...
