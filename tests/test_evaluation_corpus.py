"""What the package says it is worth is backed by files: the evaluation corpus ships
with the repository, the README shows exactly what docs/accuracy.json holds, and the
unseen-news figures are the measured file, copied as it is."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from coalition_data.cli import main
from coalition_data.evaluate import (
    ACCURACY_BEGIN,
    ACCURACY_END,
    UNSEEN_BEGIN,
    UNSEEN_END,
)
from coalition_data.paths import DEVSET_DIR, EVALUATION_DIR, REPO_ROOT, UNSEEN_NEWS_FILE

README = REPO_ROOT / "README.md"
ACCURACY = REPO_ROOT / "docs" / "accuracy.json"
SHARED = REPO_ROOT.parent / "shared"


def _block(begin: str, end: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split(begin, 1)[1].split(end, 1)[0]
    return re.search(r"```\n(.*?)\n```", block, re.S).group(1).splitlines()


def test_the_development_set_ships_with_the_repository() -> None:
    articles = sorted(p.stem for p in (DEVSET_DIR / "articles").glob("d*.txt"))
    assert len(articles) >= 171 and (DEVSET_DIR / "gold.yaml").is_file()
    assert (DEVSET_DIR / "articles" / "manifest.csv").is_file()
    assert (DEVSET_DIR / "score.py").is_file()


def test_the_readme_shows_what_the_accuracy_report_holds() -> None:
    report = json.loads(ACCURACY.read_text(encoding="utf-8"))
    assert _block(ACCURACY_BEGIN, ACCURACY_END) == report["lines"]
    assert _block(UNSEEN_BEGIN, UNSEEN_END) == report["unseen_news"]["lines"]
    assert report["articles"] == len(list((DEVSET_DIR / "articles").glob("d*.txt")))


def test_the_unseen_news_figures_are_the_measured_file_as_it_is() -> None:
    report = json.loads(ACCURACY.read_text(encoding="utf-8"))
    copied = json.loads(UNSEEN_NEWS_FILE.read_text(encoding="utf-8"))
    assert report["unseen_news"]["figures"] == copied
    for line, (name, t) in zip(report["unseen_news"]["lines"], copied["tables"].items(),
                               strict=False):
        assert line.startswith(name) and f"F1 {t['f1']:.3f}" in line


@pytest.mark.skipif(not SHARED.is_dir(), reason="the workspace's shared folder is not here")
def test_the_copies_equal_their_shared_originals() -> None:
    sys.path.insert(0, str(EVALUATION_DIR))
    try:
        from sync import differences
    finally:
        sys.path.remove(str(EVALUATION_DIR))
    assert differences(SHARED) == [], "run: python evaluation/sync.py"


def test_evaluate_without_arguments_reproduces_the_readme_table(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quiet", "evaluate"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == _block(ACCURACY_BEGIN, ACCURACY_END), \
        "the README's table is stale: coalition-data evaluate --readme README.md " \
        "--report docs/accuracy.json"


def test_evaluate_names_a_missing_package(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--root", str(tmp_path)]) == 2
    assert "build the package first" in capsys.readouterr().err
