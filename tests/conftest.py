from __future__ import annotations

import os
import shutil
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from partneradvisor.cli import main
from partneradvisor.engine import Advisor, advisor_for
from partneradvisor.kb.loader import load_knowledge_base
from partneradvisor.kb.model import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"


def _run_this_environments_command() -> None:
    """Put the interpreter's own scripts first on PATH.

    A test that starts `partneradvisor` in a subprocess or a pseudo-terminal must run the
    code the in-process tests import, also when the suite is started as `.venv/bin/python
    -m pytest` without activating the environment, or under `env -i`.
    """
    scripts = Path(sys.executable).parent
    if (scripts / "partneradvisor").is_file():
        path = os.environ.get("PATH", os.defpath).split(os.pathsep)
        if not path or path[0] != str(scripts):
            os.environ["PATH"] = os.pathsep.join([str(scripts), *path])


_run_this_environments_command()  # before the test modules are imported: skipif reads PATH


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test gets its own cache and no user knowledge base from the environment."""
    monkeypatch.setenv("PARTNERADVISOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("PARTNERADVISOR_KB", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    # prompt_toolkit would ask a terminal for the cursor position at every prompt and wait a
    # second for an answer that a pipe or pexpect never gives
    monkeypatch.setenv("PROMPT_TOOLKIT_NO_CPR", "1")


@pytest.fixture(autouse=True)
def _commands_as_imported() -> Iterator[None]:
    """Every test meets the CLI's command table as it was imported.

    main() registers `wizard` and `batch` again on every call (issue 12): over a session the
    table grew past a hundred commands, and every later call converted them all.
    """
    from partneradvisor import cli

    app = getattr(cli, "app", None)
    commands = getattr(app, "registered_commands", None)
    saved = list(commands) if commands is not None else None
    yield
    if saved is not None and commands is not None:
        commands[:] = saved


# --- markers ---------------------------------------------------------------------------------

# Marks for tests in files that other work in progress is editing: move each onto its test
# when its file is next edited, and drop it here.
_MARKS = {
    "test_batch.py::test_a_summary_on_a_terminal_and_silence_in_a_pipe": ("terminal", "slow"),
    "test_batch.py::test_ten_thousand_rows_with_three_bad_ones": ("slow",),
    "test_reports.py::test_the_html_report_prints_to_a_clean_a4_pdf": ("browser", "slow"),
}


def _is_property_test(item: pytest.Item) -> bool:
    # what hypothesis's own plugin checks; its "hypothesis" marker comes after this hook
    hypothesis = sys.modules.get("hypothesis")
    is_hypothesis_test = getattr(hypothesis, "is_hypothesis_test", None)
    return (
        is_hypothesis_test is not None
        and isinstance(item, pytest.Function)
        and bool(is_hypothesis_test(item.obj))
    )


@pytest.hookimpl(tryfirst=True)  # before -k and -m deselect anything
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    modules = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is not None:
            modules[item.path.name] = module
        name = getattr(item, "originalname", item.name)
        for marker in _MARKS.get(f"{item.path.name}::{name}", ()):
            item.add_marker(marker)
        if _is_property_test(item):  # hundreds of examples each
            item.add_marker("slow")
        if "wheel" in getattr(item, "fixturenames", ()):  # builds the project
            item.add_marker("slow")
    for key in _MARKS:
        file, name = key.split("::")
        if file in modules and not hasattr(modules[file], name):
            warnings.warn(f"tests/conftest.py marks {key}, which no longer exists", stacklevel=1)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(use_cache=False)


@pytest.fixture(scope="session")
def advisor(kb: KnowledgeBase) -> Advisor:
    return advisor_for(kb)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged knowledge base."""
    target = tmp_path / "kb"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    return target


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
