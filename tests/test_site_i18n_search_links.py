"""The site's Arabic interface, search keys, safe links, per-package registry and metadata,
checked on the written files (tests/browser/ checks them in Chromium)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

from coalition_data.paths import DEFAULT_REGISTRY, REPO_ROOT
from coalition_data.site import render_site
from coalition_data.site.charts import legend_values
from coalition_data.site.entities import page_of
from coalition_data.site.i18n import amount_label, date_label, labels
from coalition_data.site.links import package_path, web_url
from coalition_data.site.search import normalise, skeleton


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ld: list[str] = []
        self._ld = False
        self.html: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html = a
        if "href" in a:
            self.hrefs.append(a["href"])
        self._ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._ld:
            self.ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._ld = False


def _links(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site-i18n") / "site"
    render_site(REPO_ROOT, out, accuracy=None)
    return out


# ---------- search keys ----------
@pytest.mark.parametrize(("a", "b"), [
    ("المصغّرة", "المصغرة"),       # shadda
    ("الأردن", "الاردن"),          # hamza seat
    ("مؤتمر", "موتمر"),
    ("ﻻ", "لا"),                    # presentation form
    ("٢٠١٦", "2016"),               # Arabic-Indic digits
    ("McGurk", "mcgurk"),
])
def test_normalise_folds_spelling_variants(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(("a", "b"), [
    ("ماكغورك", "ماكغروك"),     # vowel placement
    ("ماكغورك", "ماكجورك"),     # g written ج
    ("ماكغورك", "مكغورك"),
    ("تيلرسون", "تيليرسون"),
    ("والأردن", "الأردن"),       # conjunction and article
])
def test_the_consonant_skeleton_joins_spellings_of_one_name(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [
    ("ماكغورك", "تيلرسون"), ("الأردن", "لبنان"), ("كيري", "كوريا الشمالية"),
])
def test_the_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_the_search_index_holds_both_keys_for_every_person(site: Path) -> None:
    body = (site / "assets" / "search-ar.js").read_text(encoding="utf-8")
    docs = json.loads(re.sub(r"^window\.COALITION_SEARCH = |;\s*$", "", body))["docs"]
    people = [d for d in docs if d["kind"] == "person"]
    mcgurk = next(d for d in people if d["url"] == "people/brett_mcgurk.html")
    assert skeleton("ماكجيرك") in mcgurk["skel"].split()
    assert normalise("ماكغورك") in mcgurk["text"].split()
    for d in docs:
        assert d["url"].split("#")[0] and (site / "ar" / d["url"].split("#")[0]).is_file()


# ---------- links ----------
@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", " javascript:alert(1)", "data:text/html,<script>1</script>",
    "vbscript:x", "//evil.example/x", "https:evil.example", "https://user@evil.example/",
    "https://a b.example/", "http://exa mple.org", "file:///etc/passwd", "", None, 42,
])
def test_only_plain_http_urls_become_links(value: object) -> None:
    assert web_url(value) is None


@pytest.mark.parametrize("value", [
    "https://example.org/a?b=c#d", "http://arabic.peopledaily.com.cn/n3/2018/0214/c3.html",
    "https://theglobalcoalition.org/ar/المدراء-السياسيين/", "HTTPS://EXAMPLE.ORG/",
])
def test_web_urls_pass(value: str) -> None:
    assert web_url(value) == value


@pytest.mark.parametrize(("value", "ok"), [
    ("LICENSE.txt", True), ("data/meetings.parquet", True), ("../etc/passwd", False),
    ("/etc/passwd", False), ("data/../../x", False), ("javascript:x", False),
    ("a\\b", False), ("..", False), ("data//x", False),
])
def test_package_paths_stay_inside(value: str, ok: bool) -> None:
    assert (package_path(value) is not None) == ok


def test_no_page_of_a_hostile_package_links_outside_http_or_the_site(tmp_path: Path) -> None:
    from tests.browser.hostile import hostile_site

    out = hostile_site(tmp_path)
    pages = list(out.rglob("*.html"))
    assert len(pages) > 20
    seen_ok = False
    for page in pages:
        parsed = _links(page)
        for href in parsed.hrefs:
            scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", href)
            assert scheme is None or scheme.group(1) in ("http", "https"), (page, href)
            assert not href.startswith("//") and "\t" not in href and "\n" not in href
            seen_ok = seen_ok or href.startswith("https://ok.example/")
        for block in parsed.ld:  # the hostile title cannot close the JSON-LD script
            assert "</script" not in block.lower()
            json.loads(block)
    assert seen_ok  # the good sources beside the hostile ones are still links


# ---------- one registry per package ----------
def _own_registry(tmp_path: Path, note: str, source: str) -> Path:
    registry = tmp_path / "own-registry"
    shutil.copytree(DEFAULT_REGISTRY, registry)
    path = registry / "meetings.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["notes"], row["source"] = note, source
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return registry


def test_meeting_pages_show_the_package_own_registry_notes(tmp_path: Path) -> None:
    registry = _own_registry(tmp_path, "OWN-NOTE of this package", "https://own.example/src")
    root = tmp_path / "pkg"
    shutil.copytree(REPO_ROOT / "data", root / "data")
    shutil.copy(REPO_ROOT / "datapackage.json", root / "datapackage.json")
    project_note = next(csv.DictReader((DEFAULT_REGISTRY / "meetings.csv").open(
        encoding="utf-8")))["notes"]
    linked = pl.read_parquet(root / "data" / "meetings.parquet").filter(
        pl.col("chronology_id").is_not_null())["meeting_id"]
    render_site(root, tmp_path / "own", accuracy=None, registry=registry)
    render_site(root, tmp_path / "none", accuracy=None)  # no registry given, none beside it
    for mid in linked:
        own = (tmp_path / "own" / "meetings" / f"{mid}.html").read_text(encoding="utf-8")
        assert "OWN-NOTE of this package" in own and "https://own.example/src" in own
        none = (tmp_path / "none" / "meetings" / f"{mid}.html").read_text(encoding="utf-8")
        assert "was not given to the site" in none
        for html in (own, none):
            assert project_note[:40] not in html
            assert "aawsat.com" not in html  # a source of the project's own chronology


# ---------- the Arabic interface ----------
def test_every_page_exists_in_both_languages(site: Path) -> None:
    english = {p.relative_to(site) for p in site.rglob("*.html")
               if not p.relative_to(site).parts[0] == "ar"}
    arabic = {p.relative_to(site / "ar") for p in (site / "ar").rglob("*.html")}
    assert english == arabic and len(english) > 30
    page = _links(site / "ar" / "meetings" / "index.html")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert "../../meetings/index.html" in page.hrefs  # the switch to English


def test_every_label_is_given_in_both_languages() -> None:
    en, ar = labels("en"), labels("ar")
    assert en.keys() == ar.keys()
    assert all(ar[k] for k in ar)
    # Latin letters only in a technical name (sha256) or the switch to English
    latin = {k for k, v in ar.items() if re.search("[A-Za-z]", v)}
    assert latin <= {"other_language", "no_texts"}


def test_dates_numbers_and_amounts_in_each_language() -> None:
    import datetime as dt

    row = {"date_start": dt.date(2016, 2, 2), "date_end": None, "date_precision": "day"}
    assert date_label(row, "en") == "2016-02-02"
    assert date_label(row, "ar") == "٢ فبراير ٢٠١٦"
    assert date_label({**row, "date_precision": "month"}, "ar") == "فبراير ٢٠١٦"
    assert date_label({"date_start": None}, "en") == "date not resolved"
    pledge = {"amount_min": 200_000_000.0, "amount_max": 200_000_000.0, "currency": "USD"}
    assert amount_label(pledge, "en") == "200,000,000 USD"
    assert amount_label(pledge, "ar") == "٢٠٠٬٠٠٠٬٠٠٠ USD"
    assert amount_label({**pledge, "amount_max": 3e8}, "en") == "200,000,000 – 300,000,000 USD"


# ---------- states, people, meetings list ----------
def test_a_page_per_state_person_and_organisation_listing_its_meetings(site: Path) -> None:
    participants = pl.read_parquet(REPO_ROOT / "data" / "participants.parquet")
    folders = {"state": "states", "person": "people", "organisation": "organisations"}
    for (key, kind), rows in participants.group_by(["participant_key", "kind"]):
        page = site / folders[kind] / f"{page_of(key)}.html"
        hrefs = _links(page).hrefs
        for mid in rows["meeting_id"]:
            assert f"../meetings/{mid}.html" in hrefs, (page, mid)


def test_a_state_page_gives_its_membership_date_and_pledges(site: Path) -> None:
    members = {r["member_id"]: r for r in csv.DictReader(
        (DEFAULT_REGISTRY / "members.csv").open(encoding="utf-8"))}
    pledges = pl.read_parquet(REPO_ROOT / "data" / "pledges.parquet").filter(
        pl.col("donor_kind") == "state")
    for code in sorted(set(pledges["donor"])):
        html = (site / "states" / f"{code.lower()}.html").read_text(encoding="utf-8")
        joined = members.get(code, {}).get("joined_date")
        if joined:
            assert joined in html
        assert html.count('class="fact pledge"') == pledges.filter(
            pl.col("donor") == code).height


def test_page_names_of_keys_never_leave_their_folder() -> None:
    assert page_of("person:a.b") != page_of("person:a_b")
    assert page_of("person:..") not in (".", "..")
    assert "/" not in page_of("person:x/y")


def test_the_meetings_list_carries_what_its_filters_need(site: Path) -> None:
    html = (site / "meetings" / "index.html").read_text(encoding="utf-8")
    meetings = pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet")
    assert html.count("<tr data-year=") == meetings.height
    for name in ("year", "level", "body", "status", "state", "chronology", "sort"):
        assert f'<select name="{name}">' in html
    undated = meetings.filter(pl.col("date_start").is_null()).height
    assert html.count('<span class="undated">') == undated


# ---------- map, citation, metadata ----------
def test_the_map_legend_has_distinct_whole_numbers() -> None:
    assert legend_values([1, 2, 2, 3, 3]) == [1, 2, 3]
    assert legend_values([1, 19, 4]) == [1, 10, 19]
    assert legend_values([2, 2]) == [2]
    assert legend_values([]) == []


def test_each_meeting_page_has_a_cite_line_with_version_and_url(site: Path) -> None:
    version = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))[
        "version"]
    for mid in pl.read_parquet(REPO_ROOT / "data" / "meetings.parquet")["meeting_id"]:
        html = (site / "meetings" / f"{mid}.html").read_text(encoding="utf-8")
        cite = re.search(r'<p class="cite-this" id="cite">(.*?)</p>', html, re.S).group(1)
        assert f"(version {version})" in cite and f"meetings/{mid}.html" in cite


def test_the_overview_carries_schema_org_dataset_metadata(site: Path) -> None:
    for path in (site / "index.html", site / "ar" / "index.html"):
        blocks = _links(path).ld
        assert len(blocks) == 1
        ld = json.loads(blocks[0])
        assert ld["@type"] == "Dataset" and ld["@context"] == "https://schema.org"
        assert ld["version"] and ld["license"] and ld["temporalCoverage"]
        assert any(x["contentUrl"] == "data/meetings.csv" for x in ld["distribution"])


def test_the_vendored_search_library_is_the_recorded_upstream_file() -> None:
    import hashlib

    from coalition_data.site.render import ASSETS

    sources = (ASSETS / "SOURCES.md").read_text(encoding="utf-8")
    for name in ("minisearch.js", "minisearch-LICENSE.txt"):
        digest = hashlib.sha256((ASSETS / name).read_bytes()).hexdigest()
        assert f"sha256 `{digest}`" in sources, name
