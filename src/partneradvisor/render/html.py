"""HTML: one self-contained file (inline CSS and SVG), escaped by Jinja2's autoescaping."""

from __future__ import annotations

from ..advice import Advice
from ..kb.model import KnowledgeBase
from ._context import build_context
from ._interface import RenderOptions

CHART_ROW = 22  # px per form in the score chart


def render(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("partneradvisor.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    context = build_context(advice, kb, options)
    return template.render(c=context, row=CHART_ROW)
