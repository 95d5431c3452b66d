"""The overview says what the data is worth, from the accuracy report and nothing else: the
unseen-news table first (what to expect on new articles), the development set second (an
upper bound), the calibration per table with a reliability chart, in both interfaces; each
flag says how often its rows were right, from the package's own flag_precision table."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from coalition_data.cli import main
from coalition_data.paths import ACCURACY_FILE, DESCRIPTOR_NAME, REPO_ROOT
from coalition_data.site import render_site
from coalition_data.site.i18n import decimal

UNSEEN_EN = "What to expect on new articles"
DEV_EN = "Measured on the articles the rules were developed on (an upper bound)"
UNSEEN_AR = "ما يُتوقع على المقالات الجديدة"
DEV_AR = "مقيسة على المقالات التي طُوّرت عليها القواعد"
_CELL = re.compile(r'<tr data-table="([^"]+)">(.*?)</tr>', re.S)
_VALUE = re.compile(r'data-value="(\w+)">([^<]*)<')


def _package(tmp: Path, flags: pl.DataFrame | None) -> Path:
    """A copy of the repository's package without any flag_precision of its own, and with
    `flags` as data/flag_precision.parquet when given."""
    root = tmp / "pkg"
    (root / "data").mkdir(parents=True)
    descriptor = json.loads((REPO_ROOT / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"]
                               if not r["name"].startswith("flag_precision")]
    for res in descriptor["resources"]:
        shutil.copyfile(REPO_ROOT / res["path"], root / res["path"])
    (root / DESCRIPTOR_NAME).write_text(json.dumps(descriptor), encoding="utf-8")
    if flags is not None:
        flags.write_parquet(root / "data" / "flag_precision.parquet")
    return root


def _common_meeting_flag() -> str:
    meetings = pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet")
    counts = Counter(f for v in meetings["flags"].drop_nulls() for f in v.split(";") if f)
    return sorted(counts, key=lambda f: (-counts[f], f))[0]


@pytest.fixture(scope="module")
def report() -> dict:
    data = json.loads(ACCURACY_FILE.read_text(encoding="utf-8"))
    if "unseen_news" not in data or "calibration" not in data:
        pytest.skip("docs/accuracy.json has no unseen-news or calibration block")
    return data


@pytest.fixture(scope="module")
def flag() -> str:
    return _common_meeting_flag()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, report: dict, flag: str) -> Path:
    tmp = tmp_path_factory.mktemp("acc")
    flags = pl.DataFrame({"table": ["meetings", "pledges"], "flag": [flag, "never_seen_flag"],
                          "rows": [7, 5], "correct": [3, 4], "precision": [3 / 7, 0.8],
                          "source": ["test", "test"]})
    out = tmp / "site"
    render_site(_package(tmp, flags), out, accuracy=ACCURACY_FILE)
    return out


def _tables(html: str, cls: str) -> dict[str, dict[str, str]]:
    body = html[html.index(f'class="accuracy {cls}"'):]
    body = body[:body.index("</table>")]
    return {name: dict(_VALUE.findall(cells)) for name, cells in _CELL.findall(body)}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_unseen_news_first_then_the_development_set_with_the_files_numbers(
        site: Path, report: dict, lang: str) -> None:
    html = (site / ("ar/index.html" if lang == "ar" else "index.html")).read_text("utf-8")
    unseen_title, dev_title = (UNSEEN_AR, DEV_AR) if lang == "ar" else (UNSEEN_EN, DEV_EN)
    assert unseen_title in html and dev_title in html
    assert html.index(unseen_title) < html.index(dev_title)
    assert html.index('class="accuracy unseen"') < html.index('class="accuracy development"')
    figures = report["unseen_news"]["figures"]
    shown = _tables(html, "unseen")
    assert set(shown) == set(figures["tables"])
    for name, f in figures["tables"].items():
        assert shown[name] == {k: decimal(f[k], lang) for k in ("precision", "recall", "f1")}
    dev = _tables(html, "development")
    assert set(dev) == {t["table"] for t in report["tables"]}
    for t in report["tables"]:
        assert dev[t["table"]] == {k: decimal(t[k], lang) for k in ("precision", "recall",
                                                                      "f1")}
    assert figures["commit"] in html and report["commit"] in html
    if lang == "en":
        assert f"{figures['articles']} articles" in html and figures["measured"] in html
        assert "Rely on the first table" in html
    else:
        assert "٠٫" in html and "اعتمد على الجدول الأول" in html


def test_calibration_errors_and_one_chart_point_per_reliability_bin(
        site: Path, report: dict) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "about 8 in 10 are right" in html
    errors = dict(re.findall(r'<tr data-table="(\w+)"><td>[^<]*</td><td class="num">[^<]*'
                             r'</td><td class="num" data-value="ece">([^<]*)<', html))
    tables = report["calibration"]["tables"]
    assert errors == {k: f"{v['expected_calibration_error']:.3f}" for k, v in tables.items()}
    for script in ("charts.js", "charts-ar.js"):
        text = (site / "assets" / script).read_text(encoding="utf-8")
        charts = json.loads(text.removeprefix("window.COALITION_CHARTS = ").rstrip(";\n"))
        layer = charts["reliability"]["layer"]
        points = next(x for x in layer if x.get("name") == "reliability_points")
        values = points["data"]["values"]
        assert len(values) == sum(len(t["reliability"]) for t in tables.values())
        first = next(iter(tables.values()))["reliability"][0]
        assert {"mean_confidence": first["mean_confidence"],
                "share_correct": first["share_correct"]}.items() <= values[0].items()


def test_a_flag_says_how_often_its_rows_were_right_from_the_packages_table(
        site: Path, flag: str) -> None:
    meetings = pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet")
    with_flag = meetings.filter(pl.col("flags").str.contains(flag, literal=True))
    page = (site / "meetings" / f"{with_flag['meeting_id'][0]}.html").read_text("utf-8")
    assert f'data-flag-rows="{flag}">3/7 right<' in page
    assert "right in 3 of 7 on the development set" in page
    ar = (site / "ar" / "meetings" / f"{with_flag['meeting_id'][0]}.html").read_text("utf-8")
    assert "صح ٣ من ٧" in ar
    table = (site / "tables" / "meetings.html").read_text(encoding="utf-8")
    assert f'<tr data-flag="{flag}">' in table and "never_seen_flag" not in table
    # a flag the table does not measure says nothing
    others = {f for v in meetings["flags"].drop_nulls() for f in v.split(";") if f} - {flag}
    if others:
        every = "".join(p.read_text(encoding="utf-8") for p in (site / "meetings").glob("*.html"))
        assert all(f'data-flag-rows="{f}"' not in every for f in others)


def test_nothing_is_said_without_the_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    render_site(_package(tmp_path, None), out, accuracy=tmp_path / "missing.json")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "not stated rather than guessed" in html
    assert UNSEEN_EN not in html and DEV_EN not in html and 'data-chart="reliability"' not in html
    assert "reliability" not in (out / "assets" / "charts.js").read_text(encoding="utf-8")
    every = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "flag-right" not in every and 'class="dictionary flag-precision"' not in every


def test_a_report_without_unseen_news_shows_only_the_development_set(tmp_path: Path) -> None:
    report = {"gold": "g.yaml", "articles": 3, "commit": "abc1234", "version": "9.9",
              "tables": [{"table": "pledges", "precision": 0.125, "recall": 0.5, "f1": 0.2,
                          "tp": 1, "fp": 7, "found": 1, "missed": 1}], "lines": []}
    path = tmp_path / "accuracy.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    render_site(_package(tmp_path, None), tmp_path / "site", accuracy=path)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert DEV_EN in html and "0.125" in html
    assert UNSEEN_EN not in html and "Rely on the first table" not in html
    assert 'data-chart="reliability"' not in html


def test_another_package_shows_no_accuracy(tmp_path: Path) -> None:
    root = _package(tmp_path, None)
    descriptor = json.loads((root / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    descriptor["name"] = "someone-elses-package"
    (root / DESCRIPTOR_NAME).write_text(json.dumps(descriptor), encoding="utf-8")
    assert main(["site", "--root", str(root), "--out", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "not stated rather than guessed" in html and UNSEEN_EN not in html


def test_the_accuracy_section_and_its_chart_are_the_same_bytes_twice(
        site: Path, tmp_path: Path, flag: str) -> None:
    flags = pl.read_parquet(site / ".." / "pkg" / "data" / "flag_precision.parquet")
    again = tmp_path / "again"
    render_site(_package(tmp_path, flags), again, accuracy=ACCURACY_FILE)
    for rel in ("index.html", "ar/index.html", "assets/charts.js", "assets/charts-ar.js",
                "tables/meetings.html"):
        assert (site / rel).read_bytes() == (again / rel).read_bytes(), rel
