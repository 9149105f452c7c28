"""The engine: sensible advice for cases drawn from the seed, and advice that explains itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partneradvisor import advise
from partneradvisor.engine import advisor_for
from partneradvisor.errors import AnswersError, PartnerAdvisorError
from partneradvisor.loader import load_knowledge_base
from partneradvisor.model import LEVELS
from partneradvisor.serialize import advice_to_dict

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


def test_business_audience_excludes_cause_related_marketing_with_the_reason(kb):
    advice = advise({"goals": {"consumer_loyalty": 5}, "audience": "business"}, kb)
    excluded = {e.form: e for e in advice.excluded}
    assert "cause_related_marketing" in excluded
    assert "consumers" in excluded["cause_related_marketing"].reason.en
    assert "cause_related_marketing" not in [r.form for r in advice.recommendations]


def test_no_budget_excludes_forms_that_cost_money(kb):
    advice = advise({"goals": {"publicity": 5}, "budget": "none"}, kb)
    excluded = {e.form for e in advice.excluded}
    assert {"sponsoring", "expert_partnership", "audit", "patronage"} <= excluded
    assert all(kb.form(r.form).needs.money in ("none", "low") for r in advice.recommendations)


def test_keeping_findings_private_lowers_the_audit(kb):
    goals = {"credibility": 5, "critical_view": 4}
    open_ = advise({"goals": goals, "budget": "medium", "staff_time": "medium"}, kb)
    closed = advise(
        {"goals": goals, "budget": "medium", "staff_time": "medium", "open_to_findings": "no"}, kb
    )
    score = {r.form: r.score for r in closed.recommendations}
    assert score["audit"] < {r.form: r.score for r in open_.recommendations}["audit"]
    audit = next(r for r in closed.recommendations if r.form == "audit")
    assert [a.rule for a in audit.adjustments] == ["findings-kept-private"]


def test_json_follows_the_design_format(kb):
    advice = advise({"goals": {"credibility": 5, "innovation": 3}, "budget": "low"}, kb)
    data = advice_to_dict(advice, kb, "en")
    first = data["recommendations"][0]
    assert set(first) == {"rank", "form", "score", "contributions", "adjustments"}
    assert set(first["contributions"][0]) == {"benefit", "points"}
    assert [r["rank"] for r in data["recommendations"]] == list(
        range(1, len(data["recommendations"]) + 1)
    )
    assert all(set(e) == {"form", "rule", "reason"} for e in data["excluded"])
    ranked = {r["form"] for r in data["recommendations"]} | {e["form"] for e in data["excluded"]}
    assert ranked == set(kb.form_ids)


def test_robustness_names_the_change_that_really_changes_the_winner(kb):
    answers = {
        "goals": {"credibility": 5, "critical_view": 4, "innovation": 2},
        "budget": "low",
        "staff_time": "medium",
    }
    advice = advise(answers, kb)
    rob = advice.robustness
    assert rob.winner == advice.recommendations[0].form
    assert rob.margin == pytest.approx(
        advice.recommendations[0].score - advice.recommendations[1].score
    )
    assert rob.change is not None and abs(rob.change.new - rob.change.old) >= 1
    changed = {**answers, "goals": {**answers["goals"], rob.change.goal: rob.change.new}}
    assert advise(changed, kb).recommendations[0].form == rob.change.new_winner
    # and no smaller change of any goal would have done it
    smaller = abs(rob.change.new - rob.change.old) - 1
    for goal, old in answers["goals"].items():
        for new in range(max(1, old - smaller), min(5, old + smaller) + 1):
            other = {**answers, "goals": {**answers["goals"], goal: new}}
            assert advise(other, kb).recommendations[0].form == rob.winner


def test_the_combination_fits_the_budget_and_each_member_adds_something(kb):
    answers = {
        "goals": {"credibility": 5, "critical_view": 4, "innovation": 4, "employee_loyalty": 3},
        "budget": "high",
        "staff_time": "high",
    }
    advice = advise(answers, kb)
    combo = advice.combination
    assert combo is not None and 2 <= len(combo.forms) <= 3
    need, capacity = kb.combination.need, kb.combination.capacity
    assert sum(need[kb.form(f).needs.money] for f in combo.forms) <= capacity["high"]
    delivering = {c.form for c in combo.covers if c.form}
    assert delivering == set(combo.forms)
    assert combo.coverage > combo.best_single


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


# --- properties ------------------------------------------------------------------------------

# strategies are built at import, before fixtures: read the packaged ids directly
BENEFITS = list(load_knowledge_base(DATA, use_cache=False).benefit_ids)
answers_strategy = st.fixed_dictionaries(
    {"goals": st.dictionaries(st.sampled_from(BENEFITS), st.integers(1, 5), min_size=1)},
    optional={
        "budget": st.sampled_from(LEVELS),
        "staff_time": st.sampled_from(LEVELS),
        "audience": st.sampled_from(["consumer", "business", "both"]),
        "horizon": st.sampled_from(["short", "long"]),
        "open_to_findings": st.sampled_from(["yes", "no"]),
    },
)


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_scores_stay_in_range_and_equal_the_sum_of_their_points(kb, answers):
    advice = advise(answers, kb)
    assert len(advice.recommendations) + len(advice.excluded) == len(kb.forms)
    previous = 100.0
    for r in advice.recommendations:
        assert 0 <= r.score <= 100
        parts = sum(c.points for c in r.contributions) + sum(a.points for a in r.adjustments)
        assert round(parts, 2) == r.score
        assert r.score <= previous  # ranked by score
        previous = r.score


@settings(max_examples=100, deadline=None)
@given(answers_strategy)
def test_same_input_same_output_byte_for_byte(kb, answers):
    first = json.dumps(advice_to_dict(advise(answers, kb), kb, "en"))
    again = json.dumps(advice_to_dict(advise(json.loads(json.dumps(answers)), kb), kb, "en"))
    assert first == again


@settings(max_examples=300, deadline=None)
@given(answers_strategy, st.data())
def test_raising_a_goal_never_lowers_the_form_that_delivers_it_most(kb, answers, data):
    goal = data.draw(st.sampled_from(sorted(answers["goals"])))
    if answers["goals"][goal] == 5:
        return
    before = advise(answers, kb)
    ranked = [r.form for r in before.recommendations]
    if not ranked:
        return
    best = max(ranked, key=lambda f: (kb.form(f).strength(goal), -ranked.index(f)))
    raised = {**answers, "goals": {**answers["goals"], goal: answers["goals"][goal] + 1}}
    after = [r.form for r in advise(raised, kb).recommendations]
    assert after.index(best) <= ranked.index(best)


@pytest.fixture(scope="module")
def advisors(advisor, tmp_path_factory):
    """The packaged KB, whose rules read no goal (batch's cached path), and a copy where a
    rule reads a goal (the general path)."""
    copy = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    rules = copy / "rules.yaml"
    rules.write_text(
        rules.read_text().replace(
            "when: {budget: [none]}\n    forms: {money: [low]}",
            "when: {budget: [none], goal.publicity: {max: 3}}\n    forms: {money: [low]}",
        )
    )
    reading_a_goal = advisor_for(load_knowledge_base(copy, use_cache=False))
    assert advisor._goal_free_rules and not reading_a_goal._goal_free_rules
    return advisor, reading_a_goal


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_the_batch_fast_path_ranks_exactly_as_the_full_advice(advisors, answers):
    for advisor in advisors:
        parsed = advisor.parse(answers)
        full = advisor.advise(parsed, explain=False)
        ranked, excluded = advisor.brief(parsed)
        ids = advisor.form_ids
        assert [(ids[i], cents / 100) for i, cents in ranked] == [
            (r.form, r.score) for r in full.recommendations
        ]
        assert [(ids[i], rule.id) for i, rule in excluded] == [
            (e.form, e.rule) for e in full.excluded
        ]


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from([*BENEFITS, "goals", "budget", "company", "x"]), inner, max_size=5
            )
        ),
        max_leaves=12,
    )
)
def test_any_document_gives_advice_or_a_clean_error(kb, document):
    try:
        advice = advise(document, kb)
    except PartnerAdvisorError as exc:
        assert str(exc) and "\n" not in str(exc)  # one sentence for the user
    else:
        assert len(advice.recommendations) + len(advice.excluded) == len(kb.forms)
