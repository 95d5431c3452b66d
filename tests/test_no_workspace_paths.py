"""Published text makes sense outside this workspace: no column of the built seed package,
no string of its descriptor and no text of its site names a workspace path (registry notes
such as "see also shared/reference/seed-facts.md" once reached meeting pages)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polars as pl

from coalition_data.cli import main

# a workspace path, not a URL's path segment (https://host/shared/... is fine)
WORKSPACE = re.compile(r"(?<![\w./:-])(?:shared/|\.\./|/work/)")
LINK_ATTRS = {"href", "src"}  # relative links between pages legitimately start with ../


def _strings(value: object, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def test_the_pattern_finds_workspace_paths_and_not_urls() -> None:
    assert WORKSPACE.search("see also shared/reference/seed-facts.md")
    assert WORKSPACE.search("(../shared/devset/gold.yaml)")
    assert WORKSPACE.search("read /work/main/seeds")
    assert not WORKSPACE.search("https://example.org/shared/page and https://a.b/work/x")


def test_no_published_column_or_descriptor_string_names_a_workspace_path(
        built: Path) -> None:
    found = []
    for path in sorted((built / "data").glob("*.parquet")):
        df = pl.read_parquet(path)
        for col in [c for c, t in df.schema.items() if t == pl.String]:
            for value in df[col].drop_nulls().unique().to_list():
                if WORKSPACE.search(value):
                    found.append(f"{path.stem}.{col}: {value[:80]}")
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    found += [f"{where}: {s[:80]}" for where, s in _strings(descriptor, "datapackage")
              if WORKSPACE.search(s)]
    dictionary = (built / "data" / "dictionary.md").read_text(encoding="utf-8")
    found += [f"dictionary.md: {m.group()}" for m in WORKSPACE.finditer(dictionary)]
    assert found == []


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name not in LINK_ATTRS:
                self.parts.append(value)
            elif value and re.search(r"(?<![\w./:-])(?:shared/|/work/)", value):
                self.parts.append(value)


def test_no_page_of_the_site_names_a_workspace_path(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["--quiet", "site", "--root", str(built), "--out", str(site)]) == 0
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {m.group()}" for text in parser.parts
                  for m in [WORKSPACE.search(text)] if m]
    assert found == []
