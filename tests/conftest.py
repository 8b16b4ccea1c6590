from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The offline copy (a second full build, ~10 s) is built only by the tests that check it.
os.environ.setdefault("IRSITE_OFFLINE_COPY", "false")

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def run_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build` on a project folder, as an author would."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    if strict:
        cmd.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=300)


def copy_project(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("site", "site.*", ".venv", ".git", "__pycache__",
                                                             "node_modules", ".pytest_cache", ".hypothesis",
                                                             ".drafts", "tests", "scripts"))
    return dest


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini fixture project, built once."""
    project = copy_project(MINI, tmp_path_factory.mktemp("mini") / "project")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real reference site, built once with --strict."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


EXPORT_URL = "https://teach.example.edu/ir-course/"


@pytest.fixture(scope="session")
def exported_project(tmp_path_factory) -> Path:
    """The real project written by ``irsite export`` for EXPORT_URL (a self-contained project)."""
    out = tmp_path_factory.mktemp("export") / "project"
    cmd = [sys.executable, "-m", "irsite", "--root", str(ROOT), "export", str(out), "--site-url", EXPORT_URL]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


ZENSICAL_VENV = ROOT / ".cache" / "zensical"


def zensical() -> Path:
    """Zensical's command in a venv of its own (ROOT/.cache/zensical), installed on first use with
    the newest version that installs from the package index; skips the test where it cannot be."""
    exe = ZENSICAL_VENV / "bin" / "zensical"
    ZENSICAL_VENV.parent.mkdir(parents=True, exist_ok=True)
    # The test workers (pytest-xdist) share the venv: one installs it while the others wait.
    with open(ZENSICAL_VENV.parent / "zensical.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not exe.exists():
            steps = [[sys.executable, "-m", "venv", str(ZENSICAL_VENV)],
                     [str(ZENSICAL_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", "zensical"]]
            for step in steps:
                try:
                    done = subprocess.run(step, capture_output=True, text=True, timeout=600)
                except (OSError, subprocess.TimeoutExpired) as exc:
                    pytest.skip(f"Zensical could not be installed ({exc}); the export is not checked under Zensical")
                if done.returncode != 0:
                    shutil.rmtree(ZENSICAL_VENV, ignore_errors=True)
                    pytest.skip("Zensical could not be installed from the package index, so the export is not checked "
                                "under Zensical:\n" + done.stderr[-1500:])
    return exe


@pytest.fixture(scope="session")
def zensical_site(exported_project, tmp_path_factory) -> Path:
    """The exported project built by Zensical (``zensical build``)."""
    exe = zensical()
    project = tmp_path_factory.mktemp("zensical") / "project"
    shutil.copytree(exported_project, project)
    result = subprocess.run([str(exe), "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="session")
def plain_site(exported_project, tmp_path_factory) -> Path:
    """The exported project built by plain MkDocs (no irsite plugin), with --strict."""
    site = tmp_path_factory.mktemp("plain") / "site"
    result = run_build(exported_project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site
