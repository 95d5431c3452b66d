"""Write the static website of a built package: overview, timeline, map, a page per meeting
and per article (quotes highlighted in the text), and every table to browse and download.

The whole site is written twice, in English at the top and in Arabic under `ar/` (same
paths). Reads only the published package (datapackage.json + data/), the registry it was
built with when given (for dated roles, joining dates and the chronology's notes), and, when
given, the accuracy report written by `coalition-data evaluate --report`. Everything the
pages need is written beside them (renderer, chart specs, map outlines, search index, data
copies): nothing is fetched when the site is viewed, from `file://` or any static host.
The same package gives the same bytes.
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
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from coalition_data import __version__
from coalition_data.errors import BuildError, InputError
from coalition_data.paths import ACCURACY_FILE, DESCRIPTOR_NAME
from coalition_data.site import accuracy as acc
from coalition_data.site import i18n
from coalition_data.site.charts import map_spec, reliability_spec, timeline_spec
from coalition_data.site.entities import Entity, by_year, gather, read_csv
from coalition_data.site.highlight import Excerpt, excerpt, pieces
from coalition_data.site.links import package_path, web_url
from coalition_data.site.search import normalise, skeleton

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


def registry_of(root: Path, given: Path | None) -> Path | None:
    """The registry the package was built with: the one given, else ROOT/seeds/registry
    (a package built in its project folder); None rather than the tool's own registry,
    whose notes and sources belong to another package."""
    if given is not None:
        if not Path(given).is_dir():
            raise InputError(f"{given}: no registry folder here (give SEEDS/registry)")
        return Path(given)
    own = root / "seeds" / "registry"
    return own if own.is_dir() else None


def _chronology(registry: Path | None) -> dict[str, dict[str, Any]]:
    """The reference chronology (registry/meetings.csv) that `chronology_id` points to,
    each entry with its sources; empty where no registry is at hand."""
    return {r["chronology_id"]: {**r, "sources": [u.strip() for u in r.get("source", "")
                                                 .split("|") if u.strip()]}
            for r in read_csv(registry, "meetings") if r.get("chronology_id")}


def _read_accuracy(path: Path | None) -> dict[str, Any] | None:
    if path is None or not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None


# ---------- formatting ----------
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

    def __init__(self, root: Path, accuracy: Path | None, registry: Path | None = None) -> None:
        self.root = root
        self.descriptor = _descriptor(root)
        self.tables = _tables(root, self.descriptor)
        self.accuracy = _read_accuracy(accuracy)
        self.calibration = acc.calibration(self.accuracy)
        self.flag_precision = acc.read_flag_precision(root, self.tables)
        self.registry = registry_of(root, registry)
        self.chronology = _chronology(self.registry)
        self.level_labels = _labels(self.descriptor, "meetings", "level")
        self.body_labels = _labels(self.descriptor, "meetings", "body")
        self.articles = {r["article_id"]: r for r in self.tables["articles"].to_dicts()}
        meetings = self.tables["meetings"].sort(["date_start", "meeting_id"], nulls_last=True)
        self.meetings = meetings.to_dicts()
        self.meeting_by_id = {m["meeting_id"]: m for m in self.meetings}
        # each fact table turned into rows once: the meeting pages, article pages and
        # summaries all read these
        rows = {"meetings": self.meetings, **{t: self.tables[t].to_dicts()
                                              for t in FACT_TABLES if t != "meetings"}}
        self.rows = rows
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
        self.entities = gather(rows["participants"], self.meetings, rows["pledges"],
                               self.registry)

    def kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]

    def states_of(self, meeting_id: str) -> list[str]:
        return sorted({p["participant_key"].split(":", 1)[-1].upper()
                       for p in self.by_meeting[meeting_id]["participants"]
                       if p["kind"] == "state"})

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
            return (f"pledge by {row.get('donor') or 'unknown donor'}: "
                    f"{i18n.amount_label(row)}")
        return f"resolution {row['resolution_number']}"

    def place(self, m: dict[str, Any], lang: str = "en") -> str:
        if m.get("is_virtual"):
            return i18n.code("virtual", lang)
        if lang == "ar" and m.get("place_ar"):
            return re.sub(r"^في\s+", "", m["place_ar"])
        return (m.get("city_en") or m.get("place_ar") or m.get("country_code")
                or i18n.code("not stated", lang))

    # ---------- chart data ----------
    def timeline(self, lang: str) -> dict[str, Any]:
        dated = [m for m in self.meetings if m.get("date_start") is not None]
        rows = [{
            "date_start": m["date_start"].isoformat(),
            "date_end": (m.get("date_end") or m["date_start"]).isoformat(),
            "level": i18n.code(m["level"], lang),
            "level_label": self.level_labels.get(m["level"], m["level"]),
            "body_label": self._body(m["body"], lang),
            "status": m["status"],
            "label": i18n.meeting_label(m, self.place(m, lang), lang),
            "date_label": i18n.date_label(m, lang),
            "place": self.place(m, lang), "n_reports": m.get("n_reports"),
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
                        "amount_text": i18n.amount_label(p, lang), "meeting": m["label_en"],
                        "href": f"meetings/{page_name(m['meeting_id'])}.html#pledges"})
        levels = [i18n.code(k, lang) for k in self.level_labels]
        bodies = [self._body(k, lang) for k in self.body_labels]
        return timeline_spec(rows, pledges, levels, bodies, titles=i18n.labels(lang))

    def reliability(self, lang: str) -> dict[str, Any] | None:
        """The calibration chart: one point per reliability bin of every table."""
        if self.calibration is None:
            return None
        names = {t["table"]: i18n.accuracy_table(t["table"], lang)
                 for t in self.calibration["tables"]}
        points = acc.reliability_points(self.calibration, names)
        if not points:
            return None
        return reliability_spec(points, list(names.values()), titles=i18n.labels(lang))

    def _body(self, body: str, lang: str) -> str:
        return i18n.code(body, lang) if lang == "ar" else self.body_labels.get(body, body)

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
            dated = sorted((m for m in ms if m.get("date_start") is not None),
                           key=lambda m: m["date_start"])
            anchor = f"venue-{i + 1}-{slug(place)}"
            out.append({"place": place, "country": country, "latitude": lat, "longitude": lon,
                        "meetings": len(ms), "first": dated[0] if dated else None,
                        "last": dated[-1] if dated else None, "anchor": anchor,
                        "href": f"map.html#{anchor}", "items": ms,
                        "place_ar": next((m["place_ar"] for m in ms if m.get("place_ar")),
                                         None)})
        return out

    def venue_rows(self, lang: str) -> list[dict[str, Any]]:
        """The venues as the map draws them, labelled in the interface language."""
        none = i18n.labels(lang)["undated"]
        return [{"place": (v["place_ar"] or v["place"]) if lang == "ar" else v["place"],
                 "country": v["country"], "latitude": v["latitude"],
                 "longitude": v["longitude"], "meetings": v["meetings"],
                 "first": i18n.date_label(v["first"], lang) if v["first"] else none,
                 "last": i18n.date_label(v["last"], lang) if v["last"] else none,
                 "href": v["href"]} for v in self.venues]


# ---------- links ----------
def link_target(value: object, root: str, local: frozenset[str]) -> str | None:
    """Where a value from the package may link: an http(s) URL, or a relative path to a
    file the site carries; None (shown as text) for anything else."""
    url = web_url(value)
    if url is not None:
        return url
    path = package_path(value)
    if path is not None and path in local:
        return root + path
    return None


# ---------- writing ----------
@pass_context
def _ctx_date(ctx: Any, row: dict[str, Any]) -> str:
    return i18n.date_label(row, ctx.get("lang", "en"))


@pass_context
def _ctx_day(ctx: Any, value: Any, precision: str = "day") -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return i18n.day(value, ctx.get("lang", "en"), precision)


@pass_context
def _ctx_amount(ctx: Any, row: dict[str, Any]) -> str:
    return i18n.amount_label(row, ctx.get("lang", "en"))


@pass_context
def _ctx_num(ctx: Any, value: Any) -> str:
    return i18n.number(value, ctx.get("lang", "en")) if isinstance(value, int | float) else (
        i18n.digits(value, ctx.get("lang", "en")))


@pass_context
def _ctx_decimal(ctx: Any, value: float | None, places: int = 3) -> str:
    return i18n.decimal(value, ctx.get("lang", "en"), places)


@pass_context
def _ctx_accuracy_table(ctx: Any, name: str) -> str:
    return i18n.accuracy_table(name, ctx.get("lang", "en"))


@pass_context
def _ctx_flag_note(ctx: Any, flag: str, row: dict[str, Any] | None = None,
                   table: str | None = None, short: bool = False) -> str:
    """How often rows carrying `flag` (in the table of `row`, or `table`) were right on the
    development set, from the package's own flag_precision table; "" when it does not say."""
    name = table or (acc.calibration_table(row) if row is not None else None)
    got = ctx["flag_precision"].get((name, flag)) if name else None
    if got is None:
        return ""
    lang = ctx.get("lang", "en")
    text = i18n.labels(lang)["flag_right_short" if short else "flag_right"]
    return text.format(i18n.number(got["correct"], lang), i18n.number(got["rows"], lang))


@pass_context
def _ctx_digits(ctx: Any, value: Any) -> str:
    return i18n.digits(value, ctx.get("lang", "en"))


@pass_context
def _ctx_label(ctx: Any, m: dict[str, Any]) -> str:
    lang = ctx.get("lang", "en")
    return i18n.meeting_label(m, ctx["site_place"](m, lang), lang)


@pass_context
def _ctx_code(ctx: Any, value: str | None) -> str:
    return i18n.code(value, ctx.get("lang", "en"))


@pass_context
def _ctx_link(ctx: Any, value: object) -> str | None:
    return link_target(value, ctx["root"], ctx["local_files"])


@pass_context
def _ctx_sources(ctx: Any, value: str | None) -> list[tuple[str | None, str]]:
    """A registry `source` cell (URLs separated by |, each maybe followed by a note) as
    (link or None, text) pairs: only the URL part of each may become a link."""
    out = []
    for part in (value or "").split("|"):
        part = part.strip()
        if part:
            first, _, rest = part.partition(" ")
            href = link_target(first, ctx["root"], ctx["local_files"])
            out.append((href, rest.strip() if href else part))
    return out


def _json_ld(value: Any) -> str:
    """JSON safe inside <script>: no `<`, `>` or `&` that could close the element."""
    body = json.dumps(value, ensure_ascii=False, indent=1, default=_js_value)
    return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["page"] = page_name
    env.filters["date_label"] = _ctx_date
    env.filters["day"] = _ctx_day
    env.filters["amount"] = _ctx_amount
    env.filters["num"] = _ctx_num
    env.filters["code"] = _ctx_code
    env.filters["link"] = _ctx_link
    env.filters["json_ld"] = _json_ld
    env.filters["sources"] = _ctx_sources
    env.filters["digits"] = _ctx_digits
    env.filters["dec"] = _ctx_decimal
    env.filters["acc_table"] = _ctx_accuracy_table
    env.filters["flag_note"] = _ctx_flag_note
    env.filters["label"] = _ctx_label
    env.filters["flags"] = lambda v: [f for f in (v or "").split(";") if f]
    env.filters["conf"] = lambda v: "" if v is None else f"{v:.2f}"
    return env


class Writer:
    """Renders a template to one path in one language, with the relative links to the
    language's root (`base`), to the site's root (`root`: assets, data) and to the same
    page in the other language (`alt`)."""

    def __init__(self, out: Path, env: Environment, common: dict[str, Any]) -> None:
        self.out, self.env, self.common = out, env, common
        self.pages = 0

    def __call__(self, lang: str, rel: str, template: str, **ctx: Any) -> None:
        depth = rel.count("/")
        base = "../" * depth
        root = base + ("../" if lang == "ar" else "")
        alt = root + ("ar/" + rel if lang == "en" else rel)
        dest = self.out / ("ar" if lang == "ar" else "") / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(self.env.get_template(template).render(
            **self.common, **ctx, lang=lang, L=i18n.labels(lang),
            dir="rtl" if lang == "ar" else "ltr", base=base, root=root, alt=alt, rel=rel),
            encoding="utf-8")
        self.pages += 1


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

minisearch.js: MiniSearch 7.2.0 (MIT, Copyright 2022 Luca Ongaro), the search index. See
minisearch-LICENSE.txt.
"""
COPIED = ("style.css", "site.js", "table.js", "meetings.js", "search.js", "minisearch.js",
          "world-atlas-LICENSE.txt", "minisearch-LICENSE.txt")


def _write_assets(out: Path, site: Site) -> None:
    assets = out / "assets"
    assets.mkdir()
    for name in COPIED:
        shutil.copyfile(ASSETS / name, assets / name)
    (assets / "vega-embed.js").write_text(_renderer_bundle(), encoding="utf-8")
    (assets / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    world = json.loads((ASSETS / "countries-110m.json").read_text(encoding="utf-8"))
    for lang in i18n.LANGS:
        venues = site.venue_rows(lang)
        t = i18n.labels(lang)
        charts = {"timeline": site.timeline(lang),
                  "map": map_spec(venues, world, titles=t),
                  "europe": map_spec(venues, world, titles=t, europe=True)}
        reliability = site.reliability(lang)
        if reliability is not None:
            charts["reliability"] = reliability
        _write_js(assets / ("charts.js" if lang == "en" else f"charts-{lang}.js"),
                  "COALITION_CHARTS", charts)
        _write_js(assets / f"search-{lang}.js", "COALITION_SEARCH",
                  {"docs": search_documents(site, lang),
                   "labels": {**{k.removeprefix("kind_"): v for k, v in t.items()
                                 if k.startswith("kind_")}, "none": t["no_results"]}})


def search_documents(site: Site, lang: str) -> list[dict[str, Any]]:
    """What the search finds: meetings, states, people, organisations, venues and the quotes
    of meeting reports, each with the normalised text and the consonant skeleton it is
    matched on (see search.py) and a link relative to the language's root."""
    docs: list[dict[str, Any]] = []

    def add(kind: str, title: str, sub: str, url: str, *texts: str | None) -> None:
        joined = " ".join(t for t in texts if t)
        docs.append({"id": len(docs), "kind": kind, "title": title, "sub": sub, "url": url,
                     "text": " ".join(normalise(joined).split()), "skel": skeleton(joined)})

    for m in site.meetings:
        url = f"meetings/{page_name(m['meeting_id'])}.html"
        add("meeting", i18n.meeting_label(m, site.place(m, lang), lang),
            f"{i18n.date_label(m, lang)} · {site.place(m, lang)}",
            url, m["label_en"], i18n.meeting_label(m, site.place(m, "ar"), "ar"),
            m.get("city_en"), m.get("place_ar"), m.get("date_text"),
            i18n.code(m["level"], "ar"), i18n.code(m["body"], "ar"), m["level"], m["body"],
            m.get("chronology_id"), str(m["date_start"] or ""))
    for e in site.entities.values():
        role = "; ".join(r for r, _ in e.reported_roles[:2])
        add(e.kind, e.title(lang), role or (e.code if e.kind == "state" else ""),
            f"{e.folder}/{e.page}.html", e.name_en, *e.names_ar, e.code,
            *(r for r, _ in e.reported_roles), *(r.get("role_ar") for r in e.roles))
    for v in site.venues:
        add("place", v["place_ar"] if lang == "ar" and v["place_ar"] else v["place"],
            i18n.number(v["meetings"], lang), f"map.html#{v['anchor']}", v["place"],
            v["place_ar"], v["country"])
    for r in site.rows["meeting_reports"]:
        m = site.meeting_by_id.get(r["meeting_id"])
        if m is None:
            continue
        add("quote", r["quote"][:160], m["label_en"],
            f"meetings/{page_name(m['meeting_id'])}.html#reports", r["quote"])
    return docs


def _copy_package(out: Path, site: Site) -> frozenset[str]:
    """The downloads: datapackage.json and every data file it lists, byte for byte, and
    any licence file the descriptor names by a relative path. Returns the relative paths
    copied (what a link from the package's values may point to)."""
    shutil.copyfile(site.root / DESCRIPTOR_NAME, out / DESCRIPTOR_NAME)
    local = {DESCRIPTOR_NAME}
    for res in site.descriptor["resources"]:
        path = package_path(res["path"])
        if path is None:
            raise InputError(f"{site.root / DESCRIPTOR_NAME}: resource {res['name']!r} path "
                             f"{res['path']!r} leaves the package")
        dest = out / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site.root / path, dest)
        local.add(path)
    dictionary = site.root / "data" / "dictionary.md"
    if dictionary.is_file():
        shutil.copyfile(dictionary, out / "data" / "dictionary.md")
        local.add("data/dictionary.md")
    for lic in site.descriptor.get("licenses", []):
        path = package_path(lic.get("path"))
        source = site.root / path if path else None
        if (source is not None and source.is_file() and not source.is_symlink()
                and path not in local and not (out / path).exists()):
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out / path)
            local.add(path)
    return frozenset(local)


def _table_pages(out: Path, site: Site, write: Writer) -> None:
    folder = out / "tables"
    folder.mkdir()
    by_name = {r["name"]: r for r in site.descriptor["resources"]}
    for name, df in site.tables.items():
        res = by_name[name]
        shown = [c for c in df.columns if c != "text"]
        fields = [f for f in res["schema"]["fields"] if f["name"] in shown]
        data = {"name": name, "columns": shown,
                "types": [f.get("type", "string") for f in fields],
                "rows": [list(r) for r in df.select(shown).rows()]}
        _write_js(folder / f"{name}.js", "COALITION_TABLE", data)
        csv = by_name.get(f"{name}_csv")
        for lang in i18n.LANGS:
            write(lang, f"tables/{name}.html", "table.html.j2", page="tables", resource=res,
                  fields=fields, rows=df.height, csv=csv,
                  hidden=[c for c in df.columns if c not in shown],
                  flag_rows=_flag_rows(site, name))


def _flag_rows(site: Site, table: str) -> list[dict[str, Any]]:
    """The flag_precision rows that speak of a published table's rows (participants:
    persons, then states and organisations)."""
    names = {"meetings": ["meetings"], "participants": ["persons", "states"],
             "pledges": ["pledges"], "resolutions": ["resolutions"]}.get(table, [])
    return [{"table": name, "flag": flag, **v} for name in names
            for (t, flag), v in sorted(site.flag_precision.items()) if t == name]


def _meeting_pages(site: Site, write: Writer, lang: str) -> None:
    for m in site.meetings:
        facts = site.by_meeting[m["meeting_id"]]
        people = [p for p in facts["participants"] if p["kind"] == "person"]
        states = [p for p in facts["participants"] if p["kind"] == "state"]
        others = [p for p in facts["participants"] if p["kind"] not in ("person", "state")]
        write(lang, f"meetings/{page_name(m['meeting_id'])}.html", "meeting.html.j2",
              page="meetings", m=m, place=site.place(m, lang),
              level_label=site.level_labels.get(m["level"], m["level"]),
              body_label=site.body_labels.get(m["body"], m["body"]),
              reports=facts["meeting_reports"], people=people, states=states, others=others,
              pledges=facts["pledges"], resolutions=facts["resolutions"],
              chronology=site.chronology.get(m.get("chronology_id") or ""),
              entities=site.entities, registry_given=site.registry is not None,
              ev=site.evidence)
    rows = [{"m": m, "year": m["date_start"].year if m.get("date_start") else None,
             "states": site.states_of(m["meeting_id"])} for m in site.meetings]
    states = sorted({s for r in rows for s in r["states"]})
    names = {e.code: e.title(lang) for e in site.kind("state")}
    write(lang, "meetings/index.html", "meetings.html.j2", page="meetings", rows=rows,
          place=partial(site.place, lang=lang), years=sorted({r["year"] for r in rows
                                                              if r["year"]}),
          levels=[k for k in site.level_labels if any(m["level"] == k for m in site.meetings)],
          bodies=[k for k in site.body_labels if any(m["body"] == k for m in site.meetings)],
          states=[(s, names.get(s, s)) for s in states], n=len(site.meetings))


def _entity_pages(site: Site, write: Writer, lang: str) -> None:
    for kind in ("state", "person", "organisation"):
        entities = site.kind(kind)
        for e in entities:
            years = by_year(e, site.meeting_by_id)
            write(lang, f"{e.folder}/{e.page}.html", "entity.html.j2", page=e.folder, e=e,
                  years=years, registry_given=site.registry is not None, ev=site.evidence,
                  totals={r: sum(y["counts"][r] for y in years) for r in ("attended",
                                                                          "hosted", "chaired")})
        entities = sorted(entities, key=lambda e: (-len(e.meetings), e.title(lang)))
        write(lang, f"{FOLDER_OF[kind]}/index.html", "entities.html.j2",
              page=FOLDER_OF[kind], kind=kind, entities=entities)


FOLDER_OF = {"state": "states", "person": "people", "organisation": "organisations"}


def _article_pages(site: Site, write: Writer, lang: str) -> None:
    for aid, a in sorted(site.articles.items()):
        text = a.get("text")
        spans = sorted(site.spans.get(aid, ()))
        parts = pieces(text, spans) if text is not None else []
        starts: dict[int, list[str]] = defaultdict(list)
        for s, e in spans:
            starts[s].append(f"e-{s}-{e}")
        facts = sorted(site.facts_in.get(aid, []), key=lambda f: (f[2]["char_start"], f[0]))
        write(lang, f"articles/{page_name(aid)}.html", "article.html.j2", page="articles",
              a=a, parts=parts, starts=starts, facts=facts, ev=site.evidence)


def dataset_ld(site: Site) -> dict[str, Any]:
    """schema.org Dataset metadata for data search engines, from the descriptor (links
    kept only when they are http(s) or files of the package)."""
    d = site.descriptor
    out: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Dataset", "name": d.get("title", ""),
        "description": d.get("description", ""), "version": d.get("version", ""),
        "keywords": d.get("keywords", []), "inLanguage": ["ar", "en"],
        "isAccessibleForFree": True, "dateCreated": str(d.get("created", ""))[:10],
        "license": [u for u in (web_url(lic.get("path")) for lic in d.get("licenses", []))
                    if u],
        "creator": [{"@type": "Organization", "name": c.get("title", "")}
                    for c in d.get("contributors", []) if "creator" in c.get("roles", [])],
        "distribution": [{"@type": "DataDownload", "name": r["name"],
                          "encodingFormat": r.get("mediatype") or r.get("format", ""),
                          "contentUrl": r["path"]}
                         for r in d.get("resources", []) if package_path(r.get("path"))],
    }
    tc = d.get("temporalCoverage")
    if isinstance(tc, dict) and tc.get("start"):
        out["temporalCoverage"] = f"{tc['start']}/{tc.get('end', '..')}"
    if d.get("spatialCoverage"):
        out["spatialCoverage"] = [{"@type": "Place", "name": c} for c in d["spatialCoverage"]]
    return out


def _top_pages(site: Site, write: Writer, lang: str) -> None:
    counts = {name: df.height for name, df in site.tables.items()}
    dated = sum(1 for m in site.meetings if m.get("date_start") is not None)
    venues = site.venues
    placed = sum(v["meetings"] for v in venues)
    write(lang, "index.html", "index.html.j2", page="overview", counts=counts, dated=dated,
          undated=len(site.meetings) - dated, accuracy=site.accuracy, ld=dataset_ld(site),
          unseen=acc.unseen(site.accuracy), development=acc.development(site.accuracy),
          calibration=site.calibration)
    write(lang, "map.html", "map.html.j2", page="map", venues=venues, placed=placed,
          unplaced=[m for m in site.meetings if m.get("latitude") is None],
          place=partial(site.place, lang=lang))
    write(lang, "search.html", "search.html.j2", page="search")


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
    _write_assets(stage, site)
    local = _copy_package(stage, site)
    common = {"d": d, "citation": _citation(d), "tool_version": __version__,
              "tables": list(site.tables), "flag_help": flag_help(d), "local_files": local,
              "homepage": web_url(d.get("homepage")), "site_place": site.place,
              "flag_precision": site.flag_precision}
    write = Writer(stage, env, common)
    for lang in i18n.LANGS:
        _top_pages(site, write, lang)
        _meeting_pages(site, write, lang)
        _entity_pages(site, write, lang)
        _article_pages(site, write, lang)
    _table_pages(stage, site, write)
    (stage / MARKER).write_text(f"written by coalition-data {__version__} site\n",
                                encoding="utf-8")
    return write.pages


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


def render_site(root: Path, out: Path, accuracy: Path | None = ACCURACY_FILE,
                registry: Path | None = None) -> SiteResult:
    """Write the site for the package at `root` into `out` (replacing a site written there
    before; any other non-empty folder is refused rather than overwritten). `registry`:
    the registry folder the package was built with (default ROOT/seeds/registry)."""
    root, out = Path(root), Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                               and not (out / MARKER).is_file())):
        raise BuildError(f"{out}: exists and is not a site written by coalition-data; "
                         f"give an empty or new folder")
    site = Site(root, accuracy, registry)
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
