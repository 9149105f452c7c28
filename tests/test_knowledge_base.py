"""The knowledge base: the design's ids, complete texts, and clear reports of every mistake."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from partneradvisor import advise
from partneradvisor._lang import resolve_lang
from partneradvisor.errors import KnowledgeBaseError
from partneradvisor.kb.loader import load_knowledge_base

FORM_IDS = [
    "cause_related_marketing",
    "co_branding",
    "fundraising",
    "employee_volunteering",
    "public_awareness",
    "thematic_dialogue",
    "patronage",
    "sponsoring",
    "staff_training",
    "audit",
    "responsible_practices",
    "expert_partnership",
]
BENEFIT_IDS = [
    "credibility",
    "critical_view",
    "inspiration",
    "stakeholder_goodwill",
    "reputation",
    "competitive_advantage",
    "consumer_loyalty",
    "publicity",
    "brand_awareness",
    "employee_loyalty",
    "employer_attractiveness",
    "cost_savings",
    "chain_quality",
    "innovation",
]


def test_packaged_kb_has_the_design_ids_in_the_seed_order(kb):
    assert list(kb.form_ids) == FORM_IDS
    assert list(kb.benefit_ids) == BENEFIT_IDS


def test_every_form_is_complete(kb):
    for form in kb.forms:
        assert len(form.first_steps) >= 3, form.id
        assert form.cautions, form.id
        linked = [b for b, link in form.benefits.items() if link.strength > 0]
        assert len(linked) >= 3, form.id
        assert all(form.benefits[b].why for b in linked), form.id
    examples = {f.id: f.example.nl for f in kb.forms if f.example}
    assert "Douwe Egberts" in examples["cause_related_marketing"]
    assert "Oxfam" in examples["fundraising"]


def test_marketing_forms_and_the_audit_carry_the_seeds_cautions(kb):
    assert "cause-washing" in " ".join(c.en for c in kb.form("cause_related_marketing").cautions)
    assert "cause-washing" in " ".join(c.en for c in kb.form("co_branding").cautions)
    assert "public" in " ".join(c.en for c in kb.form("audit").cautions)


def _break(kb_copy: Path, name: str, old: str, new: str) -> None:
    path = kb_copy / name
    text = path.read_text()
    assert old in text, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new, 1))


def _cut_inside_a_text(path: Path) -> str:
    text = path.read_text()
    start = text.index("why: {nl: '", len(text) // 2)
    return text[: start + 20]


MISTAKES = {
    "yaml syntax error": (
        lambda d: _break(d, "forms.yaml", "continuum: transactional", "continuum: [transactional"),
        r"forms\.yaml:\d+: not valid YAML",
    ),
    "truncated file": (
        # cut in the middle of a quoted text, as an interrupted copy would
        lambda d: (d / "forms.yaml").write_text(_cut_inside_a_text(d / "forms.yaml")),
        r"forms\.yaml:\d+: not valid YAML",
    ),
    "unknown benefit id": (
        lambda d: _break(
            d,
            "forms.yaml",
            "      consumer_loyalty:\n        strength: 3",
            "      customer_happiness:\n        strength: 3",
        ),
        r"forms\.yaml:\d+: forms\[0\]\.benefits\.customer_happiness: unknown benefit id "
        r"'customer_happiness'",
    ),
    "missing English text": (
        lambda d: _break(d, "benefits.yaml", ", en: 'Credibility'}", "}"),
        r"benefits\.yaml:\d+: benefits\[0\]\.name\.en: the English text is missing",
    ),
    "strength of 7": (
        lambda d: _break(d, "forms.yaml", "strength: 3", "strength: 7"),
        r"forms\.yaml:\d+: forms\[0\]\.benefits\.consumer_loyalty\.strength: .*less than or "
        r"equal to 3, got 7",
    ),
    "duplicate form id": (
        lambda d: _break(d, "forms.yaml", "- id: co_branding", "- id: cause_related_marketing"),
        r"forms\.yaml:\d+: forms\[1\]\.id: the id 'cause_related_marketing' is used 2 times",
    ),
    "rule naming an unknown question": (
        lambda d: _break(d, "rules.yaml", "when: {audience: [business]}", "when: {public: [b]}"),
        r"rules\.yaml:\d+: rules\[0\]\.when\.public: 'public' is not a choice question",
    ),
    "empty file": (
        lambda d: (d / "meta.yaml").write_text("# nothing yet\n"),
        r"meta\.yaml: the file is empty",
    ),
    "a list where fields belong": (
        lambda d: (d / "meta.yaml").write_text("- version\n"),
        r"meta\.yaml: the file must hold a mapping of fields",
    ),
    "misspelled field": (
        lambda d: _break(
            d, "forms.yaml", "    continuum: transactional", "    continum: transactional"
        ),
        r"forms\.yaml:\d+: forms\[0\]\.continuum: this field is required but missing\n.*"
        r"forms\[0\]\.continum: unknown field \(check its spelling\)",
    ),
    "unknown group": (
        lambda d: _break(d, "benefits.yaml", "group: reputation_market", "group: fame"),
        r"benefits\.yaml:\d+: benefits\[0\]\.group: unknown group 'fame'",
    ),
    "strength without a why": (
        lambda d: (d / "forms.yaml").write_text(
            re.sub(
                r"(\n      consumer_loyalty:\n        strength: 3\n        basis: \w+)\n"
                r"        why: \{.*",
                r"\1",
                (d / "forms.yaml").read_text(),
                count=1,
            )
        ),
        r"forms\[0\]\.benefits\.consumer_loyalty: a link with strength above 0 needs a why",
    ),
    "default that is not a choice": (
        lambda d: _break(d, "questions.yaml", "default: low", "default: little"),
        r"questions\.yaml:\d+: questions\[2\]\.default: 'little' is not one of the choices",
    ),
    "goal condition on an unknown benefit": (
        lambda d: _break(d, "questions.yaml", "goal.critical_view", "goal.criticism"),
        r"questions\.yaml:\d+: .*unknown benefit id 'criticism' in a goal condition",
    ),
    "goal condition that is not min/max": (
        lambda d: _break(
            d, "questions.yaml", "{goal.credibility: {min: 1}}", "{goal.credibility: 1}"
        ),
        r"a goal condition is \{min: N, max: N\}",
    ),
    "rule with both an effect and strengths": (
        lambda d: _break(
            d, "rules.yaml", "    effect: stretch\n", "    effect: stretch\n    strengths: {x: 1}\n"
        ),
        r"rules\.yaml:\d+: rules\[5\]: give either effect: exclude\|stretch or strengths",
    ),
    "rule with points of the old format": (
        lambda d: _break(d, "rules.yaml", "    effect: stretch\n", "    points: -15\n"),
        r"rules\.yaml:\d+: rules\[5\]\.points: rules no longer add points",
    ),
    "a quote in an id": (
        lambda d: _break(d, "forms.yaml", "- id: co_branding", "- id: 'co\"branding'"),
        r"forms\.yaml:\d+: forms\[1\]\.id: the id 'co\"branding' may hold only lowercase",
    ),
    "budget question without its role": (
        lambda d: _break(d, "questions.yaml", "    role: money\n", ""),
        r"questions\.yaml:\d+: questions: no question has role: money",
    ),
    "a means choice renamed": (
        lambda d: _break(
            d,
            "questions.yaml",
            "- {value: none, label: {nl: 'Geen budget'",
            "- {value: zero, label: {nl: 'Geen budget'",
        ),
        r"questions\.yaml:\d+: questions\[2\]\.role: the role 'money' needs a choice question "
        r"whose values are levels",
    ),
    "combination capacity that contradicts the levels": (
        lambda d: _break(
            d, "rules.yaml", "capacity: {none: 0, low: 2,", "capacity: {none: 0, low: 3,"
        ),
        r"rules\.yaml:\d+: combination\.capacity\.low: must be at least need\.low \(1\) and "
        r"below need\.medium \(3\)",
    ),
    "conflict naming an unknown form": (
        lambda d: _break(
            d, "rules.yaml", "- forms: [audit, sponsoring]", "- forms: [audit, sponsor]"
        ),
        r"rules\.yaml:\d+: combination\.conflicts\[2\]\.forms: unknown form id 'sponsor'",
    ),
    "combination without a level": (
        lambda d: _break(d, "rules.yaml", "need: {none: 0, low: 1,", "need: {low: 1,"),
        r"rules\.yaml:\d+: combination\.need: give a number for none",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_gets_one_clear_message_and_exit_2(mistake, kb_copy, cli):
    spoil, expected = MISTAKES[mistake]
    spoil(kb_copy)
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2
    assert "Traceback" not in result.err
    assert re.search(expected, result.err), result.err
    assert result.err.startswith("partneradvisor: error: the knowledge base in")


def test_every_problem_is_reported_not_just_the_first(kb_copy):
    _break(kb_copy, "forms.yaml", "strength: 3", "strength: 7")
    _break(kb_copy, "benefits.yaml", ", en: 'Credibility'}", "}")
    _break(kb_copy, "rules.yaml", "when: {audience: [business]}", "when: {audience: [tiny]}")
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(kb_copy)
    files = sorted(p.file for p in info.value.problems)
    assert files == ["benefits.yaml", "forms.yaml", "rules.yaml"]
    assert all(p.line for p in info.value.problems)


def test_a_renamed_budget_question_is_advised_exactly_as_before(kb, kb_copy):
    # the engine finds the company's money by its role, not by the id "budget"
    for name in ("questions.yaml", "rules.yaml"):
        path = kb_copy / name
        path.write_text(path.read_text().replace("id: budget", "id: money_available"))
    renamed = load_knowledge_base(kb_copy, use_cache=False)
    goals = {"credibility": 5, "critical_view": 4, "publicity": 3}
    before = advise({"goals": goals, "budget": "low", "staff_time": "medium"}, kb)
    after = advise({"goals": goals, "money_available": "low", "staff_time": "medium"}, renamed)
    assert before.recommendations == after.recommendations
    assert before.excluded == after.excluded and before.combination == after.combination
    assert any(r.tier == "stretch" for r in after.recommendations)


def test_a_missing_file_and_a_duplicate_key_are_named(kb_copy, cli):
    (kb_copy / "rules.yaml").unlink()
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2 and "rules.yaml: the file is missing" in result.err
    (kb_copy / "rules.yaml").write_text("rules: []\nrules: []\n")
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2 and "key 'rules' is given twice" in result.err


def test_a_wrong_path_or_encoding_is_named(kb_copy, tmp_path, cli):
    result = cli("kb", "validate", "--kb", str(tmp_path / "nowhere"))
    assert result.code == 2 and "nowhere: does not exist" in result.err
    result = cli("kb", "validate", "--kb", str(kb_copy / "meta.yaml"))
    assert result.code == 2 and "meta.yaml: is not a directory" in result.err
    (kb_copy / "meta.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2 and "meta.yaml: the file is not UTF-8 text" in result.err


def test_the_cache_lives_in_xdg_cache_home_and_a_read_only_one_is_harmless(
    kb_copy, tmp_path, monkeypatch
):
    monkeypatch.delenv("PARTNERADVISOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_knowledge_base(kb_copy)
    assert list((tmp_path / "xdg" / "partneradvisor").glob("kb-*.pickle"))

    read_only = tmp_path / "read-only"
    read_only.write_text("a file, so no cache directory can be made here")
    monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", str(read_only / "cache"))
    assert load_knowledge_base(kb_copy).form_ids == tuple(FORM_IDS)


def test_the_environment_variable_selects_a_users_kb(kb_copy, cli, monkeypatch):
    _break(
        kb_copy,
        "forms.yaml",
        "name: {nl: 'Audit', en: 'NGO audit'}",
        "name: {nl: 'Audit', en: 'Independent NGO audit'}",
    )
    monkeypatch.setenv("PARTNERADVISOR_KB", str(kb_copy))
    result = cli("kb", "show", "audit")
    assert result.code == 0 and "Independent NGO audit" in result.out


def test_a_changed_kb_is_not_served_from_the_cache(kb_copy):
    first = load_knowledge_base(kb_copy)
    _break(kb_copy, "meta.yaml", "version: 2026.11.1", "version: 2099.1.1")
    assert load_knowledge_base(kb_copy).meta.version == "2099.1.1" != first.meta.version


@pytest.mark.parametrize(
    ("env", "requested", "expected"),
    [
        ({"LANG": "nl_BE.UTF-8"}, None, "nl"),
        ({"LANG": "fr_BE.UTF-8"}, None, "en"),
        ({"LANG": "C"}, None, "en"),
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, None, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "en", "en"),
        ({}, None, "en"),
    ],
)
def test_language_comes_from_the_option_else_the_locale(env, requested, expected, monkeypatch):
    monkeypatch.delenv("LANG", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert resolve_lang(requested) == expected


def test_kb_show_speaks_the_locales_language(cli, monkeypatch):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    dutch = cli("kb", "show", "audit")
    assert "Eerste stappen" in dutch.out and "onwelgevallige bevindingen" in dutch.out
    english = cli("kb", "show", "audit", "--lang", "en")
    assert "First steps" in english.out and "unwelcome findings" in english.out


def test_kb_list_json_and_matrix(cli):
    listing = json.loads(cli("kb", "list", "--format", "json").out)
    assert [f["id"] for f in listing["forms"]] == FORM_IDS
    assert [b["id"] for b in listing["benefits"]] == BENEFIT_IDS
    matrix = cli("kb", "matrix", "--lang", "en")
    assert matrix.code == 0
    assert all(name in matrix.out for name in ("Credibility", "NGO audit", "Sponsorship"))


def test_unknown_id_and_bad_language_are_clean_errors(cli):
    result = cli("kb", "show", "lobbying")
    assert result.code == 2 and "no form or benefit has the id 'lobbying'" in result.err
    result = cli("kb", "list", "--lang", "fr")
    assert result.code == 2 and "nl or en" in result.err


def test_kb_balance_holds_the_packaged_knowledge_base_to_its_bounds(kb, cli):
    from partneradvisor.balance import MAX_SHARE, sweep

    result = sweep(kb)
    assert result.profiles == 16 * (14 + 91 * 3)
    firsts = {f.form: f.first for f in result.forms}
    assert all(firsts.values()), result.never_first  # every form is first somewhere
    assert max(firsts.values()) <= MAX_SHARE * result.advised
    assert sum(firsts.values()) == result.advised
    table = cli("kb", "balance", "--lang", "nl")  # the JSON form: the test below
    assert "In evenwicht" in table.out and "thematic_dialogue" in table.out


def test_kb_balance_names_a_form_that_can_never_come_first(kb_copy, cli):
    forms = kb_copy / "forms.yaml"
    # make expert partnership need more than any company has: out of reach everywhere
    text = forms.read_text()
    start = text.index("- id: expert_partnership")
    needs = text.index("needs:", start)
    end = text.index("\n", needs)
    forms.write_text(text[:needs] + "needs: {money: high, staff_time: high}" + text[end:])
    rules = kb_copy / "rules.yaml"
    rules.write_text(
        rules.read_text().replace(
            "rules:\n",
            "rules:\n  - id: never\n    forms: {ids: [expert_partnership]}\n    effect: exclude\n"
            "    reason: {nl: nooit, en: never}\n",
            1,
        )
    )
    result = cli("kb", "balance", "--kb", str(kb_copy), "-f", "json")
    data = json.loads(result.out)
    assert data["never_first"] == ["expert_partnership"] and data["balanced"] is False


def test_kb_show_says_where_each_strength_comes_from_and_the_sources(cli):
    shown = " ".join(cli("kb", "show", "audit", "--lang", "en").out.split())
    assert "follows from the source's description of the form" in shown
    assert "Geerardyn" in shown and "Business & Society" in shown
