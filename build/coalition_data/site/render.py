"""Write the static website of a built package: overview, timeline, map, a page per meeting
and per article (quotes highlighted in the text), and every table to browse and download.

Reads only the published package (datapackage.json + data/) and, when given, the accuracy
report written by `coalition-data evaluate --report`. Everything the pages need is written
beside them (renderer, chart specs, map outlines, data copies): nothing is fetched when the
site is viewed, from `file://` or any static host. The same package gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from coalition_data import __version__
from coalition_data.errors import BuildError, InputError
from coalition_data.paths import ACCURACY_FILE, DESCRIPTOR_NAME
from coalition_data.site.charts import map_spec, timeline_spec
from coalition_data.site.highlight import Excerpt, excerpt, pieces

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
MARKER = ".coalition-site"  # names a folder this command wrote, so it may be replaced
FACT_TABLES = ("meetings", "meeting_reports", "participants", "pledges", "resolutions")
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")  # the schemas' id patterns: safe as file names


@dataclass(frozen=True)
class SiteResult:
    out: Path
    pages: int
    files: int
    bytes: int


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the article, the offsets, the quote and the words around it."""

    article_id: str
    start: int
    end: int
    quote: str
    context: Excerpt | None  # None when the package was built without texts
    article_label: str

    @property
    def anchor(self) -> str:
        return f"e-{self.start}-{self.end}"


def page_name(value: str) -> str:
    """An id as a file name: the schemas restrict ids to letters, digits, _ and -, so the id
    itself is used (the table viewer links to pages by id without a shared slug function)."""
    if not _SAFE_ID.fullmatch(value):
        raise BuildError(f"id {value!r} cannot name a page (letters, digits, _ and - only)")
    return value


def slug(value: str) -> str:
    """An anchor-safe form of a free label (a venue name)."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


# ---------- reading the package ----------
def _descriptor(root: Path) -> dict[str, Any]:
    path = root / DESCRIPTOR_NAME
    if not path.is_file():
        raise InputError(f"{path}: no datapackage.json here (build the package first, or give "
                         f"--root)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None


def _tables(root: Path, descriptor: dict[str, Any]) -> dict[str, pl.DataFrame]:
    out = {}
    for res in descriptor.get("resources", []):
        if res.get("format") != "parquet":
            continue
        path = root / res["path"]
        if not path.is_file():
            raise InputError(f"{path}: listed in {DESCRIPTOR_NAME} (resource {res['name']!r}) "
                             f"but missing")
        out[res["name"]] = pl.read_parquet(path)
    missing = [t for t in ("articles", *FACT_TABLES) if t not in out]
    if missing:
        raise InputError(f"{root / DESCRIPTOR_NAME}: no resource for {', '.join(missing)}")
    return out


def _labels(descriptor: dict[str, Any], table: str, field: str) -> dict[str, str]:
    """Code -> English label, in the declared order (from the descriptor's categories)."""
    for res in descriptor["resources"]:
        if res["name"] == table:
            for f in res["schema"]["fields"]:
                if f["name"] == field:
                    return {c["value"]: c["label"] for c in f.get("categories", [])}
    return {}


_FLAG = re.compile(r"(?:^|[.;] )([a-z][a-z_]{3,}): (.*?)(?=; [a-z][a-z_]{3,}: |\.?$)")


def flag_help(descriptor: dict[str, Any]) -> dict[str, str]:
    """Flag -> what it means, read from the `flags` descriptions of the declaration (the
    one place they are written), for the pages' tooltips."""
    out: dict[str, str] = {}
    for res in descriptor.get("resources", []):
        for f in res.get("schema", {}).get("fields", []):
            if f["name"] == "flags":
                for name, meaning in _FLAG.findall(f.get("description", "")):
                    out.setdefault(name, meaning)
    return out


def _chronology() -> dict[str, dict[str, Any]]:
    """The reference chronology (seeds/registry/meetings.csv) that `chronology_id` points
    to, each entry with its sources; empty where no registry is at hand."""
    from coalition_data.registry import read_registry

    try:
        rows = read_registry("meetings")
    except (BuildError, OSError):
        return {}
    return {r["chronology_id"]: {**r, "sources": [u.strip() for u in r.get("source", "")
                                                 .split("|") if u.strip()]} for r in rows}


def _read_accuracy(path: Path | None) -> dict[str, Any] | None:
    if path is None or not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None


# ---------- formatting ----------
def date_label(row: dict[str, Any]) -> str:
    """The meeting date as precisely as it is known: a day, a span, a month, a year."""
    start, end, precision = row.get("date_start"), row.get("date_end"), row.get("date_precision")
    if start is None:
        return "date not resolved"
    if precision == "month":
        return start.strftime("%Y-%m")
    if precision == "year":
        return str(start.year)
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def amount_label(row: dict[str, Any]) -> str:
    lo, hi, cur = row.get("amount_min"), row.get("amount_max"), row.get("currency") or ""
    if lo is None and hi is None:
        return row.get("amount_text") or "not stated"

    def num(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"

    value = num(lo) if hi is None or lo == hi else f"{num(lo)} – {num(hi)}"
    return f"{value} {cur}".strip()


def _js_value(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    if isinstance(v, float) and v != v:  # NaN
        return None
    return v


def _write_js(path: Path, name: str, value: Any) -> None:
    """A classic script that sets window[name]: loads from file:// where fetch() cannot."""
    body = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"),
                      default=_js_value)
    path.write_text(f"window.{name} = {body};\n", encoding="utf-8")


# ---------- the site model ----------
class Site:
    """Everything the templates need, computed once from the package."""

    def __init__(self, root: Path, accuracy: Path | None) -> None:
        self.root = root
        self.descriptor = _descriptor(root)
        self.tables = _tables(root, self.descriptor)
        self.accuracy = _read_accuracy(accuracy)
        self.chronology = _chronology()
        self.level_labels = _labels(self.descriptor, "meetings", "level")
        self.body_labels = _labels(self.descriptor, "meetings", "body")
        self.articles = {r["article_id"]: r for r in self.tables["articles"].to_dicts()}
        meetings = self.tables["meetings"].sort(["date_start", "meeting_id"], nulls_last=True)
        self.meetings = meetings.to_dicts()
        # each fact table turned into rows once: the meeting pages, article pages and
        # summaries all read these
        rows = {"meetings": self.meetings, **{t: self.tables[t].to_dicts()
                                              for t in FACT_TABLES if t != "meetings"}}
        self.by_meeting: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list))
        for table in ("meeting_reports", "participants", "pledges", "resolutions"):
            for row in rows[table]:
                if row.get("meeting_id"):
                    self.by_meeting[row["meeting_id"]][table].append(row)
        # every evidence span of every article, for the article pages
        self.spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self.facts_in: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for table in FACT_TABLES:
            for row in rows[table]:
                self.spans[row["article_id"]].add((row["char_start"], row["char_end"]))
                self.facts_in[row["article_id"]].append((table, self.summary(table, row), row))

    def article_label(self, article_id: str) -> str:
        a = self.articles.get(article_id, {})
        bits = [a.get("outlet") or "", str(a.get("published_date") or "")]
        return " · ".join(b for b in bits if b) or article_id

    def evidence(self, row: dict[str, Any]) -> Evidence:
        aid, start, end, quote = row["article_id"], row["char_start"], row["char_end"], row["quote"]
        text = self.articles.get(aid, {}).get("text")
        context = None
        if text is not None:
            if text[start:end] != quote:
                raise BuildError(f"{aid}: quote at {start}-{end} is not the text there "
                                 f"({quote[:40]!r}); run coalition-data validate")
            context = excerpt(text, start, end)
        return Evidence(aid, start, end, quote, context, self.article_label(aid))

    def summary(self, table: str, row: dict[str, Any]) -> str:
        """One English line saying what a fact row states."""
        if table == "meetings":
            return f"meeting: {row['label_en']}"
        if table == "meeting_reports":
            return f"report of {row['meeting_id']} ({row['status_in_article']})"
        if table == "participants":
            who = row.get("name_en") or row.get("name_ar") or row.get("participant_key")
            return f"participant ({row['kind']}): {who}"
        if table == "pledges":
            return f"pledge by {row.get('donor') or 'unknown donor'}: {amount_label(row)}"
        return f"resolution {row['resolution_number']}"

    def place(self, m: dict[str, Any]) -> str:
        if m.get("is_virtual"):
            return "virtual"
        return m.get("city_en") or m.get("place_ar") or m.get("country_code") or "not stated"

    # ---------- chart data ----------
    def timeline(self) -> dict[str, Any]:
        dated = [m for m in self.meetings if m.get("date_start") is not None]
        rows = [{
            "date_start": m["date_start"].isoformat(),
            "date_end": (m.get("date_end") or m["date_start"]).isoformat(),
            "level": m["level"].replace("_", " "),
            "level_label": self.level_labels.get(m["level"], m["level"]),
            "body_label": self.body_labels.get(m["body"], m["body"]),
            "status": m["status"], "label": m["label_en"], "date_label": date_label(m),
            "place": self.place(m), "n_reports": m.get("n_reports"),
            "href": f"meetings/{page_name(m['meeting_id'])}.html",
        } for m in dated]
        pledges = []
        for m in dated:
            for p in self.by_meeting[m["meeting_id"]]["pledges"]:
                amount = p.get("amount_max") or p.get("amount_min")
                if amount:
                    pledges.append({
                        "date": m["date_start"].isoformat(), "amount": amount,
                        "currency": p.get("currency") or "unknown",
                        "donor": p.get("donor") or p.get("donor_ar") or "unknown",
                        "amount_text": amount_label(p), "meeting": m["label_en"],
                        "href": f"meetings/{page_name(m['meeting_id'])}.html#pledges"})
        levels = [k.replace("_", " ") for k in self.level_labels]
        bodies = [v for k, v in self.body_labels.items()]
        return timeline_spec(rows, pledges, levels, bodies)

    @cached_property
    def venues(self) -> list[dict[str, Any]]:
        groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
        for m in self.meetings:
            if m.get("latitude") is None or m.get("longitude") is None:
                continue
            key = (self.place(m), m.get("country_code") or "", round(m["latitude"], 3),
                   round(m["longitude"], 3))
            groups[key].append(m)
        out = []
        for i, ((place, country, lat, lon), ms) in enumerate(sorted(
                groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))):
            dates = sorted(date_label(m) for m in ms if m.get("date_start") is not None)
            anchor = f"venue-{i + 1}-{slug(place)}"
            out.append({"place": place, "country": country, "latitude": lat, "longitude": lon,
                        "meetings": len(ms), "first": dates[0] if dates else "undated",
                        "last": dates[-1] if dates else "undated", "anchor": anchor,
                        "href": f"map.html#{anchor}", "items": ms})
        return out


# ---------- writing ----------
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["page"] = page_name
    env.filters["date_label"] = date_label
    env.filters["amount"] = amount_label
    env.filters["flags"] = lambda v: [f for f in (v or "").split(";") if f]
    env.filters["conf"] = lambda v: "" if v is None else f"{v:.2f}"
    return env


def _renderer_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one classic script, from the installed vl-convert."""
    import altair as alt
    import vl_convert as vlc

    wanted = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    versions = vlc.get_vegalite_versions()
    return vlc.javascript_bundle(vl_version=wanted if wanted in versions else None)


NOTICE = """The file vega-embed.js bundles Vega, Vega-Lite, vega-embed and vega-tooltip
(https://vega.github.io), each under the BSD 3-Clause licence:
Copyright (c) 2015-2024, University of Washington Interactive Data Lab. All rights reserved.
Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the conditions of the BSD 3-Clause licence are met
(https://opensource.org/license/bsd-3-clause). It was written by vl-convert-python.

countries-110m.json: world-atlas 2.0.2 (ISC, Copyright 2013-2019 Michael Bostock), built from
Natural Earth (public domain). See world-atlas-LICENSE.txt.
"""


def _write_assets(out: Path, site: Site) -> None:
    assets = out / "assets"
    assets.mkdir()
    for name in ("style.css", "site.js", "table.js", "world-atlas-LICENSE.txt"):
        shutil.copyfile(ASSETS / name, assets / name)
    (assets / "vega-embed.js").write_text(_renderer_bundle(), encoding="utf-8")
    (assets / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    world = json.loads((ASSETS / "countries-110m.json").read_text(encoding="utf-8"))
    venues = site.venues
    charts = {"timeline": site.timeline(),
              "map": map_spec([{k: v for k, v in x.items() if k != "items"} for x in venues],
                              world)}
    _write_js(assets / "charts.js", "COALITION_CHARTS", charts)


def _copy_package(out: Path, site: Site) -> None:
    """The downloads: datapackage.json and every data file it lists, byte for byte."""
    shutil.copyfile(site.root / DESCRIPTOR_NAME, out / DESCRIPTOR_NAME)
    for res in site.descriptor["resources"]:
        dest = out / res["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site.root / res["path"], dest)
    dictionary = site.root / "data" / "dictionary.md"
    if dictionary.is_file():
        shutil.copyfile(dictionary, out / "data" / "dictionary.md")


def _table_pages(out: Path, site: Site, env: Environment, common: dict[str, Any]) -> int:
    folder = out / "tables"
    folder.mkdir()
    template = env.get_template("table.html.j2")
    by_name = {r["name"]: r for r in site.descriptor["resources"]}
    n = 0
    for name, df in site.tables.items():
        res = by_name[name]
        shown = [c for c in df.columns if c != "text"]
        fields = [f for f in res["schema"]["fields"] if f["name"] in shown]
        data = {"name": name, "columns": shown,
                "types": [f.get("type", "string") for f in fields],
                "rows": [list(r) for r in df.select(shown).rows()]}
        _write_js(folder / f"{name}.js", "COALITION_TABLE", data)
        csv = by_name.get(f"{name}_csv")
        (folder / f"{name}.html").write_text(template.render(
            **common, base="../", page="tables", resource=res, fields=fields,
            rows=df.height, csv=csv, hidden=[c for c in df.columns if c not in shown]),
            encoding="utf-8")
        n += 1
    return n


def _meeting_pages(out: Path, site: Site, env: Environment, common: dict[str, Any]) -> int:
    folder = out / "meetings"
    folder.mkdir()
    page = env.get_template("meeting.html.j2")
    for m in site.meetings:
        facts = site.by_meeting[m["meeting_id"]]
        people = [p for p in facts["participants"] if p["kind"] == "person"]
        states = [p for p in facts["participants"] if p["kind"] == "state"]
        others = [p for p in facts["participants"] if p["kind"] not in ("person", "state")]
        (folder / f"{page_name(m['meeting_id'])}.html").write_text(page.render(
            **common, base="../", page="meetings", m=m, place=site.place(m),
            level_label=site.level_labels.get(m["level"], m["level"]),
            body_label=site.body_labels.get(m["body"], m["body"]),
            reports=facts["meeting_reports"], people=people, states=states, others=others,
            pledges=facts["pledges"], resolutions=facts["resolutions"],
            chronology=site.chronology.get(m.get("chronology_id") or ""),
            ev=site.evidence), encoding="utf-8")
    (folder / "index.html").write_text(env.get_template("meetings.html.j2").render(
        **common, base="../", page="meetings", meetings=site.meetings, place=site.place,
        level_labels=site.level_labels, body_labels=site.body_labels), encoding="utf-8")
    return len(site.meetings) + 1


def _article_pages(out: Path, site: Site, env: Environment, common: dict[str, Any]) -> int:
    folder = out / "articles"
    folder.mkdir()
    page = env.get_template("article.html.j2")
    for aid, a in sorted(site.articles.items()):
        text = a.get("text")
        spans = sorted(site.spans.get(aid, ()))
        parts = pieces(text, spans) if text is not None else []
        starts: dict[int, list[str]] = defaultdict(list)
        for s, e in spans:
            starts[s].append(f"e-{s}-{e}")
        facts = sorted(site.facts_in.get(aid, []), key=lambda f: (f[2]["char_start"], f[0]))
        (folder / f"{page_name(aid)}.html").write_text(page.render(
            **common, base="../", page="articles", a=a, parts=parts, starts=starts,
            facts=facts, ev=site.evidence), encoding="utf-8")
    return len(site.articles)


def _top_pages(out: Path, site: Site, env: Environment, common: dict[str, Any]) -> int:
    counts = {name: df.height for name, df in site.tables.items()}
    dated = sum(1 for m in site.meetings if m.get("date_start") is not None)
    venues = site.venues
    placed = sum(v["meetings"] for v in venues)
    (out / "index.html").write_text(env.get_template("index.html.j2").render(
        **common, base="", page="overview", counts=counts, dated=dated,
        undated=len(site.meetings) - dated, accuracy=site.accuracy), encoding="utf-8")
    (out / "map.html").write_text(env.get_template("map.html.j2").render(
        **common, base="", page="map", venues=venues, placed=placed,
        unplaced=[m for m in site.meetings if m.get("latitude") is None],
        place=site.place), encoding="utf-8")
    return 2


def _citation(descriptor: dict[str, Any]) -> str:
    who = "; ".join(c.get("title", "") for c in descriptor.get("contributors", [])
                    if "creator" in c.get("roles", []) or "author" in c.get("roles", []))
    year = str(descriptor.get("created", ""))[:4]
    return (f"{who} ({year}). {descriptor.get('title', '')} (version "
            f"{descriptor.get('version', '')}) [Data set].")


def _write_site(stage: Path, site: Site) -> int:
    env = _environment()
    # a package whose seeds declare no identity states no version and no licence
    d = {"version": "not stated", "licenses": [], **site.descriptor}
    common = {"d": d, "citation": _citation(d), "tool_version": __version__,
              "tables": list(site.tables), "flag_help": flag_help(d)}
    _write_assets(stage, site)
    _copy_package(stage, site)
    pages = _top_pages(stage, site, env, common)
    pages += _meeting_pages(stage, site, env, common)
    pages += _article_pages(stage, site, env, common)
    pages += _table_pages(stage, site, env, common)
    (stage / MARKER).write_text(f"written by coalition-data {__version__} site\n",
                                encoding="utf-8")
    return pages


def _swap_in(stage: Path, out: Path) -> None:
    """Replace OUT by the staged site in one step; the old site stays whole until then."""
    from coalition_data.publish import exchange

    if not out.exists():
        os.rename(stage, out)
        return
    try:
        exchange(stage, out)
    except (OSError, AttributeError):  # no renameat2: move the old one aside first
        aside = out.with_name(out.name + ".old")
        shutil.rmtree(aside, ignore_errors=True)
        os.rename(out, aside)
        os.rename(stage, out)
        stage = aside
    shutil.rmtree(stage)


def render_site(root: Path, out: Path, accuracy: Path | None = ACCURACY_FILE) -> SiteResult:
    """Write the site for the package at `root` into `out` (replacing a site written there
    before; any other non-empty folder is refused rather than overwritten)."""
    root, out = Path(root), Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                               and not (out / MARKER).is_file())):
        raise BuildError(f"{out}: exists and is not a site written by coalition-data; "
                         f"give an empty or new folder")
    site = Site(root, accuracy)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        pages = _write_site(stage, site)
        os.chmod(stage, 0o755)
        _swap_in(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    files = [p for p in out.rglob("*") if p.is_file()]
    return SiteResult(out, pages, len(files), sum(p.stat().st_size for p in files))
