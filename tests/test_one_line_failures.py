"""Every user-facing failure is one line on stderr and a non-zero exit; `validate`
catches tampering with the descriptor."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coalition_data.cli import main
from tests.conftest import write_seeds

ROW = "a1,a1.txt,Outlet,high,,unknown,{date},high,\n"


def _fails_in_one_line(argv: list[str], capsys: pytest.CaptureFixture[str], *parts: str) -> None:
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for part in parts:
        assert part in err, f"{part!r} not in {err!r}"


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_publication_dates_that_would_overflow_are_refused(
        date: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = write_seeds(tmp_path / "s", {"a1.txt": "اجتمع التحالف الدولي أمس.\n".encode()},
                        ROW.format(date=date))
    _fails_in_one_line(["build", "--seeds", str(seeds), "--out", str(tmp_path / "o")], capsys,
                       "manifest.csv line 2, column published_date", "outside 1900-2100")


def test_a_seeds_folder_that_does_not_exist_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_in_one_line(["build", "--seeds", str(tmp_path / "nowhere"), "--out",
                        str(tmp_path / "o")], capsys, "nowhere: seeds folder not found")
    assert not (tmp_path / "o" / "data").exists()


def test_out_naming_a_file(tmp_path: Path, one_good_article: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    _fails_in_one_line(["build", "--seeds", str(one_good_article), "--out", str(target)],
                       capsys, "error:", str(target))


def test_evaluate_on_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_in_one_line(["evaluate", "--root", str(tmp_path)], capsys, "build the package first")
    gold = tmp_path / "gold.yaml"
    gold.write_text("d1: {}\n", encoding="utf-8")
    _fails_in_one_line(["evaluate", "--gold", str(gold), "--root", str(tmp_path)], capsys,
                       "build the package first")


@pytest.fixture
def package(tmp_path: Path, one_good_article: Path) -> Path:
    out = tmp_path / "pkg"
    assert main(["build", "--seeds", str(one_good_article), "--out", str(out)]) == 0
    assert main(["validate", "--root", str(out)]) == 0
    return out


def _edit_descriptor(root: Path, change) -> None:
    path = root / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    change(pkg)
    path.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")


TAMPERING = {
    "a dropped resource": (lambda p: p["resources"].pop(), "resources"),
    "a removed enum": (lambda p: p["resources"][1]["schema"]["fields"][2].pop("constraints"),
                       "meetings"),
    # the articles' own licence is derived from the declaration; the package-level identity
    # comes from the seeds' package.toml, so only its form can be checked
    "an edited licence": (lambda p: p["resources"][0]["licenses"][0].update(name="CC0-1.0"),
                          "licenses"),
    "a malformed identity": (lambda p: p.update(licenses=[{"title": "no id"}]), "licenses[0]"),
    "a path escaping the package": (
        lambda p: p["resources"][0].update(path="../outside.parquet"), "leaves the package"),
    "a removed hash": (lambda p: p["resources"][0].pop("hash"), "has no hash"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_validate_catches_tampering(case: str, package: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    change, part = TAMPERING[case]
    _edit_descriptor(package, change)
    _fails_in_one_line(["validate", "--root", str(package)], capsys, part)


def test_validate_on_malformed_json(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package / "datapackage.json").write_text("{ not json", encoding="utf-8")
    _fails_in_one_line(["validate", "--root", str(package)], capsys, "not valid JSON")


def test_validate_on_a_missing_table(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package / "data" / "pledges.parquet").unlink()
    _fails_in_one_line(["validate", "--root", str(package)], capsys, "pledges.parquet")


def test_unexpected_failures_are_one_line_unless_debug(
        tmp_path: Path, one_good_article: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from coalition_data import pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setattr(pipeline, "build_tables", boom)
    argv = ["build", "--seeds", str(one_good_article), "--out", str(tmp_path / "o")]
    _fails_in_one_line(argv, capsys, "internal error", "RuntimeError", "--debug")
    with pytest.raises(RuntimeError):
        main(["--debug", *argv])


def test_interrupt_is_one_line(tmp_path: Path, one_good_article: Path,
                               monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    from coalition_data import pipeline

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build_tables", interrupt)
    _fails_in_one_line(["build", "--seeds", str(one_good_article), "--out",
                        str(tmp_path / "o")], capsys, "interrupted")
    shutil.rmtree(tmp_path / "o", ignore_errors=True)
