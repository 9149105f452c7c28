"""The packaged knowledge base ships inside the wheel and loads from an installed copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# these tests share one wheel per worker: on one worker, one build. (pytest 9.2 broke the
# grouping of pytest-xdist 3.8, pytest-dev/pytest-xdist#1386: each worker then builds its
# own, from its own copy of the project, so that two builds never share a build directory)
pytestmark = pytest.mark.xdist_group("wheel")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    project = out / "project"  # a copy: setuptools writes build/ and *.egg-info into it
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in ("src", "data"):
        shutil.copytree(ROOT / part, project / part, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    # the build backend's PEP 517 hook, as `pip wheel --no-build-isolation` calls it, without
    # pip's own start-up (1.2 s -> 0.3 s of CPU, the same wheel); the test extras install
    # setuptools, so no build environment is needed
    build = "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])"
    done = subprocess.run(
        [sys.executable, "-c", build, str(out)], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return next(out.glob("partneradvisor-*.whl"))


def test_the_wheel_holds_every_knowledge_base_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("meta", "benefits", "forms", "questions", "rules"):
        assert f"partneradvisor/data/{name}.yaml" in names
    assert "partneradvisor/data/validated.pickle" in names  # validated when it was made
    assert "partneradvisor/render/_report_template.py" in names  # compiled when it was made


def test_an_installed_wheel_loads_its_own_knowledge_base(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    code = (
        "import partneradvisor, partneradvisor.kb.loader as l; "
        "kb = l.load_knowledge_base(use_cache=False); "
        "print(partneradvisor.__file__); print(kb.source); print(len(kb.forms))"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "PARTNERADVISOR_CACHE_DIR": str(tmp_path)}
    env.pop("PARTNERADVISOR_KB", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, source, count = result.stdout.split()
    assert module_file.startswith(str(target))
    assert source.startswith(str(target)) and count == "12"


def test_the_wheel_imported_as_a_zip_loads_its_knowledge_base_without_validating(wheel, tmp_path):
    # a pure wheel on sys.path is imported from the zip, as a zipped application is; its
    # knowledge base comes validated, so neither pydantic nor the user's cache is needed
    code = (
        "import sys, partneradvisor.kb.loader as l\n"
        "kb = l.load_knowledge_base()\n"
        "assert 'pydantic' not in sys.modules\n"
        "print(l.packaged_kb_dir()); print(len(kb.forms))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(wheel), "PARTNERADVISOR_CACHE_DIR": str(tmp_path)}
    env.pop("PARTNERADVISOR_KB", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    location, count = result.stdout.split()
    assert location.startswith(str(wheel)) and count == "12"
    assert not list(tmp_path.glob("kb-*.pickle"))


def test_the_shipped_validated_knowledge_base_matches_its_files_and_code():
    # the package ships its knowledge base validated, so a first run needs no validation;
    # after a change to data/ or kb/, refresh it with: python -m partneradvisor.kb.loader
    from partneradvisor.kb import loader

    texts, _ = loader._read_files(loader.packaged_kb_dir())
    shipped = loader._shipped(texts)
    assert shipped is not None, "stale: run python -m partneradvisor.kb.loader"
    validated = loader._validate(texts, "")
    for part in ("meta", "groups", "benefits", "forms", "questions", "rules", "combination"):
        assert getattr(shipped, part) == getattr(validated, part), part
    assert shipped.fit_floor == validated.fit_floor


def test_a_stale_shipped_knowledge_base_is_not_used(kb_copy, monkeypatch):
    from partneradvisor.kb import loader

    stale = kb_copy / loader.SHIPPED
    stale.write_bytes((ROOT / "data" / loader.SHIPPED).read_bytes())
    rules = kb_copy / "rules.yaml"
    rules.write_text(rules.read_text().replace("fit_floor: 25", "fit_floor: 40"))
    monkeypatch.setattr(loader, "packaged_kb_dir", lambda: kb_copy)
    texts, _ = loader._read_files(kb_copy)
    assert loader._shipped(texts) is None
    assert loader.load_knowledge_base(use_cache=False).fit_floor == 40


def test_the_shipped_knowledge_base_is_written_and_read_back(kb_copy, monkeypatch):
    from partneradvisor.kb import loader

    monkeypatch.setattr(loader, "packaged_kb_dir", lambda: kb_copy)
    (kb_copy / loader.SHIPPED).unlink(missing_ok=True)
    texts, _ = loader._read_files(kb_copy)
    assert loader._shipped(texts) is None  # none shipped: validated as any other
    target = loader.write_shipped(kb_copy)
    assert target == kb_copy / loader.SHIPPED
    shipped = loader._shipped(texts)
    assert shipped is not None and shipped.source == str(kb_copy)
    assert shipped.forms == loader._validate(texts, "").forms
    # anything else under that name is not used
    target.write_bytes(b"PAKB-shipped\n" + b"0" * 64 + b"\n" + b"junk")
    assert loader._shipped(texts) is None
