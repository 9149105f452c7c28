"""The engine: sensible advice for cases drawn from the seed, and advice that explains itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from partneradvisor import advise
from partneradvisor.errors import AnswersError
from partneradvisor.kb.loader import load_knowledge_base
from partneradvisor.render.advice_json import advice_to_dict

DATA = Path(__file__).resolve().parent.parent / "data"

# (goals, constraints, forms expected in the top 3, form expected first or None)
CASES = {
    "policy validated and a critical outside view": (
        {"credibility": 5, "critical_view": 5},
        {"budget": "medium", "staff_time": "medium"},
        {"audit"},
        "audit",
    ),
    "motivated staff and an attractive employer": (
        {"employee_loyalty": 5, "employer_attractiveness": 4},
        {"budget": "low", "staff_time": "high"},
        {"employee_volunteering"},
        "employee_volunteering",
    ),
    "visibility with a large budget": (
        {"publicity": 5, "brand_awareness": 5},
        {"budget": "high", "audience": "consumer"},
        {"sponsoring"},
        "sponsoring",
    ),
    "better processes through shared expertise": (
        {"innovation": 5, "chain_quality": 5, "cost_savings": 3},
        {"budget": "high", "staff_time": "high"},
        {"expert_partnership"},
        "expert_partnership",
    ),
    "a critical view and inspiration without money": (
        {"critical_view": 5, "inspiration": 4},
        {"budget": "none", "staff_time": "low"},
        {"thematic_dialogue"},
        "thematic_dialogue",
    ),
    "loyal consumers for a consumer brand": (
        {"consumer_loyalty": 5, "brand_awareness": 3},
        {"budget": "medium", "audience": "consumer"},
        {"cause_related_marketing", "co_branding"},
        None,
    ),
    "a responsible supply chain": (
        {"chain_quality": 5, "credibility": 3},
        {"budget": "medium", "staff_time": "medium"},
        {"responsible_practices", "audit"},
        None,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_advice_a_csr_practitioner_finds_sensible(case, kb):
    goals, constraints, in_top3, first = CASES[case]
    advice = advise({"goals": goals, **constraints}, kb)
    top3 = {r.form for r in advice.recommendations[:3]}
    assert in_top3 <= top3, [r.form for r in advice.recommendations]
    if first:
        assert advice.recommendations[0].form == first


def _form(advice, form_id):
    return next((r for r in advice.recommendations if r.form == form_id), None)


def test_a_first_place_always_serves_a_goal(kb):
    # issue 11: Thematic dialogue came first at 0 % for an employer-attractiveness goal
    advice = advise(
        {
            "goals": {"employer_attractiveness": 4},
            "budget": "low",
            "staff_time": "low",
            "audience": "business",
        },
        kb,
    )
    first = advice.recommendations[0]
    assert first.form == "employee_volunteering" and first.score == 100
    assert all(r.score > 0 for r in advice.recommendations)
    assert "thematic_dialogue" in {f.form for f in advice.not_serving}
    # a café without a budget: the first place delivers its goals, within its means
    cafe = advise(
        {
            "goals": {"consumer_loyalty": 2, "publicity": 3},
            "budget": "none",
            "staff_time": "low",
            "audience": "consumer",
        },
        kb,
    )
    first = cafe.recommendations[0]
    assert first.tier == "fits" and first.score > 0
    assert kb.form(first.form).needs.money == "none"


def test_how_high_the_goals_are_rated_does_not_decide_the_winner(kb):
    low = {"goals": {"credibility": 1, "critical_view": 1}, "budget": "low", "staff_time": "medium"}
    high = {**low, "goals": {"credibility": 5, "critical_view": 5}}
    a, b = advise(low, kb), advise(high, kb)
    assert [(r.form, r.score, r.tier) for r in a.recommendations] == [
        (r.form, r.score, r.tier) for r in b.recommendations
    ]


def test_stretch_forms_come_after_every_form_that_fits_and_say_what_they_need(kb):
    advice = advise(
        {"goals": {"credibility": 5, "critical_view": 5}, "budget": "low", "staff_time": "medium"},
        kb,
    )
    tiers = [r.tier for r in advice.recommendations]
    assert tiers == sorted(tiers, key=["fits", "stretch"].index)
    audit = _form(advice, "audit")
    assert audit.tier == "stretch" and audit.score == 100
    assert [o.rule for o in audit.obstacles] == ["needs.money"]
    assert (audit.obstacles[0].need, audit.obstacles[0].have) == ("medium", "low")


def test_findings_kept_private_lower_the_audits_credibility_not_its_critical_view(kb):
    goals = {"credibility": 5, "critical_view": 4}
    means = {"budget": "medium", "staff_time": "medium"}
    closed = advise({"goals": goals, **means, "open_to_findings": "no"}, kb)
    opened = advise({"goals": goals, **means}, kb)
    audit = _form(closed, "audit")
    strengths = {c.benefit: c.strength for c in audit.contributions}
    assert strengths == {"credibility": 1, "critical_view": 3}
    assert [(c.rule, c.benefit, c.old, c.new) for c in audit.changes] == [
        ("findings-kept-private", "credibility", 3, 1),
        ("findings-kept-private", "competitive_advantage", 2, 0),
        ("findings-kept-private", "reputation", 2, 1),
        ("findings-kept-private", "consumer_loyalty", 1, 0),
    ]
    assert audit.score < _form(opened, "audit").score
    assert _form(opened, "audit").changes == ()


def test_small_firms_can_sponsor_volunteer_and_give_in_kind(kb):
    small = {"budget": "low", "staff_time": "low", "audience": "consumer"}
    assert _form(advise({"goals": {"publicity": 5}, **small}, kb), "sponsoring").tier == "fits"
    volunteering = _form(
        advise({"goals": {"employee_loyalty": 5}, **small}, kb), "employee_volunteering"
    )
    assert volunteering.tier == "fits"
    bakery = {"goals": {"stakeholder_goodwill": 5}, "budget": "none", "staff_time": "none"}
    assert _form(advise(bakery, kb), "patronage").tier == "stretch"
    assert _form(advise({**bakery, "in_kind": "yes"}, kb), "patronage").tier == "fits"


def test_a_first_partnership_makes_integrative_forms_a_stretch_with_a_first_step(kb):
    answers = {
        "goals": {"innovation": 5, "chain_quality": 4},
        "budget": "high",
        "staff_time": "high",
    }
    seasoned = advise({**answers, "ngo_experience": "long_standing"}, kb)
    first_time = advise({**answers, "ngo_experience": "none"}, kb)
    assert _form(seasoned, "expert_partnership").tier == "fits"
    expert = _form(first_time, "expert_partnership")
    assert expert.tier == "stretch"
    assert "transactional" in expert.obstacles[0].reason.en
    assert first_time.recommendations[0].tier == "fits"


def test_public_criticism_takes_credibility_from_visible_campaigns_only(kb):
    answers = {
        "goals": {"credibility": 5, "reputation": 3},
        "budget": "medium",
        "staff_time": "medium",
    }
    criticised = advise({**answers, "public_criticism": "yes"}, kb)
    for form in ("cause_related_marketing", "co_branding", "sponsoring", "public_awareness"):
        entry = _form(criticised, form)
        if entry is not None:
            assert all(c.strength == 0 for c in entry.contributions if c.benefit == "credibility")
    calm = advise(answers, kb)
    assert _form(criticised, "audit").score == _form(calm, "audit").score


def test_a_business_audience_lowers_the_consumer_benefits_of_consumer_campaigns(kb):
    advice = advise({"goals": {"consumer_loyalty": 5, "reputation": 2}, "audience": "business"}, kb)
    shared = _form(advice, "co_branding")
    assert {c.benefit: c.strength for c in shared.contributions}["consumer_loyalty"] == 1
    assert "consumers" in shared.changes[0].reason.en


def test_ties_are_reported_as_ties(kb):
    advice = advise(
        {
            "goals": {"consumer_loyalty": 5},
            "budget": "medium",
            "staff_time": "low",
            "audience": "consumer",
        },
        kb,
    )
    tied = [r for r in advice.recommendations if r.tied_with]
    assert tied, "this profile has forms of equal fit"
    for r in tied:
        for other in r.tied_with:
            assert (
                _form(advice, other).score == r.score and r.form in _form(advice, other).tied_with
            )


def test_one_goal_gets_no_sentence_about_changing_its_importance(kb):
    advice = advise({"goals": {"publicity": 5}, "budget": "high"}, kb)
    assert advice.robustness.single_goal and advice.robustness.change is None


def test_nothing_fits_names_what_would_change_it(kb):
    advice = advise(
        {"goals": {"innovation": 5, "chain_quality": 5}, "budget": "none", "staff_time": "none"}, kb
    )
    assert advice.nothing_fits
    alternative = advice.alternative
    assert alternative is not None and alternative.score >= kb.fit_floor
    assert {o.rule for o in alternative.obstacles} & {"needs.money", "needs.staff_time"}
    assert advice.combination is None


def test_the_combination_starts_from_the_first_place_and_adds_only_what_helps(kb):
    # issue 11: Sponsorship alone covers 100 %: no combination "beats" it
    alone = advise(
        {
            "goals": {"brand_awareness": 5, "publicity": 4},
            "budget": "high",
            "staff_time": "low",
            "audience": "consumer",
        },
        kb,
    )
    assert alone.recommendations[0].form == "sponsoring" and alone.combination is None
    # findings kept private, little staff time: never an audit it cannot staff or publish
    mixed = advise(
        {
            "goals": {"credibility": 5, "consumer_loyalty": 4, "employee_loyalty": 4},
            "budget": "medium",
            "staff_time": "low",
            "audience": "consumer",
            "open_to_findings": "no",
        },
        kb,
    )
    combo = mixed.combination
    assert combo is not None and combo.forms[0] == mixed.recommendations[0].form
    assert combo.best_single == mixed.recommendations[0].score
    assert "audit" not in combo.forms
    assert all(_form(mixed, f).tier == "fits" for f in combo.forms)
    assert combo.coverage >= combo.best_single + kb.combination.min_gain


def test_the_combination_respects_staff_time_jointly(kb):
    # two forms that each fit a small staff time alone do not fit it together
    # when their summed need is above the capacity
    need, capacity = kb.combination.need, kb.combination.capacity
    assert need["low"] * 3 > capacity["low"] >= need["low"]
    answers = {
        "goals": {
            "employee_loyalty": 5,
            "stakeholder_goodwill": 5,
            "inspiration": 5,
            "publicity": 5,
        },
        "budget": "high",
        "staff_time": "low",
    }
    combo = advise(answers, kb).combination
    assert combo is not None
    staff = sum(need[kb.form(f).needs.staff_time] for f in combo.forms)
    assert staff <= capacity["low"]


def test_a_pair_that_should_not_share_one_ngo_is_warned_about(kb):
    conflicts = {frozenset(c.forms) for c in kb.combination.conflicts}
    assert frozenset({"audit", "responsible_practices"}) in conflicts
    for goals in (
        {"credibility": 5, "critical_view": 2, "competitive_advantage": 5},
        {"credibility": 5, "competitive_advantage": 4, "chain_quality": 3},
        {"critical_view": 5, "competitive_advantage": 5, "credibility": 4},
    ):
        advice = advise({"goals": goals, "budget": "high", "staff_time": "high"}, kb)
        combo = advice.combination
        if combo and {"audit", "responsible_practices"} <= set(combo.forms):
            assert combo.warnings and "audit" in combo.warnings[0].forms
            return
    pytest.fail("no profile combined the audit with responsible practices")


def test_json_follows_the_design_format(kb):
    advice = advise({"goals": {"credibility": 5, "innovation": 3}, "budget": "low"}, kb)
    data = advice_to_dict(advice, kb, "en")
    first = data["recommendations"][0]
    assert {"rank", "form", "score", "tier", "tied_with", "contributions", "changes"} <= set(first)
    assert set(first["contributions"][0]) == {"benefit", "importance", "strength", "points"}
    assert [r["rank"] for r in data["recommendations"]] == list(
        range(1, len(data["recommendations"]) + 1)
    )
    assert all({"form", "rule", "reason"} <= set(e) for e in data["excluded"])
    listed = (
        [r["form"] for r in data["recommendations"]]
        + [e["form"] for e in data["excluded"]]
        + [e["form"] for e in data["not_serving"]]
    )
    assert sorted(listed) == sorted(kb.form_ids)


def test_robustness_names_the_change_that_really_changes_the_winner(kb):
    answers = {
        "goals": {"credibility": 5, "critical_view": 4, "innovation": 2},
        "budget": "medium",
        "staff_time": "medium",
    }
    advice = advise(answers, kb)
    rob = advice.robustness
    assert rob.winner == advice.recommendations[0].form
    assert rob.change is not None
    changed = {**answers, "goals": {**answers["goals"], rob.change.goal: rob.change.new}}
    assert advise(changed, kb).recommendations[0].form == rob.change.new_winner
    smaller = abs(rob.change.new - rob.change.old) - 1
    for goal, old in answers["goals"].items():
        for new in range(max(1, old - smaller), min(5, old + smaller) + 1):
            other = {**answers, "goals": {**answers["goals"], goal: new}}
            assert advise(other, kb).recommendations[0].form == rob.winner


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"goals": {"credibility": 7}}, "importance of goal 'credibility' must be a whole number"),
        ({"goals": {"fame": 3}}, "unknown goal 'fame'"),
        ({"goals": {}}, "'goals' is empty"),
        ({"budget": "low"}, "'goals' is missing"),
        ({"goals": {"credibility": 3}, "budget": "huge"}, "'budget' must be one of none, low"),
        ({"goals": {"credibility": 3}, "colour": "red"}, "unknown key 'colour'"),
        ({"goals": {"credibility": True}}, "must be a whole number"),
        (["credibility"], "must be a mapping"),
    ],
)
def test_bad_answers_name_the_key_and_what_is_allowed(document, message, kb):
    with pytest.raises(AnswersError, match=message):
        advise(document, kb)


def test_missing_constraints_take_the_documented_defaults(kb):
    advice = advise({"goals": {"credibility": 3}}, kb)
    values = advice.answers.values
    assert (values["budget"], values["staff_time"], values["audience"]) == ("low", "low", "both")


def test_a_rule_that_reads_a_goal_is_worked_out_for_each_goal_change(kb_copy):
    rules = kb_copy / "rules.yaml"
    rules.write_text(
        rules.read_text().replace(
            "rules:\n",
            "rules:\n  - id: loud-campaign\n    when: {goal.publicity: {min: 4}}\n"
            "    forms: {ids: [sponsoring]}\n    strengths: {publicity: 1}\n"
            "    reason: {nl: te luid, en: too loud}\n",
            1,
        )
    )
    custom = load_knowledge_base(kb_copy, use_cache=False)
    answers = {"goals": {"publicity": 3, "stakeholder_goodwill": 3}, "budget": "medium"}
    advice = advise(answers, custom)
    rob = advice.robustness
    assert rob.change is not None
    changed = {"goals": {**answers["goals"], rob.change.goal: rob.change.new}, "budget": "medium"}
    assert advise(changed, custom).recommendations[0].form == rob.change.new_winner
    loud = advise({**answers, "goals": {"publicity": 5}}, custom)
    sponsoring = _form(loud, "sponsoring")
    assert [c.rule for c in sponsoring.changes] == ["loud-campaign"]


def test_a_company_short_of_both_money_and_staff_time_finds_the_form_out_of_reach(kb):
    advice = advise({"goals": {"inspiration": 5}, "budget": "low", "staff_time": "low"}, kb)
    out = {e.form: e for e in advice.excluded}
    assert kb.form("responsible_practices").needs.money == "medium"
    assert {o.rule for o in out["responsible_practices"].obstacles} == {
        "needs.money",
        "needs.staff_time",
    }


def test_volunteering_needs_staff_time_not_cash(kb):
    advice = advise(
        {
            "goals": {"employee_loyalty": 5, "employer_attractiveness": 3},
            "budget": "none",
            "staff_time": "medium",
        },
        kb,
    )
    assert advice.recommendations[0].form == "employee_volunteering"
    assert advice.recommendations[0].tier == "fits"


def test_a_first_partnership_combines_two_forms_at_most_and_says_why(kb):
    answers = {
        "goals": {"credibility": 4, "brand_awareness": 4, "employee_loyalty": 3},
        "budget": "high",
        "staff_time": "medium",
    }
    seasoned = advise(answers, kb).combination
    first_time = advise({**answers, "ngo_experience": "none"}, kb).combination
    assert seasoned is not None and len(seasoned.forms) == 3 and seasoned.limit is None
    assert first_time is not None and len(first_time.forms) == 2
    assert "first partnership" in first_time.limit.en


def test_a_tie_is_not_reported_as_a_new_first_place(kb):
    answers = {
        "goals": {"critical_view": 3, "credibility": 2, "employer_attractiveness": 2},
        "budget": "medium",
        "staff_time": "high",
        "audience": "both",
    }
    rob = advise(answers, kb).robustness
    if rob.change is not None:
        goals = {**answers["goals"], rob.change.goal: rob.change.new}
        first = advise({**answers, "goals": goals}, kb).recommendations[0]
        assert first.form == rob.change.new_winner and rob.winner not in first.tied_with
