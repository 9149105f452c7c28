"""Program texts in Dutch and English, and the sentences every front end shares.

Domain texts live in the knowledge base; these are the tool's own words (headings, the
sentences that explain robustness and combinations), kept in one place so the terminal view,
the reports and the wizard say the same thing.
"""

from __future__ import annotations

from .engine import Advice
from .model import KnowledgeBase, Lang

_UI: dict[str, tuple[str, str]] = {
    "advice_for": ("Advies voor {company}", "Advice for {company}"),
    "advice": ("Advies", "Advice"),
    "ranking": ("Rangschikking", "Ranking"),
    "rank": ("#", "#"),
    "form": ("Samenwerkingsvorm", "Form of collaboration"),
    "score": ("Score", "Score"),
    "stage": ("Fase", "Stage"),
    "excluded": ("Niet haalbaar", "Not feasible"),
    "why": ("Waarom", "Why"),
    "adjustments": ("Aanpassingen voor uw situatie", "Adjusted for your situation"),
    "cautions": ("Let op", "Cautions"),
    "example": ("Voorbeeld", "Example"),
    "first_steps": ("Eerste stappen", "First steps"),
    "robustness": ("Hoe zeker is de eerste plaats?", "How safe is the first place?"),
    "combination": ("Aanbevolen combinatie", "Recommended combination"),
    "answers": ("Uw antwoorden", "Your answers"),
    "goals": ("Doelen", "Goals"),
    "importance": ("Belang", "Importance"),
    "sources": ("Bronnen", "Sources"),
    "kb_version": ("Kennisbank versie {version}", "Knowledge base version {version}"),
    "date": ("Datum", "Date"),
    "points": ("punten", "points"),
    "cut": ("ingekort van {requested}", "cut from {requested}"),
    "needs": ("Vraagt", "Needs"),
    "money": ("Geld", "Money"),
    "staff_time": ("Werktijd", "Staff time"),
    "none_ranked": (
        "Geen enkele vorm past bij uw antwoorden; bekijk hieronder waarom.",
        "No form fits your answers; see below why.",
    ),
    "benefit": ("Voordeel", "Benefit"),
    "strength": ("Sterkte", "Strength"),
    "group": ("Groep", "Group"),
    "description": ("Beschrijving", "Description"),
    "summary": ("Wat het is", "What it is"),
    "delivers": ("Levert", "Delivers"),
    "forms_delivering": ("Vormen die dit opleveren", "Forms that deliver this"),
    "rules": ("Regels", "Rules"),
    "fired": ("toegepast", "applied"),
    "not_fired": ("niet van toepassing", "does not apply"),
    "no_contribution": ("levert niets voor dit doel", "delivers nothing for this goal"),
    "total": ("Totaal", "Total"),
    "gap": (
        "{gap} punten achter de eerste plaats ({winner}).",
        "{gap} points behind the first place ({winner}).",
    ),
    "excluded_because": ("Uitgesloten: {reason}", "Excluded: {reason}"),
    "level_none": ("geen", "none"),
    "level_low": ("weinig", "low"),
    "level_medium": ("gemiddeld", "medium"),
    "level_high": ("veel", "high"),
}


def ui(key: str, lang: Lang, **values: object) -> str:
    nl, en = _UI[key]
    text = nl if lang == "nl" else en
    return text.format(**values) if values else text


def form_name(kb: KnowledgeBase, form_id: str, lang: Lang) -> str:
    return kb.form(form_id).name.get(lang)


def benefit_name(kb: KnowledgeBase, benefit_id: str, lang: Lang) -> str:
    return kb.benefit(benefit_id).name.get(lang)


def level_name(level: str, lang: Lang) -> str:
    return ui(f"level_{level}", lang)


def title(advice: Advice, lang: Lang) -> str:
    company = advice.answers.company
    return ui("advice_for", lang, company=company) if company else ui("advice", lang)


def robustness_sentence(advice: Advice, kb: KnowledgeBase, lang: Lang) -> str:
    rob = advice.robustness
    if rob is None:
        return ""
    winner = form_name(kb, rob.winner, lang)
    if rob.runner_up is None or rob.margin is None:
        first = (
            f"{winner} is de enige vorm die overblijft."
            if lang == "nl"
            else f"{winner} is the only form left."
        )
    else:
        second = form_name(kb, rob.runner_up, lang)
        first = (
            f"{winner} staat {rob.margin:g} punten voor op {second}."
            if lang == "nl"
            else f"{winner} leads {second} by {rob.margin:g} points."
        )
    change = rob.change
    if change is None:
        rest = (
            "Geen enkele wijziging van het belang van één doel verandert de eerste plaats."
            if lang == "nl"
            else "No change to the importance of a single goal changes the first place."
        )
    else:
        goal = benefit_name(kb, change.goal, lang)
        new_winner = form_name(kb, change.new_winner, lang)
        rest = (
            f"Als u het belang van '{goal}' van {change.old} naar {change.new} zet, "
            f"komt {new_winner} op de eerste plaats."
            if lang == "nl"
            else f"Setting the importance of '{goal}' from {change.old} to {change.new} "
            f"would put {new_winner} first."
        )
    return f"{first} {rest}"


def combination_sentences(advice: Advice, kb: KnowledgeBase, lang: Lang) -> list[str]:
    """The combination's headline, then one line per goal saying which member delivers it."""
    combo = advice.combination
    if combo is None:
        if not advice.combination_checked:
            return []
        return [
            "Binnen uw budget en werktijd dekt geen combinatie van vormen meer van uw doelen "
            "dan één vorm alleen."
            if lang == "nl"
            else "Within your budget and staff time, no combination of forms covers more of "
            "your goals than one form alone."
        ]
    names = [form_name(kb, f, lang) for f in combo.forms]
    joined = (" + ").join(names)
    if lang == "nl":
        head = (
            f"{joined}: samen dekken ze {combo.coverage:g}% van uw doelen "
            f"(de beste vorm alleen: {combo.best_single:g}%), binnen uw budget en werktijd."
        )
    else:
        head = (
            f"{joined}: together they cover {combo.coverage:g}% of your goals "
            f"(the best one alone: {combo.best_single:g}%), within your budget and staff time."
        )
    lines = [head]
    for cover in combo.covers:
        goal = benefit_name(kb, cover.benefit, lang)
        if cover.form is None:
            lines.append(
                f"{goal}: geen van deze vormen" if lang == "nl" else f"{goal}: none of these forms"
            )
        else:
            lines.append(f"{goal}: {form_name(kb, cover.form, lang)} ({cover.strength}/3)")
    return lines
