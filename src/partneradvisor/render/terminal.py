"""The rich terminal view of advice, of one form's explanation, and of the knowledge base."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text as RichText

from ..advice import STRETCH, Advice, Ranked, StrengthChange
from ..kb.model import STRENGTH_MAX, KnowledgeBase, Lang
from ._interface import RenderOptions
from .card import Card, form_card
from .phrases import (
    benefit_name,
    change_sentence,
    combination_sentences,
    form_name,
    headline,
    number,
    obstacle_reason,
    pct,
    place_mark,
    robustness_sentence,
    tier_name,
    title,
    ui,
)

BAR_WIDTH = 20


def _paragraph(console: Console, text: str, indent: int = 2, style: str = "") -> None:
    """Print text indented as a block, so that its wrapped lines keep the indent too."""
    console.print(Padding(RichText(text, style=style), (0, 0, 0, indent)))


class _Marked:
    """Lines each after a mark ("+2.5", "!", "1."), the marks right-aligned, each line
    wrapped beside its mark: what a two-column grid shows, without measuring a table for
    every section of every card (a third of the table view's time)."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        marks = max(cell_len(mark) for mark, _ in self.rows)
        width = max(options.max_width - marks - 1, 1)  # a space between mark and line
        for mark, line in self.rows:
            wrapped = RichText(line).wrap(console, width, justify="left", overflow="ellipsis")
            for n, part in enumerate(wrapped):
                shown = mark if n == 0 else ""
                yield Segment(" " * (marks - cell_len(shown)) + shown + " ")
                yield from part.render(console)
                yield Segment.line()


def score_bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _marked(item: Ranked, advice: Advice, lang: Lang) -> str:
    mark = place_mark(item, advice, lang)
    return f" ({mark})" if mark else ""


def _ranking_table(advice: Advice, kb: KnowledgeBase, options: RenderOptions) -> Table:
    lang = options.lang
    table = Table(title=ui("ranking", lang), title_justify="left", expand=False, box=None)
    table.add_column(ui("rank", lang), justify="right", style="bold")
    table.add_column(ui("form", lang), overflow="fold", max_width=44)
    table.add_column(ui("fit", lang), justify="right")
    table.add_column("", no_wrap=True, style="green")
    ranked = options.ranked(advice)
    for item in ranked:
        table.add_row(
            str(item.rank),
            form_name(kb, item.form, lang) + _marked(item, advice, lang),
            pct(item.score, lang),
            score_bar(item.score),
            style="dim" if item.tier == STRETCH else "",
        )
    return table


def _detail(card: Card, lang: Lang, reasons: int = 3) -> Panel:
    parts: list[RichText | Padding] = [RichText(card.summary, style="italic")]

    def section(heading: str, lines: list[tuple[str, str]]) -> None:
        if lines:
            parts.append(RichText(f"\n{heading}", style="bold"))
            parts.append(Padding(_Marked(lines), (0, 0, 0, 1)))

    strongest = card.reasons[:reasons]
    section(
        ui("why", lang),
        [(f"+{number(r.points, lang, 1)}", f"{r.benefit}: {r.why}") for r in strongest],
    )
    section(ui("changes", lang), [("−", line) for line in card.changes])
    section(ui("obstacles", lang), [("→", line) for line in card.obstacles])
    section(ui("cautions", lang), [("!", line) for line in card.cautions])
    if card.example:
        section(ui("example", lang), [("•", card.example)])
    section(ui("first_steps", lang), [(f"{n}.", s) for n, s in enumerate(card.first_steps, 1)])
    parts.append(RichText(f"\n{card.needs}", style="dim"))
    mark = f" ({card.mark})" if card.mark else ""
    heading = f"{card.rank}. {card.name}{mark} — {card.fit}"
    # a title given as text would be read as markup: the form's name is data
    title = RichText(heading)
    return Panel(Group(*parts), title=title, title_align="left", border_style="cyan")


def render_advice(
    console: Console, advice: Advice, kb: KnowledgeBase, options: RenderOptions
) -> None:
    lang = options.lang
    console.print(RichText(title(advice, lang), style="bold underline"))
    console.print()
    for line in headline(advice, kb, lang) if advice.recommendations or advice.alternative else []:
        _paragraph(console, line, indent=0, style="bold")
    console.print()
    if advice.recommendations:
        console.print(_ranking_table(advice, kb, options))
    else:
        console.print(ui("none_ranked", lang))
    if advice.excluded:
        console.print()
        console.print(RichText(ui("excluded", lang), style="bold"))
        for e in advice.excluded:
            reasons = " ".join(obstacle_reason(o, kb, lang) for o in e.obstacles)
            _paragraph(console, f"✗ {form_name(kb, e.form, lang)}: {reasons}", style="dim")
    if advice.not_serving:
        console.print()
        console.print(RichText(ui("not_serving", lang), style="bold"))
        names = ", ".join(form_name(kb, f.form, lang) for f in advice.not_serving)
        _paragraph(console, names, style="dim")
    for item in options.cards(advice):
        console.print()
        console.print(_detail(form_card(item, advice, kb, lang), lang))
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
    console: Console,
    advice: Advice,
    kb: KnowledgeBase,
    lang: Lang,
    form_id: str,
    verbose: bool = False,
) -> None:
    """Everything behind one form's place: each goal's share, what the company's situation
    changes, whether it is within reach, and how far it is from the first place."""
    form = kb.form(form_id)
    ranked = next((r for r in advice.recommendations if r.form == form_id), None)
    excluded = next((e for e in advice.excluded if e.form == form_id), None)
    console.print(RichText(form.name.get(lang), style="bold underline"))
    console.print(form.summary.get(lang), style="italic")
    console.print()
    apart = next((f for f in advice.not_serving if f.form == form_id), None)
    listed = ranked or excluded or apart
    tier = "out_of_reach" if excluded else listed.tier if listed else "fits"  # type: ignore[union-attr]
    console.print(f"{ui('tier', lang)}: {tier_name(tier, lang)}", style="bold")
    obstacles = listed.obstacles if listed else ()
    for o in obstacles:
        rule = f" [{o.rule}]" if verbose else ""  # the rule's id, for a knowledge-base editor
        _paragraph(console, f"→ {obstacle_reason(o, kb, lang)}{rule}")
    console.print()
    # the situation-adjusted strengths, whether or not the form is ranked
    adjusted = situation_strengths(advice, kb, form_id)
    table = Table(title=ui("why", lang), title_justify="left", box=None)
    table.add_column(ui("benefit", lang))
    table.add_column(ui("importance", lang), justify="right")
    table.add_column(ui("strength", lang), justify="right")
    table.add_column(ui("points", lang).capitalize(), justify="right")
    table.add_column("", overflow="fold")
    contributions = {c.benefit: c.points for c in ranked.contributions} if ranked else {}
    goals = advice.answers.goals
    changes = [c for c in changes_of(advice, form_id) if c.benefit in goals]
    changed = {c.benefit: c for c in changes}
    for benefit_id, importance in goals.items():
        link = form.benefits.get(benefit_id)
        strength = adjusted.get(benefit_id, 0)
        if benefit_id in changed:
            why = changed[benefit_id].reason.get(lang)
        elif link and link.why and strength:
            why = link.why.get(lang)
        else:
            why = ui("no_contribution", lang)
        points = contributions.get(benefit_id)
        table.add_row(
            benefit_name(kb, benefit_id, lang),
            str(importance),
            f"{strength}/{STRENGTH_MAX}",
            "—" if points is None else number(points, lang, 2),
            why,
        )
    console.print(table)
    if changes:
        console.print()
        console.print(RichText(ui("changes", lang), style="bold"))
        for change in changes:
            rule = f" [{change.rule}]" if verbose else ""
            _paragraph(console, f"− {change_sentence(change, kb, lang)}{rule}")
    console.print()
    if ranked:
        console.print(
            f"{ui('total', lang)}: {pct(ranked.score, lang, 2)} ({ui('rank', lang)}{ranked.rank})"
        )
        winner = advice.recommendations[0]
        name = form_name(kb, winner.form, lang)
        if winner.form == form_id:
            pass
        elif winner.tier != ranked.tier:  # behind for its reach, whatever its fit
            gap = ranked.score - winner.score
            direction = ui("higher" if gap > 0 else "lower", lang)
            said = ui(
                "ranked_after",
                lang,
                winner=name,
                gap=number(abs(gap), lang, 2),
                direction=direction,
            )
            _paragraph(console, said, indent=0)
        else:
            gap_text = number(winner.score - ranked.score, lang, 2)
            console.print(ui("gap", lang, gap=gap_text, winner=name))
    elif apart:
        console.print(ui("serves_none", lang))


def changes_of(advice: Advice, form_id: str) -> tuple[StrengthChange, ...]:
    """What the company's situation changes in what a form delivers, wherever it is listed."""
    lists = (advice.recommendations, advice.excluded, advice.not_serving)
    return next((e.changes for entries in lists for e in entries if e.form == form_id), ())


def situation_strengths(advice: Advice, kb: KnowledgeBase, form_id: str) -> dict[str, int]:
    """The strengths a form delivers in the company's situation: its own, lowered by the
    changes the advice lists for it."""
    strengths = {b: link.strength for b, link in kb.form(form_id).benefits.items()}
    for change in changes_of(advice, form_id):
        strengths[change.benefit] = change.new
    return strengths
