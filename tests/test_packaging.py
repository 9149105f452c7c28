"""The packaged knowledge base ships inside the wheel and loads from an installed copy."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        # no build environment: the test extras install setuptools (twice as fast)
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"),
            *("-w", str(out), str(ROOT)),
        ],
        check=True,
    )
    return next(out.glob("partneradvisor-*.whl"))


def test_the_wheel_holds_every_knowledge_base_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("meta", "benefits", "forms", "questions", "rules"):
        assert f"partneradvisor/data/{name}.yaml" in names


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


def test_the_wheel_imported_as_a_zip_loads_and_caches_its_knowledge_base(wheel, tmp_path):
    # a pure wheel on sys.path is imported from the zip, as a zipped application is
    code = (
        "import partneradvisor.kb.loader as l\n"
        "for _ in range(2): kb = l.load_knowledge_base()\n"  # the second run reads the cache
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
    assert list(tmp_path.glob("kb-*.pickle"))
