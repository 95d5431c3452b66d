"""A seeds folder declares its package's identity in package.toml beside its manifest;
without one, the package claims none of this project's identity (title, version, creators,
licences, citation, accuracy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coalition_data import __version__
from coalition_data.cli import main
from coalition_data.paths import DEFAULT_SEEDS, REPO_ROOT
from tests.conftest import GOOD_ARTICLE, write_seeds

ROW = "a1,a1.txt,Test outlet,high,,unknown,2020-01-02,high,\n"
OWN = '''name = "my-corpus"
title = "Coalition meetings in my newspaper"
version = "2.1.0"
description = "My own articles."
homepage = "https://example.org/my-corpus"
keywords = ["test"]
creators = ["A. Researcher", {title = "A Lab", organization = "A University"}]
[[licenses]]
name = "ODbL-1.0"
title = "Open Database License"
path = "https://opendatacommons.org/licenses/odbl/1-0/"
'''
PROJECT = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))


def _corpus(folder: Path, identity: str | None) -> Path:
    seeds = write_seeds(folder, {"a1.txt": GOOD_ARTICLE.encode()}, ROW)
    if identity is not None:
        (seeds / "package.toml").write_text(identity, encoding="utf-8")
    return seeds


def _build(seeds: Path, out: Path, *extra: str) -> dict:
    assert main(["--quiet", "build", "--seeds", str(seeds), "--out", str(out), *extra]) == 0
    assert main(["validate", "--root", str(out)]) == 0
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_a_corpus_with_its_own_identity_file_builds_that_package(tmp_path: Path) -> None:
    pkg = _build(_corpus(tmp_path / "mine", OWN), tmp_path / "out")
    assert (pkg["name"], pkg["title"], pkg["version"]) == (
        "my-corpus", "Coalition meetings in my newspaper", "2.1.0")
    assert pkg["homepage"] == "https://example.org/my-corpus"
    assert [c["title"] for c in pkg["contributors"]] == ["A. Researcher", "A Lab"]
    assert [x["name"] for x in pkg["licenses"]] == ["ODbL-1.0"]
    dictionary = (tmp_path / "out" / "data" / "dictionary.md").read_text(encoding="utf-8")
    assert dictionary.startswith("# Data dictionary: Coalition meetings in my newspaper\n")


def test_a_corpus_without_one_claims_nothing_of_this_project(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pkg = _build(_corpus(tmp_path / "their-folder", None), out, "--frictionless")
    assert pkg["title"] == f"Data package built with coalition-data {__version__} from " \
                           "their-folder"
    assert pkg["name"] == "their-folder"
    for key in ("version", "licenses", "contributors", "keywords", "homepage"):
        assert key not in pkg, key
    text = json.dumps({k: v for k, v in pkg.items() if k != "resources"}, ensure_ascii=False)
    for claim in (PROJECT["title"], PROJECT["name"], PROJECT["description"],
                  PROJECT["contributors"][0]["title"]):
        assert claim not in text
    assert PROJECT["title"] not in (out / "data" / "dictionary.md").read_text(encoding="utf-8")
    site = tmp_path / "site"
    assert main(["--quiet", "site", "--root", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "development set" not in html and PROJECT["title"] not in html


def test_the_command_line_overrides_the_file(tmp_path: Path) -> None:
    pkg = _build(_corpus(tmp_path / "mine", OWN), tmp_path / "out",
                 "--package-title", "Another title", "--package-version", "3.0")
    assert (pkg["name"], pkg["title"], pkg["version"]) == ("my-corpus", "Another title", "3.0")
    pkg = _build(_corpus(tmp_path / "none", None), tmp_path / "out2",
                 "--package-name", "named", "--package-version", "1.0")
    assert (pkg["name"], pkg["version"]) == ("named", "1.0")


@pytest.mark.parametrize(("content", "says"), [
    ('title = "x"\n', "name is required"),
    ('name = "x"\ntitle = "y"\ncolour = "red"\n', "unknown key 'colour'"),
    ('name = "Not A Name"\ntitle = "y"\n', "lower-case"),
    ('name = "x"\ntitle = "y"\nhomepage = "javascript:alert(1)"\n', "http(s) URL"),
    ('name = "x"\ntitle = \n', "not valid TOML"),
    ('name = "x"\ntitle = "y"\n[[licenses]]\ntitle = "no id"\n', "licenses[0]"),
])
def test_a_bad_identity_file_is_one_line(content: str, says: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    seeds = _corpus(tmp_path / "mine", content)
    capsys.readouterr()
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "package.toml" in err and says in err, err
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_the_projects_seeds_carry_the_projects_identity(built: Path) -> None:
    import tomllib

    declared = tomllib.loads((DEFAULT_SEEDS / "package.toml").read_text(encoding="utf-8"))
    assert declared["version"] == __version__
    pkg = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    for key in ("name", "title", "description", "version", "keywords", "licenses",
                "contributors"):
        assert pkg[key] == PROJECT[key], key
