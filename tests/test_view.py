"""What the terminal shows: `recommend` without --format, and `explain FORM`."""

from __future__ import annotations

import re

import yaml

from partneradvisor import advise
from partneradvisor.render.phrases import headline, obstacle_reason

ANSWERS = {
    "company": "Bakkerij Peeters",
    "goals": {"credibility": 5, "critical_view": 4, "innovation": 2},
    "budget": "low",
    "staff_time": "low",
    "audience": "business",
}


def _answers_file(tmp_path, answers=ANSWERS):
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True))
    return str(path)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_recommend_shows_ranking_exclusions_details_and_safety(kb, tmp_path, cli):
    result = cli("recommend", "-a", _answers_file(tmp_path), "--lang", "en")
    assert result.code == 0, result.err
    advice = advise(ANSWERS, kb)
    out = result.out
    assert "Advice for Bakkerij Peeters" in out
    assert " ".join(headline(advice, kb, "en")) in " ".join(out.split())

    # the ranking: every ranked form once, in rank order, with its fit in whole percent
    rows = [re.match(r"\s*(\d+)\s+(.+?)\s{2,}(\d+)%\s", line) for line in _ranking_rows(out)]
    assert [(int(m[1]), int(m[3])) for m in rows] == [
        (r.rank, round(r.score)) for r in advice.recommendations
    ]
    stretch = [r for r in advice.recommendations if r.tier == "stretch"]
    assert stretch and all(f"{kb.form(r.form).name.en} (stretch" in out for r in stretch)

    # every excluded form is named with what keeps it out of reach
    assert advice.excluded
    flat = " ".join(out.split())
    for excluded in advice.excluded:
        name = kb.form(excluded.form).name.en
        reason = obstacle_reason(excluded.obstacles[0], kb, "en")
        assert f"✗ {name}: {reason}" in flat
    for apart in advice.not_serving:
        assert kb.form(apart.form).name.en in flat

    # the first three get a panel with why, cautions and first steps
    for item in advice.recommendations[:3]:
        assert f"{item.rank}. {kb.form(item.form).name.en}" in out
    shown = min(3, len(advice.recommendations))
    assert shown >= 2 and out.count("First steps") == out.count("Cautions") == shown
    assert "How safe is the first place?" in out


def _ranking_rows(out: str) -> list[str]:
    return [line for line in _lines(out) if re.match(r"\s*\d+\s+\S.*\d+%\s+[█░]+$", line)]


def test_recommend_top_limits_the_ranking_and_the_panels(kb, tmp_path, cli):
    result = cli("recommend", "-a", _answers_file(tmp_path), "--lang", "en", "--top", "1")
    first = advise(ANSWERS, kb).recommendations[0]
    assert result.code == 0
    assert len(_ranking_rows(result.out)) == 1
    assert f"1. {kb.form(first.form).name.en}" in result.out
    assert result.out.count("First steps") == 1


def test_explain_shows_each_goals_points_the_situation_and_the_gap(kb, tmp_path, cli):
    answers = {
        **ANSWERS,
        "budget": "medium",
        "staff_time": "medium",
        "audience": "consumer",
        "open_to_findings": "no",
    }
    advice = advise(answers, kb)
    audit = next(r for r in advice.recommendations if r.form == "audit")
    assert audit.rank > 1 and audit.changes
    path = _answers_file(tmp_path, answers)
    result = cli("explain", "audit", "-a", path, "--lang", "en")
    assert result.code == 0, result.err
    out = result.out
    flat = " ".join(out.split())
    for contribution in audit.contributions:
        name = kb.benefit(contribution.benefit).name.en.split()[0]
        points = f"{contribution.points:.2f}"
        assert re.search(rf"{name}.*\s{contribution.strength}/3\s+{points}\s", out), name
    # what the situation changes, in plain words, without rule ids
    assert "Credibility 1/3 instead of 3/3: If the findings stay private" in flat
    assert "findings-kept-private" not in out
    assert "Feasibility: fits your means" in out
    assert f"Total: {audit.score:.2f}% (#{audit.rank})" in out
    winner = advice.recommendations[0]
    gap = f"{winner.score - audit.score:.2f}"
    assert f"{gap} percentage points below the first place ({kb.form(winner.form).name.en})" in out


def test_explain_says_why_an_excluded_form_is_out(kb, tmp_path, cli):
    advice = advise(ANSWERS, kb)
    excluded = advice.excluded[0]
    result = cli("explain", excluded.form, "-a", _answers_file(tmp_path), "--lang", "en")
    assert result.code == 0
    assert "Feasibility: out of reach" in result.out
    assert obstacle_reason(excluded.obstacles[0], kb, "en") in " ".join(result.out.split())


def test_the_view_speaks_dutch_with_decimal_commas(kb, tmp_path, cli):
    result = cli("recommend", "-a", _answers_file(tmp_path), "--lang", "nl")
    assert result.code == 0
    assert "Advies voor Bakkerij Peeters" in result.out and "Eerste stappen" in result.out
    assert re.search(r"\d+%", result.out)
    explained = cli("explain", "thematic_dialogue", "-a", _answers_file(tmp_path), "--lang", "nl")
    assert re.search(r"\d,\d\d", explained.out)
    assert not re.search(r"\d\.\d", explained.out)  # no decimal point in Dutch numbers


def test_explain_judges_a_form_that_serves_no_goal_as_recommend_does(cli):
    result = cli(
        "explain",
        "employee_volunteering",
        "-g",
        "publicity=2",
        "--budget",
        "none",
        "--staff-time",
        "none",
        "--lang",
        "en",
    )
    assert result.code == 0, result.err
    flat = " ".join(result.out.split())
    assert "Feasibility: stretch" in flat and "Needs more staff time" in flat
    assert "Serves none of your goals." in result.out


def test_explain_says_a_stretch_is_ranked_after_for_its_reach_not_its_fit(cli):
    result = cli(
        "explain",
        "sponsoring",
        "-g",
        "consumer_loyalty=2",
        "-g",
        "publicity=3",
        "--budget",
        "none",
        "--staff-time",
        "low",
        "--audience",
        "consumer",
        "--lang",
        "en",
    )
    flat = " ".join(result.out.split())
    assert "Feasibility: stretch" in flat and "Or give in kind" in flat
    assert "Ranked after Fundraising because it is a stretch; its fit is" in flat
    assert "points higher" in flat and "below the first place" not in flat


def test_explain_names_rule_ids_only_when_asked(cli):
    args = ("explain", "audit", "-g", "credibility=5", "--set", "open_to_findings=no")
    plain = cli(*args, "--budget", "medium", "--staff-time", "low", "--lang", "en").out
    verbose = cli(*args, "--budget", "medium", "--staff-time", "low", "--verbose").out
    assert "findings-kept-private" not in plain and "needs.staff_time" not in plain
    assert "[findings-kept-private]" in verbose and "[needs.staff_time]" in verbose
