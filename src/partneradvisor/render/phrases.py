"""Program texts in Dutch and English, and the sentences every front end shares.

Domain texts live in the knowledge base; these are the tool's own words (headings, the
sentences that explain the advice), kept in one place so the terminal view, the reports and
the JSON say the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..kb.model import STRENGTH_MAX, KnowledgeBase, Lang

if TYPE_CHECKING:  # the kb views use the phrasebook without any advice
    from ..advice import Advice, Obstacle, Ranked, StrengthChange

_UI: dict[str, tuple[str, str]] = {
    "advice_for": ("Advies voor {company}", "Advice for {company}"),
    "advice": ("Advies", "Advice"),
    "ranking": ("Rangschikking", "Ranking"),
    "rank": ("#", "#"),
    "form": ("Samenwerkingsvorm", "Form of collaboration"),
    "score": ("Past bij uw doelen", "Fit with your goals"),
    "fit": ("Dekking", "Fit"),
    "stage": ("Fase", "Stage"),
    "tier": ("Haalbaarheid", "Feasibility"),
    "tier_fits": ("past in uw middelen", "fits your means"),
    "tier_stretch": ("uitdaging", "stretch"),
    "tier_out_of_reach": ("buiten bereik", "out of reach"),
    "excluded": ("Buiten bereik", "Out of reach"),
    "not_serving": ("Dienen geen van uw doelen", "Serve none of your goals"),
    "why": ("Waarom", "Why"),
    "changes": ("Aangepast aan uw situatie", "Adjusted to your situation"),
    "obstacles": ("Wat het zou vragen", "What it would take"),
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
    "needs": ("Vraagt", "Needs"),
    "money": ("Budget", "Money"),
    "staff_time": ("Werktijd", "Staff time"),
    "in_kind_ok": ("kan ook in natura", "can also be given in kind"),
    "none_ranked": (
        "Geen enkele vorm binnen uw middelen levert iets voor uw doelen.",
        "No form within your means delivers anything for your goals.",
    ),
    "benefit": ("Voordeel", "Benefit"),
    "strength": ("Sterkte", "Strength"),
    "basis_seed": (
        "volgt uit de beschrijving van de vorm in de bron",
        "follows from the source's description of the form",
    ),
    "basis_judgement": ("inschatting van deze kennisbank", "this knowledge base's judgement"),
    "group": ("Groep", "Group"),
    "description": ("Beschrijving", "Description"),
    "summary": ("Wat het is", "What it is"),
    "delivers": ("Levert", "Delivers"),
    "forms_delivering": ("Vormen die dit opleveren", "Forms that deliver this"),
    "no_contribution": ("levert niets voor dit doel", "delivers nothing for this goal"),
    "total": ("Totaal", "Total"),
    "gap": (
        "{gap} procentpunt minder dan de eerste plaats ({winner}).",
        "{gap} percentage points below the first place ({winner}).",
    ),
    "level_none": ("geen", "none"),
    "level_low": ("weinig", "low"),
    "level_medium": ("gemiddeld", "medium"),
    "level_high": ("veel", "high"),
    # errors: one sentence on stderr, after "error:" (`error_` keys; values are put in
    # words in the same language: see errors.Said)
    "error_prefix": ("fout: ", "error: "),
    "error_interrupted": ("onderbroken", "interrupted"),
    "error_internal": (
        "interne fout: {problem} (meld dit alstublieft; met PARTNERADVISOR_DEBUG=1 ziet u de details)",
        "internal error: {problem} (please report it; set PARTNERADVISOR_DEBUG=1 to see the details)",
    ),
    "error_cannot_write_output": (
        "kan de uitvoer niet schrijven: {problem}",
        "cannot write the output: {problem}",
    ),
    "error_encoding_not_unicode": (
        "kan {text} niet schrijven: het is geen geldige Unicode-tekst",
        "cannot write {text}: it is not valid Unicode text",
    ),
    "error_encoding": (
        "kan {text} niet schrijven in de codering van de uitvoer ({encoding}); zet PYTHONIOENCODING=utf-8 (of gebruik een UTF-8-locale)",
        "cannot write {text} in the output's encoding ({encoding}); set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale)",
    ),
    "error_no_such_file": ("het bestand {path} bestaat niet", "the file {path} does not exist"),
    "error_is_directory": ("{path} is een map, geen bestand", "{path} is a directory, not a file"),
    "error_cannot_read": ("kan {path} niet lezen: {problem}", "cannot read {path}: {problem}"),
    "error_cannot_write": (
        "kan {path} niet schrijven: {problem}",
        "cannot write {path}: {problem}",
    ),
    "error_name_problem": ("{name} {problem}", "{name} {problem}"),
    "error_cannot_be_read": ("kan niet gelezen worden ({problem})", "cannot be read ({problem})"),
    "error_not_a_regular_file": ("is geen gewoon bestand", "is not a regular file"),
    "error_too_large": (
        "is groter dan {mib} MiB: zo groot is {what}",
        "is larger than {mib} MiB: {what} is that large",
    ),
    "error_stdin_too_large": (
        "de standaardinvoer bevat meer dan {mib} MiB: zo groot is geen enkel antwoordenbestand",
        "standard input holds more than {mib} MiB: no answers file is that large",
    ),
    "error_what_answers_file": ("geen enkel antwoordenbestand", "no answers file"),
    "error_what_knowledge_base": ("geen enkele kennisbank", "no knowledge base"),
    "error_standard_input": ("de standaardinvoer", "standard input"),
    "error_the_answers_document": ("het antwoordendocument", "the answers document"),
    "error_not_utf8": ("{name} is geen UTF-8-tekst", "{name} is not UTF-8 text"),
    "error_file_not_utf8": (
        "het bestand {path} is geen UTF-8-tekst",
        "the file {path} is not UTF-8 text",
    ),
    "error_not_unicode": (
        "{name} bevat tekst die geen geldige Unicode is: {text}",
        "{name} holds text that is not valid Unicode: {text}",
    ),
    "error_too_deep": (
        "{name} is meer dan {depth} niveaus diep genest",
        "{name} is nested more than {depth} levels deep",
    ),
    "error_not_json": (
        "{name} is geen geldige JSON (regel {line}: {problem})",
        "{name} is not valid JSON (line {line}: {problem})",
    ),
    "error_key_twice": (
        "{name} is niet geldig: de sleutel {key} staat er twee keer in",
        "{name} is not valid: key {key} is given twice",
    ),
    "error_key_given_twice": ("de sleutel {key} staat er twee keer in", "key {key} is given twice"),
    "error_alias_loop": ("een alias verwijst naar zichzelf", "an alias refers to itself"),
    "error_nested": (
        "meer dan {depth} niveaus diep genest",
        "nested more than {depth} levels deep",
    ),
    "error_key_not_plain": ("een sleutel moet gewone tekst zijn", "a key must be plain text"),
    "error_holds_not_utf8": (
        "bevat bytes die geen UTF-8-tekst zijn",
        "holds bytes that are not UTF-8 text",
    ),
    "error_holds_not_unicode": (
        "bevat tekst die geen geldige Unicode is",
        "holds text that is not valid Unicode",
    ),
    "error_aliases_expand": (
        "de aliassen erin breiden het uit tot meer dan {count} waarden",
        "its aliases expand to more than {count} values",
    ),
    "error_not_yaml": (
        "{name} is geen geldige YAML ({problem})",
        "{name} is not valid YAML ({problem})",
    ),
    "error_not_yaml_at": (
        "{name} is geen geldige YAML ({problem}) (regel {line})",
        "{name} is not valid YAML ({problem}) (line {line})",
    ),
    # what the system says went wrong (its own words for any other error)
    "error_os_EACCES": ("geen toestemming", "Permission denied"),
    "error_os_EPERM": ("niet toegestaan", "Operation not permitted"),
    "error_os_ENOSPC": ("de schijf is vol", "No space left on device"),
    "error_os_EDQUOT": ("uw schijfquotum is op", "Disk quota exceeded"),
    "error_os_EROFS": ("het bestandssysteem is alleen-lezen", "Read-only file system"),
    "error_os_ENOENT": ("de map of het bestand bestaat niet", "No such file or directory"),
    "error_os_EISDIR": ("het is een map", "it is a directory"),
    "error_os_ENOTDIR": ("een deel van het pad is geen map", "Not a directory"),
    "error_os_ELOOP": (
        "te veel symbolische koppelingen na elkaar",
        "Too many levels of symbolic links",
    ),
    "error_os_EEXIST": ("er staat al een bestand met die naam", "File exists"),
    "error_os_ENXIO": ("er is geen apparaat of adres met die naam", "No such device or address"),
    "error_os_ENAMETOOLONG": ("de naam is te lang", "File name too long"),
    "error_os_EIO": ("een invoer-/uitvoerfout van het apparaat", "Input/output error"),
    "error_os_EMFILE": ("te veel open bestanden", "Too many open files"),
    "error_os_ENFILE": ("te veel open bestanden in het systeem", "Too many open files in system"),
    "error_os_ETXTBSY": ("het bestand is in gebruik", "Text file busy"),
    "error_os_EFBIG": ("het bestand wordt te groot", "File too large"),
    "error_os_EBUSY": ("het apparaat of de bron is bezet", "Device or resource busy"),
    "error_os_EXDEV": ("over de grens van een bestandssysteem heen", "Invalid cross-device link"),
    # the answers
    "error_refused": ("{head}{ending}", "{head}{ending}"),
    "error_did_you_mean": ("; bedoelt u {suggestion}?", "; did you mean {suggestion}?"),
    "error_did_you_mean_either": (
        "; bedoelt u {first} of {last}?",
        "; did you mean {first} or {last}?",
    ),
    "error_not_a_mapping": (
        "de antwoorden moeten per vraag-id een antwoord geven, zoals goals: {credibility: 5}",
        "the answers must be a mapping of question ids to answers, for example goals: {credibility: 5}",
    ),
    "error_answered_twice": (
        "{first} en {second} beantwoorden allebei {question}: houd er één over",
        "{first} and {second} both answer {question}: keep one",
    ),
    "error_no_goals": (
        "'goals' ontbreekt: noem minstens één voordeel met zijn belang ({low}..{high}), zoals goals: {{credibility: 5}}",
        "'goals' is missing: name at least one benefit with its importance ({low}..{high}), for example goals: {{credibility: 5}}",
    ),
    "error_no_goals_given": (
        "geen enkel doel: geef er minstens één met zijn belang, zoals --goal credibility=5, of een antwoordenbestand met --answers",
        "no goal: give at least one with its importance, e.g. --goal credibility=5, or an answers file with --answers",
    ),
    "error_goals_not_a_mapping": (
        "'goals' moet voordeel-id's een belang geven, zoals goals: {credibility: 5, innovation: 3}",
        "'goals' must map benefit ids to an importance, for example goals: {credibility: 5, innovation: 3}",
    ),
    "error_goals_empty": (
        "'goals' is leeg: noem minstens één voordeel",
        "'goals' is empty: name at least one benefit",
    ),
    "error_goal_twice": (
        "{first} en {second} zijn allebei het doel {goal}: houd er één over",
        "{first} and {second} are both the goal {goal}: keep one",
    ),
    "error_unknown_key": ("onbekende sleutel {word}", "unknown key {word}"),
    "error_unknown_goal": ("onbekend doel {word}", "unknown goal {word}"),
    "error_unknown_form": (
        "geen samenwerkingsvorm heeft de id {word}",
        "no form has the id {word}",
    ),
    "error_unknown_form_or_benefit": (
        "geen samenwerkingsvorm of voordeel heeft de id {word}",
        "no form or benefit has the id {word}",
    ),
    "error_known_keys": (" (bekende sleutels: {known})", " (known keys: {known})"),
    "error_known_goals": (" (bekende doelen: {known})", " (known goals: {known})"),
    "error_known": (" (bekend: {known})", " (known: {known})"),
    "error_bad_importance": (
        "het belang van doel {goal} moet een geheel getal van {low} tot {high} zijn, niet {value}",
        "the importance of goal {goal} must be a whole number from {low} to {high}, not {value}",
    ),
    "error_bad_choice": (
        "{question} moet één van {values} zijn, niet {value}",
        "{question} must be one of {values}, not {value}",
    ),
    "error_not_text": (
        "{question} moet tekst zijn, niet {value}",
        "{question} must be text, not {value}",
    ),
    "error_no_answers": ("geen antwoorden in {where}", "no answers in {where}"),
    "error_no_answers_on_stdin": (
        "geen antwoorden op de standaardinvoer",
        "no answers on standard input",
    ),
    "error_answers_not_a_mapping": (
        "{where} moet per vraag een antwoord bevatten (company, goals, budget, ...)",
        "{where} must hold a mapping of answers (company, goals, budget, ...)",
    ),
    "error_set_shape": (
        "--set {item} moet de vorm vraag=waarde hebben",
        "--set {item} must look like question=value",
    ),
    "error_set_goals": (
        "--set {item}: doelen geeft u met --goal, zoals --goal credibility=5",
        "--set {item}: goals are given with --goal, e.g. --goal credibility=5",
    ),
    # the command line itself (click's usage errors, in one sentence)
    "error_usage": ("{problem} (zie: {command} -h)", "{problem} (see: {command} -h)"),
    "error_no_such_option": ("onbekende optie {option}", "no such option {option}"),
    "error_no_such_command": ("onbekende opdracht {command}", "no such command {command}"),
    "error_missing_command": ("er ontbreekt een opdracht", "a command is missing"),
    "error_missing_argument": ("het argument {name} ontbreekt", "argument {name} is missing"),
    "error_bad_value": (
        "ongeldige waarde voor {name}: {detail}",
        "invalid value for {name}: {detail}",
    ),
    "error_not_a_whole_number": ("{value} is geen geheel getal", "{value} is not a whole number"),
    "error_out_of_range": (
        "{value} ligt niet in het bereik {range}",
        "{value} is not in the range {range}",
    ),
    "error_option_needs_value": (
        "de optie {option} heeft een waarde nodig",
        "option {option} needs a value",
    ),
    "error_option_takes_no_value": (
        "de optie {option} neemt geen waarde",
        "option {option} takes no value",
    ),
    "error_extra_arguments": ("niet verwacht: {arguments}", "not expected: {arguments}"),
    "error_at_least": (
        "{value} is te klein: minstens {least}",
        "{value} is too small: at least {least}",
    ),
    "error_click": ("{message}", "{message}"),
    # options and output
    "error_option_value": (
        "{option} kan niet {value} zijn: gebruik {others} of {last}",
        "{option} cannot be {value}: use {others} or {last}",
    ),
    "error_pdf_to_terminal": (
        "een PDF is niet voor de terminal: schrijf hem naar een bestand met -o report.pdf",
        "a PDF is not for the terminal: write it to a file with -o report.pdf",
    ),
    "error_output_is_directory": (
        "{path} is een map; noem een bestand erin, zoals {path}/report.html",
        "{path} is a directory; name a file in it, e.g. {path}/report.html",
    ),
    "error_unknown_report_format": (
        "onbekend formaat {format} (gebruik {known})",
        "unknown format {format} (use {known})",
    ),
    "error_report_format_from_path": (
        "uit {path} valt het rapportformaat niet af te leiden (gebruik {known} of --format)",
        "cannot tell the report format from {path} (use {known} or --format)",
    ),
    "error_which_shell": (
        "niet te zien voor welke shell de aanvulling is; noem ze: {option} {shells}",
        "cannot tell which shell to complete in; name it: {option} {shells}",
    ),
    "error_completion": (
        "kan de aanvulling voor {shell} niet installeren: {problem}",
        "cannot install {shell} completion: {problem}",
    ),
    "completion_installed": (
        "aanvulling voor {shell} geïnstalleerd in {path}\nze werkt zodra u de terminal opnieuw start",
        "{shell} completion installed in {path}\nCompletion will take effect once you restart the terminal",
    ),
    "error_kb_problem": (
        "de kennisbank in {directory} heeft {count} probleem:",
        "the knowledge base in {directory} has {count} problem:",
    ),
    "error_kb_problems": (
        "de kennisbank in {directory} heeft {count} problemen:",
        "the knowledge base in {directory} has {count} problems:",
    ),
    "error_kb_does_not_exist": ("bestaat niet", "does not exist"),
    "error_kb_file_missing": ("het bestand ontbreekt", "the file is missing"),
    "error_kb_file_not_utf8": ("het bestand is geen UTF-8-tekst", "the file is not UTF-8 text"),
    "error_kb_not_a_directory": ("is geen map", "is not a directory"),
    "kb_valid": (
        "{path}: geldig (versie {version}: {forms} samenwerkingsvormen, {benefits} voordelen, {rules} regels, {questions} vragen)",
        "{path}: valid (version {version}: {forms} forms, {benefits} benefits, {rules} rules, {questions} questions)",
    ),
    "wrote_file": ("{path} geschreven", "wrote {path}"),
    # sentences
    "obstacle_means": (
        "Vraagt meer {means}: minstens '{need}', u koos '{have}'.",
        "Needs more {means}: at least '{need}', you chose '{have}'.",
    ),
    "obstacle_in_kind": (
        "Of geef in natura, zoals producten, ruimte of expertise.",
        "Or give in kind, such as products, premises or expertise.",
    ),
    "means_money": ("budget", "money"),
    "means_staff_time": ("werktijd", "staff time"),
    "change": (
        "{benefit} {new}/{max} in plaats van {old}/{max}: {reason}",
        "{benefit} {new}/{max} instead of {old}/{max}: {reason}",
    ),
    "headline": (
        "Begin met {form}: die vorm dekt {fit} van wat u vraagt.",
        "Start with {form}: it covers {fit} of what you asked for.",
    ),
    "headline_tie": (
        "{forms} passen even goed: elk dekt {fit} van wat u vraagt.",
        "{forms} are equally suitable: each covers {fit} of what you asked for.",
    ),
    "and": ("en", "and"),
    "headline_stretch": (
        "Als uitdaging zou {form} {fit} dekken. {obstacles}",
        "As a stretch, {form} would cover {fit}. {obstacles}",
    ),
    "nothing_fits": (
        "Binnen uw middelen past geen enkele vorm goed bij uw doelen: geen haalt {floor}.",
        "No form within your means suits your goals well: none reaches {floor}.",
    ),
    "nothing_fits_alternative": (
        "{form} zou {fit} dekken. {obstacles}",
        "{form} would cover {fit}. {obstacles}",
    ),
    "nothing_fits_no_alternative": (
        "Ook buiten uw middelen haalt geen vorm {floor}; kies andere of meer doelen.",
        "Even beyond your means no form reaches {floor}; choose other or more goals.",
    ),
    "only_form_fits": (
        "{winner} is de enige vorm die in uw middelen past.",
        "{winner} is the only form that fits your means.",
    ),
    "only_form_stretch": (
        "{winner} is de enige vorm die als uitdaging haalbaar is.",
        "{winner} is the only form within reach as a stretch.",
    ),
    "tie_mark": ("gelijk: {first}–{last}", "tie: {first}–{last}"),
    "ranked_after": (
        "Staat na {winner} omdat het een uitdaging is; de dekking is {gap} procentpunt {direction}.",
        "Ranked after {winner} because it is a stretch; its fit is {gap} percentage points {direction}.",
    ),
    "higher": ("hoger", "higher"),
    "lower": ("lager", "lower"),
    "serves_none": ("Dient geen van uw doelen.", "Serves none of your goals."),
    "combination_limit": ("Beperkt: {reason}", "Limited: {reason}"),
    "leads": (
        "{winner} dekt {margin} procentpunt meer dan {second}.",
        "{winner} covers {margin} percentage points more than {second}.",
    ),
    "tied": (
        "{forms} passen even goed; de volgorde volgt de bron.",
        "{forms} are equally suitable; the order follows the source.",
    ),
    "single_goal": (
        "Met één doel verandert het belang ervan de volgorde niet: elke vorm wordt op dat ene doel beoordeeld.",
        "With one goal, its importance does not change the order: every form is judged on that goal alone.",
    ),
    "no_change": (
        "Geen enkele wijziging van het belang van één doel verandert de eerste plaats.",
        "No change to the importance of a single goal changes the first place.",
    ),
    "change_winner": (
        "Als u het belang van '{goal}' van {old} naar {new} zet, komt {new_winner} op de eerste plaats.",
        "Setting the importance of '{goal}' from {old} to {new} would put {new_winner} first.",
    ),
    "no_combination": (
        "Binnen uw budget en werktijd voegt geen tweede vorm genoeg toe aan de eerste plaats.",
        "Within your budget and staff time, no second form adds enough to the first place.",
    ),
    "combination_head": (
        "{forms}: samen dekken ze {coverage} van uw doelen ({first} alleen: {best}), samen binnen uw budget en werktijd.",
        "{forms}: together they cover {coverage} of your goals ({first} alone: {best}), jointly within your budget and staff time.",
    ),
    "cover_none": ("{goal}: geen van deze vormen", "{goal}: none of these forms"),
    "cover": ("{goal}: {form} ({strength}/{max})", "{goal}: {form} ({strength}/{max})"),
    "conflict": ("Let op: {reason}", "Caution: {reason}"),
    "balance_title": (
        "Eerste plaatsen over de {advised} van {profiles} profielen met advies (elk doel en elk paar doelen, bij elk budget en elke werktijd)",
        "First places over the {advised} of {profiles} profiles that get advice (every goal and pair of goals, at every budget and staff time)",
    ),
    # the interview
    "pdf_missing": (
        "een PDF vraagt WeasyPrint: installeer het met pip install 'partneradvisor[pdf]'",
        "a PDF needs WeasyPrint: install it with pip install 'partneradvisor[pdf]'",
    ),
    "our_advice": ("Ons advies", "Our advice"),
    "why_first": ("Waarom deze vorm", "Why this form"),
    "first_step": ("De eerste stap", "The first step"),
    "what_changes": ("Wat het advies kan veranderen", "What could change the advice"),
    "details": ("De vormen in detail", "The forms in detail"),
    "appendix": ("Bijlage", "Appendix"),
    "chart_caption": (
        "Dekking van uw doelen per vorm (0–100%); elke kleur is een doel, de lengte is belang × sterkte.",
        "How much of your goals each form covers (0–100%); each colour is a goal, its length importance × strength.",
    ),
    "page": ("pagina", "page"),
    "wizard_why": ("? Waarom vragen we dit?", "? Why do we ask this?"),
    "wizard_text_hint": ("(typ ? voor uitleg)", "(type ? to see why we ask)"),
    "wizard_select_hint": ("(pijltjes, enter)", "(arrow keys, enter)"),
    "wizard_goal_hint": ("(spatie, dan enter)", "(space, then enter)"),
    "wizard_pick_goal": ("Kies minstens één doel.", "Choose at least one goal."),
    "wizard_review": ("Controleer uw antwoorden", "Review your answers"),
    "wizard_next": ("Wat wilt u doen?", "What would you like to do?"),
    "wizard_show": ("Toon het advies", "Show the advice"),
    "wizard_change": ("Wijzig: {question}", "Change: {question}"),
    "wizard_save": ("Antwoorden bewaren", "Save the answers"),
    "wizard_export": ("Rapport exporteren", "Export a report"),
    "wizard_quit": ("Stoppen", "Quit"),
    "wizard_path": ("Bestandsnaam:", "File name:"),
    "wizard_format": ("Welk formaat?", "Which format?"),
    "wizard_saved": ("Bewaard in {path}", "Saved to {path}"),
    "wizard_not_asked": ("(niet gevraagd)", "(not asked)"),
    "wizard_question": ("Vraag", "Question"),
    "wizard_answer": ("Antwoord", "Answer"),
    "wizard_interrupted": ("onderbroken", "interrupted"),
    "wizard_interrupted_saved": (
        "onderbroken; uw antwoorden tot nu toe staan in {path}\nga verder met: {command}",
        "interrupted; your answers so far are in {path}\nresume with: {command}",
    ),
    "wizard_interrupted_unsaved": (
        "onderbroken; uw antwoorden konden nergens bewaard worden (geen schrijfbare map)",
        "interrupted; your answers could not be saved (no writable directory)",
    ),
    "wizard_no_terminal": (
        "de wizard heeft een terminal nodig; gebruik in scripts `partneradvisor recommend --answers BESTAND`",
        "the wizard needs a terminal; in scripts use `partneradvisor recommend --answers FILE` instead",
    ),
    # batch: messages, column headings and the summary (`batch_` keys only)
    "batch_row": ("rij {row} (id {id}): {message}", "row {row} (id {id}): {message}"),
    "batch_the_input": ("de invoer", "the input"),
    "batch_the_row": ("de rij", "the row"),
    "batch_stdout": ("de standaarduitvoer", "the standard output"),
    "batch_stdin": ("de standaardinvoer", "standard input"),
    "batch_kept": ("; {output} bleef zoals het was", "; {output} was left as it was"),
    "batch_same_file": (
        "{second} noemt hetzelfde bestand als {first}: {path}",
        "{second} names the same file as {first}: {path}",
    ),
    "batch_unknown_format": (
        "onbekend batchformaat {format} (gebruik {names})",
        "unknown batch format {format} (use {names})",
    ),
    "batch_input_format_unknown": (
        "aan de extensie van {path} is niet te zien welk invoerformaat het is (gebruik {option} {names})",
        "cannot tell the input format of {path} from its extension (use {option} {names})",
    ),
    "batch_output_format_unknown": (
        "aan de extensie van {path} is niet te zien welk uitvoerformaat het moet worden (gebruik {option} {names})",
        "cannot tell the output format of {path} from its extension (use {option} {names})",
    ),
    "batch_old_excel": (
        "{path} is een oud Excel-bestand (.xls): bewaar het in Excel als .xlsx of als CSV UTF-8",
        "{path} is an old Excel file (.xls): save it from Excel as .xlsx or as CSV UTF-8",
    ),
    "batch_explain_needs_jsonl": (
        "--explain voegt per rij de bijdragen, de zekerheid en de combinatie toe, en dat kan alleen JSON Lines bevatten: gebruik -f jsonl",
        "--explain adds each row's contributions, robustness and combination, which only JSON Lines can hold: use -f jsonl",
    ),
    "batch_names_choice": (
        "--names moet ids of names zijn, niet {value}",
        "--names is ids or names, not {value}",
    ),
    "batch_names_not_jsonl": (
        "--names names geldt voor CSV en Excel; JSON Lines behoudt de id's (die lezen scripts)",
        "--names names is for CSV and Excel output; JSON Lines keeps the ids (which scripts read)",
    ),
    "batch_no_rows": ("{name} bevat geen rijen om te adviseren", "{name} holds no rows to advise"),
    "batch_none_advised": (
        "geen enkele rij kon geadviseerd worden{kept}",
        "no row could be advised{kept}",
    ),
    "batch_interrupted": (
        "onderbroken na {rows} rijen{kept}",
        "interrupted after {rows} rows{kept}",
    ),
    "batch_interrupted_partial": (
        "onderbroken na {rows} rijen; {output} bevat de {advised} rijen die tot dan geadviseerd waren (--partial)",
        "interrupted after {rows} rows; {output} holds the {advised} rows advised until then (--partial)",
    ),
    "batch_cannot_write": (
        "kan {where} niet schrijven: {problem}",
        "cannot write {where}: {problem}",
    ),
    "batch_internal_error": (
        "interne fout: {problem} (meld dit alstublieft)",
        "internal error: {problem} (please report it)",
    ),
    "batch_done": (
        "{advised} rijen geadviseerd, {failed} mislukt, {rate} rijen/s",
        "advised {advised} rows, {failed} failed, {rate} rows/s",
    ),
    "batch_progress": ("advies voor {name}", "advising {name}"),
    "batch_rows": ("rijen", "rows"),
    # batch: the input's columns and keys, checked before any row is advised
    "batch_goal_prefix": ("doel", "goal"),
    "batch_role_name": ("bedrijf", "company"),
    "batch_role_in_kind": ("in natura", "in kind"),
    "batch_column": ("kolom {name}", "column {name}"),
    "batch_key": ("sleutel {name}", "key {name}"),
    "batch_did_you_mean": ("{name} (bedoelt u {known}?)", "{name} (did you mean {known}?)"),
    "batch_and_more": (" en nog {count}", " and {count} more"),
    "batch_unknown_column": (
        "de kopregel heeft een onbekende kolom: {columns}; er is niets geadviseerd",
        "the header has an unknown column: {columns}; nothing was advised",
    ),
    "batch_unknown_columns": (
        "de kopregel heeft onbekende kolommen: {columns}; er is niets geadviseerd",
        "the header has unknown columns: {columns}; nothing was advised",
    ),
    "batch_column_twice": (
        "de kolom {column} staat {count} keer in de kopregel: welke bevat het antwoord?",
        "the column {column} appears {count} times in the header: which one holds the answer?",
    ),
    "batch_columns_same": (
        "de kolommen {first} en {second} vragen hetzelfde: welke bevat het antwoord?",
        "the columns {first} and {second} ask the same: which one holds the answer?",
    ),
    "batch_no_goal_column": (
        "de kopregel heeft geen kolom voor een doel: voeg per doel een kolom toe, zoals {example}, met het belang van 1 tot 5",
        "the header has no goal column: add a column per goal, such as {example}, holding its importance from 1 to 5",
    ),
    "batch_unknown_key_first": (
        "de eerste rij heeft een onbekende sleutel: {keys}; er is niets geadviseerd",
        "the first row has an unknown key: {keys}; nothing was advised",
    ),
    "batch_unknown_keys_first": (
        "de eerste rij heeft onbekende sleutels: {keys}; er is niets geadviseerd",
        "the first row has unknown keys: {keys}; nothing was advised",
    ),
    "batch_header_not_utf8": (
        "de kopregel is geen UTF-8-tekst (bewaar het bestand vanuit een rekenblad als 'CSV UTF-8')",
        "the header line is not UTF-8 text (from a spreadsheet, save it as 'CSV UTF-8')",
    ),
    "batch_header_not_csv": (
        "de kopregel is geen geldige CSV ({problem})",
        "the header line is not valid CSV ({problem})",
    ),
    # batch: a row's problems, in the input's own terms
    "batch_not_utf8": (
        "de rij bevat bytes die geen UTF-8-tekst zijn",
        "the row holds bytes that are not UTF-8 text",
    ),
    "batch_save_as_utf8": (
        " (bewaar het bestand vanuit een rekenblad als 'CSV UTF-8')",
        " (from a spreadsheet, save it as 'CSV UTF-8')",
    ),
    "batch_not_csv": (
        "de rij is geen geldige CSV ({problem})",
        "the row is not valid CSV ({problem})",
    ),
    "batch_more_cells": (
        "de rij heeft meer cellen dan de kopregel kolommen heeft",
        "the row has more cells than the header has columns",
    ),
    "batch_cell_too_long": (
        "een cel is langer dan {chars} tekens",
        "a cell is over {chars} characters",
    ),
    "batch_line_too_long": (
        "de rij is langer dan {chars} tekens",
        "the row is over {chars} characters",
    ),
    "batch_not_json": ("geen geldige JSON ({problem})", "not valid JSON ({problem})"),
    "batch_json_at": ("{problem}, kolom {column}", "{problem}, column {column}"),
    "batch_too_deep": (
        "meer dan {depth} niveaus diep genest",
        "nested more than {depth} levels deep",
    ),
    "batch_bad_id": (
        "de id moet tekst of een getal zijn, niet {value}",
        "the id must be text or a number, not {value}",
    ),
    "batch_not_a_list": (
        "{name} moet een lijst van antwoorden bevatten",
        "{name} must hold a list of answers objects",
    ),
    "batch_not_an_object": (
        "de rij moet een object met antwoorden zijn, zoals {example}",
        "the row must be an object of answers, for example {example}",
    ),
    "batch_unknown_key": ("onbekende sleutel {name}", "unknown key {name}"),
    "batch_unknown_goal": ("onbekend doel {goal}", "unknown goal {goal}"),
    "batch_goals_not_a_mapping": (
        "'goals' moet elk doel een belang geven, zoals {example}",
        "'goals' must give each goal an importance, for example {example}",
    ),
    "batch_no_goal_cells": (
        "geen enkel doel ingevuld: geef minstens één van {columns} een belang van {low} tot {high}",
        "no goal is filled in: give at least one of {columns} an importance from {low} to {high}",
    ),
    "batch_no_goal_key": (
        "geen enkel doel: noem minstens één voordeel met zijn belang ({low} tot {high}), zoals {example}",
        "no goal: name at least one benefit with its importance ({low} to {high}), for example {example}",
    ),
    "batch_bad_importance": (
        "{where} moet een geheel getal van {low} tot {high} zijn, niet {value}",
        "{where} must be a whole number from {low} to {high}, not {value}",
    ),
    "batch_did_you_mean_value": ("; bedoelt u {value}?", "; did you mean {value}?"),
    "batch_bad_choice": (
        "{where} moet één van {values} zijn, niet {value}",
        "{where} must be one of {values}, not {value}",
    ),
    "batch_not_text": (
        "{where} moet tekst zijn, niet {value}",
        "{where} must be text, not {value}",
    ),
    # batch: Excel workbooks
    "batch_not_xlsx": (
        "{name} is geen Excel-werkmap (.xlsx); bij een oud .xls-bestand: bewaar het in Excel als .xlsx",
        "{name} is not an Excel workbook (.xlsx); for an old .xls file, save it from Excel as .xlsx",
    ),
    "batch_xlsx_part_too_large": (
        "{name} is te groot om te lezen: {part} pakt uit tot meer dan 64 MiB",
        "{name} is too large to read: {part} unpacks to more than 64 MiB",
    ),
    "batch_xlsx_damaged": (
        "{name} is geen leesbare Excel-werkmap ({problem})",
        "{name} is not a readable Excel workbook ({problem})",
    ),
    "batch_xlsx_damaged_at": (
        "{name} is beschadigd na rij {row} ({problem})",
        "{name} is damaged after row {row} ({problem})",
    ),
    "batch_sheet_advice": ("Advies", "Advice"),
    "batch_sheet_errors": ("Fouten", "Errors"),
    # batch: column headings and values with --names names (a workbook's by default)
    "batch_heading_id": ("id", "id"),
    "batch_heading_company": ("bedrijf", "company"),
    "batch_heading_status": ("status", "status"),
    "batch_heading_form": ("vorm {n}", "form {n}"),
    "batch_heading_score": ("dekking {n} (%)", "fit {n} (%)"),
    "batch_heading_tier": ("haalbaarheid {n}", "feasibility {n}"),
    "batch_heading_row": ("rij", "row"),
    "batch_heading_error": ("fout", "error"),
    "batch_status_advice": ("advies", "advice"),
    "batch_status_nothing_fits": ("niets past", "nothing fits"),
    # batch: the summary (--summary)
    "batch_summary_format": (
        "aan {path} is niet te zien welk formaat het overzicht moet krijgen (gebruik {known})",
        "cannot tell the summary's format from {path} (use {known})",
    ),
    "batch_summary_title": ("Overzicht van de batch", "Batch summary"),
    "batch_summary_intro": (
        "Bedrijven met advies: {companies}. Rijen die niet geadviseerd konden worden: {failed}.",
        "Companies advised: {companies}. Rows that could not be advised: {failed}.",
    ),
    "batch_summary_forms": (
        "Welke vormen passen bij de meeste bedrijven",
        "Which forms suit most companies",
    ),
    "batch_summary_forms_legend": (
        "Per vorm: bij hoeveel bedrijven ze eerst staat (█) en bij hoeveel in de top 3 (█ en ░ samen).",
        "Per form: how many companies get it first (█) and in their top 3 (█ and ░ together).",
    ),
    "batch_summary_first": ("eerste plaats", "first place"),
    "batch_summary_top3": ("in de top 3", "in the top 3"),
    "batch_summary_form_value": (
        "{first} eerst · {top} in top 3",
        "{first} first · {top} in top 3",
    ),
    "batch_summary_goals": (
        "De doelen die het vaakst gekozen worden, en hoe belangrijk",
        "The goals chosen most often, and how important",
    ),
    "batch_summary_goal_value": (
        "{count} ({share}), gemiddeld belang {average}",
        "{count} ({share}), average importance {average}",
    ),
    "batch_summary_chart": ("grafiek", "chart"),
    "batch_summary_count": ("aantal", "count"),
    "batch_summary_lack": ("Wat ontbreekt", "What is lacking"),
    "batch_summary_nothing": ("Waar niets past", "Where nothing fits"),
    "batch_summary_nothing_share": (
        "Bedrijven voor wie binnen hun middelen geen enkele vorm goed bij hun doelen past: {count} ({share}).",
        "Companies for which no form within their means suits their goals well: {count} ({share}).",
    ),
    "batch_summary_nothing_none": (
        "Voor elk bedrijf past minstens één vorm.",
        "At least one form suits every company.",
    ),
    "batch_summary_nothing_label": ("niets past", "nothing fits"),
    "batch_summary_lacks": (
        "Wat hen ontbreekt voor hun beste alternatief (bedrijven)",
        "What they lack for their best alternative (companies)",
    ),
    "batch_summary_lack_means": (
        "meer {means}: minstens '{need}'",
        "more {means}: at least '{need}'",
    ),
    "batch_summary_no_alternative": (
        "ook buiten hun middelen haalt geen vorm de drempel: andere of meer doelen",
        "even beyond their means no form reaches the threshold: other or more goals",
    ),
    "batch_summary_groups": (
        "Groepen met dezelfde eerste keuze",
        "Groups with the same first choice",
    ),
    "batch_summary_groups_intro": (
        "Bedrijven met dezelfde vorm op de eerste plaats kunnen samen één project met één ngo opzetten.",
        "Companies with the same form in first place are candidates for a joint project with one NGO.",
    ),
    "batch_summary_group": ("{form}: {count} bedrijven", "{form}: {count} companies"),
    "batch_summary_more": ("en nog {count}", "and {count} more"),
    "batch_summary_no_groups": (
        "Geen twee bedrijven hebben dezelfde eerste keuze.",
        "No two companies share a first choice.",
    ),
    "batch_summary_footer": (
        "Gemaakt met partneradvisor batch --summary; elk getal telt bedrijven van deze batch.",
        "Made with partneradvisor batch --summary; every number counts companies in this batch.",
    ),
    # the interview that forgives: back, progress, resume, flaws, the menu after the advice
    "wizard_back": ("← Terug", "← Back"),
    "wizard_text_hint_back": ("(? waarom we dit vragen, < terug)", "(? why we ask, < back)"),
    "wizard_first_question": (
        "Dit is de eerste vraag; er is geen vorige.",
        "This is the first question; there is none before it.",
    ),
    "wizard_so_far": ("Uw antwoorden tot nu toe", "Your answers so far"),
    "wizard_resumed": (
        "Verder met {path}: {answered} van de {total} vragen zijn beantwoord.",
        "Resuming {path}: {answered} of the {total} questions are answered.",
    ),
    "wizard_unanswered": ("nog niet beantwoord", "not answered yet"),
    "wizard_flaw": (
        "Het bestand zegt {given}: dat past niet bij deze vraag.",
        "The file says {given}: that does not fit this question.",
    ),
    "wizard_did_you_mean": ("Bedoelt u {suggestion}?", "Did you mean {suggestion}?"),
    "wizard_again": ("Kies opnieuw.", "Please answer again."),
    "wizard_unknown_key": (
        "{name} in het bestand is geen vraag van deze kennisbank; het wordt weggelaten.",
        "{name} in the file is not a question of this knowledge base; it is left out.",
    ),
    "wizard_explain": ("Een vorm uitleggen", "Explain a form"),
    "wizard_change_answers": ("Antwoorden wijzigen", "Change the answers"),
    "wizard_which_form": ("Welke vorm?", "Which form?"),
    "wizard_serves_none": ("dient geen van uw doelen", "serves none of your goals"),
    "wizard_path_hint": ("(leeg of < om terug te gaan)", "(empty or < to go back)"),
    "wizard_exists": ("{path} bestaat al. Vervangen?", "{path} already exists. Replace it?"),
    "wizard_replace": ("Ja, vervangen", "Yes, replace it"),
    "wizard_keep": ("Nee, behouden", "No, keep it"),
    "wizard_not_written": (
        "Niets geschreven; {path} blijft zoals het was.",
        "Nothing written; {path} is as it was.",
    ),
    "wizard_is_directory": (
        "{path} is een map; geef een bestandsnaam.",
        "{path} is a directory; give a file name.",
    ),
    "wizard_answers_from_stdin": (
        "de wizard krijgt zijn antwoorden in de terminal; geef --answers een bestand",
        "the wizard takes its answers in the terminal; give --answers a file",
    ),
    "balance_first": ("eerste", "first"),
    "balance_top3": ("in top 3", "in top 3"),
    "balance_nothing": (
        "Niets past binnen de middelen bij {share} van de profielen.",
        "Nothing fits within the means for {share} of the profiles.",
    ),
    "balance_never": ("Nooit eerste: {forms}", "Never first: {forms}"),
    "balance_ok": (
        "In evenwicht: elke vorm komt ergens eerst en geen enkele in meer dan {share}.",
        "Balanced: every form comes first somewhere and none in more than {share}.",
    ),
    "balance_off": (
        "Niet in evenwicht: een vorm komt nooit eerst, of een vorm in meer dan {share}.",
        "Not balanced: a form never comes first, or one comes first in more than {share}.",
    ),
}


def ui(key: str, lang: Lang, /, **values: object) -> str:
    nl, en = _UI[key]
    text = nl if lang == "nl" else en
    return text.format(**values) if values else text


def number(value: float, lang: Lang, decimals: int = 0) -> str:
    """A number as the language writes it (CLDR's conventions: a decimal comma in Dutch)."""
    from ._cldr import formatted  # only where numbers are shown

    return formatted(value, lang, decimals)


def pct(value: float, lang: Lang, decimals: int = 0) -> str:
    """A percentage (value in 0..100) as the language writes it."""
    from ._cldr import formatted

    return formatted(value / 100, lang, decimals, percent=True)


def date_text(day: dt.date, lang: Lang) -> str:
    """A date as the language writes it in full: '30 november 2026'."""
    from ._cldr import long_date  # reports only

    return long_date(day, lang)


def form_name(kb: KnowledgeBase, form_id: str, lang: Lang) -> str:
    return kb.form(form_id).name.get(lang)


def benefit_name(kb: KnowledgeBase, benefit_id: str, lang: Lang) -> str:
    return kb.benefit(benefit_id).name.get(lang)


def level_name(level: str, lang: Lang) -> str:
    return ui(f"level_{level}", lang)


def needs_text(kb: KnowledgeBase, form_id: str, lang: Lang) -> str:
    """What a form needs at least, named as the means questions name their answers."""
    needs = kb.form(form_id).needs
    in_kind = f" ({ui('in_kind_ok', lang)})" if needs.in_kind else ""
    money = means_label(kb, "money", needs.money, lang)
    staff = means_label(kb, "staff_time", needs.staff_time, lang)
    return (
        f"{ui('needs', lang)}: {ui('means_money', lang)} '{money}'{in_kind}, "
        f"{ui('means_staff_time', lang)} '{staff}'"
    )


def link_reason(
    kb: KnowledgeBase,
    form_id: str,
    benefit_id: str,
    changes: tuple[StrengthChange, ...],
    lang: Lang,
) -> str:
    """Why a form delivers a benefit as strongly as it does here: the rule that lowered it
    in the company's situation, else the knowledge base's reason for the link."""
    for change in reversed(changes):
        if change.benefit == benefit_id:
            return change.reason.get(lang)
    link = kb.form(form_id).benefits.get(benefit_id)
    return link.why.get(lang) if link and link.why else ""


def tier_name(tier: str, lang: Lang) -> str:
    return ui(f"tier_{tier}", lang)


def title(advice: Advice, lang: Lang) -> str:
    company = advice.answers.company
    return ui("advice_for", lang, company=company) if company else ui("advice", lang)


def _joined(names: list[str], lang: Lang) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {ui('and', lang)} {names[-1]}"


def means_label(kb: KnowledgeBase, means: str, level: str, lang: Lang) -> str:
    """A level of the company's money or staff time, named as its question names it."""
    question = kb.role(means)  # type: ignore[arg-type]
    return question.label(level, lang) if question else level_name(level, lang)


def obstacle_reason(obstacle: Obstacle, kb: KnowledgeBase, lang: Lang) -> str:
    """Why a form is a stretch or out of reach, in one sentence."""
    if obstacle.reason is not None:
        return obstacle.reason.get(lang)
    means = obstacle.means or ""
    sentence = ui(
        "obstacle_means",
        lang,
        means=ui(f"means_{means}", lang),
        need=means_label(kb, means, obstacle.need or "", lang),
        have=means_label(kb, means, obstacle.have or "", lang),
    )
    return f"{sentence} {ui('obstacle_in_kind', lang)}" if obstacle.in_kind else sentence


def change_sentence(change: StrengthChange, kb: KnowledgeBase, lang: Lang) -> str:
    return ui(
        "change",
        lang,
        benefit=benefit_name(kb, change.benefit, lang),
        new=change.new,
        old=change.old,
        max=STRENGTH_MAX,
        reason=change.reason.get(lang),
    )


def headline(advice: Advice, kb: KnowledgeBase, lang: Lang) -> list[str]:
    """The advice in a sentence or two: what to start with, or that nothing fits and what
    would change that."""
    if advice.nothing_fits:
        floor = pct(advice.fit_floor, lang)
        lines = [ui("nothing_fits", lang, floor=floor)]
        alt = advice.alternative
        if alt is None:
            lines.append(ui("nothing_fits_no_alternative", lang, floor=floor))
        else:
            lines.append(
                ui(
                    "nothing_fits_alternative",
                    lang,
                    form=form_name(kb, alt.form, lang),
                    fit=pct(alt.score, lang),
                    obstacles=" ".join(obstacle_reason(o, kb, lang) for o in alt.obstacles),
                )
            )
        return lines
    first = advice.recommendations[0]
    fit = pct(first.score, lang)
    if first.tied_with:
        names = [form_name(kb, f, lang) for f in (first.form, *first.tied_with)]
        lines = [ui("headline_tie", lang, forms=_joined(names, lang), fit=fit)]
    else:
        lines = [ui("headline", lang, form=form_name(kb, first.form, lang), fit=fit)]
    # what would change the advice: a stretch form that covers the goals better
    better = [r for r in advice.recommendations if r.tier == "stretch" and r.score > first.score]
    if better:
        best = max(better, key=lambda r: r.score)  # the first of equals: the ranking's order
        lines.append(
            ui(
                "headline_stretch",
                lang,
                form=form_name(kb, best.form, lang),
                fit=pct(best.score, lang),
                obstacles=" ".join(obstacle_reason(o, kb, lang) for o in best.obstacles),
            )
        )
    return lines


def robustness_sentence(advice: Advice, kb: KnowledgeBase, lang: Lang) -> str:
    rob = advice.robustness
    if rob is None or advice.nothing_fits:  # no first place to be safe about
        return ""
    winner = form_name(kb, rob.winner, lang)
    if rob.tied_with:
        names = [form_name(kb, f, lang) for f in (rob.winner, *rob.tied_with)]
        first = ui("tied", lang, forms=_joined(names, lang))
    elif rob.runner_up is None or rob.margin is None:
        first = ui(f"only_form_{advice.recommendations[0].tier}", lang, winner=winner)
    else:
        second = form_name(kb, rob.runner_up, lang)
        first = ui("leads", lang, winner=winner, second=second, margin=number(rob.margin, lang, 1))
    if rob.single_goal:
        rest = ui("single_goal", lang)
    elif rob.change is None:
        rest = ui("no_change", lang)
    else:
        change = rob.change
        rest = ui(
            "change_winner",
            lang,
            goal=benefit_name(kb, change.goal, lang),
            old=change.old,
            new=change.new,
            new_winner=form_name(kb, change.new_winner, lang),
        )
    return f"{first} {rest}"


def combination_sentences(advice: Advice, kb: KnowledgeBase, lang: Lang) -> list[str]:
    """The combination's headline, one line per goal saying which member delivers it, and a
    caution per pair that should not share one NGO."""
    combo = advice.combination
    if combo is None:
        if not advice.explained or advice.nothing_fits or not advice.recommendations:
            return []
        return [ui("no_combination", lang)]
    names = [form_name(kb, f, lang) for f in combo.forms]
    lines = [
        ui(
            "combination_head",
            lang,
            forms=" + ".join(names),
            coverage=pct(combo.coverage, lang),
            first=names[0],
            best=pct(combo.best_single, lang),
        )
    ]
    for cover in combo.covers:
        goal = benefit_name(kb, cover.benefit, lang)
        if cover.form is None:
            lines.append(ui("cover_none", lang, goal=goal))
        else:
            lines.append(
                ui(
                    "cover",
                    lang,
                    goal=goal,
                    form=form_name(kb, cover.form, lang),
                    strength=cover.strength,
                    max=STRENGTH_MAX,
                )
            )
    lines += [ui("conflict", lang, reason=w.reason.get(lang)) for w in combo.warnings]
    if combo.limit is not None:
        lines.append(ui("combination_limit", lang, reason=combo.limit.get(lang)))
    return lines


def place_mark(item: Ranked, advice: Advice, lang: Lang) -> str:
    """What sets a place apart, for a ranking: a stretch, or a tie (with the ranks tied)."""
    from ..advice import STRETCH

    marks = []
    if item.tier == STRETCH:
        marks.append(tier_name(STRETCH, lang))
    if item.tied_with:
        tied = {item.form, *item.tied_with}
        ranks = [r.rank for r in advice.recommendations if r.form in tied]
        marks.append(ui("tie_mark", lang, first=min(ranks), last=max(ranks)))
    return ", ".join(marks)
