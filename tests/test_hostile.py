"""Hostile input, as issue 13 found it: a shared machine, a careless colleague, a spreadsheet.

Each test reproduces one finding; it failed before the hardening and must keep passing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import signal
import stat
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partneradvisor._io import write_atomic
from partneradvisor.errors import OutputError
from partneradvisor.kb import loader
from partneradvisor.kb.loader import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"goals": {"credibility": 5, "innovation": 3}, "budget": "low"}
FORMULA = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def _warm_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("warm-cache"))


@pytest.fixture(autouse=True)
def _shared_cache(_warm_cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One cache for the module (tests of the cache set their own): validating the knowledge
    base again for every test would be most of this file's time."""
    monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", _warm_cache)


def _bomb(levels: int = 9) -> str:
    """YAML 'billion laughs': each anchor nine aliases of the one before (9^levels values)."""
    items = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    items += [f"&l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return f"[{', '.join(items)}]"


def _temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


# --- the cache runs no code that someone else planted ------------------------------------


class _Planted:
    """What an attacker pickles: unpickling it would create a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def _cache_file(directory: Path) -> Path:
    (found,) = directory.glob("kb-*.pickle")
    return found


def _signed(cache: Path, payload: bytes, key: str) -> bytes:
    import hmac

    secret = (cache / "secret").read_bytes()
    tag = hmac.digest(secret, key.encode() + payload, "sha256")
    return loader._MAGIC + tag + payload


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="making another user's file needs root")


@needs_root
def test_a_planted_pickle_is_never_unpickled(tmp_path, monkeypatch, kb_copy):
    monkeypatch.setenv("PARTNERADVISOR_KB", str(kb_copy))  # a user's KB: it is cached
    cache = tmp_path / "cache"
    monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", str(cache))
    load_knowledge_base()
    target = _cache_file(cache)
    key = target.name.removeprefix("kb-").removesuffix(".pickle")
    assert len(key) == 64  # SHA-256, not a 64-bit hash whose collisions take 90 CPU-seconds
    marker = tmp_path / "pwned"
    evil = pickle.dumps(_Planted(marker))

    def planted(data: bytes, uid: int = os.getuid(), mode: int = 0o600) -> None:
        target.unlink(missing_ok=True)
        target.write_bytes(data)
        os.chown(target, uid, uid)
        target.chmod(mode)
        assert load_knowledge_base().form_ids
        assert not marker.exists()

    # the file name is public, the secret is not: a forged tag is refused
    planted(loader._MAGIC + b"\0" * 32 + evil)
    # a second user's file, or one that others can write, is not even read, however signed
    planted(_signed(cache, evil, key), uid=4242)
    planted(_signed(cache, evil, key), mode=0o664)
    planted(_signed(cache, evil, key), mode=0o646)
    # a symlink to a signed file elsewhere is not followed
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(_signed(cache, evil, key))
    target.unlink()
    target.symlink_to(elsewhere)
    assert load_knowledge_base().form_ids and not marker.exists()


@needs_root
def test_a_shared_or_foreign_cache_directory_is_not_used(tmp_path, monkeypatch, kb_copy):
    monkeypatch.setenv("PARTNERADVISOR_KB", str(kb_copy))  # a user's KB: it is cached
    for name, change in (
        ("shared", lambda d: d.chmod(0o777)),
        ("group", lambda d: d.chmod(0o770)),
        ("foreign", lambda d: os.chown(d, 4242, 4242)),
    ):
        cache = tmp_path / name
        cache.mkdir(mode=0o700)
        change(cache)
        monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", str(cache))
        assert load_knowledge_base().form_ids
        assert list(cache.iterdir()) == [], name  # neither read nor written

    # a secret that others can read is no secret
    cache = tmp_path / "leaky"
    monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", str(cache))
    load_knowledge_base()
    (cache / "secret").chmod(0o644)
    _cache_file(cache).unlink()
    load_knowledge_base()
    assert not list(cache.glob("kb-*.pickle"))


def test_no_cache_in_the_working_directory(tmp_path, monkeypatch, kb_copy):
    monkeypatch.setenv("PARTNERADVISOR_KB", str(kb_copy))  # a user's KB: it is cached
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARTNERADVISOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")  # relative: the XDG specification ignores it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    load_knowledge_base()
    assert not (tmp_path / ".cache").exists()
    assert list((tmp_path / "home" / ".cache" / "partneradvisor").glob("kb-*.pickle"))

    # no HOME and no passwd entry (a container): no cache, rather than ./~/.cache
    monkeypatch.delenv("HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    assert loader._cache_dir() is None
    assert load_knowledge_base().form_ids
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "kb"]  # kb: the user's KB


def test_the_cache_key_covers_the_code_that_shapes_the_cached_object(monkeypatch):
    texts, _ = loader._read_files(loader.packaged_kb_dir())
    key = loader._cache_key(texts)
    original = loader._module_source
    # every module of the knowledge-base package, the YAML reader it parses with, and the
    # records its objects are made of
    kb_modules = {p.name for p in Path(loader.__file__).parent.glob("*.py")} - {"__init__.py"}
    assert kb_modules | {"../_yaml.py", "../_record.py"} == set(loader.SHAPING_MODULES)
    for module in loader.SHAPING_MODULES:
        monkeypatch.setattr(
            loader,
            "_module_source",
            lambda name, changed=module: original(name) + (b"#" if name == changed else b""),
        )
        assert loader._cache_key(texts) != key, module


def test_a_failed_cache_write_leaves_no_temporary_file(tmp_path, monkeypatch, kb_copy):
    monkeypatch.setenv("PARTNERADVISOR_KB", str(kb_copy))  # a user's KB: it is cached
    cache = tmp_path / "cache"
    monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", str(cache))

    def no_rename(src, dst):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", no_rename)
    assert load_knowledge_base().form_ids
    assert sorted(p.name for p in cache.iterdir()) == ["secret"]


# --- CSV that a spreadsheet cannot execute -----------------------------------------------

CELLS = [
    "Acme\r=1+1",
    "Acme\n@SUM(A1)",
    "Acme\r\n+1",
    "x\u2028-1",
    "＝1+1",  # full-width
    "﹢cmd",  # small form variant
    "  =2",
    "\u200b=3",  # zero-width space
    "\ufeff=4",  # byte-order mark
    "\u200e\u00a0@x",  # a direction mark and a no-break space
    "\t=5",
    "Plain NV",
]


def _formula_lines(cell: str) -> list[str]:
    """The lines of a cell a spreadsheet could run: what starts with a formula character
    once invisible characters are skipped and look-alikes folded."""
    bad = []
    for line in cell.splitlines():
        visible = "".join(
            c for c in line if not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc"))
        )
        if unicodedata.normalize("NFKC", visible[:1]).startswith(FORMULA):
            bad.append(line)
    return bad


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_no_formula_gets_through_a_line_break_or_a_look_alike(tmp_path, cli, fmt):
    source = tmp_path / f"in.{fmt}"
    if fmt == "csv":
        with source.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "company", "goal.credibility"])
            writer.writerows([[f"r{n}", cell, "5"] for n, cell in enumerate(CELLS)])
    else:
        source.write_text(
            "".join(
                json.dumps({"id": f"r{n}", "company": cell, "goals": {"credibility": 5}}) + "\n"
                for n, cell in enumerate(CELLS)
            )
        )
    out = tmp_path / "out.csv"
    result = cli("batch", str(source), "-o", str(out))
    assert result.code == 0, result.err
    raw = out.read_bytes().decode()
    assert raw.count("\n") == len(CELLS) + 1 + sum(c.count("\n") for c in CELLS)
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(rows) == len(CELLS) + 1  # a CR or LF inside a cell is quoted: no new row
    for row in rows[1:]:
        for cell in row:
            assert not _formula_lines(cell), row
    companies = [row[1] for row in rows[1:]]
    assert companies[0] == "Acme\r'=1+1" and companies[-1] == "Plain NV"
    # what a spreadsheet shows is the text, with only the quote added
    given = [c.strip() for c in CELLS] if fmt == "csv" else CELLS  # CSV cells are trimmed
    assert [c.replace("'", "") for c in companies] == given


# --- bounded input -------------------------------------------------------------------------

_MEASURE = """
import json, sys, time, tracemalloc
from partneradvisor.cli import main
cases, report = json.loads(sys.argv[1]), sys.argv[2]
main(["kb", "validate"]), main(["recommend", "-g", "credibility=5", "-f", "json"])  # warm up
results = []
for argv in cases:  # time without tracemalloc, which slows Python several times over
    started = time.perf_counter()
    code = main(argv)
    results.append([code, time.perf_counter() - started])
tracemalloc.start()
for argv, result in zip(cases, results):
    tracemalloc.reset_peak()
    main(argv)
    result.append(tracemalloc.get_traced_memory()[1])
with open(report, "w") as f:
    json.dump(results, f)
"""


def test_alias_bombs_are_refused_in_little_memory_and_time(tmp_path, kb_copy):
    bomb = _bomb()
    (tmp_path / "goals.yaml").write_text(f"goals:\n  credibility: {bomb}\n")
    (tmp_path / "company.yaml").write_text(f"goals: {{credibility: 5}}\ncompany: {bomb}\n")
    (tmp_path / "budget.yaml").write_text(f"goals: {{credibility: 5}}\nbudget: {bomb}\n")
    (tmp_path / "rows.yaml").write_text(f"- goals: {{credibility: 5}}\n  company: {bomb}\n")
    rules = kb_copy / "rules.yaml"
    rules.write_text(rules.read_text() + f"bomb: {{any: {bomb}}}\n")
    errors = tmp_path / "errors.jsonl"
    cases = [
        ["recommend", "-a", str(tmp_path / "goals.yaml"), "-f", "json"],
        ["recommend", "-a", str(tmp_path / "company.yaml"), "-f", "json"],
        ["recommend", "-a", str(tmp_path / "budget.yaml"), "-f", "json"],
        ["batch", str(tmp_path / "rows.yaml"), "-o", "-", "--errors", str(errors)],
        ["kb", "validate", "--kb", str(kb_copy)],
        ["recommend", "-g", "credibility=5", "--kb", str(kb_copy)],
    ]
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(cases), str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(report.read_text())
    for argv, (code, seconds, peak) in zip(cases, results, strict=True):
        assert code == 2, argv
        assert seconds < 2.0, (argv, seconds)
        assert peak < 100 * 2**20, (argv, peak)
    lines = done.stderr.splitlines()
    assert len(lines) == 2 * (4 + 2 * 2)  # one sentence each, twice; the KB's has one problem
    assert all(len(line) < 300 for line in lines), max(lines, key=len)
    assert "expand to more than" in done.stderr and "rules.yaml:" in done.stderr
    assert not errors.exists()


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("goals: {credibility: 5}\ncompany: &a [*a]\n", "refers to itself"),
        ("goals: {credibility: 5}\n? [a]\n: 1\n", "a key must be plain text"),
        ("goals: {credibility: " + "[" * 200 + "]" * 200 + "}\n", "levels deep"),
        ('{"goals": ' + "[" * 100_000 + "]" * 100_000 + "}", "levels deep"),
        ('{"goals": {"credibility": 5}, "company": "\\udfff"}', "not valid Unicode"),
    ],
)
def test_input_that_broke_the_program_is_one_sentence_and_exit_2(tmp_path, cli, document, expected):
    path = tmp_path / ("a.json" if document.startswith("{") else "a.yaml")
    path.write_text(document)
    result = cli("recommend", "-a", str(path), "-f", "json")
    assert (result.code, result.err.count("\n")) == (2, 1), result.err
    assert expected in result.err


def test_a_long_value_is_quoted_as_a_short_excerpt(tmp_path, cli):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"goals": {"credibility": "x" * 100_000}, "budget": ["y"] * 10**4}))
    result = cli("recommend", "-a", str(path))
    assert result.code == 2 and len(result.err) < 300 and "'xxxx" in result.err


def test_yaml_bounds_let_ordinary_aliases_through_and_locate_every_node():
    from partneradvisor import _yaml

    shared = _yaml.load("a: &x {b: [1, 2]}\nc: *x\nd: [*x, *x]\n")
    assert shared["c"] == shared["d"][1] == {"b": [1, 2]}
    for text, problem in (
        (f"a: {_bomb()}\n", "expand to more than"),
        ("a: [\udfff]\n", "not UTF-8"),
        ("? [a]\n: 1\n", "plain text"),
    ):
        with pytest.raises(yaml.YAMLError, match=problem):
            _yaml.load(text)
    with pytest.raises(yaml.YAMLError, match="not valid Unicode"):
        _yaml.check_bounds(yaml.ScalarNode("tag:yaml.org,2002:str", "\udfff"))

    index = _yaml.LineIndex("a: &x\n  b: [1, 2]\nc: *x\nlist:\n  - one\n  - two\n")
    assert index.line(("a", "b", 1)) == 2 and index.line(("list", 1)) == 6
    assert index.line(("c", "b")) == 3  # an alias is located where it is used
    assert index.line(("list", "0")) == 4 and index.line(("missing",)) == 1
    assert _yaml.LineIndex("a: [").line(("a",)) is None
    assert _yaml.LineIndex("").line(("a",)) is None


def test_a_recursive_alias_in_the_knowledge_base_is_a_located_problem(kb_copy, cli):
    meta = kb_copy / "meta.yaml"
    meta.write_text(meta.read_text() + "loop: &loop [*loop]\n")
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2 and "meta.yaml:" in result.err and "refers to itself" in result.err


def test_many_problems_are_located_with_one_parse_per_file(kb_copy, cli, monkeypatch):
    forms = kb_copy / "forms.yaml"
    text = forms.read_text()
    for n in range(300):
        made_up = f"    benefits:\n      made_up_{n}: {{strength: 0, basis: judgement}}\n"
        text = text.replace("    benefits:\n", made_up, 1)
    forms.write_text(text)
    composed = []
    original = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: composed.append(1) or original(*a, **k))
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2 and result.err.count("unknown benefit id 'made_up_") == 300
    assert "forms.yaml:" in result.err and len(composed) <= 5


# --- a batch row can only fail itself ------------------------------------------------------


def _good_row(n: int) -> dict:
    return {"id": f"c{n}", "company": f"Company {n}", "goals": {"credibility": 1 + n % 5}}


def test_two_thousand_csv_rows_with_every_bad_kind(tmp_path, cli):
    bad = {
        3: b"--3",
        100: "²".encode(),
        500: b"5,extra cell",
        777: b"\xff5",  # not UTF-8
        1200: b"3",  # the company cell below is over the csv module's 128 KiB
        1999: b"\xe9",
    }
    lines = [b"id,company,goal.credibility"]
    for n in range(2000):
        company = b"x" * 200_000 if n == 1200 else f"Company {n}".encode()
        lines.append(b"c%d,%s,%s" % (n, company, bad.get(n, str(1 + n % 5).encode())))
    source = tmp_path / "in.csv"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out, errors = tmp_path / "out.csv", tmp_path / "errors.jsonl"
    result = cli("batch", str(source), "-o", str(out), "--errors", str(errors))
    assert result.code == 1, result.err
    reported = [json.loads(line) for line in errors.read_text().splitlines()]
    # rows are numbered as a spreadsheet shows them (the header is row 1); a row too broken
    # to read its id is named by its number
    assert {r["row"]: r["id"] for r in reported} == {
        n + 2: str(n + 2) if n == 1200 else f"c{n}" for n in bad
    }
    rows = list(csv.reader(out.open(newline="")))
    assert len(rows) == 1 + 2000 - len(bad)
    assert "row 2001 (id c1999): the row holds bytes that are not UTF-8 text" in result.err


def test_two_thousand_json_lines_with_every_bad_kind(tmp_path, cli):
    lines = [json.dumps(_good_row(n)) for n in range(2000)]
    bad = {
        5: '{"goals": ' + "[" * 100_000 + "]" * 100_000 + "}",
        50: '{"id": "s", "company": "\\udfff", "goals": {"credibility": 5}}',
        500: "{not json",
        900: json.dumps({"id": ["a", "list"], "goals": {"credibility": 5}}),
        1000: "[1, 2, 3]",
        1500: json.dumps({"goals": {"credibility": 5}, "company": "y" * 2_000_000}),
        1998: json.dumps({"goals": {"credibility": 9}}),
    }
    for n, line in bad.items():
        lines[n] = line
    source = tmp_path / "in.jsonl"
    data = "\n".join(lines).encode() + b"\n"
    data += b'{"id": "last", "company": "\xff", "goals": {"credibility": 5}}\n'  # not UTF-8
    source.write_bytes(data)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = cli("batch", str(source), "-o", str(out), "--errors", str(errors))
    assert result.code == 1, result.err
    reported = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["row"] for r in reported] == [n + 1 for n in sorted(bad)] + [2001]
    assert len(out.read_text().splitlines()) == 2000 - len(bad)
    assert "row 2001 (id 2001): the row holds bytes that are not UTF-8 text" in result.err
    assert len(result.err) < 5000  # a 2 MB value is not repeated in a message


def test_an_input_of_only_bad_rows_keeps_the_previous_output(tmp_path, cli):
    source = tmp_path / "in.jsonl"
    source.write_text('{"goals": {"credibility": 9}}\n{"budget": "huge"}\n')
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday's advice\n")
    result = cli("batch", str(source), "-o", str(out))
    assert result.code == 2 and "no row could be advised" in result.err
    assert out.read_text() == "yesterday's advice\n" and not _temp_files(tmp_path)


def test_inline_goals_and_csv_goal_cells_take_ascii_digits_only(cli):
    for value in ("²", "٣", "1_0", "--3"):
        result = cli("recommend", "-g", f"credibility={value}", "-f", "json")
        assert (result.code, result.err.count("\n")) == (2, 1), value


def test_goals_come_from_goal_options_and_a_bare_goal_is_of_medium_importance(cli):
    # --set goals=5 was silently dropped when --goal was given too
    for args in (("--set", "goals=5", "-g", "credibility=4"), ("--set", "Goals=5")):
        result = cli("recommend", *args, "-f", "json")
        assert result.code == 2 and "--goal credibility=5" in result.err, args
    bare = json.loads(cli("recommend", "-g", "credibility", "-f", "json").out)
    assert bare["answers"]["goals"] == {"credibility": 3}


def test_a_key_given_twice_in_json_is_refused_as_in_yaml(tmp_path, cli):
    # json keeps the last value silently: {"goals": ..., "goals": ...} was half read
    answers = tmp_path / "a.json"
    answers.write_text('{"goals": {"credibility": 5}, "goals": {"innovation": 2}}')
    result = cli("recommend", "-a", str(answers), "-f", "json")
    assert result.code == 2 and "key 'goals' is given twice" in result.err
    lines = tmp_path / "rows.jsonl"
    lines.write_text(
        '{"goals": {"credibility": 5, "credibility": 1}}\n{"goals": {"credibility": 5}}\n'
    )
    result = cli("batch", str(lines))
    assert (
        result.code == 1
        and "row 1 (id 1): not valid JSON (key 'credibility' is given twice)" in result.err
    )
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == ["2"]
    listed = tmp_path / "rows.json"
    twice = '{"goals": {"credibility": 5}, "budget": "low", "budget": "high"}'
    listed.write_text(f'[{{"goals": {{"credibility": 5}}}}, {twice}]')
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday's advice\n")
    result = cli("batch", str(listed), "-o", str(out))
    assert result.code == 2 and "key 'budget' is given twice" in result.err
    assert out.read_text() == "yesterday's advice\n"


def test_duplicate_csv_headers_are_refused(tmp_path, cli):
    source = tmp_path / "in.csv"
    source.write_text("id,budget,goal.credibility,budget\n1,low,5,high\n")
    result = cli("batch", str(source), "-o", str(tmp_path / "o.csv"))
    assert result.code == 2 and "'budget' appears 2 times" in result.err


def test_explain_is_refused_for_csv_rather_than_ignored(tmp_path, cli):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(GOOD) + "\n")
    result = cli("batch", str(source), "-o", str(tmp_path / "o.csv"), "--explain")
    assert result.code == 2 and "only JSON Lines" in result.err


# --- files ---------------------------------------------------------------------------------


def test_errors_and_output_may_not_name_the_input_or_each_other(tmp_path, cli):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(GOOD) + "\n" + json.dumps({"goals": {}}) + "\n")
    before = source.read_text()
    out = tmp_path / "out.jsonl"
    (tmp_path / "alias.jsonl").symlink_to(source)
    for args in (
        ["-o", str(out), "--errors", str(source)],
        ["-o", str(tmp_path / "alias.jsonl")],
        ["-o", str(out), "--errors", str(out)],
    ):
        result = cli("batch", str(source), *args)
        assert result.code == 2 and "names the same file as" in result.err, args
    assert source.read_text() == before and not out.exists()

    # - is standard output for -o, standard error for --errors: never a file named -
    result = cli("batch", str(source), "-o", "-", "--errors", "-")
    assert result.code == 1 and json.loads(result.out)["recommendations"]
    assert json.loads(result.err.splitlines()[0])["row"] == 2
    assert not Path("-").exists()


def test_ctrl_c_keeps_the_previous_output_and_no_temporary_file(tmp_path, cli, monkeypatch):
    from partneradvisor import batch as core

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(_good_row(n)) + "\n" for n in range(50)))
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    out.write_text("yesterday's advice\n")
    real_line = core.RowAdvisor._json_line
    calls = []

    def interrupted_at_row_20(self, row):
        calls.append(row)
        if len(calls) == 20:
            raise KeyboardInterrupt
        return real_line(self, row)

    monkeypatch.setattr(core.RowAdvisor, "_json_line", interrupted_at_row_20)
    result = cli("batch", str(source), "-o", str(out), "--errors", str(errors))
    assert result.code == 130
    assert "interrupted after 19 rows" in result.err and "left as it was" in result.err
    assert out.read_text() == "yesterday's advice\n" and not errors.exists()
    assert _temp_files(tmp_path) == []


def test_sigterm_keeps_the_previous_output_and_no_temporary_file(tmp_path):
    source = tmp_path / "in.jsonl"
    row = json.dumps(_good_row(1)) + "\n"
    source.write_text(row * 400_000)
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday's advice\n")
    child = subprocess.Popen(
        [sys.executable, "-m", "partneradvisor", "batch", str(source), "-o", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not _temp_files(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # some rows written to the temporary file
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM, err
    assert "interrupted after" in err and "Traceback" not in err
    assert out.read_text() == "yesterday's advice\n" and _temp_files(tmp_path) == []


def test_a_closed_pipe_is_no_failure(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text((json.dumps(GOOD) + "\n") * 20_000)
    child = subprocess.Popen(
        [sys.executable, "-m", "partneradvisor", "batch", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stdout.readline()
    child.stdout.close()  # as `| head -1` does
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (0, b"")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["recommend", "-a", "-"], "error: no answers on standard input"),
        (["batch", "-", "--input-format", "csv"], "standard input holds no rows"),
        (["wizard"], "the wizard needs a terminal"),
    ],
)
def test_a_closed_standard_input_reads_as_empty(argv, said, cli, monkeypatch):
    # `<&-`: Python sees None where the stream was (it was exit 70: 'NoneType' has no ...)
    monkeypatch.setattr(sys, "stdin", None)
    result = cli(*argv)
    assert result.code == 2 and said in result.err and result.err.count("\n") == 1, result.err


def test_a_closed_standard_output_is_no_failure():
    # `>&-`: nothing to show the advice to, as for a reader that went away (was a traceback)
    child = subprocess.run(
        [sys.executable, "-m", "partneradvisor", "recommend", "-g", "credibility=5", "-f", "json"],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),  # in the child alone, before exec
    )
    assert (child.returncode, child.stderr) == (0, "")


@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_full_device_and_an_ascii_terminal_are_one_sentence(tmp_path, command):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({**GOOD, "company": "Brouwerij Ø"}) + "\n")
    argv = (
        ["recommend", "-g", "credibility=5", "--company", "Brouwerij Ø", "-f", "json"]
        if command == "recommend"
        else ["batch", str(source)]
    )
    run = [sys.executable, "-m", "partneradvisor", *argv]
    with open("/dev/full", "w") as full:
        done = subprocess.run(run, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (done.returncode, done.stderr.count("\n")) == (2, 1), done.stderr
    assert "No space left on device" in done.stderr
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(run, capture_output=True, text=True, env=env)
    assert (done.returncode, done.stderr.count("\n")) == (2, 1), done.stderr
    assert "PYTHONIOENCODING=utf-8" in done.stderr


def test_output_goes_into_what_the_user_named(tmp_path, cli):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(GOOD) + "\n")

    # a symlink is followed, a file keeps its permissions and its hard links
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    real.chmod(0o600)
    (tmp_path / "link.jsonl").symlink_to(real)
    os.link(real, tmp_path / "hard.jsonl")
    assert cli("batch", str(source), "-o", str(tmp_path / "link.jsonl")).code == 0
    assert (tmp_path / "link.jsonl").is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600 and real.stat().st_nlink == 2
    assert (tmp_path / "hard.jsonl").read_text() == real.read_text() != "old\n"

    # a device is written, not replaced
    assert cli("batch", str(source), "-o", os.devnull, "-f", "jsonl").code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)

    # /dev/stdout is written through, not replaced: the shell's file gets the advice
    with open(tmp_path / "shell.jsonl", "w") as shell:
        run = [sys.executable, "-m", "partneradvisor", "batch", str(source), "-o", "/dev/stdout"]
        subprocess.run([*run, "-f", "jsonl"], stdout=shell, check=True)
    assert json.loads((tmp_path / "shell.jsonl").read_text())["recommendations"]

    # a FIFO's reader gets the advice
    fifo = tmp_path / "advice.jsonl"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert cli("batch", str(source), "-o", str(fifo)).code == 0
    reader.join(10)
    assert json.loads(received[0])["recommendations"] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert _temp_files(tmp_path) == []


def test_a_pipe_given_as_the_input_is_read_once(tmp_path, cli):
    fifo = tmp_path / "rows"
    os.mkfifo(fifo)
    rows = "".join(json.dumps(_good_row(n)) + "\n" for n in range(300))
    writer = threading.Thread(target=lambda: fifo.write_text(rows))
    writer.start()
    result = cli("batch", str(fifo), "--input-format", "jsonl", "-o", str(tmp_path / "o.jsonl"))
    writer.join(10)
    assert result.code == 0, result.err
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 300


def test_an_encoding_error_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("the old report")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half a character: \udfff")
    assert target.read_text() == "the old report" and _temp_files(tmp_path) == []
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic("/dev/full", "x" * 100_000)


def test_a_missing_knowledge_base_does_not_exist(cli, tmp_path):
    result = cli("recommend", "-g", "credibility=5", "--kb", str(tmp_path / "nonexistent"))
    assert result.code == 2 and "nonexistent: does not exist" in result.err


def test_the_wizard_saves_an_interrupted_interview_in_the_temporary_directory(
    tmp_path, monkeypatch
):
    import tempfile

    from partneradvisor.wizard import _save_interrupted

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    unwritable = tmp_path / "read-only" / "partneradvisor-answers-1.yaml"  # no such directory
    message = _save_interrupted({"company": "ACME"}, unwritable, "en")
    (saved,) = tmp_path.glob("partneradvisor-answers-1-*.yaml")
    assert str(saved) in message and yaml.safe_load(saved.read_text()) == {"company": "ACME"}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # the temporary directory is shared


def test_an_interrupted_interview_never_writes_through_a_planted_link(tmp_path, monkeypatch):
    from partneradvisor.wizard import _save_interrupted

    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    planted = tmp_path / "partneradvisor-answers-1.yaml"  # the name another user can predict
    planted.symlink_to(precious)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    message = _save_interrupted({"company": "Acme"}, planted, "en")
    assert precious.read_text() == "mine"
    (saved,) = tmp_path.glob("partneradvisor-answers-1-*.yaml")
    assert str(saved) in message


# --- knowledge-base and user text is data, never markup or terminal escapes ------------------

ESCAPE = "\x1b]0;owned\x07\x1b[2J\x9b31m"


def test_markdown_shows_knowledge_base_text_as_text(kb_copy, cli, tmp_path):
    evil = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) *"
    for name in ("forms.yaml", "meta.yaml"):
        path = kb_copy / name
        text = path.read_text()
        text = text.replace("en: 'NGO audit'", f"en: 'NGO audit {evil}'")
        text = text.replace("(mvovlaanderen.be).", f"(mvovlaanderen.be). {evil}")
        path.write_text(text)
    report = tmp_path / "r.md"
    result = cli(
        "recommend",
        "-g",
        "credibility=5",
        "--company",
        "Acme\r# Injected heading\n- item",
        "-o",
        str(report),
        "--kb",
        str(kb_copy),
        "--lang",
        "en",
    )
    assert result.code == 0, result.err
    md = report.read_text()
    assert "<img" not in md and "[click](" not in md and "&lt;img" in md
    assert "\\[click\\](javascript" in md and "\\*" in md
    assert "\r" not in md and "\n# Injected" not in md and "\n- item" not in md
    assert md.splitlines()[0].startswith("# Advice for Acme")
    shown = cli("kb", "show", "audit", "--kb", str(kb_copy), "--lang", "en")
    assert shown.code == 0 and "<img" in shown.out  # rich shows the text, it renders no HTML


def test_no_escape_sequence_reaches_the_terminal(tmp_path, cli):
    result = cli("recommend", "-g", "credibility=5", "--company", f"Evil{ESCAPE} NV")
    assert result.code == 0 and "Evil" in result.out
    assert not any(c in result.out for c in "\x1b\x07\x9b")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": f"id{ESCAPE}", "goals": {"credibility": 9}}) + "\n")
    result = cli("batch", str(source), "-o", str(tmp_path / "o.jsonl"))
    assert result.code == 2 and "row 1 (id id" in result.err  # its only row failed
    assert not any(c in result.err for c in "\x1b\x07\x9b")
    result = cli("kb", "show", f"no{ESCAPE}")
    assert result.code == 2 and "\x1b" not in result.err


# --- fuzz: whatever the document, exit 0, 1 or 2 and a sentence, never a traceback -------------

_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), _text)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=20,
)
_keys = st.sampled_from(["goals", "company", "budget", "staff_time", "audience", "id", "x"])
_documents = st.one_of(
    _values,
    st.dictionaries(
        _keys,
        st.one_of(_values, st.dictionaries(st.sampled_from(["credibility", "x"]), _values)),
        max_size=5,
    ),
)
_fuzz = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.out + result.err
    assert "internal error" not in result.err, result.err


@_fuzz
@given(document=_documents, as_yaml=st.booleans())
def test_fuzzed_answers_files(tmp_path, cli, document, as_yaml):
    path = tmp_path / ("answers.yaml" if as_yaml else "answers.json")
    if as_yaml:
        try:
            text = yaml.safe_dump(document, allow_unicode=True)
        except yaml.YAMLError:
            return
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    else:
        path.write_text(json.dumps(document))  # ensure_ascii: surrogates as \\u escapes
    result = cli("recommend", "-a", str(path), "-f", "json")
    assert result.code in (0, 2)
    _no_traceback(result)


@_fuzz
@given(
    rows=st.lists(st.one_of(_documents, _text.map(lambda t: ("raw", t))), max_size=6),
    fmt=st.sampled_from(["jsonl", "csv"]),
)
def test_fuzzed_batch_rows(tmp_path, cli, rows, fmt):
    path = tmp_path / f"rows.{fmt}"
    if fmt == "jsonl":
        lines = [r[1] if isinstance(r, tuple) else json.dumps(r) for r in rows]
        text = "\n".join(line.replace("\n", " ") for line in lines) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "company", "budget", "goal.credibility"])
        for r in rows:
            cells = [r[1]] * 4 if isinstance(r, tuple) else [json.dumps(r)[:20], str(r), "low", "3"]
            writer.writerow(cells)
        text = buffer.getvalue()
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = cli("batch", str(path), "-o", str(tmp_path / "out.jsonl"), "-f", "jsonl")
    assert result.code in (0, 1, 2)
    _no_traceback(result)


@settings(_fuzz, max_examples=15)
@given(data=st.binary(max_size=200))
def test_fuzzed_bytes_as_answers_and_rows(tmp_path, cli, data):
    out = str(tmp_path / "out.jsonl")
    for name, argv in (
        ("a.yaml", ["recommend", "-f", "json", "-a"]),
        ("a.json", ["recommend", "-f", "json", "-a"]),
        ("rows.csv", ["batch", "-o", out, "--"]),
        ("rows.jsonl", ["batch", "-o", out, "--"]),
        ("rows.yaml", ["batch", "-o", out, "--"]),
        ("rows.xlsx", ["batch", "-o", out, "--"]),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        result = cli(*argv, str(path))
        assert result.code in (0, 1, 2), (name, result.err)
        _no_traceback(result)


@pytest.mark.parametrize("where", ["csv", "jsonl", "json", "yaml", "option"])
def test_a_number_of_thousands_of_digits_is_bad_input_not_a_bug(where, tmp_path, cli):
    # Python refuses to convert more than 4300 digits, with an error of its own
    huge = "9" * 5000
    if where == "csv":
        path = tmp_path / "s.csv"
        path.write_text(f"id,goal.credibility\n1,5\n2,{huge}\n3,5\n")
        result = cli("batch", str(path), "-o", str(tmp_path / "o.csv"))
        assert result.code == 1 and "(id 2)" in result.err
        assert len(result.err) < 500
        return
    if where == "option":
        result = cli("recommend", "--goal", f"credibility={huge}")
    else:
        path = tmp_path / f"a.{where}"
        path.write_text(f'{{"goals": {{"credibility": {huge}}}}}\n')
        command = ("batch", str(path)) if where == "jsonl" else ("recommend", "-a", str(path))
        result = cli(*command)
    assert result.code == 2 and "whole number from 1 to 5" in result.err
    assert "internal error" not in result.err and len(result.err) < 500


def test_knowledge_base_text_is_never_terminal_markup(kb_copy, cli, monkeypatch):
    rules = kb_copy / "rules.yaml"
    text = rules.read_text()
    old = "en: Cause-related marketing works through consumers' purchases;"
    assert old in text
    evil = "en: '[link=https://evil.example]Official[/link] [bold]x[/bold]'"
    rules.write_text(re.sub(re.escape(old) + ".*", evil, text, count=1))
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    args = ("--kb", str(kb_copy), "-g", "consumer_loyalty=5", "--audience", "business")
    for command in (("explain", "cause_related_marketing", *args), ("recommend", *args)):
        out = cli(*command, "--lang", "en").out
        assert "\x1b]8;" not in out  # no hyperlink escape to the attacker's address
    flat = " ".join(cli("explain", "cause_related_marketing", *args, "--lang", "en").out.split())
    assert "[link=https://evil.example]Official[/link] [bold]x[/bold]" in re.sub(
        r"\x1b\[[0-9;]*m", "", flat
    )


def test_a_form_name_is_never_markup_in_its_card(kb_copy, cli):
    forms = kb_copy / "forms.yaml"
    old = "en: 'Co-branding and shared product'"
    assert old in forms.read_text()
    forms.write_text(forms.read_text().replace(old, "en: '[bold]Co[/bold]-branding :warning:'"))
    out = cli("recommend", "--kb", str(kb_copy), "-g", "credibility=5", "--lang", "en").out
    assert "─ 2. [bold]Co[/bold]-branding :warning: (stretch) — " in out  # the card's title


@pytest.mark.parametrize(
    "args",
    [
        ("recommend", "-g", "credibility=5"),
        ("kb", "list"),
        ("kb", "matrix"),
        ("--version",),
        ("--help",),
        ("recommend", "--help"),
        ("--show-completion", "bash"),
    ],
)
def test_a_reader_that_goes_away_is_no_failure(args):
    # `partneradvisor ... | true`: rich itself would exit 1
    run = subprocess.Popen(
        [sys.executable, "-m", "partneradvisor", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()
    assert run.wait(timeout=60) == 0
    assert run.stderr.read() == b""


@pytest.mark.parametrize("args", [("--version",), ("--show-completion", "bash")])
def test_version_to_a_full_device_is_one_sentence_and_exit_2(args):
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "partneradvisor", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert run.returncode == 2 and "No space left" in run.stderr
    assert "Traceback" not in run.stderr


def test_json_output_escapes_what_a_terminal_or_a_line_reader_would_act_on(tmp_path, cli):
    company = "A\x9b31m\u2028B\x7f\x85C\u202eD"
    advice = cli("recommend", "-g", "credibility=5", "--company", company, "-f", "json").out
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "1", "company": company, "goals": {"credibility": 5}}))
    batch = cli("batch", str(rows)).out
    for text in (advice, batch):
        assert not any(ch in text for ch in "\x9b\u2028\x7f\x85\u202e")
        assert len(batch.splitlines()) == 1  # one line per row, whatever the reader splits on
    assert json.loads(advice)["company"] == company  # the same text, escaped
    assert json.loads(batch)["company"] == company


def test_a_strangers_knowledge_base_cannot_hang_or_exhaust_the_reader(kb_copy, cli):
    (kb_copy / "forms.yaml").unlink()
    (kb_copy / "forms.yaml").symlink_to("/dev/zero")  # endless
    os.mkfifo(kb_copy / "pipe")
    (kb_copy / "rules.yaml").unlink()
    (kb_copy / "rules.yaml").symlink_to(kb_copy / "pipe")  # reading would wait forever
    with (kb_copy / "meta.yaml").open("a") as meta:
        meta.write("# " + "x" * (5 * 2**20) + "\n")  # far larger than any knowledge base
    result = cli("kb", "validate", "--kb", str(kb_copy))
    assert result.code == 2
    assert "forms.yaml: is not a regular file" in result.err
    assert "rules.yaml: is not a regular file" in result.err
    assert "meta.yaml: is larger than 4 MiB" in result.err


def test_a_strangers_answers_file_cannot_hang_or_exhaust_the_reader(tmp_path, cli, monkeypatch):
    # /dev/zero was read until memory ran out (exit 70), a FIFO until a writer came
    os.mkfifo(tmp_path / "pipe")
    big = tmp_path / "big.yaml"
    big.write_text("company: " + "x" * (5 * 2**20) + "\n")
    for path, said in (
        ("/dev/zero", "is not a regular file"),
        (str(tmp_path / "pipe"), "is not a regular file"),
        (str(big), "is larger than 4 MiB"),
    ):
        result = cli("recommend", "-a", path, "-f", "json")
        assert result.code == 2 and said in result.err, path
    monkeypatch.setattr(sys, "stdin", io.StringIO("company: " + "x" * (5 * 2**20)))
    result = cli("recommend", "-a", "-", "-f", "json")
    assert result.code == 2 and "standard input holds more than 4 MiB" in result.err


def test_a_file_the_user_may_not_write_is_not_replaced(tmp_path, cli, monkeypatch):
    # in a shared directory a rename could replace another user's file: refuse as `>` would
    theirs = tmp_path / "theirs.md"
    theirs.write_text("not yours")
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == theirs else real_access(path, mode)
    )
    result = cli("recommend", "-g", "credibility=5", "-o", str(theirs))
    assert result.code == 2 and "Permission denied" in result.err
    assert theirs.read_text() == "not yours"
    assert [p.name for p in tmp_path.iterdir()] == ["theirs.md"]


def test_json_on_standard_input_is_read_as_json(cli, monkeypatch):
    text = '{"goals": {"credibility": 5}, "company": "\\ud83d\\ude00 BV"}'  # a pair YAML refuses
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    result = cli("recommend", "-a", "-", "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["company"] == "\U0001f600 BV"
