"""Every input file is checked before it is read: a regular file (a FIFO would block the
build for ever, a link to /dev/zero never ends) within a size limit (a 10 GB sparse file
would exhaust memory). Each problem is one line naming the file, exit code 2, in
seconds, and the previous package stays as it was.

The build runs in a child process with a time limit and a 2 GiB address-space limit,
so that the old behaviour (hang, MemoryError) fails the test instead of the machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import coalition_data
from coalition_data.paths import DEFAULT_REGISTRY
from tests.conftest import GOOD_ARTICLE, write_seeds

BUILD_DIR = str(Path(coalition_data.__file__).resolve().parents[1])
ROW = "a1,a1.txt,Outlet,high,,unknown,2020-01-02,high,\n"


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))"
            "; from coalition_data.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, PYTHONPATH=BUILD_DIR)
    try:
        return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                              text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build hung (more than {timeout} s)")


def _snapshot(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package built from one good article: every failed build must leave it alone."""
    root = tmp_path_factory.mktemp("published")
    seeds = write_seeds(root / "seeds", {"a1.txt": GOOD_ARTICLE.encode()}, ROW)
    done = _cli("--quiet", "build", "--seeds", str(seeds), "--out", str(root / "out"),
                "--no-cache")
    assert done.returncode == 0, done.stderr
    return root / "out"


def _sparse(path: Path) -> None:
    path.unlink(missing_ok=True)
    with path.open("wb") as fh:
        fh.truncate(10 << 30)


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "10 GB sparse": (_sparse, "10,737,418,240 bytes is more than"),
    "FIFO": (_fifo, "not a regular file (a named pipe)"),
    "link to /dev/zero": (_zero, "not a regular file (a character device)"),
}
TARGETS = {  # file of the seeds folder -> the name the error gives
    "manifest.csv": "seeds/manifest.csv",
    "registry/places.csv": "registry/places.csv",
    "registry/extra.csv": "registry/extra.csv",  # not declared, but digested: read too
    "a1.txt": "a1.txt",
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_input_file_is_one_line_and_changes_nothing(
        tmp_path: Path, published: Path, target: str, kind: str) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode()}, ROW)
    shutil.copytree(DEFAULT_REGISTRY, seeds / "registry")
    make, message = HOSTILE[kind]
    make(seeds / target)
    before = _snapshot(published)
    done = _cli("--quiet", "build", "--seeds", str(seeds), "--out", str(published))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    if (kind, target) == ("link to /dev/zero", "a1.txt"):  # refused by where it points
        message = "must be a path inside seeds/"
    assert TARGETS[target] in lines[0] and message in lines[0], lines[0]
    assert _snapshot(published) == before


def test_a_folder_named_like_a_registry_file_is_refused(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode()}, ROW)
    shutil.copytree(DEFAULT_REGISTRY, seeds / "registry")
    _folder(seeds / "registry" / "places.csv")
    done = _cli("--quiet", "build", "--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "registry/places.csv: not a regular file (a folder)" in done.stderr


def test_a_fifo_that_is_no_registry_file_is_left_alone(tmp_path: Path) -> None:
    """Only the registry's CSV files are read: a pipe beside them does not matter."""
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode()}, ROW)
    shutil.copytree(DEFAULT_REGISTRY, seeds / "registry")
    _fifo(seeds / "registry" / "notes")
    done = _cli("--quiet", "build", "--seeds", str(seeds), "--out", str(tmp_path / "out"),
                "--no-cache")
    assert done.returncode == 0, done.stderr
