from __future__ import annotations

import compileall
import gc
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import packaged_kb
from hypothesis import settings

from partneradvisor.cli import main
from partneradvisor.engine import Advisor, advisor_for
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


# examples per property test: enough to find a broken property in a few runs (hypothesis
# replays a failure it found first); HYPOTHESIS_EXAMPLES=2000 for a deep search
settings.register_profile(
    "suite", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None
)
settings.load_profile("suite")


def pytest_configure(config: pytest.Config) -> None:
    """Compile the package once, before any test starts it in a subprocess: where
    PYTHONDONTWRITEBYTECODE is set (as in CI) every `partneradvisor` started would otherwise
    compile every module it imports from source. The workers of pytest-xdist leave it to
    the process that started them."""
    if not hasattr(config, "workerinput"):
        package = Path(__file__).resolve().parent.parent / "src" / "partneradvisor"
        compileall.compile_dir(package, quiet=1)


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


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection built (modules, the knowledge base, strategies) lives until the end:
    the garbage collector need not walk it again at every collection, and collects less
    often (the suite allocates much and keeps little). Some 10 % of the suite's CPU time."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


# --- markers ---------------------------------------------------------------------------------


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
    for item in items:
        if _is_property_test(item):  # hundreds of examples each
            item.add_marker("slow")
        if "wheel" in getattr(item, "fixturenames", ()):  # builds the project
            item.add_marker("slow")
    # the long tests first, so that neither worker is left with one at the end while the
    # other idles (xdist hands out tests in this order); the sort is stable
    long = ("slow", "terminal", "browser")
    items.sort(key=lambda item: not any(item.get_closest_marker(name) for name in long))


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return packaged_kb()


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
