"""Markdown: the report as GitHub/GitLab render it, and knowledge-base items for `kb show`."""

from __future__ import annotations

import re

from .._phrases import needs_text, ui
from ..advice import Advice
from ..model import Benefit, Form, KnowledgeBase, Lang
from ._context import ReportContext, build_context

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(text: str) -> str:
    """Text a user typed, shown as text: no HTML, no Markdown syntax."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render(
    advice: Advice, kb: KnowledgeBase, lang: Lang, context: ReportContext | None = None
) -> str:
    c = context or build_context(advice, kb, lang)
    out: list[str] = []
    add = out.append
    add(f"# {escape(c.title)}\n")
    add(f"{c.ui('date')}: {c.date} · {c.ui('kb_version', version=c.kb_version)}\n")
    for line in c.headline:
        add(f"**{line}**\n")
    add(f"## {c.ui('answers')}\n")
    add(f"| {c.ui('goals')} | {c.ui('importance')} |\n|---|---:|")
    for g in c.goals:
        add(f"| {g['name']} | {g['importance']} ({g['label']}) |")
    add("")
    for item in c.constraints:
        add(f"- {item['question']} **{item['answer']}**")
    add(f"\n## {c.ui('ranking')}\n")
    if c.ranking:
        add(f"| {c.ui('rank')} | {c.ui('form')} | {c.ui('fit')} |\n|---:|---|---:|")
        for r in c.ranking:
            mark = f" ({r['mark']})" if r["mark"] else ""
            add(f"| {r['rank']} | {r['name']}{mark} | {r['fit']} |")
    else:
        add(c.ui("none_ranked"))
    if c.excluded:
        add(f"\n### {c.ui('excluded')}\n")
        for e in c.excluded:
            add(f"- **{e['name']}**: {e['reason']}")
    if c.not_serving:
        add(f"\n### {c.ui('not_serving')}\n\n{', '.join(c.not_serving)}")
    for d in c.details:
        stretch = f", {d['stretch']}" if d["stretch"] else ""
        add(f"\n## {d['rank']}. {d['name']} ({d['fit']}{stretch})\n")
        add(f"_{d['summary']}_\n")
        add(f"**{c.ui('why')}**\n")
        for x in d["contributions"]:
            add(f"- {x['strength']}/3 {x['benefit']}: {x['why']}")
        if d["changes"]:
            add(f"\n**{c.ui('changes')}**\n")
            add("\n".join(f"- {x}" for x in d["changes"]))
        if d["obstacles"]:
            add(f"\n**{c.ui('obstacles')}**\n")
            add("\n".join(f"- {x}" for x in d["obstacles"]))
        add(f"\n**{c.ui('cautions')}**\n")
        add("\n".join(f"- {x}" for x in d["cautions"]))
        if d["example"]:
            add(f"\n**{c.ui('example')}**: {d['example']}")
        add(f"\n**{c.ui('first_steps')}**\n")
        add("\n".join(f"{n}. {s}" for n, s in enumerate(d["first_steps"], 1)))
        add(f"\n{d['needs']}")
    if c.robustness:
        add(f"\n## {c.ui('robustness')}\n\n{c.robustness}")
    if c.combination:
        add(f"\n## {c.ui('combination')}\n\n{c.combination[0]}\n")
        add("\n".join(f"- {line}" for line in c.combination[1:]))
    add(f"\n## {c.ui('sources')}\n")
    add("\n".join(f"- {s}" for s in c.sources))
    return "\n".join(out) + "\n"


def form_markdown(kb: KnowledgeBase, form: Form, lang: Lang) -> str:
    stage = kb.stage(form.continuum)
    lines = [
        f"# {form.name.get(lang)} (`{form.id}`)",
        "",
        form.summary.get(lang),
        "",
        f"- {ui('stage', lang)}: {stage.name.get(lang) if stage else form.continuum}",
        f"- {needs_text(kb, form.id, lang)}",
        "",
        f"## {ui('delivers', lang)}",
        "",
    ]
    for benefit in kb.benefits:
        link = form.benefits.get(benefit.id)
        if link and link.strength:
            why = link.why.get(lang) if link.why else ""
            basis = ui(f"basis_{link.basis}", lang)
            lines.append(f"- **{benefit.name.get(lang)}** ({link.strength}/3, {basis}): {why}")
    lines += ["", f"## {ui('cautions', lang)}", ""]
    lines += [f"- {c.get(lang)}" for c in form.cautions]
    if form.example:
        lines += ["", f"## {ui('example', lang)}", "", form.example.get(lang)]
    lines += ["", f"## {ui('first_steps', lang)}", ""]
    lines += [f"{n}. {s.get(lang)}" for n, s in enumerate(form.first_steps, 1)]
    lines += ["", f"## {ui('sources', lang)}", ""]
    lines += [f"- {source}" for source in kb.meta.sources]
    return "\n".join(lines) + "\n"


def benefit_markdown(kb: KnowledgeBase, benefit: Benefit, lang: Lang) -> str:
    group = next((g.name.get(lang) for g in kb.groups if g.id == benefit.group), benefit.group)
    lines = [
        f"# {benefit.name.get(lang)} (`{benefit.id}`)",
        "",
        benefit.description.get(lang),
        "",
        f"- {ui('group', lang)}: {group}",
        "",
        f"## {ui('forms_delivering', lang)}",
        "",
    ]
    for form in sorted(kb.forms, key=lambda f: -f.strength(benefit.id)):
        link = form.benefits.get(benefit.id)
        if link and link.strength:
            why = link.why.get(lang) if link.why else ""
            lines.append(f"- **{form.name.get(lang)}** ({link.strength}/3): {why}")
    return "\n".join(lines) + "\n"
