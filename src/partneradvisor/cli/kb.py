"""`partneradvisor kb ...`: validate and look into a knowledge base."""

# no `from __future__ import annotations`: typer reads the commands' annotations at run time,
# and evaluating them as strings costs milliseconds at every start

from typing import Annotated

import typer

from ._common import (
    KbOption,
    LangOption,
    TableOrJsonOption,
    complete_item_id,
    console,
    lang_of,
    load_kb,
    table_or_json,
)

kb_app = typer.Typer(
    help="Validate and explore the knowledge base (forms, benefits, rules, questions).",
    no_args_is_help=True,
)


@kb_app.command("validate")
def validate(kb: KbOption = None, lang: LangOption = None) -> int:
    """Check a knowledge base whole; every problem is listed with its file, line and field."""
    from .._text import one_line, printable
    from ..kb.loader import resolve_kb_dir, validate_knowledge_base
    from ..render.phrases import ui

    language = lang_of(lang)
    loaded = validate_knowledge_base(kb)
    message = ui(
        "kb_valid",
        language,
        path=one_line(str(resolve_kb_dir(kb))),
        version=loaded.meta.version,
        forms=len(loaded.forms),
        benefits=len(loaded.benefits),
        rules=len(loaded.rules),
        questions=len(loaded.questions),
    )
    typer.echo(printable(message))
    return 0


@kb_app.command("list")
def list_items(
    kb: KbOption = None,
    lang: LangOption = None,
    output_format: TableOrJsonOption = "table",
) -> int:
    """List the forms of collaboration and the benefits."""
    language = lang_of(lang)
    output_format = table_or_json(output_format)
    loaded = load_kb(kb)
    if output_format == "json":
        data = {
            "forms": [
                {
                    "id": f.id,
                    "name": f.name.get(language),
                    "continuum": f.continuum,
                    "money": f.needs.money,
                    "staff_time": f.needs.staff_time,
                }
                for f in loaded.forms
            ],
            "benefits": [
                {"id": b.id, "name": b.name.get(language), "group": b.group}
                for b in loaded.benefits
            ],
        }
        import json

        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    from ..render.phrases import level_name, ui

    out = console()
    # ids are what `explain` and `kb show` take: never cut, whatever the width
    forms = Table(title=ui("form", language), title_justify="left", box=None, pad_edge=False)
    forms.add_column("id", no_wrap=True, style="bold")
    forms.add_column(ui("form", language), ratio=1, overflow="fold")
    for column in (ui("stage", language), ui("money", language), ui("staff_time", language)):
        forms.add_column(column, no_wrap=True)
    for f in loaded.forms:
        stage = loaded.stage(f.continuum)
        forms.add_row(
            f.id,
            f.name.get(language),
            stage.name.get(language) if stage else f.continuum,
            level_name(f.needs.money, language),
            level_name(f.needs.staff_time, language),
        )
    out.print(forms)
    out.print()
    benefits = Table(title=ui("benefit", language), title_justify="left", box=None, pad_edge=False)
    benefits.add_column("id", no_wrap=True, style="bold")
    benefits.add_column(ui("benefit", language), ratio=1, overflow="fold")
    benefits.add_column(ui("group", language), ratio=1, overflow="fold")
    groups = {g.id: g.name.get(language) for g in loaded.groups}
    for b in loaded.benefits:
        benefits.add_row(b.id, b.name.get(language), groups.get(b.group, b.group))
    out.print(benefits)
    return 0


@kb_app.command("show")
def show(
    item_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="A form or benefit id.", autocompletion=complete_item_id),
    ],
    kb: KbOption = None,
    lang: LangOption = None,
) -> int:
    """Show one form or benefit in full."""
    from rich.markdown import Markdown

    from ..answers import find_id, item_vocabulary
    from ..render.markdown import benefit_markdown, form_markdown

    language = lang_of(lang)
    loaded = load_kb(kb)
    item_id = find_id(item_vocabulary(loaded), item_id, "form_or_benefit")
    if loaded.has_form(item_id):
        text = form_markdown(loaded, loaded.form(item_id), language)
    else:
        text = benefit_markdown(loaded, loaded.benefit(item_id), language)
    console().print(Markdown(text))
    return 0


@kb_app.command("matrix")
def matrix(kb: KbOption = None, lang: LangOption = None) -> int:
    """Show how strongly each form delivers each benefit (0-3), as a coloured table."""
    from rich.table import Table
    from rich.text import Text

    from ..kb.model import STRENGTH_MAX
    from ..render.phrases import ui

    language = lang_of(lang)
    loaded = load_kb(kb)
    colours = {0: "dim", 1: "yellow", 2: "cyan", 3: "bold green"}
    # twelve narrow number columns and a benefit column that wraps: complete at 80 columns
    table = Table(
        title=f"{ui('form', language)} × {ui('benefit', language)} (0-{STRENGTH_MAX})",
        title_justify="left",
        box=None,
        pad_edge=False,
        padding=(0, 1),
    )
    table.add_column(ui("benefit", language), ratio=1, overflow="fold")
    for n, _ in enumerate(loaded.forms, 1):
        table.add_column(str(n), justify="right", no_wrap=True, min_width=2)
    for b in loaded.benefits:
        cells = [Text(str(f.strength(b.id)), style=colours[f.strength(b.id)]) for f in loaded.forms]
        table.add_row(b.name.get(language), *cells)
    out = console()
    out.print(table)
    for n, f in enumerate(loaded.forms, 1):
        out.print(f"  {n:>2}  {f.name.get(language)} ({f.id})", highlight=False)
    return 0


@kb_app.command("balance")
def balance(
    kb: KbOption = None,
    lang: LangOption = None,
    output_format: TableOrJsonOption = "table",
) -> int:
    """How often each form comes first over a sweep of goals and means (for KB editors)."""
    from ..balance import MAX_SHARE, sweep
    from ..render.phrases import form_name, pct, ui

    language = lang_of(lang)
    output_format = table_or_json(output_format)
    loaded = load_kb(kb)
    result = sweep(loaded)
    if output_format == "json":
        import json

        data = {
            "profiles": result.profiles,
            "advised": result.advised,
            "nothing_fits": result.nothing_fits,
            "forms": [{"form": f.form, "first": f.first, "top3": f.top3} for f in result.forms],
            "never_first": list(result.never_first),
            "balanced": result.balanced,
        }
        typer.echo(json.dumps(data, indent=2))
        return 0
    from rich.table import Table

    title = ui("balance_title", language, profiles=result.profiles, advised=result.advised)
    table = Table(title=title)
    table.add_column("id", no_wrap=True)
    table.add_column(ui("form", language))
    table.add_column(ui("balance_first", language), justify="right")
    table.add_column(ui("balance_top3", language), justify="right")
    for f in result.forms:
        table.add_row(
            f.form,
            form_name(loaded, f.form, language),
            pct(100 * f.first / max(result.advised, 1), language),
            pct(100 * f.top3 / max(result.advised, 1), language),
        )
    out = console()
    out.print(table)
    out.print(
        ui(
            "balance_nothing",
            language,
            share=pct(100 * result.nothing_fits / result.profiles, language),
        )
    )
    never = ", ".join(result.never_first) or "—"
    out.print(ui("balance_never", language, forms=never))
    verdict = "balance_ok" if result.balanced else "balance_off"
    out.print(ui(verdict, language, share=pct(100 * MAX_SHARE, language)))
    return 0
