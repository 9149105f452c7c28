"""Properties of the advice model that hold for any answers (hypothesis)."""

from __future__ import annotations

import json

import pytest
from helpers import packaged_kb
from hypothesis import given
from hypothesis import strategies as st

from partneradvisor import advise
from partneradvisor.answers import Answers
from partneradvisor.engine import Advisor
from partneradvisor.errors import PartnerAdvisorError
from partneradvisor.render.advice_json import advice_to_dict

# strategies are built at import, before fixtures: the packaged questions, read directly
_KB = packaged_kb()
BENEFITS = list(_KB.benefit_ids)
CHOICES = {q.id: st.sampled_from(q.values) for q in _KB.questions if q.kind == "choice"}
answers_strategy = st.fixed_dictionaries(
    {"goals": st.dictionaries(st.sampled_from(BENEFITS), st.integers(1, 5), min_size=1)},
    optional=CHOICES,
)


def _exact(r):
    """A form's fit as the exact sum of importance x strength (its contributions say which)."""
    return sum(c.importance * c.strength for c in r.contributions)


@given(answers_strategy)
def test_scores_add_up_and_every_form_is_accounted_for(kb, answers):
    advice = advise(answers, kb)
    listed = (
        [r.form for r in advice.recommendations]
        + [e.form for e in advice.excluded]
        + [f.form for f in advice.not_serving]
    )
    assert sorted(listed) == sorted(kb.form_ids)
    for r in advice.recommendations:
        assert 0 < r.score <= 100
        assert round(sum(c.points for c in r.contributions), 2) == r.score
        assert all(c.points == 0 or c.strength > 0 for c in r.contributions)


@given(answers_strategy, st.integers(2, 5))
def test_scaling_every_importance_by_the_same_factor_changes_nothing(kb, answers, factor):
    goals = answers["goals"]
    if max(goals.values()) * factor > 5:  # keep the scaled importances within 1..5
        goals = {b: 1 for b in goals}
        answers = {**answers, "goals": goals}
    scaled = {**answers, "goals": {b: v * factor for b, v in goals.items()}}
    a, b = advise(answers, kb), advise(scaled, kb)

    def shape(advice):
        data = advice_to_dict(advice, kb, "en")
        for r in data["recommendations"]:
            for c in r["contributions"]:
                c.pop("importance")
        data.pop("robustness")
        return data

    assert shape(a) == shape(b)


@given(answers_strategy, st.data())
def test_raising_a_goal_never_puts_a_weaker_form_above_a_stronger_one_in_a_tier(kb, answers, data):
    goal = data.draw(st.sampled_from(sorted(answers["goals"])))
    if answers["goals"][goal] == 5:
        return
    before = advise(answers, kb)
    raised = {**answers, "goals": {**answers["goals"], goal: answers["goals"][goal] + 1}}
    after = advise(raised, kb)
    rank = {r.form: r.rank for r in after.recommendations}
    strength = {
        r.form: next(c.strength for c in r.contributions if c.benefit == goal)
        for r in before.recommendations
    }
    ranked = before.recommendations
    for i, upper in enumerate(ranked):
        for lower in ranked[i + 1 :]:
            if upper.tier == lower.tier and strength[upper.form] >= strength[lower.form]:
                assert rank[upper.form] < rank[lower.form]


@given(answers_strategy)
def test_the_first_place_serves_a_goal_or_the_advice_says_nothing_fits(kb, answers):
    advice = advise(answers, kb)
    if not advice.nothing_fits:
        first = advice.recommendations[0]
        assert first.tier == "fits" and first.score >= kb.fit_floor
        assert any(c.strength > 0 for c in first.contributions)
    tiers = [r.tier for r in advice.recommendations]
    assert tiers == sorted(tiers, key=["fits", "stretch"].index)
    for r in advice.recommendations:  # a stretch is one step: one level short, or one rule
        steps = [o for o in r.obstacles]
        assert len(steps) == (r.tier == "stretch")
        if steps and steps[0].need:
            levels = ["none", "low", "medium", "high"]
            assert levels.index(steps[0].need) - levels.index(steps[0].have) == 1


@given(answers_strategy)
def test_the_combination_builds_on_the_first_place_within_the_means(kb, answers):
    advice = advise(answers, kb)
    combo = advice.combination
    if combo is None:
        return
    by_form = {r.form: r for r in advice.recommendations}
    first = advice.recommendations[0]
    assert combo.forms[0] == first.form and combo.best_single == first.score
    assert all(by_form[f].tier == "fits" for f in combo.forms)
    assert combo.coverage >= combo.best_single + kb.combination.min_gain - 0.01
    if advice.answers.values.get("ngo_experience") == "none":
        assert len(combo.forms) <= 2
    values = advice.answers.values
    need, capacity = kb.combination.need, kb.combination.capacity
    for means in ("money", "staff_time"):
        question = kb.role(means)
        used = 0
        for f in combo.forms:
            needs = kb.form(f).needs
            level = needs.of(means)
            if means == "money" and needs.in_kind and values.get("in_kind") == "yes":
                level = "none"
            used += need[level]
        assert used <= capacity[values[question.id]]


@given(answers_strategy)
def test_robustness_is_true_and_ties_are_ties(kb, answers):
    advice = advise(answers, kb)
    rob = advice.robustness
    ranked = advice.recommendations
    if rob is None:
        assert not ranked
        return
    assert rob.winner == ranked[0].form
    if len(advice.answers.goals) == 1:
        assert rob.single_goal and rob.change is None
    if rob.change is not None:
        goals = {**advice.answers.goals, rob.change.goal: rob.change.new}
        changed = advise({**answers, "goals": goals}, kb)
        assert changed.recommendations[0].form == rob.change.new_winner != rob.winner
        assert rob.winner not in changed.recommendations[0].tied_with  # ahead, not level
        assert any(c.strength for c in changed.recommendations[0].contributions)
    for i, r in enumerate(ranked):
        same = {
            o.form for o in ranked if o is not r and o.tier == r.tier and _exact(o) == _exact(r)
        }
        assert set(r.tied_with) == same
        if i == 0:
            assert set(rob.tied_with) == same
            if same:
                assert rob.margin == 0


@given(answers_strategy)
def test_same_input_same_output_byte_for_byte(kb, answers):
    first = json.dumps(advice_to_dict(advise(answers, kb), kb, "en"))
    again = json.dumps(advice_to_dict(advise(json.loads(json.dumps(answers)), kb), kb, "en"))
    assert first == again


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
        advise(document, kb)
    except PartnerAdvisorError as exc:
        assert str(exc) and "\n" not in str(exc)  # one sentence for the user


@given(answers_strategy)
def test_the_ranking_is_by_tier_then_fit_then_the_seeds_order(kb, answers):
    advice = advise(answers, kb)
    seed_order = list(kb.form_ids)
    tiers = ["fits", "stretch"]
    places = [
        (tiers.index(r.tier), -_exact(r), seed_order.index(r.form)) for r in advice.recommendations
    ]
    assert places == sorted(places)
    assert all(_exact(r) > 0 for r in advice.recommendations)


@given(answers_strategy)
def test_a_knowledge_base_with_many_goals_adds_them_up_in_wider_lanes_alike(kb, answers):
    # more benefits than fit a byte's lane (18 or more on the scale 1..5 x 0..3) get two
    # bytes a form: the same knowledge base forced to two bytes must score alike
    narrow, wide = Advisor(kb), Advisor(kb)
    wide._lane_bytes, wide._lane_format = 2, "H"
    parsed = narrow.parse(answers)
    assert wide.scores(parsed)[1:] == narrow.scores(parsed)[1:]


def test_answers_beyond_the_importance_scale_are_refused_not_misranked(kb):
    advisor = Advisor(kb)
    parsed = advisor.parse({"goals": {"credibility": 5}})
    beyond = Answers({b: 1000 for b in kb.benefit_ids}, parsed.values)
    with pytest.raises(ValueError, match="beyond"):
        advisor.scores(beyond)
