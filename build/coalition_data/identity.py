"""Who a built package says it is: name, title, version, description, creators, licences,
homepage, keywords.

A seeds folder declares its package's identity in `package.toml` beside its manifest;
`build --package-name/--package-title/...` override single keys. A folder without one
builds a package that says it was built with coalition-data X from that folder and
claims none of this project's title, version, creators, licences or citation: the
project's own identity lives in its own `seeds/package.toml`.
"""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from coalition_data import __version__
from coalition_data.errors import InputError

IDENTITY_FILE = "package.toml"
MAX_BYTES = 64 * 1024
KEYS = ("name", "title", "description", "version", "keywords", "licenses", "creators",
        "homepage")
OVERRIDABLE = ("name", "title", "description", "version", "homepage")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    return slug or "package"


def anonymous(seeds: Path) -> dict[str, Any]:
    """The identity of a package whose seeds declare none: what built it, from where."""
    folder = Path(seeds).resolve().name or "seeds"
    return {
        "name": _slug(folder),
        "title": f"Data package built with coalition-data {__version__} from {folder}",
        "description": f"Tables extracted by coalition-data {__version__} from the articles "
                       f"in the folder {folder}. Whoever built it declared no identity "
                       "(title, version, creators, licences): add package.toml beside "
                       "manifest.csv to give one.",
    }


def _fail(path: Path, what: str) -> InputError:
    return InputError(f"{path}: {what}")


def _licence(path: Path, i: int, lic: Any) -> dict[str, str]:
    if not isinstance(lic, dict) or not (lic.get("name") or lic.get("path")):
        raise _fail(path, f"licenses[{i}]: give a table with name (an SPDX id) and/or path")
    extra = set(lic) - {"name", "title", "path"}
    if extra or not all(isinstance(v, str) for v in lic.values()):
        raise _fail(path, f"licenses[{i}]: only the strings name, title and path are known")
    return dict(lic)


def _creator(path: Path, i: int, c: Any) -> dict[str, Any]:
    if isinstance(c, str) and c.strip():
        return {"title": c.strip(), "roles": ["creator"]}
    if isinstance(c, dict) and isinstance(c.get("title"), str) and c["title"].strip():
        extra = set(c) - {"title", "email", "path", "organization", "roles"}
        if extra:
            raise _fail(path, f"creators[{i}]: unknown key {sorted(extra)[0]!r}")
        return {"title": c["title"], **{k: c[k] for k in ("email", "path", "organization")
                                         if k in c}, "roles": list(c.get("roles", ["creator"]))}
    raise _fail(path, f"creators[{i}]: give a name, or a table with title (and email, path, "
                      "organization, roles)")


def check_identity(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """The identity as descriptor keys, every value checked (one line per problem)."""
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise _fail(path, f"unknown key {unknown[0]!r}; known: {', '.join(KEYS)}")
    for key in ("name", "title"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(path, f"{key} is required (a non-empty string)")
    for key in ("description", "version", "homepage"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            raise _fail(path, f"{key} must be a non-empty string")
    if not _NAME.match(raw["name"]):
        raise _fail(path, f"name {raw['name']!r}: lower-case letters, digits, '.', '_' and "
                          "'-' only")
    if "homepage" in raw and not re.match(r"^https?://\S+$", raw["homepage"]):
        raise _fail(path, "homepage must be an http(s) URL")
    keywords = raw.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise _fail(path, "keywords must be a list of strings")
    licenses, creators = raw.get("licenses", []), raw.get("creators", [])
    if not isinstance(licenses, list) or not isinstance(creators, list):
        raise _fail(path, "licenses and creators must be lists")
    out: dict[str, Any] = {"name": raw["name"], "title": raw["title"]}
    for key in ("description", "version", "homepage"):
        if key in raw:
            out[key] = raw[key]
    if keywords:
        out["keywords"] = list(keywords)
    if licenses:
        out["licenses"] = [_licence(path, i, x) for i, x in enumerate(licenses)]
    if creators:
        out["contributors"] = [_creator(path, i, x) for i, x in enumerate(creators)]
    return out


def read_identity(seeds: Path, overrides: dict[str, str] | None = None) -> dict[str, Any]:
    """The package identity for a build of `seeds`: its package.toml (else the anonymous
    one), with `overrides` (from the command line) applied and checked."""
    path = Path(seeds) / IDENTITY_FILE
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    bad = sorted(set(overrides) - set(OVERRIDABLE))
    if bad:
        raise InputError(f"cannot override {bad[0]!r}; one of {', '.join(OVERRIDABLE)}")
    if path.exists() or path.is_symlink():
        try:
            st = path.stat()
        except OSError as exc:
            raise _fail(path, exc.strerror or str(exc)) from None
        if not stat.S_ISREG(st.st_mode):
            raise _fail(path, "not a regular file")
        if st.st_size > MAX_BYTES:
            raise _fail(path, f"larger than {MAX_BYTES // 1024} kB")
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise _fail(path, "not UTF-8 text") from None
        except tomllib.TOMLDecodeError as exc:
            raise _fail(path, f"not valid TOML ({exc})") from None
        base = check_identity(raw, path)
    else:
        base = anonymous(seeds)
    if not overrides:
        return base
    merged = {**base, **overrides}
    if "title" in overrides and "name" not in overrides and not path.is_file():
        merged["name"] = _slug(overrides["title"])
    raw = {k: v for k, v in merged.items() if k not in ("contributors",)}
    if "contributors" in base:
        raw["creators"] = base["contributors"]
    return check_identity(raw, Path("command line"))
