"""Publishing swaps real files in through a journal, under a lock: a build killed at any
step leaves the old package whole, or a journal that the next build (or `validate`)
completes to the new one; `load()` never reads a half-swapped package; two builds into one
folder never mix; and nothing a user put in OUT is deleted or replaced."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from coalition_data import load
from coalition_data.cli import main
from coalition_data.errors import ValidationError
from coalition_data.package import check_hashes
from tests.conftest import write_seeds

ROW = "{id},{id}.txt,Outlet,high,,unknown,2020-01-02,high,\n"
OLD = "عقد وزراء التحالف الدولي ضد داعش اجتماعهم اليوم في روما.\n"
NEW = "عقد وزراء التحالف الدولي ضد داعش اجتماعهم اليوم في مدريد.\n"
# step -> what readers see right after a kill there, before any recovery
STEPS = {"before-journal": "old", "journaled": "pending", "data-swapped": "pending",
         "descriptor-swapped": "pending", "journal-removed": "new"}
NO_EXCHANGE = ("import coalition_data.publish as p\n"
               "def _no(a, b): raise OSError(38, 'renameat2 not supported')\n"
               "p.exchange = _no\n")


def _seeds(folder: Path, text: str, aid: str) -> Path:
    return write_seeds(folder, {f"{aid}.txt": text.encode()}, ROW.format(id=aid))


def _build_in_subprocess(seeds: Path, out: Path, crash_at: str | None,
                         prelude: str = "") -> int:
    env = {**os.environ, "COALITION_WORKERS": "1"}
    if crash_at:
        env["COALITION_CRASH_AT"] = crash_at
    code = (prelude + "import sys; from coalition_data.cli import main; "
            f"sys.exit(main(['build', '--seeds', {str(seeds)!r}, '--out', {str(out)!r}]))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True).returncode


def _ids(out: Path) -> str:
    ids = pl.read_parquet(out / "data" / "articles.parquet")["article_id"].to_list()
    return {("old",): "old", ("new",): "new"}[tuple(ids)]


def _which(out: Path) -> str:
    """'old' or 'new' after `validate` (which completes an interrupted publish) has found
    the package whole."""
    assert main(["validate", "--root", str(out)]) == 0
    return _ids(out)


def _state(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".package").iterdir())


def _regular(out: Path) -> None:
    """The committed layout: real files, no links anywhere."""
    assert not (out / "data").is_symlink() and (out / "data").is_dir()
    assert not (out / "datapackage.json").is_symlink() and (out / "datapackage.json").is_file()
    assert all(not p.is_symlink() and p.is_file() for p in (out / "data").iterdir())


@pytest.fixture
def old_package(tmp_path: Path) -> Path:
    out = tmp_path / "pkg"
    assert main(["build", "--seeds", str(_seeds(tmp_path / "a", OLD, "old")),
                 "--out", str(out)]) == 0
    _regular(out)
    return out


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_kill_at_any_step_leaves_a_whole_package_or_one_the_next_run_completes(
        step: str, exchange: bool, tmp_path: Path, old_package: Path) -> None:
    new_seeds = _seeds(tmp_path / "b", NEW, "new")
    prelude = "" if exchange else NO_EXCHANGE
    assert _build_in_subprocess(new_seeds, old_package, step, prelude) == 99
    seen = STEPS[step]
    if seen == "pending":
        # not silent: readers are refused until the swap is completed
        with pytest.raises(RuntimeError, match="interrupted"):
            load("articles", old_package)
        assert main(["validate", "--root", str(old_package)]) == 0  # completes it
        seen = "new"
    assert _which(old_package) == seen
    _regular(old_package)
    # the next build cleans up and completes
    assert _build_in_subprocess(new_seeds, old_package, None, prelude) == 0
    assert _which(old_package) == "new"
    assert _state(old_package) == [".lock"]
    _regular(old_package)


def test_a_kill_between_the_two_renames_is_completed(tmp_path: Path,
                                                      old_package: Path) -> None:
    """Without renameat2 OUT/data is briefly absent: the journal covers that moment."""
    assert _build_in_subprocess(_seeds(tmp_path / "b", NEW, "new"), old_package,
                                "data-aside", NO_EXCHANGE) == 99
    assert not (old_package / "data").exists()
    assert _which(old_package) == "new"
    _regular(old_package)


def test_a_half_swapped_package_fails_its_hashes(tmp_path: Path, old_package: Path) -> None:
    """Even read behind the journal's back, the mixture is caught by the hashes."""
    assert _build_in_subprocess(_seeds(tmp_path / "b", NEW, "new"), old_package,
                                "data-swapped") == 99
    with pytest.raises(ValidationError, match="does not match the hash"):
        check_hashes(old_package)


def _link_layout(package: Path, target: Path) -> Path:
    """The older layout: data and datapackage.json link into .package/current."""
    version = target / ".package" / "v-0123456789abcdef"
    version.mkdir(parents=True)
    shutil.copytree(package / "data", version / "data")
    shutil.copy(package / "datapackage.json", version / "datapackage.json")
    os.symlink("v-0123456789abcdef", target / ".package" / "current")
    os.symlink(".package/current/data", target / "data")
    os.symlink(".package/current/datapackage.json", target / "datapackage.json")
    return target


@pytest.mark.parametrize("step", list(STEPS))
def test_the_link_layout_is_converted_whole_at_every_step(step: str, tmp_path: Path,
                                                          old_package: Path) -> None:
    out = _link_layout(old_package, tmp_path / "older")
    assert _which(out) == "old"
    assert _build_in_subprocess(_seeds(tmp_path / "b", NEW, "new"), out, step) == 99
    assert _which(out) == ("old" if step == "before-journal" else "new")
    assert _build_in_subprocess(_seeds(tmp_path / "b", NEW, "new"), out, None) == 0
    assert _which(out) == "new"
    _regular(out)
    assert _state(out) == [".lock"]


def test_an_unchanged_package_in_the_link_layout_is_converted(tmp_path: Path,
                                                               old_package: Path) -> None:
    out = _link_layout(old_package, tmp_path / "older")
    assert main(["build", "--seeds", str(tmp_path / "a"), "--out", str(out)]) == 0
    _regular(out)
    assert _which(out) == "old" and _state(out) == [".lock"]


def test_leftovers_of_a_killed_link_migration_are_removed(tmp_path: Path,
                                                          old_package: Path) -> None:
    out = _link_layout(old_package, tmp_path / "older")
    shutil.copytree(old_package / "data", out / ".data.12345.link")
    os.symlink(".package/current/datapackage.json", out / ".datapackage.json.12345.link")
    os.symlink("v-0123456789abcdef", out / ".package" / "current.12345.link")
    assert main(["build", "--seeds", str(tmp_path / "a"),
                 "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".package", "data", "datapackage.json"]
    assert _state(out) == [".lock"]


def test_a_package_copied_with_cp_rL_can_be_rebuilt(tmp_path: Path, old_package: Path) -> None:
    linked = _link_layout(old_package, tmp_path / "older")
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-rL", str(linked), str(copy)], check=True)
    assert (copy / ".package" / "current").is_dir()
    assert main(["build", "--seeds", str(_seeds(tmp_path / "b", NEW, "new")),
                 "--out", str(copy)]) == 0
    assert _which(copy) == "new" and _state(copy) == [".lock"]
    _regular(copy)


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
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
              for p in [old_package / "data", *(old_package / "data").iterdir(),
                        old_package / "datapackage.json"]}
    assert main(["build", "--seeds", str(tmp_path / "a"), "--out", str(old_package)]) == 0
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
             for p in [old_package / "data", *(old_package / "data").iterdir(),
                       old_package / "datapackage.json"]}
    assert after == before


def test_a_hand_edited_file_is_not_kept_by_an_identical_rebuild(tmp_path: Path,
                                                                old_package: Path) -> None:
    csv = old_package / "data" / "articles.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert main(["build", "--seeds", str(tmp_path / "a"), "--out", str(old_package)]) == 0
    assert "edited" not in csv.read_text(encoding="utf-8")
    assert _which(old_package) == "old"


def _refused(out: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize("extra", ["raw/survey.csv", "notes.md"])
def test_a_users_own_files_in_data_are_never_deleted(
        extra: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    (out / "data" / extra).parent.mkdir(parents=True)
    (out / "data" / extra).write_text("mine\n", encoding="utf-8")
    err = _refused(out, _seeds(tmp_path / "b", NEW, "new"), capsys)
    assert "not written by coalition-data" in err or "tables without" in err
    assert (out / "data" / extra).read_text(encoding="utf-8") == "mine\n"
    assert not (out / ".package").exists()


def test_a_users_file_beside_a_built_package_is_never_deleted(
        tmp_path: Path, old_package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (old_package / "data" / "notes.md").write_text("mine\n", encoding="utf-8")
    err = _refused(old_package, _seeds(tmp_path / "b", NEW, "new"), capsys)
    assert "notes.md" in err
    assert (old_package / "data" / "notes.md").read_text(encoding="utf-8") == "mine\n"
    assert _ids(old_package) == "old"


def test_a_plain_file_named_data_is_never_replaced(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "data").write_text("mine\n", encoding="utf-8")
    assert "a file" in _refused(out, _seeds(tmp_path / "b", NEW, "new"), capsys)
    assert (out / "data").read_text(encoding="utf-8") == "mine\n"


def test_a_foreign_descriptor_is_never_replaced(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "datapackage.json").write_text('{"name": "mine"}\n', encoding="utf-8")
    _refused(out, _seeds(tmp_path / "b", NEW, "new"), capsys)
    assert (out / "datapackage.json").read_text(encoding="utf-8") == '{"name": "mine"}\n'


def test_data_linking_to_another_folder_is_refused_not_reported_built(
        tmp_path: Path, old_package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "linked"
    out.mkdir()
    os.symlink(old_package / "data", out / "data")
    shutil.copy(old_package / "datapackage.json", out / "datapackage.json")
    assert "a link to" in _refused(out, _seeds(tmp_path / "b", NEW, "new"), capsys)
    assert _ids(old_package) == "old"


def test_the_committed_seed_package_is_a_package_of_this_tool(built: Path) -> None:
    from coalition_data.publish import check_owned

    check_owned(built)  # raises if a rebuild of a fresh clone would be refused
    _regular(built)


def test_the_committed_package_is_regular_files_in_git() -> None:
    from coalition_data.paths import REPO_ROOT

    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "-C", str(REPO_ROOT), "ls-files", "-s", "--",
                             "datapackage.json", "data", ".package"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    modes = {line.split("\t")[1]: line.split()[0] for line in listed}
    assert modes.get("datapackage.json") == "100644"
    assert "data/meetings.parquet" in modes and "data/dictionary.md" in modes
    assert set(modes.values()) == {"100644"}
    assert not [p for p in modes if p.startswith(".package")]
