"""Report writers. Each returns the whole report as text and never writes: the CLI does."""

from __future__ import annotations

import datetime as dt
import enum
import io
import json
from collections.abc import Callable

from .._text import excerpt
from ..advice import Advice
from ..errors import PartnerAdvisorError
from ..kb.model import KnowledgeBase, Lang


class OutputFormat(str, enum.Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


EXTENSIONS = {
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".txt": OutputFormat.TABLE,
}

Renderer = Callable[[Advice, KnowledgeBase, Lang, "int | None", dt.date | None], str]


def _json(
    advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None, date: dt.date | None
) -> str:
    from .advice_json import report_document

    return json.dumps(report_document(advice, kb, lang, top), ensure_ascii=False, indent=2) + "\n"


def _markdown(
    advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None, date: dt.date | None
) -> str:
    from ._context import build_context
    from .markdown import render

    return render(advice, kb, lang, build_context(advice, kb, lang, date))


def _html(
    advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None, date: dt.date | None
) -> str:
    from .html import render

    return render(advice, kb, lang, date)


def _table(
    advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None, date: dt.date | None
) -> str:
    from rich.console import Console

    from .terminal import render_advice

    console = Console(record=True, width=100, color_system=None, file=io.StringIO())
    render_advice(console, advice, kb, lang, top)
    return console.export_text()


RENDERERS: dict[OutputFormat, Renderer] = {
    OutputFormat.TABLE: _table,
    OutputFormat.JSON: _json,
    OutputFormat.MARKDOWN: _markdown,
    OutputFormat.HTML: _html,
}


def format_for(path: str | None, requested: str | None) -> OutputFormat:
    """The format asked for, else the one the output file's extension names, else table."""
    if requested:
        try:
            return OutputFormat(requested)
        except ValueError:
            known = ", ".join(f.value for f in OutputFormat)
            message = f"unknown format {excerpt(requested)} (use {known})"
            raise PartnerAdvisorError(message) from None
    if path and path != "-":
        suffix = path[path.rfind(".") :].lower() if "." in path else ""
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        known = ", ".join(EXTENSIONS)
        raise PartnerAdvisorError(
            f"cannot tell the report format from {excerpt(path)} (use {known} or --format)"
        )
    return OutputFormat.TABLE


def render_report(
    fmt: OutputFormat,
    advice: Advice,
    kb: KnowledgeBase,
    lang: Lang,
    top: int | None = None,
    date: dt.date | None = None,
) -> str:
    return RENDERERS[fmt](advice, kb, lang, top, date)
