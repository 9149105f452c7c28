"""A batch's summary as a report: HTML (self-contained, inline SVG charts), Markdown (tables,
and bars drawn in text) or JSON, chosen by the file's extension, in the chosen language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._text import excerpt
from ..errors import PartnerAdvisorError
from .phrases import benefit_name, date_text, form_name, level_name, number, pct, ui

if TYPE_CHECKING:
    from ..batch import BatchSummary
    from ..kb.model import KnowledgeBase, Lang

SUMMARY_VERSION = 1
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
}
TEXT_BAR = 24  # characters of the longest bar in Markdown
CHART = {"width": 760, "label": 260, "bar": 250, "row": 24}


def summary_format(path: str, lang: Lang) -> str:
    """html, markdown or json, from the file's extension."""
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    if suffix not in EXTENSIONS:
        raise PartnerAdvisorError(
            ui("batch_summary_format", lang, path=excerpt(path), known=", ".join(EXTENSIONS))
        )
    return EXTENSIONS[suffix]


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def lack_text(lack: Any, lang: Lang) -> str:
    if lack.reason is not None:
        return str(lack.reason.get(lang))
    return ui(
        "batch_summary_lack_means",
        lang,
        means=ui(f"means_{lack.means}", lang),
        need=level_name(lack.need or "", lang),
    )


def summary_document(summary: BatchSummary, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """The summary as data: what the JSON holds and what every other format shows."""
    n = summary.companies
    nothing = summary.nothing_fits
    return {
        "summary_version": SUMMARY_VERSION,
        "knowledge_base_version": kb.meta.version,
        "lang": lang,
        "companies": n,
        "failed": summary.failed,
        "forms": [
            {
                "form": f.form,
                "name": form_name(kb, f.form, lang),
                "first": f.first,
                "first_share": _share(f.first, n),
                "top3": f.top,
                "top3_share": _share(f.top, n),
            }
            for f in summary.forms
        ],
        "goals": [
            {
                "benefit": g.benefit,
                "name": benefit_name(kb, g.benefit, lang),
                "companies": g.companies,
                "share": _share(g.companies, n),
                "average_importance": round(g.average, 2),
            }
            for g in summary.goals
        ],
        "nothing_fits": {
            "companies": nothing,
            "share": _share(nothing, n),
            "lacks": [
                {
                    "rule": lack.rule,
                    "means": lack.means,
                    "need": lack.need,
                    "text": lack_text(lack, lang),
                    "companies": count,
                    "share": _share(count, nothing),
                }
                for lack, count in summary.lacks
            ],
            "no_alternative": summary.no_alternative,
        },
        "groups": [
            {
                "form": g.form,
                "name": form_name(kb, g.form, lang),
                "size": g.size,
                "ids": list(g.ids),
                "more": g.size - len(g.ids),
            }
            for g in summary.groups
        ],
    }


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1 of the chart's scale
    text: str  # the number shown beside it
    under: float = 0.0  # a lighter bar behind it (0..1), e.g. the top 3 behind the first


@dataclass(frozen=True)
class SummaryContext:
    lang: Lang
    date: str
    kb_version: str
    intro: str
    forms: list[Bar]
    goals: list[Bar]
    nothing: str
    nothing_bar: Bar | None
    lacks: list[Bar]
    groups: list[dict[str, Any]]
    document: dict[str, Any]

    def ui(self, key: str, **values: object) -> str:
        return ui(key, self.lang, **values)


def build_context(
    summary: BatchSummary, kb: KnowledgeBase, lang: Lang, date: dt.date | None = None
) -> SummaryContext:
    doc = summary_document(summary, kb, lang)
    n = max(summary.companies, 1)
    most_top = max([f["top3"] for f in doc["forms"]] + [1])
    forms = [
        Bar(
            f["name"],
            f["first"] / most_top,
            ui(
                "batch_summary_form_value",
                lang,
                first=_count(f["first"], lang),
                top=_count(f["top3"], lang),
            ),
            under=f["top3"] / most_top,
        )
        for f in doc["forms"]
    ]
    most_chosen = max([g["companies"] for g in doc["goals"]] + [1])
    goals = [
        Bar(
            g["name"],
            g["companies"] / most_chosen,
            ui(
                "batch_summary_goal_value",
                lang,
                count=_count(g["companies"], lang),
                share=pct(g["share"], lang),
                average=number(g["average_importance"], lang, 1),
            ),
        )
        for g in doc["goals"]
    ]
    nothing = doc["nothing_fits"]
    if nothing["companies"]:
        sentence = ui(
            "batch_summary_nothing_share",
            lang,
            count=_count(nothing["companies"], lang),
            share=pct(nothing["share"], lang),
        )
        nothing_bar: Bar | None = Bar(
            ui("batch_summary_nothing_label", lang),
            nothing["companies"] / n,
            pct(nothing["share"], lang),
            under=1.0,
        )
    else:
        sentence, nothing_bar = ui("batch_summary_nothing_none", lang), None
    most_lacking = max([item["companies"] for item in nothing["lacks"]] + [1])
    lacks = [
        Bar(item["text"], item["companies"] / most_lacking, _count(item["companies"], lang))
        for item in nothing["lacks"]
    ]
    if nothing["no_alternative"]:
        lacks.append(
            Bar(
                ui("batch_summary_no_alternative", lang),
                nothing["no_alternative"] / most_lacking,
                _count(nothing["no_alternative"], lang),
            )
        )
    groups = [
        {
            "title": ui("batch_summary_group", lang, form=g["name"], count=_count(g["size"], lang)),
            "ids": g["ids"],
            "more": ui("batch_summary_more", lang, count=_count(g["more"], lang))
            if g["more"]
            else "",
        }
        for g in doc["groups"]
    ]
    return SummaryContext(
        lang=lang,
        date=date_text(date or dt.date.today(), lang),  # as the report writes it
        kb_version=kb.meta.version,
        intro=ui(
            "batch_summary_intro",
            lang,
            companies=_count(summary.companies, lang),
            failed=_count(summary.failed, lang),
        ),
        forms=forms,
        goals=goals,
        nothing=sentence,
        nothing_bar=nothing_bar,
        lacks=lacks,
        groups=groups,
        document=doc,
    )


def _count(value: int, lang: Lang) -> str:
    return number(value, lang)


def render_summary(
    summary: BatchSummary, kb: KnowledgeBase, lang: Lang, fmt: str, date: dt.date | None = None
) -> str:
    if fmt == "json":
        return json.dumps(summary_document(summary, kb, lang), ensure_ascii=False, indent=2) + "\n"
    context = build_context(summary, kb, lang, date)
    if fmt == "markdown":
        return _markdown(context)
    return _html(context)


def _html(c: SummaryContext) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("partneradvisor.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("summary.html.j2").render(c=c, chart=CHART)


def _text_bar(bar: Bar) -> str:
    full = round(bar.value * TEXT_BAR)
    under = max(round(bar.under * TEXT_BAR) - full, 0)
    return "█" * full + "░" * under


def _bar_table(add: Callable[[str], None], what: str, c: SummaryContext, bars: list[Bar]) -> None:
    from .markdown import escape as e

    add(f"| {what} | {c.ui('batch_summary_chart')} | {c.ui('batch_summary_count')} |")
    add("|---|---|---:|")
    for bar in bars:
        drawn = _text_bar(bar)
        add(f"| {e(bar.label)} | {f'`{drawn}`' if drawn else ''} | {e(bar.text)} |")
    add("")


def _markdown(c: SummaryContext) -> str:
    from .markdown import escape as e

    out: list[str] = []
    add = out.append
    add(f"# {c.ui('batch_summary_title')}\n")
    add(f"{c.ui('date')}: {c.date} · {c.ui('kb_version', version=e(c.kb_version))}\n")
    add(f"{e(c.intro)}\n")
    sections = (
        ("batch_summary_forms", "batch_summary_forms_legend", "form", c.forms),
        ("batch_summary_goals", "", "benefit", c.goals),
    )
    for heading, legend, what, bars in sections:
        add(f"## {c.ui(heading)}\n")
        if legend:
            add(f"{c.ui(legend)}\n")
        _bar_table(add, c.ui(what), c, bars)
    add(f"## {c.ui('batch_summary_nothing')}\n")
    add(f"{e(c.nothing)}\n")
    if c.lacks:
        add(f"{c.ui('batch_summary_lacks')}:\n")
        _bar_table(add, c.ui("batch_summary_lack"), c, c.lacks)
    add(f"## {c.ui('batch_summary_groups')}\n")
    if c.groups:
        add(f"{c.ui('batch_summary_groups_intro')}\n")
        for group in c.groups:
            ids = ", ".join(e(i) for i in group["ids"])
            more = f", {e(group['more'])}" if group["more"] else ""
            add(f"- **{e(group['title'])}**: {ids}{more}")
    else:
        add(c.ui("batch_summary_no_groups"))
    return "\n".join(out).rstrip() + "\n"
