"""Registries are input tables: a folder of articles may bring its own (SEEDS/registry/),
and each is validated against its declaration before any article is read. A problem
stops the build in one line naming file, line and column, and the previous package
stays as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from coalition_data.cli import main
from coalition_data.paths import DEFAULT_REGISTRY
from coalition_data.reference.registry import use_registry
from tests.conftest import GOOD_ARTICLE, write_seeds

ROW = "a1,a1.txt,Outlet,high,,unknown,2020-01-02,high,\n"


@pytest.fixture(autouse=True)
def _back_to_the_project_registry():
    yield
    use_registry(DEFAULT_REGISTRY)


def _seeds_with_registry(tmp_path: Path, article: str = GOOD_ARTICLE) -> Path:
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": article.encode()}, ROW)
    shutil.copytree(DEFAULT_REGISTRY, seeds / "registry")
    return seeds


def _snapshot(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_seeds_folder_brings_its_own_registry(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    article = "عقد وزراء التحالف الدولي ضد داعش اجتماعهم اليوم في الزيتون الخضراء.\n"
    seeds = _seeds_with_registry(tmp_path, article)
    with (seeds / "registry" / "places.csv").open("a", encoding="utf-8") as fh:
        fh.write("Green Olive,JO,الزيتون الخضراء,,,31.9,35.9,invented for this test\n")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    assert str(seeds / "registry") in capsys.readouterr().err
    from coalition_data import load

    assert load("meetings", tmp_path / "out")["city_en"].to_list() == ["Green Olive"]


CASES = {
    "header-only places": ("places.csv", None, ["registry/places.csv", "no rows"]),
    "non-integer resolution number": (
        "un_resolutions.csv", ("2170,S/RES/2170", "21x0,S/RES/2170"),
        ["registry/un_resolutions.csv line", "column number", "not a whole number"]),
    "alternatives ending in |": (
        "people.csv", ("بريت ماكغورك|", "بريت ماكغورك||"),
        ["registry/people.csv line 2, column names_ar", "empty alternative"]),
    "unknown country code": (
        "places.csv", ("Rome,IT,", "Rome,XQ,"),
        ["registry/places.csv line", "column country_code", "'XQ'"]),
    "a second row relabels a spelling": (
        "places.csv", ("Paris,FR,باريس", "Paris,FR,روما|باريس"),
        ["registry/places.csv line", "column names_ar", "'روما' is already on line"]),
    "duplicate key": (
        "un_resolutions.csv", ("2178,S/RES/2178 (2014)", "2170,S/RES/2178 (2014)"),
        ["registry/un_resolutions.csv line", "duplicate key '2170'"]),
    "an impossible date": (
        "people_roles.csv", ("2015-10-23", "2015-10-32"),
        ["registry/people_roles.csv line", "column start", "not a real date"]),
    "windows-1256": ("demonyms.csv", "cp1256", ["registry/demonyms.csv", "not valid UTF-8"]),
    "missing source": (
        "country_variants.csv", ("سورية,SY,", "سورية,SY,\n,SY,"),
        ["registry/country_variants.csv line", "empty"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_registry_is_one_line_and_keeps_the_package(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    good = write_seeds(tmp_path / "good", {"a1.txt": GOOD_ARTICLE.encode()}, ROW)
    assert main(["build", "--seeds", str(good), "--out", str(out)]) == 0
    before = _snapshot(out)
    seeds = _seeds_with_registry(tmp_path)
    name, change, expected = CASES[case]
    path = seeds / "registry" / name
    if change is None:
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n",
                        encoding="utf-8")
    elif change == "cp1256":
        path.write_bytes(path.read_text(encoding="utf-8").encode("cp1256", "replace"))
    else:
        _edit(path, *change)
    capsys.readouterr()
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for part in expected:
        assert part in err, f"{part!r} not in {err!r}"
    assert _snapshot(out) == before
