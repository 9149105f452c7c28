"""HTML: one self-contained file (inline CSS and SVG), escaped by Jinja2's autoescaping."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..advice import Advice
from ..kb.model import STRENGTH_MAX, KnowledgeBase
from ._context import build_context
from ._interface import RenderOptions

if TYPE_CHECKING:
    from jinja2 import Environment, Template

CHART_ROW = 20  # px per form in the chart
# one colour per goal in the chart: distinct, and readable in print and for colour blindness
PALETTE = ("#0b7285", "#e67700", "#5f3dc4", "#2b8a3e", "#c2255c", "#1864ab", "#868e96")


TEMPLATE = "report.html.j2"


def _shown(value: Any) -> Any:
    """A value as the report shows it: text without the control characters a terminal would
    act on (`cat report.html` must not clear a screen or set a clipboard); escaped after."""
    if isinstance(value, str) and not value.isprintable():
        from .._text import printable

        cleaned = printable(value)
        return cleaned if type(value) is str else type(value)(cleaned)  # Markup stays Markup
    return value


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader

    return Environment(
        loader=PackageLoader("partneradvisor.render", "templates"),
        autoescape=True,  # everything a user typed or a knowledge base holds is escaped
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _template() -> Template:
    """The report's template, once per process: as compiled when the package was made
    where that is still current, else compiled now."""
    from . import _precompiled

    env = _environment()
    return _precompiled.load(env, TEMPLATE) or env.get_template(TEMPLATE)


def render(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    context = build_context(advice, kb, options)
    values: dict[str, Any] = {
        "c": context,
        "row": CHART_ROW,
        "palette": PALETTE,
        "strength_max": STRENGTH_MAX,
    }
    return _template().render(**values)


if __name__ == "__main__":  # python -m partneradvisor.render.html: refresh the compiled template
    from . import _precompiled

    print(f"wrote {_precompiled.write(_environment(), TEMPLATE)}")
