"""The installed command as a shell user meets it: start-up stays light, completion works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Keyboard

from partneradvisor import __version__

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "examples" / "answers.yaml"
# imported only by the commands that draw, ask, template or validate
HEAVY = (
    "rich",
    "questionary",
    "prompt_toolkit",
    "jinja2",
    "pydantic",
    "annotated_types",
    "openpyxl",
)

installed = pytest.mark.skipif(
    not shutil.which("partneradvisor"), reason="the command is not installed"
)


def _modules_after(*args: str) -> set[str]:
    """The modules loaded by one run of the CLI in a fresh interpreter, and their packages."""
    probe = (
        "import sys\n"
        "from partneradvisor.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('\\n' + ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    )
    loaded = set(done.stderr.splitlines()[-1].split())
    return loaded | {name.split(".")[0] for name in loaded}


# what a start-up need not pay for (issue 17): a YAML parser for a plain answers file, Babel's
# locale data for a number, OpenSSL for a hash
NOT_AT_START = ("yaml", "babel", "hashlib")


def test_version_and_scripted_recommend_import_nothing_heavy():
    assert _modules_after("--version").isdisjoint((*HEAVY, "yaml", "partneradvisor.kb.model"))
    _modules_after("recommend", "-a", str(ANSWERS), "-f", "json")  # fills the cache
    loaded = _modules_after("recommend", "-a", str(ANSWERS), "-f", "json")
    # nor, without rich (which needs them), generated dataclasses and pickle.py (the C
    # unpickler suffices)
    unwanted = {*HEAVY, *NOT_AT_START, "dataclasses", "pickle", "decimal"}
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


@pytest.mark.parametrize(
    "args",
    [
        ("recommend", "-a", str(ANSWERS)),
        ("explain", "audit", "-a", str(ANSWERS)),
        ("kb", "list"),
        ("kb", "show", "audit"),
    ],
)
def test_the_terminal_views_import_only_rich(args):
    loaded = _modules_after(*args)
    unwanted = {*HEAVY, *NOT_AT_START} - {"rich"}
    assert "rich" in loaded and loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


def test_the_wizard_leaves_rich_to_its_first_output():
    probe = "import sys, partneradvisor.wizard; print(sorted({'rich', 'yaml'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"  # before the first question: questionary only


@installed
def test_the_installed_command_reports_its_version_and_exit_codes(tmp_path):
    version = subprocess.run(["partneradvisor", "--version"], capture_output=True, text=True)
    assert (version.returncode, version.stdout.strip()) == (0, f"partneradvisor {__version__}")

    bad = tmp_path / "bad.yaml"
    bad.write_text("goals: {credibility: 9}\n")
    refused = subprocess.run(
        ["partneradvisor", "recommend", "-a", str(bad)], capture_output=True, text=True
    )
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "credibility" in refused.stderr

    advice = subprocess.run(
        ["partneradvisor", "recommend", "-a", str(ANSWERS), "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(advice.stdout)["recommendations"][0]["form"]


def _complete(words: str, env: dict[str, str]) -> list[str]:
    """What bash completion offers for `words` (the protocol the installed script uses)."""
    parts = words.split(" ")
    done = subprocess.run(
        ["partneradvisor"],
        capture_output=True,
        text=True,
        check=True,
        env={
            **env,
            "_PARTNERADVISOR_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        },
    )
    return done.stdout.split()


@installed
def test_completion_offers_the_knowledge_bases_ids(kb):
    env = dict(os.environ)
    assert _complete("partneradvisor explain spo", env) == ["sponsoring"]
    assert set(_complete("partneradvisor explain ", env)) == set(kb.form_ids)
    shown = set(_complete("partneradvisor kb show ", env))
    assert set(kb.form_ids) | set(kb.benefit_ids) <= shown
    assert _complete("partneradvisor rec", env) == ["recommend"]


@installed
def test_completion_reads_the_knowledge_base_named_on_the_line(kb_copy):
    forms = kb_copy / "forms.yaml"
    forms.write_text(forms.read_text().replace("- id: sponsoring", "- id: sponsorship_deal"))
    rules = kb_copy / "rules.yaml"
    rules.write_text(rules.read_text().replace("sponsoring", "sponsorship_deal"))
    env = dict(os.environ)
    assert _complete(f"partneradvisor explain --kb {kb_copy} spo", env) == ["sponsorship_deal"]
    assert _complete(f"partneradvisor kb show --kb {kb_copy} spo", env) == ["sponsorship_deal"]
    assert _complete(f"partneradvisor explain --kb {kb_copy}/nowhere spo", env) == []


@installed
@pytest.mark.terminal
@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")
def test_install_completion_then_tab_in_bash_completes_form_ids(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "HOME": str(tmp_path), "TERM": "dumb", "SHELL": shutil.which("bash")}
    # installed from bash, as a bash user does: typer names the shell after the process that
    # started the command, so the shell (or none) that started the suite does not matter
    installed_ = subprocess.run(
        ["bash", "-c", 'partneradvisor --install-completion; exit "$?"'],
        env=env,
        capture_output=True,
        text=True,
    )
    assert installed_.returncode == 0, installed_.stdout + installed_.stderr
    assert "bash completion installed" in installed_.stdout
    assert "partneradvisor" in (tmp_path / ".bashrc").read_text()

    # the user's ~/.bashrc as installed, then a prompt we can recognise
    rcfile = tmp_path / "rc"
    rcfile.write_text(f"source {tmp_path / '.bashrc'}\nPS1='$ '\n")
    shell = pexpect.spawn(
        "bash",
        ["--rcfile", str(rcfile), "-i"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )
    shell.delaybeforesend = None
    shell.expect_exact("$ ")
    shell.send("partneradvisor explain cause_rel" + Keyboard.Tab)
    shell.expect_exact("cause_related_marketing")
    shell.send(Keyboard.ControlU)  # clear the line
    shell.send("partneradvisor kb show spons" + Keyboard.Tab)
    shell.expect_exact("sponsoring")
    shell.sendline(" --lang en")
    shell.expect_exact("Sponsorship (sponsoring)")
    shell.expect_exact("$ ")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)


def test_importing_the_cli_registers_every_command_exactly_once(cli):
    import typer

    from partneradvisor.cli import app

    def names():
        group = typer.main.get_command(app)
        return sorted(group.commands)  # type: ignore[attr-defined]

    expected = ["batch", "explain", "kb", "recommend", "schema", "wizard"]
    assert names() == expected
    for _ in range(3):  # running commands adds none
        cli("--version")
    assert names() == expected
    assert [c.name for c in app.registered_commands].count("batch") == 1
