"""Publishing is one atomic step under a lock: a build killed at any step leaves the old
package or the new one, whole and valid; two builds into one folder never mix."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from coalition_data.cli import main
from tests.conftest import write_seeds

ROW = "{id},{id}.txt,Outlet,high,,unknown,2020-01-02,high,\n"
OLD = "عقد وزراء التحالف الدولي ضد داعش اجتماعهم اليوم في روما.\n"
NEW = "عقد وزراء التحالف الدولي ضد داعش اجتماعهم اليوم في مدريد.\n"
STEPS = ["before-rename", "after-rename", "before-switch", "after-switch"]
MIGRATION_STEPS = ["before-switch", "migrated-data", "migrated-datapackage.json"]


def _seeds(folder: Path, text: str, aid: str) -> Path:
    return write_seeds(folder, {f"{aid}.txt": text.encode()}, ROW.format(id=aid))


def _build_in_subprocess(seeds: Path, out: Path, crash_at: str | None) -> int:
    env = {**os.environ, "COALITION_WORKERS": "1"}
    if crash_at:
        env["COALITION_CRASH_AT"] = crash_at
    code = ("import sys; from coalition_data.cli import main; "
            f"sys.exit(main(['build', '--seeds', {str(seeds)!r}, '--out', {str(out)!r}]))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True).returncode


def _which(out: Path) -> str:
    """'old' or 'new' after validating the package as a whole."""
    assert main(["validate", "--root", str(out)]) == 0
    ids = pl.read_parquet(out / "data" / "articles.parquet")["article_id"].to_list()
    return {("old",): "old", ("new",): "new"}[tuple(ids)]


@pytest.fixture
def old_package(tmp_path: Path) -> Path:
    out = tmp_path / "pkg"
    assert main(["build", "--seeds", str(_seeds(tmp_path / "a", OLD, "old")),
                 "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_leaves_a_whole_package(step: str, tmp_path: Path,
                                                   old_package: Path) -> None:
    new_seeds = _seeds(tmp_path / "b", NEW, "new")
    assert _build_in_subprocess(new_seeds, old_package, step) == 99
    assert _which(old_package) == ("new" if step == "after-switch" else "old")
    # the next build cleans up and completes
    assert _build_in_subprocess(new_seeds, old_package, None) == 0
    assert _which(old_package) == "new"
    leftovers = [p.name for p in (old_package / ".package").iterdir()
                 if p.name.startswith((".staging-", "current."))]
    assert leftovers == []
    assert len([p for p in (old_package / ".package").iterdir() if p.name.startswith("v-")]) == 1


def _older_layout(package: Path, target: Path) -> Path:
    """The layout before links: real data/ and datapackage.json."""
    target.mkdir()
    shutil.copytree(package / "data", target / "data")
    shutil.copy(package / "datapackage.json", target / "datapackage.json")
    return target


@pytest.mark.parametrize("step", MIGRATION_STEPS)
def test_moving_from_the_older_layout_is_whole_at_every_step(step: str, tmp_path: Path,
                                                             old_package: Path) -> None:
    out = _older_layout(old_package, tmp_path / "older")
    assert _which(out) == "old"
    assert _build_in_subprocess(_seeds(tmp_path / "b", NEW, "new"), out, step) == 99
    assert _which(out) == "old"
    assert _build_in_subprocess(_seeds(tmp_path / "b", NEW, "new"), out, None) == 0
    assert _which(out) == "new"
    assert (out / "data").is_symlink() and (out / "datapackage.json").is_symlink()


def test_a_second_build_into_the_same_folder_fails_in_one_line(
        tmp_path: Path, old_package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (old_package / ".package" / ".lock").open("a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        capsys.readouterr()
        code = main(["build", "--seeds", str(_seeds(tmp_path / "b", NEW, "new")),
                     "--out", str(old_package)])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1 and "another build" in err
    assert _which(old_package) == "old"


def test_an_identical_rebuild_changes_nothing(tmp_path: Path, old_package: Path) -> None:
    before = os.readlink(old_package / ".package" / "current")
    assert main(["build", "--seeds", str(tmp_path / "a"), "--out", str(old_package)]) == 0
    assert os.readlink(old_package / ".package" / "current") == before
