from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from partneradvisor.cli import main
from partneradvisor.engine import Advisor, advisor_for
from partneradvisor.loader import load_knowledge_base
from partneradvisor.model import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"


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
