"""batch --summary: the whole batch in numbers, charts and groups, counted as rows are advised."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict

import pytest

from partneradvisor import advise

LEVELS = ["none", "low", "medium", "high"]
SAME_A = {"goals": {"employee_loyalty": 5}, "budget": "low", "staff_time": "medium"}
SAME_B = {"goals": {"credibility": 5, "critical_view": 4}, "budget": "medium"}
NOTHING = {"goals": {"chain_quality": 5}, "budget": "none", "staff_time": "none"}


def _members(kb) -> list[dict]:  # type: ignore[no-untyped-def]
    """A network's members: some alike, some for whom nothing fits, many different."""
    rng = random.Random(16)
    members = [{"id": f"a{n}", **SAME_A} for n in range(5)]
    members += [{"id": f"b{n}", **SAME_B} for n in range(3)]
    members += [{"id": f"n{n}", **NOTHING} for n in range(2)]
    benefits = list(kb.benefit_ids)
    for n in range(50):
        goals = {b: rng.randint(1, 5) for b in rng.sample(benefits, rng.randint(1, 3))}
        members.append(
            {
                "id": f"m{n}",
                "goals": goals,
                "budget": rng.choice(LEVELS),
                "staff_time": rng.choice(LEVELS),
            }
        )
    rng.shuffle(members)
    return members


def _expected(members, kb) -> dict:  # type: ignore[no-untyped-def]
    """The summary's numbers, worked out here from each member's advice."""
    first: Counter[str] = Counter()
    top: Counter[str] = Counter()
    chosen: Counter[str] = Counter()
    importance: Counter[str] = Counter()
    lacks: Counter[tuple] = Counter()
    groups = defaultdict(list)
    nothing = no_alternative = 0
    for member in members:
        answers = {k: v for k, v in member.items() if k != "id"}
        advice = advise(answers, kb)
        for benefit, value in answers["goals"].items():
            chosen[benefit] += 1
            importance[benefit] += value
        if advice.status == "nothing_fits":
            nothing += 1
            if advice.alternative is None:
                no_alternative += 1
            else:
                for key in {(o.rule, o.need) for o in advice.alternative.obstacles}:
                    lacks[key] += 1
            continue
        first[advice.recommendations[0].form] += 1
        for item in advice.recommendations[:3]:
            top[item.form] += 1
        groups[advice.recommendations[0].form].append(member["id"])
    return {
        "first": {f: first[f] for f in kb.form_ids},
        "top": {f: top[f] for f in kb.form_ids},
        "goals": {b: (chosen[b], round(importance[b] / chosen[b], 2)) for b in chosen},
        "nothing": nothing,
        "no_alternative": no_alternative,
        "lacks": dict(lacks),
        "groups": {f: ids for f, ids in groups.items() if len(ids) >= 2},
    }


@pytest.fixture
def batch_file(kb, tmp_path):  # type: ignore[no-untyped-def]
    members = _members(kb)
    source = tmp_path / "members.jsonl"
    lines = [json.dumps(m) for m in members]
    lines.insert(7, json.dumps({"id": "bad", "goals": {"credibility": 9}}))
    source.write_text("\n".join(lines) + "\n")
    return source, members


def test_the_summary_of_a_known_batch_names_the_right_counts(kb, tmp_path, cli, batch_file):
    source, members = batch_file
    summary = tmp_path / "summary.json"
    result = cli("batch", str(source), "-o", str(tmp_path / "o.csv"), "--summary", str(summary))
    assert result.code == 1, result.err
    got = json.loads(summary.read_text())
    want = _expected(members, kb)
    assert (got["companies"], got["failed"]) == (len(members), 1)
    assert {f["form"]: f["first"] for f in got["forms"]} == want["first"]
    assert {f["form"]: f["top3"] for f in got["forms"]} == want["top"]
    assert {g["benefit"]: (g["companies"], g["average_importance"]) for g in got["goals"]} == (
        want["goals"]
    )
    counts = [g["companies"] for g in got["goals"]]
    assert counts == sorted(counts, reverse=True)  # the goals chosen most often first
    assert got["nothing_fits"]["companies"] == want["nothing"] >= 2
    assert got["nothing_fits"]["no_alternative"] == want["no_alternative"]
    assert {(x["rule"], x["need"]): x["companies"] for x in got["nothing_fits"]["lacks"]} == (
        want["lacks"]
    )
    assert {g["form"]: g["ids"] for g in got["groups"]} == want["groups"]
    # the members who answered alike are in one group, in the input's order
    a_first = advise(SAME_A, kb).recommendations[0].form
    group = next(g for g in got["groups"] if g["form"] == a_first)
    assert {f"a{n}" for n in range(5)} <= set(group["ids"])
    assert group["size"] == want["first"][a_first] == len(group["ids"])


def test_the_html_summary_is_self_contained_with_a_chart_of_each(kb, tmp_path, cli, batch_file):
    source, members = batch_file
    hostile = {"id": "<script>alert(1)</script>", **SAME_A}
    source.write_text(source.read_text() + json.dumps(hostile) + "\n")
    summary = tmp_path / "summary.html"
    result = cli(
        "batch", str(source), "-o", str(tmp_path / "o.jsonl"), "--summary", str(summary),
        "--lang", "nl",
    )  # fmt: skip
    assert result.code == 1, result.err
    html = summary.read_text()
    assert html.count("<svg") == 4  # forms, goals, nothing fits, what they lack
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"(src|href)=", html)  # no resource from anywhere
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    want = _expected([*members, hostile], kb)
    assert "Welke vormen passen bij de meeste bedrijven" in html and "Advice" not in html
    best = max(want["first"], key=want["first"].get)
    name = kb.form(best).name.nl
    assert f"{name}: {want['first'][best]} bedrijven" in html  # its group
    assert f"{want['first'][best]} eerst · {want['top'][best]} in top 3" in html


def test_the_markdown_summary_in_english(kb, tmp_path, cli, batch_file):
    source, members = batch_file
    summary = tmp_path / "summary.md"
    result = cli("batch", str(source), "--summary", str(summary), "--lang", "en", "-f", "jsonl")
    assert result.code == 1
    md = summary.read_text()
    want = _expected(members, kb)
    assert md.startswith("# Batch summary\n")
    assert f"Companies advised: {len(members)}. Rows that could not be advised: 1." in md
    for form_id, count in want["first"].items():
        name = kb.form(form_id).name.en
        assert f"| {name} | " in md and f"{count} first · {want['top'][form_id]} in top 3 |" in md
    assert "`█" in md  # the charts, drawn in text


def test_the_summary_keeps_a_bounded_number_of_ids(kb, monkeypatch):
    from partneradvisor.batch import _summary
    from partneradvisor.batch._rows import Row
    from partneradvisor.engine import advisor_for

    monkeypatch.setattr(_summary, "MAX_LISTED", 3)
    advisor = advisor_for(kb)
    tally = _summary.Tally(kb)
    answers = advisor.parse(SAME_A)
    scored = advisor.scores(answers)
    for n in range(10):
        tally.add(Row(n + 2, f"a{n}"), answers, scored)
    (group,) = tally.result(failed=0).groups
    assert group.size == 10 and group.ids == ("a0", "a1", "a2")


def test_an_unknown_summary_format_stops_the_batch_before_it_starts(tmp_path, cli, batch_file):
    source, _ = batch_file
    out = tmp_path / "o.jsonl"
    result = cli("batch", str(source), "-o", str(out), "--summary", str(tmp_path / "s.pdf"))
    assert result.code == 2 and "cannot tell the summary's format" in result.err
    assert not out.exists()
    same = tmp_path / "advice.json"
    result = cli("batch", str(source), "-o", str(same), "-f", "jsonl", "--summary", str(same))
    assert result.code == 2 and "--summary names the same file as -o" in result.err
    assert not same.exists()


@pytest.mark.parametrize(("lang", "day"), [("nl", "30 november 2026"), ("en", "30 November 2026")])
def test_the_summary_dates_itself_as_the_report_does(kb, lang, day):
    import datetime as dt

    from partneradvisor.batch import _summary
    from partneradvisor.batch._rows import Row
    from partneradvisor.engine import advisor_for
    from partneradvisor.render.summary import render_summary

    advisor = advisor_for(kb)
    tally = _summary.Tally(kb)
    answers = advisor.parse(SAME_A)
    tally.add(Row(2, "a"), answers, advisor.scores(answers))
    for fmt in ("md", "html"):
        text = render_summary(tally.result(failed=0), kb, lang, fmt, dt.date(2026, 11, 30))
        assert day in text and "2026-11-30" not in text, fmt
