"""The overview's accuracy section as a reader sees it: the unseen-news table above the
development set, each under its label, and the reliability chart drawn with one point per
confidence bin of the calibration, in both interfaces, with no console error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import Visit

pytestmark = pytest.mark.browser

POINTS = "#reliability g.role-mark[class*='reliability_points'] > path"


def _bins(site_dir: Path, script: str) -> int:
    text = (site_dir / "assets" / script).read_text(encoding="utf-8")
    charts = json.loads(text.removeprefix("window.COALITION_CHARTS = ").rstrip(";\n"))
    if "reliability" not in charts:
        pytest.skip("this site was given no calibration report")
    layer = charts["reliability"]["layer"]
    return len(next(x for x in layer if x.get("name") == "reliability_points")["data"]["values"])


@pytest.mark.parametrize(("path", "script", "unseen", "development"), [
    ("index.html", "charts.js", "What to expect on new articles",
     "Measured on the articles the rules were developed on"),
    ("ar/index.html", "charts-ar.js", "ما يُتوقع على المقالات الجديدة",
     "مقيسة على المقالات التي طُوّرت عليها القواعد")])
def test_overview_shows_both_labelled_tables_and_the_reliability_chart(
        visit: Visit, site_dir: Path, path: str, script: str, unseen: str,
        development: str) -> None:
    bins = _bins(site_dir, script)
    page = visit.open(path)
    headings = page.locator("#accuracy h3").all_inner_texts()
    assert headings[0] == unseen and headings[1].startswith(development)
    for block in ("#accuracy-unseen", "#accuracy-development"):
        table = page.locator(f"{block} table.accuracy")
        assert table.is_visible() and table.locator("tbody tr").count() >= 5
    first = page.locator("#accuracy-unseen").bounding_box()
    second = page.locator("#accuracy-development").bounding_box()
    assert first["y"] < second["y"]
    visit.wait_for_chart("reliability")
    assert page.eval_on_selector_all(POINTS, "els => els.length") == bins
    assert page.locator("#reliability").bounding_box()["height"] > 150
    assert visit.errors == [] and visit.outside == []
