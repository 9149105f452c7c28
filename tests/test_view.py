"""What the terminal shows: `recommend` without --format, and `explain FORM`."""

from __future__ import annotations

import re

import yaml

from partneradvisor import advise

ANSWERS = {
    "company": "Bakkerij Peeters",
    "goals": {"credibility": 5, "critical_view": 4, "innovation": 2},
    "budget": "none",
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

    # the ranking: every ranked form once, in rank order, with its score
    rows = [re.match(r"\s*(\d+)\s+(.+?)\s{2,}(\d+\.\d\d)\s", line) for line in _ranking_rows(out)]
    assert [(int(m[1]), m[3]) for m in rows] == [
        (r.rank, f"{r.score:.2f}") for r in advice.recommendations
    ]

    # every excluded form is named with the rule's reason
    assert advice.excluded
    for excluded in advice.excluded:
        name = kb.form(excluded.form).name.en
        reason = excluded.reason.en
        assert re.search(rf"✗ {re.escape(name)}: {re.escape(reason[:30])}", out)

    # the first three get a panel with why, cautions and first steps
    for item in advice.recommendations[:3]:
        assert f"{item.rank}. {kb.form(item.form).name.en} — {item.score:.2f}" in out
    assert out.count("First steps") == 3 and out.count("Cautions") == 3
    assert "How safe is the first place?" in out


def _ranking_rows(out: str) -> list[str]:
    return [line for line in _lines(out) if re.match(r"\s*\d+\s+\S.*\d+\.\d\d\s+[█░]+$", line)]


def test_recommend_top_limits_the_ranking_and_the_panels(kb, tmp_path, cli):
    result = cli("recommend", "-a", _answers_file(tmp_path), "--lang", "en", "--top", "1")
    first = advise(ANSWERS, kb).recommendations[0]
    assert result.code == 0
    assert len(_ranking_rows(result.out)) == 1
    assert f"1. {kb.form(first.form).name.en}" in result.out
    assert result.out.count("First steps") == 1


def test_explain_shows_each_goals_points_every_rule_and_the_gap(kb, tmp_path, cli):
    # with a budget and time, thematic dialogue is ranked behind the audit
    answers = {**ANSWERS, "budget": "medium", "staff_time": "medium", "audience": "consumer"}
    advice = advise(answers, kb)
    ranked = next(r for r in advice.recommendations if r.form == "thematic_dialogue")
    assert ranked.rank > 1 and ranked.contributions
    path = _answers_file(tmp_path, answers)
    result = cli("explain", "thematic_dialogue", "-a", path, "--lang", "en")
    assert result.code == 0, result.err
    out = result.out
    for contribution in ranked.contributions:
        name = kb.benefit(contribution.benefit).name.en.split()[0]
        assert re.search(rf"{name}.*\s{contribution.points:g}\s", out), name
    # every rule that touches this form is listed, whether it applied or not
    touching = [r.id for r in kb.rules if r.forms.matches(kb.form("thematic_dialogue"))]
    assert touching and all(f" {rule_id}: " in out for rule_id in touching)
    assert f"Total: {ranked.score:g} (#{ranked.rank})" in out
    winner = advice.recommendations[0]
    gap = f"{winner.score - ranked.score:.2f}"
    assert f"{gap} points behind the first place ({kb.form(winner.form).name.en})" in out


def test_explain_says_why_an_excluded_form_is_out(kb, tmp_path, cli):
    advice = advise(ANSWERS, kb)
    excluded = advice.excluded[0]
    result = cli("explain", excluded.form, "-a", _answers_file(tmp_path), "--lang", "en")
    assert result.code == 0
    assert excluded.reason.en in " ".join(result.out.split())
    assert f"✗ {excluded.rule}: " in result.out


def test_the_view_speaks_dutch(tmp_path, cli):
    result = cli("recommend", "-a", _answers_file(tmp_path), "--lang", "nl")
    assert result.code == 0
    assert "Advies voor Bakkerij Peeters" in result.out and "Eerste stappen" in result.out
