"""The rich terminal view of advice, of one form's explanation, and of the knowledge base."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from ._phrases import (
    benefit_name,
    combination_sentences,
    form_name,
    level_name,
    robustness_sentence,
    title,
    ui,
)
from .engine import Advice, Ranked
from .model import STRENGTH_MAX, KnowledgeBase, Lang

BAR_WIDTH = 20
TOP_DETAILED = 3


def _paragraph(console: Console, text: str, indent: int = 2, style: str = "") -> None:
    """Print text indented as a block, so that its wrapped lines keep the indent too."""
    console.print(Padding(RichText(text, style=style), (0, 0, 0, indent)))


def score_bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _ranking_table(advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None) -> Table:
    table = Table(title=ui("ranking", lang), title_justify="left", expand=False, box=None)
    table.add_column(ui("rank", lang), justify="right", style="bold")
    table.add_column(ui("form", lang), overflow="fold", max_width=38)
    table.add_column(ui("score", lang), justify="right")
    table.add_column("", no_wrap=True, style="green")
    ranked = advice.recommendations[:top] if top else advice.recommendations
    for item in ranked:
        table.add_row(
            str(item.rank),
            form_name(kb, item.form, lang),
            f"{item.score:.2f}",
            score_bar(item.score),
        )
    return table


def _reasons(item: Ranked, kb: KnowledgeBase, lang: Lang, limit: int = 3) -> list[tuple[str, str]]:
    form = kb.form(item.form)
    strongest = sorted((c for c in item.contributions if c.points > 0), key=lambda c: -c.points)[
        :limit
    ]
    lines = []
    for c in strongest:
        link = form.benefits[c.benefit]
        why = link.why.get(lang) if link.why else ""
        lines.append((f"+{c.points:g}", f"{benefit_name(kb, c.benefit, lang)}: {why}"))
    for a in item.adjustments:
        cut = (
            f" ({ui('cut', lang, requested=f'{a.requested:g}')})" if a.requested != a.points else ""
        )
        lines.append((f"{a.points:+g}", f"{a.reason.get(lang)}{cut}"))
    return lines


def _detail(item: Ranked, kb: KnowledgeBase, lang: Lang) -> Panel:
    form = kb.form(item.form)
    parts: list[RichText | Padding] = [RichText(form.summary.get(lang), style="italic")]

    def section(heading: str, lines: list[tuple[str, str]]) -> None:
        if lines:
            parts.append(RichText(f"\n{heading}", style="bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True)
            grid.add_column()
            for mark, line in lines:
                grid.add_row(mark, line)
            parts.append(Padding(grid, (0, 0, 0, 1)))

    section(ui("why", lang), _reasons(item, kb, lang))
    section(ui("cautions", lang), [("!", c.get(lang)) for c in form.cautions])
    if form.example:
        section(ui("example", lang), [("•", form.example.get(lang))])
    section(
        ui("first_steps", lang), [(f"{n}.", s.get(lang)) for n, s in enumerate(form.first_steps, 1)]
    )
    needs = (
        f"{ui('needs', lang)}: {ui('money', lang).lower()} {level_name(form.needs.money, lang)}, "
        f"{ui('staff_time', lang).lower()} {level_name(form.needs.staff_time, lang)}"
    )
    parts.append(RichText(f"\n{needs}", style="dim"))
    heading = f"{item.rank}. {form.name.get(lang)} — {item.score:.2f}"
    return Panel(Group(*parts), title=heading, title_align="left", border_style="cyan")


def render_advice(
    console: Console, advice: Advice, kb: KnowledgeBase, lang: Lang, top: int | None = None
) -> None:
    console.print(RichText(title(advice, lang), style="bold underline"))
    console.print()
    if advice.recommendations:
        console.print(_ranking_table(advice, kb, lang, top))
    else:
        console.print(ui("none_ranked", lang))
    if advice.excluded:
        console.print()
        console.print(RichText(ui("excluded", lang), style="bold"))
        for e in advice.excluded:
            _paragraph(
                console, f"✗ {form_name(kb, e.form, lang)}: {e.reason.get(lang)}", style="dim"
            )
    shown = advice.recommendations[:TOP_DETAILED]
    if top is not None:
        shown = shown[:top]
    for item in shown:
        console.print()
        console.print(_detail(item, kb, lang))
    sentence = robustness_sentence(advice, kb, lang)
    if sentence:
        console.print()
        console.print(RichText(ui("robustness", lang), style="bold"))
        _paragraph(console, sentence)
    combo = combination_sentences(advice, kb, lang)
    if combo:
        console.print()
        console.print(RichText(ui("combination", lang), style="bold"))
        _paragraph(console, combo[0])
        for line in combo[1:]:
            _paragraph(console, f"- {line}", indent=4, style="dim")


def render_explanation(
    console: Console, advice: Advice, kb: KnowledgeBase, lang: Lang, form_id: str
) -> None:
    """Everything behind one form's place: contributions, every rule, and why not higher."""
    form = kb.form(form_id)
    ranked = next((r for r in advice.recommendations if r.form == form_id), None)
    excluded = next((e for e in advice.excluded if e.form == form_id), None)
    console.print(RichText(form.name.get(lang), style="bold underline"))
    console.print(form.summary.get(lang), style="italic")
    console.print()
    if excluded:
        console.print(ui("excluded_because", lang, reason=excluded.reason.get(lang)), style="red")
    table = Table(title=ui("why", lang), title_justify="left", box=None)
    table.add_column(ui("benefit", lang))
    table.add_column(ui("importance", lang), justify="right")
    table.add_column(ui("strength", lang), justify="right")
    table.add_column(ui("points", lang).capitalize(), justify="right")
    table.add_column("", overflow="fold")
    contributions = {c.benefit: c.points for c in ranked.contributions} if ranked else {}
    for benefit_id, importance in advice.answers.goals.items():
        link = form.benefits.get(benefit_id)
        strength = link.strength if link else 0
        why = link.why.get(lang) if link and link.why else ui("no_contribution", lang)
        points = contributions.get(benefit_id)
        table.add_row(
            benefit_name(kb, benefit_id, lang),
            str(importance),
            f"{strength}/{STRENGTH_MAX}",
            "—" if points is None else f"{points:g}",
            why,
        )
    console.print(table)
    console.print()
    console.print(RichText(ui("rules", lang), style="bold"))
    applied = {a.rule: a for a in ranked.adjustments} if ranked else {}
    goals, values = advice.answers.goals, advice.answers.values
    for rule in kb.rules:
        if not rule.forms.matches(form):
            continue
        holds = rule.condition.holds(values, goals)
        if excluded and rule.id == excluded.rule:
            mark, effect = "✗", ui("fired", lang)
        elif rule.id in applied:
            adj = applied[rule.id]
            cut = (
                f" ({ui('cut', lang, requested=f'{adj.requested:g}')})"
                if adj.requested != adj.points
                else ""
            )
            mark, effect = "±", f"{adj.points:+g} {ui('points', lang)}{cut}"
        else:
            mark, effect = "·", ui("fired" if holds else "not_fired", lang)
        style = "" if holds else "dim"
        _paragraph(console, f"{mark} {rule.id}: {effect}. {rule.reason.get(lang)}", style=style)
    console.print()
    if ranked:
        console.print(f"{ui('total', lang)}: {ranked.score:g} ({ui('rank', lang)}{ranked.rank})")
        winner = advice.recommendations[0]
        if winner.form != form_id:
            console.print(
                ui(
                    "gap",
                    lang,
                    gap=f"{winner.score - ranked.score:.2f}",
                    winner=form_name(kb, winner.form, lang),
                )
            )
