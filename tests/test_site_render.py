"""`coalition-data site` writes a self-contained static site of the package: every page, link
and quote checked here without a browser (tests/browser/ opens it in Chromium)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polars as pl
import pytest

from coalition_data.cli import main
from coalition_data.errors import BuildError
from coalition_data.paths import REPO_ROOT
from coalition_data.site import render_site


class _Page(HTMLParser):
    """Links, sources and the highlighted quotes (<mark class="quote">) of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # (attribute, value)
        self.quotes: list[dict[str, str]] = []
        self._in_quote: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for attr in ("href", "src"):
            if attr in a:
                self.refs.append((f"{tag}.{attr}", a[attr]))
        if tag == "mark" and "quote" in a.get("class", "").split():
            self._in_quote = {**a, "text": ""}

    def handle_data(self, data: str) -> None:
        if self._in_quote is not None:
            self._in_quote["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._in_quote is not None:
            self.quotes.append(self._in_quote)
            self._in_quote = None


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    render_site(REPO_ROOT, out, accuracy=None)
    return out


def test_a_page_for_every_meeting_and_article_and_table(site: Path) -> None:
    meetings = pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet")
    articles = pl.read_parquet(REPO_ROOT / "data" / "articles.parquet")
    assert {p.stem for p in (site / "meetings").glob("*.html")} == {
        *meetings["meeting_id"], "index"}
    assert {p.stem for p in (site / "articles").glob("*.html")} == set(articles["article_id"])
    for name in ("articles", "meetings", "meeting_reports", "participants", "pledges",
                 "resolutions"):
        assert (site / "tables" / f"{name}.html").is_file()
        assert (site / "data" / f"{name}.parquet").read_bytes() == (
            REPO_ROOT / "data" / f"{name}.parquet").read_bytes()
        assert (site / "data" / f"{name}.csv").is_file()


def test_every_quote_shown_is_the_article_text_at_its_offsets(site: Path) -> None:
    texts = dict(pl.read_parquet(REPO_ROOT / "data" / "articles.parquet").select(
        "article_id", "text").iter_rows())
    participants = pl.read_parquet(REPO_ROOT / "data" / "participants.parquet")
    shown = 0
    for page in (site / "meetings").glob("*.html"):
        for q in _parse(page).quotes:
            start, end = int(q["data-start"]), int(q["data-end"])
            assert q["text"] == texts[q["data-article"]][start:end], (page.name, q)
            shown += 1
    # a meeting page shows the meeting, each report and each fact with its own quote
    assert shown >= participants.height


def test_nothing_is_loaded_from_the_network_and_every_local_link_resolves(site: Path) -> None:
    for page in site.rglob("*.html"):
        for attr, ref in _parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                assert attr == "a.href", f"{page}: {attr} loads {ref} from the network"
                continue
            if parts.scheme or not parts.path:
                continue  # mailto:, or #anchor on the same page
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: broken link {ref}"
    for script in (site / "assets").glob("*.js"):
        body = script.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in body and "unpkg.com" not in body


def test_anchors_that_pages_link_to_exist(site: Path) -> None:
    for page in (site / "meetings").glob("*-*.html"):
        for _, ref in _parse(page).refs:
            if "articles/" in ref and "#" in ref:
                path, anchor = ref.split("#")
                assert f'id="{anchor}"' in (page.parent / path).read_text(encoding="utf-8")


def test_the_timeline_has_one_point_per_dated_meeting(site: Path) -> None:
    charts = json.loads(re.sub(r"^window\.COALITION_CHARTS = |;\s*$", "",
                               (site / "assets" / "charts.js").read_text(encoding="utf-8")))
    meetings = pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet")
    top = charts["timeline"]["vconcat"][0]
    points = next(x for x in top["layer"] if x["name"].startswith("meeting_points"))
    values = (points.get("data") or top["data"])["values"]
    assert len(values) == meetings.filter(pl.col("date_start").is_not_null()).height
    assert all(v["href"].startswith("meetings/") for v in values)


def test_the_same_package_gives_the_same_site_bytes(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    render_site(REPO_ROOT, again, accuracy=None)
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((site / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_accuracy_is_shown_from_the_report_and_never_invented(tmp_path: Path) -> None:
    report = {"gold": "devset/gold.yaml", "articles": 3, "commit": "abc1234", "version": "9.9",
              "tables": [{"table": "pledges", "precision": 0.125, "recall": 0.5, "f1": 0.2,
                          "tp": 1, "fp": 7, "found": 1, "missed": 1}],
              "lines": ["pledges  P 0.125"]}
    path = tmp_path / "accuracy.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    render_site(REPO_ROOT, tmp_path / "with", accuracy=path)
    html = (tmp_path / "with" / "index.html").read_text(encoding="utf-8")
    assert "0.125" in html and "abc1234" in html
    render_site(REPO_ROOT, tmp_path / "without", accuracy=tmp_path / "missing.json")
    html = (tmp_path / "without" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="accuracy">'):]
    section = section[:section.index("</section>")]
    # (the overview's list of tables may name the package's flag_precision table)
    assert "not stated rather than guessed" in section and "precision" not in section


def test_a_site_is_replaced_whole_and_other_folders_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    render_site(REPO_ROOT, out)
    (out / "stale.html").write_text("old", encoding="utf-8")
    render_site(REPO_ROOT, out)
    assert not (out / "stale.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name != "site"]  # no staging left
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(BuildError, match="not a site written by coalition-data"):
        render_site(REPO_ROOT, mine)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_failed_render_leaves_the_previous_site(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    render_site(REPO_ROOT, out)
    before = (out / "index.html").read_bytes()

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr("coalition_data.site.render._article_pages", broken)
    with pytest.raises(RuntimeError):
        render_site(REPO_ROOT, out)
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_package_without_texts_still_shows_its_quotes(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    shutil.copytree(REPO_ROOT / "data", root / "data")
    shutil.copy(REPO_ROOT / "datapackage.json", root / "datapackage.json")
    articles = pl.read_parquet(root / "data" / "articles.parquet")
    articles.with_columns(pl.lit(None, pl.String).alias("text")).write_parquet(
        root / "data" / "articles.parquet")
    render_site(root, tmp_path / "site")
    page = next((tmp_path / "site" / "meetings").glob("*-*.html"))
    assert _parse(page).quotes
    article = next((tmp_path / "site" / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "built without article texts" in article


def test_the_command_line_names_what_it_wrote(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quiet", "site", "--out", str(tmp_path / "s")]) == 0
    assert "index.html" in capsys.readouterr().out
    assert main(["site", "--out", str(tmp_path / "s"), "--root", str(tmp_path / "nope")]) != 0
    assert "datapackage.json" in capsys.readouterr().err


def test_the_vendored_map_outlines_are_the_recorded_upstream_file() -> None:
    import hashlib

    from coalition_data.site.render import ASSETS

    digest = hashlib.sha256((ASSETS / "countries-110m.json").read_bytes()).hexdigest()
    assert f"sha256 `{digest}`" in (ASSETS / "SOURCES.md").read_text(encoding="utf-8")


def test_a_meeting_page_links_its_entry_in_the_reference_chronology(site: Path) -> None:
    from coalition_data.reference.registry import read_registry

    chronology = {r["chronology_id"]: r for r in read_registry("meetings")}
    linked = pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet").filter(
        pl.col("chronology_id").is_not_null())
    assert linked.height >= 1
    for meeting_id, chronology_id in linked.select("meeting_id", "chronology_id").iter_rows():
        refs = [ref for _, ref in _parse(site / "meetings" / f"{meeting_id}.html").refs]
        first_source = chronology[chronology_id]["source"].split("|")[0].strip()
        assert first_source in refs


def test_every_flag_has_its_meaning_from_the_declaration() -> None:
    import json

    from coalition_data.site.render import flag_help

    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    meanings = flag_help(descriptor)
    assert meanings["date_unresolved"] == "no date could be resolved"
    assert meanings["joint_donors"].startswith("two states pledged together")
    for table in ("meetings", "participants", "pledges"):
        flags = pl.read_parquet(REPO_ROOT / "data" / f"{table}.parquet")["flags"]
        used = {f for value in flags.drop_nulls() for f in value.split(";")}
        assert used <= set(meanings), (table, used - set(meanings))
