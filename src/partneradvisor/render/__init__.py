"""Every rendering of advice: the terminal view, the reports (HTML, Markdown, JSON) and the
program's texts. Each format returns the whole text and never writes: its caller does."""

from __future__ import annotations

import enum
import io
from typing import TYPE_CHECKING

from .._text import excerpt
from ..errors import PartnerAdvisorError, said
from ._interface import Renderer, RenderOptions

if TYPE_CHECKING:  # the kb views import the phrasebook from this package
    from ..advice import Advice
    from ..kb.model import KnowledgeBase

__all__ = ["RENDERERS", "OutputFormat", "RenderOptions", "format_for", "render_report"]


class OutputFormat(str, enum.Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"  # the HTML report printed by WeasyPrint (the `pdf` extra)


EXTENSIONS = {
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".txt": OutputFormat.TABLE,
    ".pdf": OutputFormat.PDF,
}


def _json(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    from .advice_json import report_document, to_json

    document = report_document(advice, kb, options.lang, options.top)
    return to_json(document, indent=2) + "\n"


def _markdown(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    from .markdown import render

    return render(advice, kb, options)


def _html(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    from .html import render

    return render(advice, kb, options)


def _pdf(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> bytes:
    from .html import render
    from .phrases import ui

    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # not installed, or its system libraries (Pango) missing
        raise PartnerAdvisorError(ui("pdf_missing", options.lang)) from None
    pdf: bytes = HTML(string=render(advice, kb, options)).write_pdf()
    return pdf


def _table(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    from rich.console import Console

    from .terminal import render_advice

    console = Console(
        record=True, width=100, color_system=None, file=io.StringIO(), markup=False, emoji=False
    )
    render_advice(console, advice, kb, options)
    return console.export_text()


RENDERERS: dict[OutputFormat, Renderer] = {
    OutputFormat.TABLE: _table,
    OutputFormat.JSON: _json,
    OutputFormat.MARKDOWN: _markdown,
    OutputFormat.HTML: _html,
    OutputFormat.PDF: _pdf,
}


def format_for(path: str | None, requested: str | None) -> OutputFormat:
    """The format asked for, else the one the output file's extension names, else table."""
    if requested:
        try:
            return OutputFormat(requested)
        except ValueError:
            known = ", ".join(f.value for f in OutputFormat)
            message = said("error_unknown_report_format", format=excerpt(requested), known=known)
            raise PartnerAdvisorError(message) from None
    if path and path != "-":
        suffix = path[path.rfind(".") :].lower() if "." in path else ""
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        known = ", ".join(EXTENSIONS)
        raise PartnerAdvisorError(
            said("error_report_format_from_path", path=excerpt(path), known=known)
        )
    return OutputFormat.TABLE


def render_report(
    fmt: OutputFormat, advice: Advice, kb: KnowledgeBase, options: RenderOptions
) -> str | bytes:
    return RENDERERS[fmt](advice, kb, options)
