"""Which values may become a link: http(s) URLs and plain relative paths inside the package.

A hand-edited package or manifest can carry `javascript:`, `JaVaScRiPt:`, `java\\tscript:`
(browsers drop tabs and line breaks inside a URL) or `data:` URLs; any of them as an href
runs script on click. So a value becomes a link only when it passes these checks, and is
otherwise shown as plain text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f"
                               r"\u205f-\u206f\u3000\ufeff]")
_HOST = re.compile(r"[A-Za-z0-9.-]+(?::[0-9]{1,5})?")
_RELATIVE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


def web_url(value: object) -> str | None:
    """`value` when it is an absolute http(s) URL with a plain host, else None."""
    if not isinstance(value, str) or not value or len(value) > 2000:
        return None
    if _CONTROL_OR_SPACE.search(value) or "\\" in value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(
            parts.scheme.lower() + "://"):
        return None
    if not parts.netloc or "@" in parts.netloc or not _HOST.fullmatch(parts.netloc):
        return None
    return value


def package_path(value: object) -> str | None:
    """`value` when it is a plain relative path that stays inside the package (no scheme,
    no leading slash, no `..`), else None."""
    if not isinstance(value, str) or len(value) > 300 or not _RELATIVE.fullmatch(value):
        return None
    if any(part in (".", "..") or part.startswith("..") for part in value.split("/")):
        return None
    return value
