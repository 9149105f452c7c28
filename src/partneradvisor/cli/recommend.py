"""`partneradvisor recommend`, `explain` and `schema`: advice without questions."""

# no `from __future__ import annotations`: typer reads the commands' annotations at run time,
# and evaluating them as strings costs milliseconds at every start

import os
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import (
    AnswersOption,
    GoalOption,
    KbOption,
    LangOption,
    SetOption,
    answers_document,
    complete_form_id,
    complete_question,
    complete_role,
    console,
    emit,
    lang_of,
    load_kb,
    one_of,
)

if TYPE_CHECKING:
    from ..kb.model import KnowledgeBase


def complete_format(incomplete: str) -> list[str]:
    from ..render import OutputFormat

    return [f.value for f in OutputFormat if f.value.startswith(incomplete.lower())]


BudgetOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--budget",
        help="none, low, medium or high.",
        show_default=False,
        autocompletion=complete_role("money"),
    ),
]
StaffOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--staff-time",
        help="none, low, medium or high.",
        show_default=False,
        autocompletion=complete_role("staff_time"),
    ),
]
AudienceOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--audience",
        help="consumer, business or both.",
        show_default=False,
        autocompletion=complete_question("audience"),
    ),
]
CompanyOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--company", help="Company name shown in reports.", show_default=False),
]


def recommend(
    answers: AnswersOption = None,
    goal: GoalOption = None,
    budget: BudgetOption = None,
    staff_time: StaffOption = None,
    audience: AudienceOption = None,
    company: CompanyOption = None,
    set_: SetOption = None,
    top: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--top", "-n", min=1, help="Show only the first N forms.", show_default=False),
    ] = None,
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="table, json, markdown, html or pdf (default: from -o's extension, else table).",
            show_default=False,
            autocompletion=complete_format,
        ),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Write to this file (- for stdout).", show_default=False
        ),
    ] = None,
    kb: KbOption = None,
    lang: LangOption = None,
) -> int:
    """Rank the forms of collaboration for a company's answers, and explain the ranking."""
    from ..engine import advisor_for
    from ..render import OutputFormat, RenderOptions, format_for, render_report

    language = lang_of(lang)
    if output not in (None, "-") and os.path.isdir(output):
        from ..errors import OutputError, said

        raise OutputError(said("error_output_is_directory", path=output))
    if output_format is not None:
        output_format = one_of(output_format, [f.value for f in OutputFormat], "--format")
    fmt = format_for(output, output_format)
    if fmt is OutputFormat.PDF and output in (None, "-") and sys.stdout.isatty():
        from ..errors import OutputError, said

        raise OutputError(said("error_pdf_to_terminal"))  # bytes a terminal would act on
    loaded = load_kb(kb)
    advisor = advisor_for(loaded)
    document = answers_document(
        answers,
        goal,
        situation(loaded, budget, staff_time, audience, company),
        set_,
        advisor.schema,
    )
    advice = advisor.advise(advisor.parse(document))
    options = RenderOptions(language, top)
    if fmt is OutputFormat.TABLE and (output is None or output == "-"):
        from ..render.terminal import render_advice

        render_advice(console(), advice, loaded, options)
        return 0
    emit(render_report(fmt, advice, loaded, options), output)
    if output not in (None, "-"):
        from .._text import one_line, printable
        from ..render.phrases import ui

        typer.echo(printable(ui("wrote_file", language, path=one_line(output))), err=True)
    return 0


def explain(
    form: Annotated[
        str,
        typer.Argument(metavar="FORM", help="A form id.", autocompletion=complete_form_id),
    ],
    answers: AnswersOption = None,
    goal: GoalOption = None,
    budget: BudgetOption = None,
    staff_time: StaffOption = None,
    audience: AudienceOption = None,
    set_: SetOption = None,
    kb: KbOption = None,
    lang: LangOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also name the rules (for KB editors).")
    ] = False,
) -> int:
    """The whole story of one form: each goal's points, each rule, and why not higher."""
    from ..answers import find_id, form_vocabulary
    from ..engine import advisor_for
    from ..render.terminal import render_explanation

    language = lang_of(lang)
    loaded = load_kb(kb)
    form = find_id(form_vocabulary(loaded), form, "form")
    advisor = advisor_for(loaded)
    overrides = situation(loaded, budget, staff_time, audience, None)
    document = answers_document(answers, goal, overrides, set_, advisor.schema)
    advice = advisor.advise(advisor.parse(document))
    render_explanation(console(), advice, loaded, language, form, verbose)
    return 0


def situation(
    kb: "KnowledgeBase",
    budget: str | None,
    staff_time: str | None,
    audience: str | None,
    company: str | None,
) -> dict[str, str | None]:
    """The inline options as answers: --budget, --staff-time and --company go to the
    questions with the roles money, staff_time and name, whatever their ids."""
    answers: dict[str, str | None] = {"audience": audience}
    for role, value in (("money", budget), ("staff_time", staff_time), ("name", company)):
        question = kb.role(role)  # type: ignore[arg-type]
        if value is not None:
            answers[question.id if question else role] = value
    return answers


def schema() -> int:
    """Print the JSON Schema of the JSON advice (recommend --format json, report.json)."""
    import json

    from ..render.advice_schema import ADVICE_SCHEMA

    typer.echo(json.dumps(ADVICE_SCHEMA, indent=2))
    return 0
