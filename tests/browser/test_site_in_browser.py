"""The site as a person sees it, in headless Chromium: pages load from file:// and from a
static host with no console errors and nothing fetched from elsewhere; the timeline has a
mark per dated meeting, the map a circle per venue; quotes are highlighted at their offsets,
right to left; tables can be browsed and filtered; a screenshot is not blank."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from tests.browser.conftest import Visit

pytestmark = pytest.mark.browser

MARKS = "#{chart} g.role-mark[class*='{name}'] > path"


def _table(site_dir: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(site_dir / "data" / f"{name}.parquet")


def _count(page: object, selector: str) -> int:
    return page.eval_on_selector_all(selector, "els => els.length")


def test_overview_draws_one_timeline_mark_per_dated_meeting(visit: Visit,
                                                            site_dir: Path) -> None:
    page = visit.open("index.html")
    visit.wait_for_chart("timeline")
    dated = _table(site_dir, "meetings").filter(pl.col("date_start").is_not_null()).height
    assert _count(page, MARKS.format(chart="timeline", name="meeting_points")) == dated
    pledged = _count(page, MARKS.format(chart="timeline", name="pledge_points"))
    assert pledged <= _table(site_dir, "pledges").height
    assert page.locator("h1").first.inner_text().startswith("Diplomacy of the Global Coalition")
    assert visit.errors == [] and visit.outside == []


def test_map_draws_a_circle_per_venue_over_country_outlines(visit: Visit,
                                                            site_dir: Path) -> None:
    page = visit.open("map.html")
    visit.wait_for_chart("map")
    placed = _table(site_dir, "meetings").filter(pl.col("latitude").is_not_null())
    venues = placed.select(pl.col("latitude").round(3), pl.col("longitude").round(3)).unique()
    assert _count(page, MARKS.format(chart="map", name="venue_points")) == venues.height
    assert _count(page, MARKS.format(chart="map", name="countries")) > 150
    assert visit.errors == [] and visit.outside == []


def test_a_timeline_mark_leads_to_its_meeting_page(visit: Visit, site_dir: Path) -> None:
    page = visit.open("index.html")
    visit.wait_for_chart("timeline")
    page.locator(MARKS.format(chart="timeline", name="meeting_points")).first.click(force=True)
    page.wait_for_url("**/meetings/*.html")
    ids = set(_table(site_dir, "meetings")["meeting_id"])
    assert Path(page.url).stem in ids
    assert visit.errors == []


def _meeting_with_most_facts(site_dir: Path) -> str:
    counts = _table(site_dir, "participants").group_by("meeting_id").len().sort(
        ["len", "meeting_id"], descending=[True, False])
    return counts["meeting_id"][0]


def test_a_meeting_page_highlights_each_quote_in_its_article(visit: Visit,
                                                             site_dir: Path) -> None:
    meeting_id = _meeting_with_most_facts(site_dir)
    page = visit.open(f"meetings/{meeting_id}.html")
    texts = dict(_table(site_dir, "articles").select("article_id", "text").iter_rows())
    marks = page.eval_on_selector_all("mark.quote", """els => els.map(e => ({
        article: e.dataset.article, start: +e.dataset.start, end: +e.dataset.end,
        text: e.textContent,
        direction: getComputedStyle(e.closest('blockquote')).direction}))""")
    n_participants = _table(site_dir, "participants").filter(
        pl.col("meeting_id") == meeting_id).height
    assert len(marks) >= 1 + n_participants  # the meeting itself, then every fact
    for m in marks:
        assert m["text"] == texts[m["article"]][m["start"]:m["end"]]
        assert m["direction"] == "rtl"
    assert visit.errors == [] and visit.outside == []


def test_following_a_quote_marks_it_at_its_offsets_in_the_article(visit: Visit,
                                                                  site_dir: Path) -> None:
    meeting_id = _meeting_with_most_facts(site_dir)
    page = visit.open(f"meetings/{meeting_id}.html")
    link = page.locator("#participants figure.evidence figcaption a").first
    quote = page.locator("#participants mark.quote").first
    start, end = int(quote.get_attribute("data-start")), int(quote.get_attribute("data-end"))
    words = quote.inner_text()
    link.click()
    page.wait_for_selector("mark.current")
    found = page.evaluate("""() => {
        const text = document.getElementById('text');
        const current = [...text.querySelectorAll('mark.current')];
        const before = document.createRange();
        before.setStart(text, 0);
        before.setEndBefore(current[0]);
        return {before: before.toString().length, quote: current.map(m => m.textContent).join(''),
                direction: getComputedStyle(text).direction, lang: text.lang};
    }""")
    assert found["before"] == start
    assert found["quote"] == words and len(words) == end - start
    assert found["direction"] == "rtl" and found["lang"] == "ar"
    assert visit.errors == []


def test_a_table_can_be_browsed_filtered_and_downloaded(visit: Visit, site_dir: Path) -> None:
    page = visit.open("tables/participants.html")
    page.wait_for_selector("#table-viewer table.data tbody tr")
    rows = _table(site_dir, "participants")
    assert _count(page, "#table-viewer tbody tr") == min(100, rows.height)
    name = rows.filter(pl.col("kind") == "state")["name_ar"][0]
    page.fill("#table-viewer input[type=search]", name)
    shown = page.eval_on_selector_all("#table-viewer tbody tr", "rs => rs.map(r => r.innerText)")
    assert shown and all(name in r for r in shown)
    matching = rows.filter(pl.any_horizontal(
        pl.all().cast(pl.String).str.contains(name, literal=True))).height
    assert len(shown) == min(100, matching)
    assert page.inner_text("#table-viewer .info").startswith(f"{matching} of {rows.height} rows")
    href = page.get_attribute("a[download]", "href")
    assert (site_dir / "tables" / href).resolve().is_file()
    assert visit.errors == []


def test_the_site_works_from_a_static_host(browser: object, served: str) -> None:
    v = Visit(browser, served)
    v.open("index.html")
    v.wait_for_chart("timeline")
    v.open("map.html")
    v.wait_for_chart("map")
    assert v.errors == [] and v.outside == []
    v.page.close()


def test_a_screenshot_of_the_overview_is_not_blank(visit: Visit, tmp_path: Path) -> None:
    from PIL import Image

    page = visit.open("index.html")
    visit.wait_for_chart("timeline")
    png = page.screenshot(full_page=True)
    (tmp_path / "overview.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width >= 1200 and image.height >= 900
    colours = image.getcolors(maxcolors=1 << 20)
    background = max(colours)[1]
    ink = sum(n for n, c in colours if c != background) / (image.width * image.height)
    assert len(colours) > 200  # text, chart marks, antialiasing: not one flat colour
    assert ink > 0.05, f"only {ink:.1%} of the page differs from its background"
