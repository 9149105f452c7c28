"""How fast partneradvisor is where users feel it, as ratios against baselines run alongside.

    python benchmarks/run.py            # the full run, for the README's figures (long)
    python benchmarks/run.py --quick    # a fast look: fewer rows, fewer pairs

It measures the `partneradvisor` installed beside this interpreter (`pip install .` first).

How to read the output. Every figure is a ratio: the subject's cost (wall time, or peak
memory where it says so) divided by a baseline's, both measured in this run and taking
turns (subject then baseline, then baseline then subject, ...), so that a machine that
slows down for a while slows both. Each pair gives one ratio; `ratio` is the median of
them, `spread` their interquartile range: half of the pairs fall inside it. The first
figure runs the same command on both sides, so its distance from 1.00 and its spread show
what noise alone does on this machine; a wide spread elsewhere means the same. Run again,
or with more pairs (--pairs). Absolute times are not shown, on purpose: they say more
about the machine than about the program. `target` is the ratio a figure must not exceed
and `ok` whether it held; figures without a target are reported for the record. The
script exits 1 when a target is missed. The last line names the machine.

Quick mode uses fewer rows, so that start-up, which the baselines pay less of, weighs more
in the batch ratios: they read a little higher than the full run's. The README's figures
come from a full run.

Nothing of the user's is read or written: the cache directory ($XDG_CACHE_HOME) points at a
temporary directory, so the cold start (an empty cache, as after installing) is measured and
the warm runs use a cache this script filled.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "examples" / "answers.yaml"
SEED = 17  # fixed, so that every run measures the same rows

Measure = Callable[[], float]  # one run of a subject or a baseline: its cost (seconds, KiB)


@dataclass(frozen=True)
class Scale:
    """How many rows and how many pairs: a quick look or the full run."""

    pairs: int  # pairs per start-up figure (each run well under a second)
    batch_pairs: int  # pairs per figure that runs a batch
    memory_pairs: int  # peak memory barely varies from run to run
    rows: int  # rows for the batch throughput figures (JSONL, CSV, --summary, --jobs)
    explain_rows: int  # rows for --explain against plain batch
    memory_rows: int  # rows for the JSON list against JSON Lines memory figure
    sheet_rows: int  # rows for the workbook figure (openpyxl is slow)
    kb_rows: int  # rows for batch with knowledge bases of 100 and 500 forms
    million: bool  # the 10,000 -> 1,000,000 rows memory figure


# the full run's sizes are the (100,000 rows; 20,000 for --explain)
FULL = Scale(
    pairs=41,
    batch_pairs=9,
    memory_pairs=3,
    rows=100_000,
    explain_rows=20_000,
    memory_rows=100_000,
    sheet_rows=10_000,
    kb_rows=2_000,
    million=True,
)
QUICK = Scale(
    pairs=7,
    batch_pairs=3,
    memory_pairs=1,
    rows=5_000,
    explain_rows=500,
    memory_rows=20_000,
    sheet_rows=1_000,
    kb_rows=200,
    million=False,
)


# --- the installed command and its environment ---------------------------------------------


def command() -> str:
    """The installed command of this interpreter's environment (not a shim found first)."""
    beside = Path(sys.executable).with_name("partneradvisor")
    found = str(beside) if beside.exists() else shutil.which("partneradvisor")
    if not found:
        sys.exit("partneradvisor is not installed: run `pip install .` first")
    return found


def compile_bytecode() -> None:
    """Compile the package as `pip install` does, so that a run measures what a user gets
    even where PYTHONDONTWRITEBYTECODE kept the bytecode from being written."""
    spec = importlib.util.find_spec("partneradvisor")
    assert spec is not None and spec.submodule_search_locations
    for location in spec.submodule_search_locations:
        compileall.compile_dir(location, quiet=1)


def packaged_data() -> Path:
    """The knowledge-base files the installed command ships with."""
    spec = importlib.util.find_spec("partneradvisor.data")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return ROOT / "data"


def isolated_env(cache: Path) -> dict[str, str]:
    """This environment without the user's knowledge base and cache: every run reads the
    packaged knowledge base (unless a figure says otherwise) and caches under `cache`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERADVISOR_")}
    env.update(XDG_CACHE_HOME=str(cache), LANG="C.UTF-8", COLUMNS="100", TERM="xterm")
    env.pop("LC_ALL", None)
    return env


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Figure:
    measure: str
    ratios: list[float]
    target: float | None = None

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def spread(self) -> str:
        if len(self.ratios) < 3:
            return "-"  # fewer than three pairs have no quartiles worth the name
        q1, _, q3 = statistics.quantiles(self.ratios, n=4, method="inclusive")
        return f"{q1:.2f}-{q3:.2f}"

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, figure: Figure, seconds: float) -> None:
        """Keep a figure, and say it on stderr at once (a full run takes a while)."""
        self.figures.append(figure)
        verdict = {None: "", True: " ok", False: " MISSED"}[figure.ok]
        said = f"  {figure.ratio:.2f}×{verdict} ({seconds:.0f} s)"
        print(said, file=sys.stderr, flush=True)

    def print(self) -> None:
        header = ("measure", "ratio", "spread", "target", "ok")
        rows = [header] + [
            (
                f.measure,
                f"{f.ratio:.2f}×",
                f.spread,
                "" if f.target is None else f"≤ {f.target}×",
                {None: "", True: "yes", False: "NO"}[f.ok],
            )
            for f in self.figures
        ]
        widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
        for row in rows:
            cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            print("  ".join(cells).rstrip())
        for note in self.notes:
            print(f"note: {note}")

    @property
    def missed(self) -> list[str]:
        return [f.measure for f in self.figures if f.ok is False]


def paired(subject: Measure, baseline: Measure, pairs: int, warm_up: bool = True) -> list[float]:
    """One ratio subject/baseline per pair. The order alternates, so that whatever the
    first run of a pair pays (a CPU that has not clocked up, a neighbour's burst) is paid by
    each side equally often. An unrecorded round first brings both sides' files into the
    page cache."""
    if warm_up:
        subject(), baseline()
    ratios = []
    for n in range(pairs):
        if n % 2 == 0:
            s = subject()
            b = baseline()
        else:
            b = baseline()
            s = subject()
        ratios.append(s / b)
    return ratios


def timed(cmd: Sequence[str], env: dict[str, str], cwd: Path) -> Measure:
    """A run of a command, timed by the wall clock; a failure stops the benchmark (a
    figure for a command that failed would be a figure for its error path)."""

    def run() -> float:
        start = time.perf_counter()
        done = subprocess.run(
            cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            err = done.stderr.decode(errors="replace").strip()[-500:]
            sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{err}")
        return elapsed

    return run


def peak_memory(cmd: Sequence[str], env: dict[str, str], cwd: Path) -> Measure:
    """A run of a command, measured by its peak resident memory (KiB on Linux), read from
    the child itself with wait4: RUSAGE_CHILDREN would keep the largest child so far."""

    def run() -> float:
        child = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            sys.exit(f"failed ({child.returncode}): {' '.join(cmd)}")
        return float(usage.ru_maxrss)

    return run


# --- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """What an answers row may hold, read from the knowledge base's questions.yaml (not
    written here, so that new questions and choices are benchmarked as they come)."""

    benefits: list[str]
    importances: list[int]
    choices: dict[str, list[str]]  # question id -> its choices' values
    name_question: str | None
    goals_question: str

    @classmethod
    def read(cls, data: Path) -> Vocabulary:
        questions = yaml.safe_load((data / "questions.yaml").read_text("utf-8"))["questions"]
        benefits = yaml.safe_load((data / "benefits.yaml").read_text("utf-8"))["benefits"]
        goals = next(q for q in questions if q["kind"] == "goals")
        return cls(
            benefits=[b["id"] for b in benefits],
            importances=[int(k) for k in goals["importance"]["scale"]],
            choices={
                q["id"]: [str(c["value"]) for c in q["choices"]]
                for q in questions
                if q["kind"] == "choice"
            },
            name_question=next((q["id"] for q in questions if q.get("role") == "name"), None),
            goals_question=goals["id"],
        )


# names as a Flemish member survey holds them, some not ASCII
# fmt: off
TRADES = ("Brouwerij", "Bakkerij", "Drukkerij", "Garage", "Transport", "Bouwbedrijf", "Textiel",
          "Software", "Adviesbureau", "Tuinbouw", "Schrijnwerkerij", "Brasserie")
FAMILIES = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
            "Wouters", "De Smet", "Lefèvre", "Dubrûle", "Van den Broeck")
# fmt: on
LEGAL = ("NV", "BV", "CV", "VOF", "")


def answer_rows(vocabulary: Vocabulary, count: int) -> Iterator[dict[str, Any]]:
    """Companies as a member survey holds them: names differing per row, one to five goals
    at any importance, every question's choices, and a fifth of the choices left out (so the
    defaults are read too). The seed is fixed."""
    rng = random.Random(SEED)
    for n in range(1, count + 1):
        row: dict[str, Any] = {"id": f"m{n}"}
        if vocabulary.name_question:
            name = f"{rng.choice(TRADES)} {rng.choice(FAMILIES)} {n} {rng.choice(LEGAL)}"
            row[vocabulary.name_question] = name.strip()
        picked = rng.sample(vocabulary.benefits, rng.randint(1, 5))
        row[vocabulary.goals_question] = {b: rng.choice(vocabulary.importances) for b in picked}
        for question, values in vocabulary.choices.items():
            if rng.random() < 0.8:
                row[question] = rng.choice(values)
        yield row


def write_jsonl(path: Path, rows: Iterator[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_json_list(path: Path, jsonl: Path) -> Path:
    """The same rows as one JSON list, as a spreadsheet export or an API would give them."""
    with jsonl.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as f:
        f.write("[\n")
        for n, line in enumerate(lines):
            f.write(("" if n == 0 else ",\n") + line.rstrip("\n"))
        f.write("\n]\n")
    return path


def write_csv(path: Path, jsonl: Path, vocabulary: Vocabulary) -> Path:
    """The same rows as a survey's CSV: one column per question, goal.<benefit> per goal."""
    import csv

    keys = ["id", *([vocabulary.name_question] if vocabulary.name_question else [])]
    keys += list(vocabulary.choices)
    with jsonl.open(encoding="utf-8") as lines, path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(keys + [f"goal.{b}" for b in vocabulary.benefits])
        for line in lines:
            row = json.loads(line)
            goals = row[vocabulary.goals_question]
            writer.writerow(
                [row.get(k, "") for k in keys] + [goals.get(b, "") for b in vocabulary.benefits]
            )
    return path


def write_xlsx(path: Path, csv_path: Path) -> Path:
    import csv

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("survey")
    with csv_path.open(newline="", encoding="utf-8") as f:
        for cells in csv.reader(f):
            sheet.append([int(c) if c.isdigit() else c for c in cells])
    book.save(path)
    return path


def bigger_kb(target: Path, forms: int) -> Path:
    """A knowledge base of `forms` forms: the packaged one, its forms repeated under new
    ids with strengths and needs shuffled (a fixed seed), so that the copies rank apart
    and the engine cannot treat them as one."""
    shutil.copytree(packaged_data(), target, ignore=shutil.ignore_patterns("*.py", "*.pickle"))
    document = yaml.safe_load((target / "forms.yaml").read_text("utf-8"))
    shipped, levels = document["forms"], ["none", "low", "medium", "high"]
    rng = random.Random(SEED + forms)
    for n in range(len(shipped), forms):
        copy = json.loads(json.dumps(shipped[n % len(shipped)]))  # a deep copy
        copy["id"] = f"{copy['id']}_{n}"
        copy["name"] = {lang: f"{text} {n}" for lang, text in copy["name"].items()}
        for link in copy["benefits"].values():
            link["strength"] = rng.randint(1, 3)
        copy["needs"]["money"] = rng.choice(levels)
        copy["needs"]["staff_time"] = rng.choice(levels)
        shipped.append(copy)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)
    (target / "forms.yaml").write_text(text, encoding="utf-8")
    return target


# the floor for batch: parse every input line as batch must, and write the bytes batch
# writes (read from batch's own output, in binary, so the baseline adds only a copy from
# the page cache and pays no encoding: its cost is the least any implementation could pay)
SAME_BYTES_COPY = """\
import json, sys
with open(sys.argv[1], encoding="utf-8") as rows, open(sys.argv[2], "rb") as advice, \\
        open(sys.argv[3], "wb") as out:
    for row, line in zip(rows, advice):
        json.loads(row)
        out.write(line)
"""

# a bare questionary interview with the wizard's first questions: text, a checkbox of the
# goals, then selects. It prints each question's text as the wizard does, so the same
# keys and the same text on screen drive and time both.
BARE_INTERVIEW = """\
import json, sys
import questionary
spec = json.loads(sys.argv[1])
questionary.text(spec["name"]).ask()
choices = [questionary.Separator("--")] + spec["goals_choices"]
questionary.checkbox(spec["goals"], choices=choices).ask()
for text, options in spec["selects"]:
    questionary.select(text, choices=options, default=options[len(options) // 2]).ask()
"""


# --- the figures ---------------------------------------------------------------------------


class Bench:
    def __init__(self, scale: Scale, pairs: int | None, tmp: Path) -> None:
        self.scale = scale
        self.pairs = pairs or scale.pairs
        self.batch_pairs = pairs or scale.batch_pairs
        self.exe = command()
        self.tmp = tmp
        self.cache = tmp / "cache"
        self.cache.mkdir(mode=0o700)
        self.env = isolated_env(self.cache)
        self.report = Report()
        self.vocabulary = Vocabulary.read(packaged_data())

    # helpers

    def cmd(self, *args: str) -> list[str]:
        return [self.exe, *args]

    def run(self, cmd: Sequence[str], **env: str) -> Measure:
        return timed(cmd, {**self.env, **env}, self.tmp)

    def python(self, *args: str) -> list[str]:
        return [sys.executable, *args]

    def figure(
        self,
        measure: str,
        subject: Measure,
        baseline: Measure,
        target: float | None = None,
        pairs: int | None = None,
        warm_up: bool = True,
    ) -> None:
        print(f"{measure} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        ratios = paired(subject, baseline, pairs or self.pairs, warm_up)
        self.report.add(Figure(measure, ratios, target), time.perf_counter() - start)

    def batch(self, source: Path, out: Path, *extra: str) -> list[str]:
        return self.cmd("batch", str(source), "-o", str(out), "--lang", "en", *extra)

    def rows(self, count: int, name: str) -> Path:
        path = self.tmp / f"{name}.jsonl"
        if not path.exists():
            write_jsonl(path, answer_rows(self.vocabulary, count))
        return path

    def check_batch(self, source: Path, out: Path, *extra: str) -> None:
        """Run the batch once and check it advised every row: a bad row would be measured
        as an error path, and the copy would write fewer lines than there are rows."""
        done = subprocess.run(
            self.batch(source, out, *extra), env=self.env, cwd=self.tmp, capture_output=True
        )
        if done.returncode != 0:
            sys.exit(f"batch failed on the generated rows:\n{done.stderr.decode()[-1000:]}")

    # start-up

    def startup(self) -> None:
        typer = self.run(self.python("-c", "import typer"))
        # the same command on both sides: how far a ratio wanders from 1.00 by noise alone
        self.figure("noise: import typer vs itself", typer, typer)
        answers = ("-a", str(ANSWERS), "--lang", "en")
        as_json = self.run(self.cmd("recommend", *answers, "-f", "json"))
        self.figure("recommend --format json vs import typer", as_json, typer, 1.4)
        table = self.run(self.cmd("recommend", *answers))
        self.figure("recommend, table view vs import typer", table, typer, 2.0)
        self.figure("--version vs import typer", self.run(self.cmd("--version")), typer, 1.3)
        form = yaml.safe_load((packaged_data() / "forms.yaml").read_text("utf-8"))["forms"][0]
        explain = self.run(self.cmd("explain", form["id"], *answers))
        self.figure("explain FORM vs import typer", explain, typer)
        kb_list = self.run(self.cmd("kb", "list", "--lang", "en"))
        self.figure("kb list vs import typer", kb_list, typer)

    def cold_start(self) -> None:
        """A first run after installing (an empty cache) against a warm one, for the packaged
        knowledge base and for a user's own (which is validated, then cached)."""
        recommend = self.cmd("recommend", "-a", str(ANSWERS), "-f", "json", "--lang", "en")
        own = self.tmp / "own-kb"
        shutil.copytree(packaged_data(), own, ignore=shutil.ignore_patterns("*.py", "*.pickle"))
        for label, env, target in (
            ("", {}, 1.2),
            (", own knowledge base", {"PARTNERADVISOR_KB": str(own)}, None),
        ):
            warm_cache, cold_cache = self.tmp / "warm-cache", self.tmp / "cold-cache"
            warm = self.run(recommend, **env, XDG_CACHE_HOME=str(warm_cache))
            cold_run = self.run(recommend, **env, XDG_CACHE_HOME=str(cold_cache))

            def cold(run: Measure = cold_run, cache: Path = cold_cache) -> float:
                shutil.rmtree(cache, ignore_errors=True)  # outside the timed run
                return run()

            self.figure(
                f"cold first run vs warm (recommend --format json{label})", cold, warm, target
            )

    # batch

    def batch_throughput(self) -> None:
        rows = self.rows(self.scale.rows, "rows")
        count = f"{self.scale.rows:,}"
        out = self.tmp / "out.jsonl"
        self.check_batch(rows, out)
        advice = self.tmp / "advice.jsonl"
        shutil.copyfile(out, advice)
        copy = self.python("-c", SAME_BYTES_COPY, str(rows), str(advice), str(self.tmp / "c"))
        self.run(copy)()
        if (self.tmp / "c").read_bytes() != advice.read_bytes():
            sys.exit("the same-bytes copy does not write what batch writes")
        plain = self.run(self.batch(rows, out))
        self.figure(
            f"batch JSONL→JSONL vs a same-bytes copy, {count} rows",
            plain,
            self.run(copy),
            2.8,
            self.batch_pairs,
        )

        csv_rows = write_csv(self.tmp / "rows.csv", rows, self.vocabulary)
        as_csv = self.run(self.batch(csv_rows, self.tmp / "out.csv"))
        self.figure(
            f"batch CSV→CSV vs JSONL→JSONL, {count} rows", as_csv, plain, 1.05, self.batch_pairs
        )

        summary = self.run(self.batch(rows, out, "--summary", str(self.tmp / "summary.json")))
        self.figure(
            f"batch --summary vs without, {count} rows", summary, plain, 1.1, self.batch_pairs
        )

        if "--jobs" in self.help("batch"):
            two, one = (self.run(self.batch(rows, out, "--jobs", str(n))) for n in (2, 1))
            self.figure(
                f"batch --jobs 2 vs --jobs 1, {count} rows", two, one, None, self.batch_pairs
            )
        else:
            self.report.notes.append("batch has no --jobs option: no --jobs figure")

    def batch_explain(self) -> None:
        rows = self.rows(self.scale.explain_rows, "explain-rows")
        out = self.tmp / "explained.jsonl"
        self.check_batch(rows, out, "--explain")
        explained = self.run(self.batch(rows, out, "--explain"))
        plain = self.run(self.batch(rows, self.tmp / "plain.jsonl"))
        self.figure(
            f"batch --explain vs plain batch, {self.scale.explain_rows:,} rows",
            explained,
            plain,
            4.0,
            self.batch_pairs,
        )

    def workbooks(self) -> None:
        rows = self.rows(self.scale.sheet_rows, "sheet-rows")
        csv_rows = write_csv(self.tmp / "sheet.csv", rows, self.vocabulary)
        book = write_xlsx(self.tmp / "sheet.xlsx", csv_rows)
        as_csv = self.run(self.batch(csv_rows, self.tmp / "sheet-out.csv"))
        as_xlsx = self.run(self.batch(book, self.tmp / "sheet-out.xlsx"))
        # openpyxl reads and writes a workbook's XML in pure Python: a workbook may cost
        # this many times a CSV of the same rows (both ways streamed, memory flat)
        self.figure(
            f"batch .xlsx→.xlsx vs CSV→CSV, {self.scale.sheet_rows:,} rows",
            as_xlsx,
            as_csv,
            8.0,
            self.batch_pairs,
        )

    def memory(self) -> None:
        """Peak memory is nearly the same from run to run: a few pairs suffice."""
        count = self.scale.memory_rows
        lines = self.rows(count, "memory-rows")
        listed = write_json_list(self.tmp / "memory-rows.json", lines)
        out = self.tmp / "memory-out.jsonl"
        as_list = peak_memory(self.batch(listed, out), self.env, self.tmp)
        as_lines = peak_memory(self.batch(lines, out), self.env, self.tmp)
        self.figure(
            f"peak memory, JSON list vs JSON Lines, {count:,} rows",
            as_list,
            as_lines,
            1.2,
            self.scale.memory_pairs,
            warm_up=False,
        )
        if self.scale.million:
            small = self.rows(10_000, "memory-small")
            big = self.rows(1_000_000, "memory-big")
            self.figure(
                "peak memory, 1,000,000 vs 10,000 rows (JSON Lines)",
                peak_memory(self.batch(big, out), self.env, self.tmp),
                peak_memory(self.batch(small, out), self.env, self.tmp),
                1.2,
                1,
                warm_up=False,
            )

    def knowledge_base_size(self) -> None:
        """Knowledge bases of 100 and 500 forms against the packaged one (12), each warm."""
        answers = ("-a", str(ANSWERS), "-f", "json", "--lang", "en")
        shipped_recommend = self.run(self.cmd("recommend", *answers))
        rows = self.rows(self.scale.kb_rows, "kb-rows")
        shipped_batch = self.run(self.batch(rows, self.tmp / "kb-shipped.jsonl"))
        for forms in (100, 500):
            kb = bigger_kb(self.tmp / f"kb-{forms}", forms)
            env = {"PARTNERADVISOR_KB": str(kb)}
            self.check_batch(rows, self.tmp / "kb-out.jsonl", "--kb", str(kb))  # fills the cache
            self.figure(
                f"recommend --format json, {forms} forms vs the packaged KB",
                self.run(self.cmd("recommend", *answers), **env),
                shipped_recommend,
            )
            self.figure(
                f"batch, {forms} forms vs the packaged KB, {self.scale.kb_rows:,} rows",
                self.run(self.batch(rows, self.tmp / "kb-out.jsonl"), **env),
                shipped_batch,
                pairs=self.batch_pairs,
            )

    def help(self, *subcommand: str) -> str:
        done = subprocess.run(
            self.cmd(*subcommand, "--help"), env=self.env, capture_output=True, text=True
        )
        return done.stdout

    # the wizard

    def wizard(self) -> None:
        try:
            import pexpect  # installed with the test extras
        except ImportError:
            self.report.notes.append("pexpect is not installed: no wizard figures")
            return
        try:
            self.wizard_figures()
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            # the interview changed (a question moved, a text reworded): say so, and let
            # the other figures come out rather than lose the whole run
            kind = type(exc).__name__
            self.report.notes.append(f"wizard figures stopped ({kind}): see Interview.read")

    def wizard_figures(self) -> None:
        interview = Interview.read(packaged_data())
        wizard = Pty(self.cmd("wizard", "--lang", "en"), self.env, self.tmp, interview)
        bare = Pty(
            self.python("-c", BARE_INTERVIEW, interview.bare_spec()), self.env, self.tmp, interview
        )
        self.figure(
            "wizard: first question on screen vs a bare questionary prompt",
            wizard.first_question,
            bare.first_question,
        )
        self.figure(
            "wizard: keystroke to next question vs a bare questionary interview",
            wizard.keystrokes,
            bare.keystrokes,
        )


@dataclass(frozen=True)
class Interview:
    """The wizard's first questions, as the knowledge base words them in English: the
    texts to wait for on screen, and the choices a bare questionary interview offers."""

    name: str
    goals: str
    benefit_names: list[str]
    importance: str  # the importance question's text after the goal's name
    selects: list[tuple[str, list[str]]]  # the first choice questions: text, labels

    @classmethod
    def read(cls, data: Path) -> Interview:
        questions = yaml.safe_load((data / "questions.yaml").read_text("utf-8"))["questions"]
        benefits = yaml.safe_load((data / "benefits.yaml").read_text("utf-8"))["benefits"]
        goals = next(q for q in questions if q["kind"] == "goals")
        importance = goals["importance"]
        choice = [q for q in questions if q["kind"] == "choice" and "when" not in q]
        return cls(
            name=next(q for q in questions if q["kind"] == "text")["text"]["en"],
            goals=goals["text"]["en"],
            benefit_names=[b["name"]["en"] for b in benefits],
            importance=importance["text"]["en"].split("}", 1)[-1].strip(": "),
            selects=[(importance["text"]["en"], [v["en"] for v in importance["scale"].values()])]
            + [(q["text"]["en"], [c["label"]["en"] for c in q["choices"]]) for q in choice[:3]],
        )

    def bare_spec(self) -> str:
        return json.dumps(
            {
                "name": self.name,
                "goals": self.goals,
                "goals_choices": self.benefit_names,
                "selects": [
                    (self.importance if n == 0 else text, options)
                    for n, (text, options) in enumerate(self.selects)
                ],
            }
        )

    def after_goals(self) -> list[str]:
        """The questions' texts after the goals, in order (the first is the importance)."""
        return [self.importance] + [text for text, _ in self.selects[1:]]


class Pty:
    """An interview driven in a pseudo-terminal as a user would: each key is sent when the
    screen shows that the program is ready for it, and a key's time runs from sending it to
    the next question's text on screen. PROMPT_TOOLKIT_NO_CPR=1: otherwise prompt_toolkit
    asks the terminal where the cursor is and waits for an answer pexpect never gives."""

    def __init__(
        self, cmd: Sequence[str], env: dict[str, str], cwd: Path, interview: Interview
    ) -> None:
        self.cmd, self.cwd, self.interview = cmd, cwd, interview
        self.env = {**env, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}

    def spawn(self) -> Any:
        import pexpect

        child = pexpect.spawn(
            self.cmd[0],
            list(self.cmd[1:]),
            env=self.env,
            cwd=self.cwd,
            encoding="utf-8",
            timeout=30,
            dimensions=(40, 120),
        )
        child.delaybeforesend = None  # pexpect's default sleeps 50 ms before every send
        return child

    def first_question(self) -> float:
        start = time.perf_counter()
        child = self.spawn()
        child.expect_exact(self.interview.name)
        elapsed = time.perf_counter() - start
        child.terminate(force=True)
        return elapsed

    def keystrokes(self) -> float:
        """The summed time of the keys that move to the next question: Enter on the name,
        Enter on the ticked goal, Enter on its importance and on each choice after."""
        child = self.spawn()
        child.expect_exact(self.interview.name)
        child.send("Acme")
        child.expect_exact("Acme")  # echoed: the name is typed
        total = self.key(child, "\r", self.interview.goals)
        child.send(" ")
        child.expect_exact("●")  # the first goal is ticked
        for text in self.interview.after_goals():
            total += self.key(child, "\r", text)
        child.terminate(force=True)
        return total

    @staticmethod
    def key(child: Any, key: str, then: str) -> float:
        start = time.perf_counter()
        child.send(key)
        child.expect_exact(then)
        return time.perf_counter() - start


def machine() -> str:
    return (
        f"{time.strftime('%Y-%m-%d')}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a fast look: fewer rows and pairs")
    parser.add_argument("--pairs", type=int, help="pairs per figure (default: by mode)")
    args = parser.parse_args()
    scale = QUICK if args.quick else FULL
    compile_bytecode()
    print(f"measured on: {machine()}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="partneradvisor-bench-") as tmp:
        bench = Bench(scale, args.pairs, Path(tmp))
        bench.startup()
        bench.cold_start()
        bench.wizard()
        bench.batch_throughput()
        bench.batch_explain()
        bench.workbooks()
        bench.memory()
        bench.knowledge_base_size()
    report = bench.report
    print()
    report.print()
    mode = "quick" if args.quick else "full"
    print(f"\n{mode} run, {bench.pairs} pairs per start-up figure; measured on {machine()}")
    if report.missed:
        print("missed: " + "; ".join(report.missed))
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
