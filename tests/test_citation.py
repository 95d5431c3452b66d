"""CITATION.cff follows the Citation File Format 1.2.0 schema (the copy in
tests/schemas/ is the one cffconvert ships), and agrees with the package's version."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from coalition_data import __released__, __version__
from coalition_data.paths import REPO_ROOT

SCHEMA = Path(__file__).parent / "schemas" / "citation-cff-1.2.0.json"


def test_citation_file_is_valid_cff() -> None:
    cff = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    cff["date-released"] = str(cff["date-released"])
    jsonschema.validate(cff, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert (cff["version"], cff["date-released"]) == (__version__, __released__)


def test_zenodo_metadata_agrees_with_the_release() -> None:
    meta = json.loads((REPO_ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert (meta["version"], meta["publication_date"]) == (__version__, __released__)
    assert f"## {__version__} ({__released__})" in (REPO_ROOT / "CHANGELOG.md").read_text(
        encoding="utf-8")


def test_deposit_metadata_says_the_article_texts_are_not_cc_by() -> None:
    """The default package holds the article texts, which are their publishers': Zenodo and
    CFF must not present the whole deposit as CC-BY only."""
    meta = json.loads((REPO_ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for text in (meta["description"], meta["notes"], cff["abstract"]):
        assert "copyright of their publishers" in text
        assert "LICENSE-ARTICLES" in text or "not CC-BY" in text
    assert (REPO_ROOT / "LICENSE-ARTICLES").is_file()
