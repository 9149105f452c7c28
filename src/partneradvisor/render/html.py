"""HTML: one self-contained file (inline CSS and SVG), escaped by Jinja2's autoescaping."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..advice import Advice
from ..kb.model import STRENGTH_MAX, KnowledgeBase
from ._context import build_context
from ._interface import RenderOptions

if TYPE_CHECKING:
    from jinja2 import Template

CHART_ROW = 20  # px per form in the chart
# one colour per goal in the chart: distinct, and readable in print and for colour blindness
PALETTE = ("#0b7285", "#e67700", "#5f3dc4", "#2b8a3e", "#c2255c", "#1864ab", "#868e96")


@cache
def _template() -> Template:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("partneradvisor.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")


def render(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    context = build_context(advice, kb, options)
    values: dict[str, Any] = {
        "c": context,
        "row": CHART_ROW,
        "palette": PALETTE,
        "strength_max": STRENGTH_MAX,
    }
    return _template().render(**values)
