"""The questions a journalist brings, asked of the site in Chromium: a name in another
spelling finds the person, a state page lists its meetings, the Arabic interface is right to
left with no English navigation, the meetings list filters, the map legend counts once, and
no link of a site built from hostile values runs script."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from tests.browser.conftest import Visit

pytestmark = pytest.mark.browser


def _search(visit: Visit, path: str, query: str) -> list[dict[str, str]]:
    page = visit.open(path)
    page.wait_for_selector("#search[data-ready]")
    page.fill("#search input[type=search]", query)
    return page.eval_on_selector_all("#search li.result a", """els => els.map(a => ({
        href: a.getAttribute('href'), text: a.textContent}))""")


def test_an_arabic_name_in_another_spelling_finds_the_person(visit: Visit,
                                                            site_dir: Path) -> None:
    # the registry writes ماكغورك، ماكجورك، ماكغروك...; ماكجيرك is none of them
    for path in ("search.html", "ar/search.html"):
        hits = _search(visit, path, "ماكجيرك")
        assert hits and hits[0]["href"] == "people/brett_mcgurk.html", hits
    hits = _search(visit, "search.html", "تيلرسون")  # the package has تريلسون
    assert any(h["href"] == "people/rex_tillerson.html" for h in hits), hits
    hits = _search(visit, "search.html", "المصغّرة")  # with a shadda: the Small Group
    assert hits and all(h["href"].startswith(("meetings/", "map.html", "people/", "states/"))
                        for h in hits)
    small_group = set(pl.read_parquet(site_dir / "data" / "meetings.parquet").filter(
        pl.col("body") == "small_group")["meeting_id"])
    assert any(Path(h["href"].split("#")[0]).stem in small_group for h in hits)
    assert _search(visit, "search.html", "زززززز") == []
    assert visit.errors == [] and visit.outside == []


def test_the_browser_normalises_as_the_site_builder_does(visit: Visit) -> None:
    from coalition_data.site.search import normalise, skeleton

    words = ["المصغّرة", "ماكغورك", "ماكغروك", "والأردن", "إبراهيم الجعفري", "مؤتمر",
             "ﻻ", "٢٠١٦", "Brett McGurk", "للتحالف", "تيلرسون", "ئ ى ة"]
    page = visit.open("search.html")
    page.wait_for_selector("#search[data-ready]")
    got = page.evaluate("""ws => ws.map(w => [window.coalitionSearch.normalise(w),
                                              window.coalitionSearch.skeleton(w)])""", words)
    assert got == [[normalise(w), skeleton(w)] for w in words]


def test_a_state_page_lists_its_meetings(visit: Visit, site_dir: Path) -> None:
    participants = pl.read_parquet(site_dir / "data" / "participants.parquet")
    states = participants.filter(pl.col("kind") == "state")
    key = states["participant_key"].value_counts().sort(
        ["count", "participant_key"], descending=[True, False])["participant_key"][0]
    expected = set(states.filter(pl.col("participant_key") == key)["meeting_id"])
    code = key.split(":")[1]
    for prefix in ("", "ar/"):
        page = visit.open(f"{prefix}states/{code}.html")
        hrefs = page.eval_on_selector_all("#meetings li a", "as => as.map(a => a.href)")
        listed = {Path(h).stem for h in hrefs}
        assert expected <= listed
        page.locator("#meetings li a").first.click()
        page.wait_for_url("**/meetings/*.html")
        assert Path(page.url).stem in listed
    assert visit.errors == [] and visit.outside == []


def test_the_arabic_interface_is_right_to_left_with_no_english_navigation(visit: Visit) -> None:
    for path in ("ar/index.html", "ar/meetings/index.html", "ar/map.html", "ar/search.html",
                 "ar/states/index.html", "ar/people/index.html", "ar/tables/meetings.html"):
        page = visit.open(path)
        found = page.evaluate("""() => ({
            lang: document.documentElement.lang,
            dir: getComputedStyle(document.body).direction,
            nav: document.querySelector('header nav.main').innerText,
            brand: document.querySelector('header .brand').innerText,
            placeholder: document.querySelector('header input').placeholder,
            switcher: document.querySelector('header a.lang').getAttribute('href')})""")
        assert found["lang"] == "ar" and found["dir"] == "rtl", (path, found)
        for text in (found["nav"], found["brand"], found["placeholder"]):
            assert not re.search("[A-Za-z]", text), (path, text)
        english = visit.open(path)  # the switch leads to the same page in English
        english.click("header a.lang")
        assert english.url.endswith("/" + path.removeprefix("ar/"))
        assert english.evaluate("document.documentElement.lang") == "en"
    assert visit.errors == [] and visit.outside == []


def test_the_meetings_list_filters_by_year_and_level(visit: Visit, site_dir: Path) -> None:
    meetings = pl.read_parquet(site_dir / "data" / "meetings.parquet")
    page = visit.open("meetings/index.html")

    def shown() -> set[str]:
        return {Path(h).stem for h in page.eval_on_selector_all(
            "#meeting-list tbody tr:not([hidden]) a", "as => as.map(a => a.href)")}

    assert shown() == set(meetings["meeting_id"])
    year = meetings["date_start"].drop_nulls().dt.year().mode().sort()[0]
    page.select_option("select[name=year]", str(year))
    in_year = meetings.filter(pl.col("date_start").dt.year() == year)
    assert shown() == set(in_year["meeting_id"])
    level = in_year["level"].mode().sort()[0]
    page.select_option("select[name=level]", level)
    assert shown() == set(in_year.filter(pl.col("level") == level)["meeting_id"])
    page.select_option("select[name=year]", "undated")
    page.select_option("select[name=level]", "")
    undated = meetings.filter(pl.col("date_start").is_null())
    assert shown() == set(undated["meeting_id"])
    if undated.height:  # an undated meeting says so, and why
        assert "undated" in page.inner_text("#meeting-list tbody tr:not([hidden]) td")
    page.select_option("select[name=year]", "")
    page.select_option("select[name=sort]", "desc")
    dates = page.eval_on_selector_all("#meeting-list tbody tr", "rs => rs.map(r => r.dataset.date)")
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated
    assert visit.errors == []


def test_the_map_legend_names_each_count_once(visit: Visit) -> None:
    page = visit.open("map.html")
    visit.wait_for_chart("map")
    visit.wait_for_chart("europe")
    labels = page.eval_on_selector_all(
        "#map g.role-legend-label text", "ts => ts.map(t => t.textContent)")
    assert labels and len(labels) == len(set(labels)), labels
    assert all(re.fullmatch("[0-9]+", t) for t in labels)
    assert visit.errors == [] and visit.outside == []


def test_no_link_of_a_site_built_from_hostile_values_runs_script(browser: object,
                                                                 hostile_site: Path) -> None:
    """Every link of every page is clicked. A click on an http(s) or file link is recorded
    and its navigation stopped (so one load per page suffices); any other link is let
    through, so a javascript: or data: link would run here and be caught."""
    v = Visit(browser, hostile_site.resolve().as_uri() + "/")
    dialogs: list[str] = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    clicked = 0
    for rel in pages:
        page = v.open(rel)
        result = page.evaluate("""() => {
            const followed = [];
            document.addEventListener('click', e => {
                const a = e.target.closest('a');
                followed.push(a.protocol);
                if (['http:', 'https:', 'file:'].includes(a.protocol)) e.preventDefault();
            }, true);
            for (const a of document.querySelectorAll('a[href]')) a.click();
            return followed; }""")
        page.wait_for_timeout(20)
        clicked += len(result)
        assert set(result) <= {"http:", "https:", "file:"}, (rel, result)
        assert page.evaluate("window.__pwned === undefined"), rel
        assert page.url.split("#")[0] == v.base + rel, page.url
    assert clicked > 500
    assert dialogs == [] and not [e for e in v.errors if "pwned" in e]
    v.page.close()
