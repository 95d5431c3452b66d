"""States, people and organisations gathered from the participants table, with what the
package's own registry (when the site is given it) adds: dated roles, joining dates and
sources. Each becomes a page listing its meetings by year, its pledges and its quotes."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_REGISTRY_BYTES = 50 * 1024 * 1024
ROLES = ("attended", "hosted", "chaired", "spoke", "joined")
FOLDERS = {"state": "states", "person": "people", "organisation": "organisations"}


def read_csv(folder: Path | None, name: str) -> list[dict[str, str]]:
    """Rows of a registry CSV; empty when there is no such regular file (the site shows
    what it has rather than the project's registry in its place)."""
    if folder is None:
        return []
    path = Path(folder) / f"{name}.csv"
    if not path.is_file() or path.stat().st_size > MAX_REGISTRY_BYTES:
        return []
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    return [{k: (v or "").strip() for k, v in r.items() if k}
            for r in csv.DictReader(io.StringIO(text, newline=""))]


def page_of(key: str) -> str:
    """A participant key (state:jo, person:brett_mcgurk, org:eu) as a file name: the part
    after the colon, with any character other than a-z 0-9 _ - written as ~hex (so `.`
    and `..` never name a folder and two keys never share a page)."""
    part = key.split(":", 1)[-1]
    return re.sub(r"[^a-z0-9_-]", lambda m: f"~{ord(m.group()):x}", part) or "~"


@dataclass
class Entity:
    key: str
    kind: str
    page: str
    name_en: str | None = None
    names_ar: list[str] = field(default_factory=list)
    meetings: dict[str, set[str]] = field(default_factory=dict)  # meeting_id -> roles
    rows: list[dict[str, Any]] = field(default_factory=list)  # participant rows (quotes)
    pledges: list[dict[str, Any]] = field(default_factory=list)
    member_since: Any = None
    registry: dict[str, str] = field(default_factory=dict)
    roles: list[dict[str, str]] = field(default_factory=list)  # registry roles, dated
    reported_roles: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.key.split(":", 1)[-1].upper() if self.kind == "state" else ""

    @property
    def folder(self) -> str:
        return FOLDERS[self.kind]

    def count(self, role: str) -> int:
        """Meetings at which it had this role (attended, hosted, chaired...)."""
        return sum(1 for roles in self.meetings.values() if role in roles)

    def title(self, lang: str) -> str:
        ar = self.names_ar[0] if self.names_ar else None
        first, second = (ar, self.name_en) if lang == "ar" else (self.name_en, ar)
        return first or second or self.key.split(":", 1)[-1]


def gather(participants: list[dict[str, Any]], meetings: list[dict[str, Any]],
           pledges: list[dict[str, Any]], registry: Path | None) -> dict[str, Entity]:
    """Every state, person and organisation named in the participants table."""
    out: dict[str, Entity] = {}
    for row in participants:
        key = row["participant_key"]
        e = out.get(key)
        if e is None:
            e = out[key] = Entity(key, row["kind"], page_of(key))
        e.name_en = e.name_en or row.get("name_en")
        if row.get("name_ar") and row["name_ar"] not in e.names_ar:
            e.names_ar.append(row["name_ar"])
        e.meetings.setdefault(row["meeting_id"], set()).add(row["participation"])
        e.rows.append(row)
        e.member_since = e.member_since or row.get("member_since")
        role = row.get("role_en")
        if role and (role, row.get("represents")) not in e.reported_roles:
            e.reported_roles.append((role, row.get("represents")))
    by_code = {e.code: e for e in out.values() if e.kind == "state"}
    for m in meetings:  # a host named only on the meeting row still hosted it
        host = by_code.get(m.get("host_country_code") or "")
        if host is not None:
            host.meetings.setdefault(m["meeting_id"], set()).add("hosted")
    for p in pledges:
        if p.get("donor_kind") == "state" and p.get("donor") in by_code:
            by_code[p["donor"]].pledges.append(p)
    members = {r.get("member_id", ""): r for r in read_csv(registry, "members")}
    people = {r.get("person_id", ""): r for r in read_csv(registry, "people")}
    roles: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in read_csv(registry, "people_roles"):
        roles[r.get("person_id", "")].append(r)
    for e in out.values():
        part = e.key.split(":", 1)[-1]
        if e.kind == "state":
            e.registry = members.get(e.code, {})
        elif e.kind == "person":
            e.registry = people.get(part, {})
            e.roles = sorted(roles.get(part, []), key=lambda r: (r.get("start", ""),
                                                                 r.get("role_en", "")))
        own = [n.strip() for n in (e.registry.get("names_ar") or "").split("|") if n.strip()]
        # the registry's spellings first (its first is the canonical one), then the press's
        e.names_ar = own + [n for n in e.names_ar if n not in own]
        e.name_en = e.name_en or e.registry.get("name_en") or None
    return dict(sorted(out.items()))


def by_year(entity: Entity, meetings: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Per year (undated last): the entity's meetings with what it did at each."""
    years: dict[int | None, list[tuple[dict[str, Any], list[str]]]] = defaultdict(list)
    for mid, roles in entity.meetings.items():
        m = meetings.get(mid)
        if m is None:
            continue
        start = m.get("date_start")
        years[start.year if start else None].append((m, [r for r in ROLES if r in roles]))
    out = []
    for year in sorted(years, key=lambda y: (y is None, y or 0)):
        items = sorted(years[year], key=lambda x: (str(x[0].get("date_start") or ""),
                                                   x[0]["meeting_id"]))
        counts = {r: sum(1 for _, roles in items if r in roles) for r in ROLES}
        out.append({"year": year, "items": items, "counts": counts})
    return out
