"""Markdown: the report as GitHub/GitLab render it, and knowledge-base items for `kb show`."""

from __future__ import annotations

import re

from .._text import printable
from ..advice import Advice
from ..kb.model import STRENGTH_MAX, Benefit, Form, KnowledgeBase, Lang
from ._context import build_context
from ._interface import RenderOptions
from .phrases import needs_text, ui

# inline syntax anywhere in a line (emphasis, code, links and images, table cells, strike-
# through); what starts a block only where a text starts a line (a heading, a list, a quote,
# a setext underline)
_BREAKS = re.compile(r"[ \t\r\n\f\v\x1c-\x1f\x85\u2028\u2029]+")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_MARK = re.compile(r"^(?:(\d{1,9})(?=[.)](?:\s|$))|([#+=-])(?=[#=-]*(?:\s|$)))")


def escape(text: str) -> str:
    """Knowledge-base or user text shown as text: no HTML, no Markdown syntax, one line."""
    # every kind of line break (CR too) is a space; a no-break space stays what it is
    text = printable(_BREAKS.sub(" ", text).strip())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    # "1. x" must not become a list: the escape goes after the digits, before the dot
    return _BLOCK_MARK.sub(lambda m: f"{m[1]}\\" if m[1] else f"\\{m[2]}", text)


def render(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> str:
    c = build_context(advice, kb, options)
    e = escape  # every text from the knowledge base or the user goes through it
    out: list[str] = []
    add = out.append
    add(f"# {e(c.title)}\n")
    add(f"{c.ui('date')}: {c.date} · {c.ui('kb_version', version=e(c.kb_version))}\n")
    for line in c.headline:
        add(f"**{e(line)}**\n")
    add(f"## {c.ui('answers')}\n")
    add(f"| {c.ui('goals')} | {c.ui('importance')} |\n|---|---:|")
    for g in c.goals:
        add(f"| {e(g['name'])} | {g['importance']} ({e(g['label'])}) |")
    add("")
    for item in c.constraints:
        add(f"- {e(item['question'])} **{e(item['answer'])}**")
    add(f"\n## {c.ui('ranking')}\n")
    if c.ranking:
        add(f"| {c.ui('rank')} | {c.ui('form')} | {c.ui('fit')} |\n|---:|---|---:|")
        for r in c.ranking:
            mark = f" ({e(r['mark'])})" if r["mark"] else ""
            add(f"| {r['rank']} | {e(r['name'])}{mark} | {r['fit']} |")
    else:
        add(c.ui("none_ranked"))
    if c.excluded:
        add(f"\n### {c.ui('excluded')}\n")
        for x in c.excluded:
            add(f"- **{e(x['name'])}**: {e(x['reason'])}")
    if c.not_serving:
        add(f"\n### {c.ui('not_serving')}\n\n{e(', '.join(c.not_serving))}")
    for d in c.details:
        stretch = f", {d.stretch}" if d.stretch else ""
        add(f"\n## {d.rank}. {e(d.name)} ({d.fit}{stretch})\n")
        add(f"_{e(d.summary)}_\n")
        add(f"**{c.ui('why')}**\n")
        for reason in d.reasons:
            add(f"- {reason.strength}/{STRENGTH_MAX} {e(reason.benefit)}: {e(reason.why)}")
        for heading, lines in (("changes", d.changes), ("obstacles", d.obstacles)):
            if lines:
                add(f"\n**{c.ui(heading)}**\n")
                add("\n".join(f"- {e(x)}" for x in lines))
        add(f"\n**{c.ui('cautions')}**\n")
        add("\n".join(f"- {e(x)}" for x in d.cautions))
        if d.example:
            add(f"\n**{c.ui('example')}**: {e(d.example)}")
        add(f"\n**{c.ui('first_steps')}**\n")
        add("\n".join(f"{n}. {e(s)}" for n, s in enumerate(d.first_steps, 1)))
        add(f"\n{e(d.needs)}")
    if c.robustness:
        add(f"\n## {c.ui('robustness')}\n\n{e(c.robustness)}")
    if c.combination:
        add(f"\n## {c.ui('combination')}\n\n{e(c.combination[0])}\n")
        add("\n".join(f"- {e(line)}" for line in c.combination[1:]))
    add(f"\n## {c.ui('sources')}\n")
    add("\n".join(f"- {e(s)}" for s in c.sources))
    return "\n".join(out) + "\n"


def form_markdown(kb: KnowledgeBase, form: Form, lang: Lang) -> str:
    e = escape
    stage = kb.stage(form.continuum)
    lines = [
        f"# {e(form.name.get(lang))} ({e(form.id)})",
        "",
        e(form.summary.get(lang)),
        "",
        f"- {ui('stage', lang)}: {e(stage.name.get(lang) if stage else form.continuum)}",
        f"- {e(needs_text(kb, form.id, lang))}",
        "",
        f"## {ui('delivers', lang)}",
        "",
    ]
    for benefit in kb.benefits:
        link = form.benefits.get(benefit.id)
        if link and link.strength:
            why = link.why.get(lang) if link.why else ""
            basis = ui(f"basis_{link.basis}", lang)
            lines.append(
                f"- **{e(benefit.name.get(lang))}** ({link.strength}/{STRENGTH_MAX}, {basis}): "
                f"{e(why)}"
            )
    lines += ["", f"## {ui('cautions', lang)}", ""]
    lines += [f"- {e(c.get(lang))}" for c in form.cautions]
    if form.example:
        lines += ["", f"## {ui('example', lang)}", "", e(form.example.get(lang))]
    lines += ["", f"## {ui('first_steps', lang)}", ""]
    lines += [f"{n}. {e(s.get(lang))}" for n, s in enumerate(form.first_steps, 1)]
    lines += ["", f"## {ui('sources', lang)}", ""]
    lines += [f"- {e(source)}" for source in kb.meta.sources]
    return "\n".join(lines) + "\n"


def benefit_markdown(kb: KnowledgeBase, benefit: Benefit, lang: Lang) -> str:
    e = escape
    group = next((g.name.get(lang) for g in kb.groups if g.id == benefit.group), benefit.group)
    lines = [
        f"# {e(benefit.name.get(lang))} ({e(benefit.id)})",
        "",
        e(benefit.description.get(lang)),
        "",
        f"- {ui('group', lang)}: {e(group)}",
        "",
        f"## {ui('forms_delivering', lang)}",
        "",
    ]
    for form in sorted(kb.forms, key=lambda f: -f.strength(benefit.id)):
        link = form.benefits.get(benefit.id)
        if link and link.strength:
            why = link.why.get(lang) if link.why else ""
            lines.append(
                f"- **{e(form.name.get(lang))}** ({link.strength}/{STRENGTH_MAX}): {e(why)}"
            )
    return "\n".join(lines) + "\n"
