"""batch's fast row paths write exactly what the one advice JSON writer writes for the row.

The JSON Lines path keeps each answers' advice text and puts it together from fragments; the
reference here is the plain way: validate, advise, advice_to_dict, to_json."""

from __future__ import annotations

import io
import json
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partneradvisor import batch
from partneradvisor.errors import AnswersError
from partneradvisor.render.advice_json import advice_to_dict, to_json

# what a member survey may hold: quotes, backslashes, controls (C0, DEL, C1 such as CSI and
# NEL), Unicode line breaks, non-ASCII letters and signs, formula starts, long text
HOSTILE = [
    'Quote "Co" \\ Slash',
    "tab\there\nnew line\r",
    "\x00\x1b[31mred\x7f\x85\x9b2J",
    "line\u2028sep\u2029para",
    "Café Zoë — ﬁ ½ 日本 🙂",
    "=cmd|' /C calc'!A0",
    "  +1 ",
    "",
    "x" * 3000,
]


def _value(rng: random.Random, question: Any) -> Any:
    if question.kind != "choice":
        return rng.choice(HOSTILE)
    choice = rng.choice(question.choices)
    # mostly the value as batch files hold it; sometimes a label or another spelling, which
    # the validation's slower path reads
    return rng.choice([choice.value] * 6 + [choice.label.en, choice.value.upper()])


def _documents(kb: Any, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    benefits = list(kb.benefit_ids)
    questions = [q for q in kb.questions if q.kind != "goals"]
    rows = []
    for n in range(count):
        goals: Any = {b: rng.randint(1, 5) for b in rng.sample(benefits, rng.randint(1, 5))}
        row: dict[str, Any] = {"goals": goals}
        for question in rng.sample(questions, rng.randint(0, len(questions))):
            row[question.id] = _value(rng, question)
        kind = rng.random()
        if kind < 0.03:
            del row["goals"]  # a bad row: no goal
        elif kind < 0.05:
            row["goals"] = {benefits[0]: 9}  # a bad importance
        elif kind < 0.07:
            row["budget"] = "enormous"
        elif kind < 0.09:
            goals[rng.choice(benefits)] = str(rng.randint(1, 5))  # a number as text
        elif kind < 0.1:
            row["goals"] = {benefits[n % len(benefits)]: 3}  # many rows alike
        ident = rng.random()
        if ident < 0.6:
            row["id"] = rng.choice(HOSTILE) or f"r{n}"
        elif ident < 0.8:
            row["id"] = rng.choice([n, n + 0.5, -n])
        rows.append(row)
    return rows


def _expected(
    advisor: Any, documents: list[dict[str, Any]], lang: str, top: int | None, explain: bool
) -> str:
    """The output, row by row, the plain way."""
    lines = []
    for number, document in enumerate(documents, start=1):
        document = dict(document)
        row_id = document.pop("id", None)
        try:
            answers = advisor.parse(document)
        except AnswersError:
            continue
        advice = advisor.advise(answers, explain=explain)
        body = advice_to_dict(advice, advisor.kb, lang, top=top, explain=explain)
        shown = str(number) if row_id in (None, "") else str(row_id)
        lines.append(to_json({"id": shown, "company": answers.company, **body}) + "\n")
    return "".join(lines)


@pytest.mark.parametrize(
    ("lang", "top", "explain", "extra"),
    [
        ("en", None, False, []),
        ("nl", 2, False, []),
        ("en", None, True, []),
        ("nl", None, False, ["--summary", "summary.json"]),
    ],
)
def test_json_lines_are_byte_identical_to_the_one_writer(
    advisor, tmp_path, cli, monkeypatch, lang, top, explain, extra
):
    monkeypatch.chdir(tmp_path)
    # --explain writes each row with the one writer itself: fewer rows say as much of it
    documents = _documents(
        advisor.kb, 200 if explain else 600, seed=len(extra) + (top or 0) + explain
    )
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    args = ["batch", str(source), "-o", "out.jsonl", "--lang", lang, *extra]
    args += ["--top", str(top)] if top else []
    args += ["--explain"] if explain else []
    result = cli(*args)
    assert result.code == 1, result.err  # some rows are bad on purpose
    written = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert written == _expected(advisor, documents, lang, top, explain)


def test_the_brief_text_is_the_advice_json_for_every_situation(advisor):
    from partneradvisor.render.advice_json import BriefText

    brief = {lang: BriefText(advisor.kb, lang, None) for lang in ("en", "nl")}
    for document in _documents(advisor.kb, 1500, seed=17):
        document.pop("id", None)
        try:
            answers = advisor.parse(document)
        except AnswersError:
            continue
        advice = advisor.advise(answers, explain=False)
        for lang, text in brief.items():
            expected = to_json(advice_to_dict(advice, advisor.kb, lang, explain=False))
            assert "{" + text.body(advisor.scores(answers)) == expected


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jobs_give_the_same_output_errors_and_exit_as_one_process(
    advisor, tmp_path, cli, monkeypatch, fmt
):
    monkeypatch.setattr(batch, "CHUNK_ROWS", 100)  # many chunks, from few rows
    documents = _documents(advisor.kb, 600, seed=3)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    runs = {}
    for jobs in ("1", "2"):
        out, errors = tmp_path / f"out{jobs}.{fmt}", tmp_path / f"errors{jobs}.jsonl"
        result = cli("batch", str(source), "-o", str(out), "--errors", str(errors), "-j", jobs)
        runs[jobs] = (result.code, result.err, out.read_bytes(), errors.read_bytes())
    assert runs["1"] == runs["2"]
    assert runs["1"][0] == 1 and runs["1"][3]  # some rows failed, and were named


def test_jobs_start_at_most_one_worker_per_core(tmp_path, cli, monkeypatch):
    # --jobs 500 started 500 processes at once, whatever the input
    import concurrent.futures
    import os

    started = []
    real = concurrent.futures.ProcessPoolExecutor

    def pool(workers: int, **options: Any) -> Any:
        started.append(workers)
        return real(workers, **options)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", pool)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    source = tmp_path / "in.jsonl"
    source.write_text('{"goals": {"credibility": 5}}\n' * 10)
    result = cli("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--jobs", "500")
    assert result.code == 0, result.err
    assert started == [2]


def test_a_worker_ends_quietly_on_a_signal_to_the_whole_group(advisor):
    # forked workers inherited the main process's SIGTERM and SIGHUP handlers, which raise:
    # `timeout` or a closed terminal then printed a traceback from every worker
    import signal

    from partneradvisor.batch import _workers
    from partneradvisor.batch._columns import Terms, Texts, Vocabulary
    from partneradvisor.batch._lines import RowAdvisor
    from partneradvisor.batch._rows import BatchFormat

    t = Texts("en")
    rows = RowAdvisor(advisor, "en", BatchFormat.JSONL, None, False)
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    before = {name: signal.getsignal(getattr(signal, name)) for name in names}
    try:
        for name in names[1:]:
            signal.signal(getattr(signal, name), lambda *_: None)  # as the main process has
        _workers.start(rows.settings(), Terms(t, Vocabulary(advisor.kb), "json"), t)
        now = {name: signal.getsignal(getattr(signal, name)) for name in names}
    finally:
        for name, handler in before.items():
            signal.signal(getattr(signal, name), handler)
    assert now == {"SIGINT": signal.SIG_IGN, "SIGTERM": signal.SIG_DFL, "SIGHUP": signal.SIG_DFL}


# JSON text with what only the careful decoder tells apart: a key twice (at any depth), a
# colon inside text, numbers too long to be meant, whitespace around the object, no object
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-9, 9),
    st.sampled_from([10**18 - 1, 10**18, -(10**19), 10**25, "low", "a: b", "12345678901234567890"]),
)
_key = st.sampled_from(["goals", "credibility", "innovation", "budget", "company", "id", "a"])


def _as_json(value: Any) -> str:
    if isinstance(value, tuple):  # an object as its pairs, so that a key may come twice
        return "{" + ", ".join(f"{json.dumps(k)}: {_as_json(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_as_json(v) for v in value) + "]"
    return json.dumps(value)


_json_value = st.recursive(
    _scalar,
    lambda inner: (
        st.lists(inner, max_size=3) | st.lists(st.tuples(_key, inner), max_size=4).map(tuple)
    ),
    max_leaves=8,
)
# mostly an object, as answers are
_json_text = st.one_of(
    st.lists(st.tuples(_key, _json_value), max_size=5).map(tuple), _json_value
).map(_as_json)


_before = st.sampled_from(["", " ", "\t"])
_after = st.sampled_from(["", " ", " x", "}", "]"])  # space, or something after the object


@given(st.lists(st.tuples(_before, _json_text, _after), min_size=1, max_size=4))
def test_json_lines_read_alike_whether_the_c_decoder_alone_can_tell_or_not(lines):
    from partneradvisor.batch import _rows
    from partneradvisor.batch._columns import Texts

    text = "".join(f"{before}{line}{after}\n" for before, line, after in lines)
    fast = list(_rows.read_jsonl(io.StringIO(text), Texts("en")))
    plain_document = _rows._plain_document
    try:
        _rows._plain_document = lambda line: None  # every line the careful way
        careful = list(_rows.read_jsonl(io.StringIO(text), Texts("en")))
    finally:
        _rows._plain_document = plain_document
    assert fast == careful


def test_a_plain_answers_line_is_read_by_the_c_decoder_alone():
    from partneradvisor.batch._rows import _plain_document

    line = '{"id": "m1", "goals": {"credibility": 5, "innovation": 2}, "budget": "low"}\n'
    assert _plain_document(line) == json.loads(line)
    for refused in (
        '{"goals": {"credibility": 5, "credibility": 2}}\n',
        '{"company": "A: B", "goals": {"credibility": 5}}\n',
        '{"id": 1234567890123456789, "goals": {"credibility": 5}}\n',
        '{"goals": {"credibility": 5}} x\n',
        ' {"goals": {"credibility": 5}}\n',
    ):
        assert _plain_document(refused) is None, refused


@given(st.text())
def test_a_string_is_written_as_the_json_encoder_writes_it(text):
    # a string alone takes a shortcut; inside a list the encoder writes it
    assert to_json(text) == to_json([text])[1:-1]
    assert json.loads(to_json(text)) == text


def test_a_batch_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    # batch freezes what is loaded for its row loop; a caller's own frozen objects stay
    # frozen, and a caller that froze nothing finds nothing frozen after it
    import gc

    source = tmp_path / "rows.jsonl"
    source.write_text('{"goals": {"credibility": 5}}\n' * 3)
    out = str(tmp_path / "out.jsonl")
    before = gc.get_freeze_count()
    batch.run(str(source), out)
    assert gc.get_freeze_count() >= before
    gc.unfreeze()
    try:
        batch.run(str(source), out)
        assert gc.get_freeze_count() == 0
    finally:
        gc.freeze()  # as the suite's conftest left it


@pytest.mark.parametrize(("lang", "column"), [("en", "column"), ("nl", "kolom")])
def test_a_broken_json_line_says_where_in_the_line(tmp_path, cli, lang, column):
    source = tmp_path / "in.jsonl"
    source.write_text('{"goals": {"credibility": 3}, "company": "a\x01b"}\n{"goals": \n')
    result = cli("batch", str(source), "--lang", lang)
    assert result.code == 2
    lines = result.err.splitlines()
    # json's "Invalid control character at" ends where its position was; the line's column
    assert lines[0].endswith(f"(Invalid control character, {column} 44)"), lines[0]
    assert lines[1].endswith(f"(Expecting value, {column} 11)"), lines[1]  # not past the end
