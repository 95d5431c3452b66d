"""Read stage: the source manifest and the raw article files, strictly.

Every problem raises InputError with a one-line message naming the file and, for the
manifest, the line and column, so a user can fix the input without reading code.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from coalition_data.errors import InputError
from coalition_data.paths import MANIFEST_NAME

REQUIRED_COLUMNS = ("article_id", "file")
OPTIONAL_COLUMNS = (
    "outlet",
    "outlet_confidence",
    "url",
    "url_confidence",
    "published_date",
    "published_date_confidence",
    "notes",
)
CONFIDENCE = ("high", "medium", "low", "unknown")
ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
# A source link is followed by readers of the package and the site: http(s) only (no
# javascript:, data:, ...), and nothing a browser would strip to make another scheme of
# it ("java\tscript:"): no whitespace or control characters anywhere.
WEB_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\x00-\x1f\x7f-\x9f/?#][^\s\x00-\x1f\x7f-\x9f]*$")


@dataclass(frozen=True)
class ManifestRow:
    article_id: str
    file: str
    outlet: str | None
    outlet_confidence: str
    url: str | None
    url_confidence: str
    published_date: dt.date | None
    published_date_confidence: str
    notes: str | None
    published_date_end: dt.date | None = None  # last possible day (= published_date if exact)


@dataclass(frozen=True)
class RawArticle:
    meta: ManifestRow
    raw: bytes
    text: str  # decoded, otherwise untouched

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


# C0 controls other than tab, line feed, form feed and carriage return, DEL, and C1
# controls: never part of a news text, always a sign of binary data or a wrong encoding.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")
MAX_ARTICLE_BYTES = 2_000_000  # a news article is 1-100 kB; 2 MB is surely not one
MAX_FIELD = 10_000  # characters in one manifest value (notes included)
MAX_MANIFEST_BYTES = 256 * 2**20  # ~1,000,000 rows with notes; more is not a manifest
MAX_REGISTRY_BYTES = 64 * 2**20  # the registries are a few hundred kB


def read_regular(path: Path, where: str, limit: int, what: str = "file") -> bytes:
    """A regular file's bytes, refused in one line before anything is read when it is
    something else (a FIFO would block for ever, /dev/zero never ends) or larger than
    `limit` (a 10 GB sparse file would exhaust memory). Symbolic links are followed:
    what they point at must be a regular file too."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{where}: {what} not found") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{where}: not a regular file ({_kind(st.st_mode)}); give the "
                             f"{what} as a plain file")
        if st.st_size > limit:
            raise InputError(f"{where}: {st.st_size:,} bytes is more than a {what} should be "
                             f"(limit {limit:,}); check the file")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise InputError(f"{where}: more than {limit:,} bytes (limit); check the file")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a plain file"


def _looks_utf16(data: bytes) -> bool:
    """Arabic or ASCII in UTF-16: every other byte is 0x00-0x06 (the high byte)."""
    head = data[:400]
    for start in (0, 1):
        high = head[start + 1::2] if start == 0 else head[0::2]
        if len(high) >= 4 and sum(b <= 0x06 for b in high) / len(high) > 0.6:
            return True
    return False


def _decode(data: bytes, where: str) -> str:
    """Strict UTF-8 that is text: no NUL or control characters (UTF-16 without a BOM
    decodes as "valid" UTF-8 full of NULs and controls), and a UTF-16 BOM is named."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{where}: UTF-16 text (byte order mark at byte 0); re-save it as "
                         "UTF-8 (e.g. iconv -f utf-16 -t utf-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "re-save it as UTF-8 (e.g. convert Windows-1256 with iconv -f cp1256 -t utf-8)"
        ) from None
    if m := _CONTROL.search(text):
        offset = len(text[:m.start()].encode("utf-8"))
        hint = " (UTF-16 without a byte order mark?)" if _looks_utf16(data) else ""
        raise InputError(f"{where}: not text: control character U+{ord(m.group()):04X} at "
                         f"byte {offset}{hint}; re-save it as UTF-8 plain text")
    return text


_DAY = r"\d{4}-\d{2}-\d{2}"


PUBLICATION_YEARS = (1900, 2100)  # outside this, a date is a typo (and would overflow)


def parse_publication_date(raw: str) -> tuple[dt.date, dt.date]:
    """(first, last) possible publication day: "2016-02-10", "2016-02" (that month),
    "2016" (that year) or "2016-02-01/2016-02-10" (an interval)."""
    first, last = _parse_publication_date(raw)
    lo, hi = PUBLICATION_YEARS
    if not (lo <= first.year and last.year <= hi):
        raise ValueError(f"{raw!r} is outside {lo}-{hi}: a typo?")
    return first, last


def _parse_publication_date(raw: str) -> tuple[dt.date, dt.date]:
    def day(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{raw!r} is not a real date (YYYY-MM-DD)") from None

    if re.fullmatch(_DAY, raw):
        d = day(raw)
        return d, d
    if m := re.fullmatch(rf"({_DAY})/({_DAY})", raw):
        a, b = day(m[1]), day(m[2])
        if b < a:
            raise ValueError(f"{raw!r}: the interval ends before it starts")
        return a, b
    if m := re.fullmatch(r"(\d{4})-(\d{2})", raw):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"{raw!r} is not a real month (YYYY-MM)")
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    if re.fullmatch(r"\d{4}", raw):
        return dt.date(int(raw), 1, 1), dt.date(int(raw), 12, 31)
    raise ValueError(f"{raw!r} must be written YYYY-MM-DD, YYYY-MM, YYYY or "
                     "YYYY-MM-DD/YYYY-MM-DD")


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_manifest(seeds: Path) -> list[ManifestRow]:
    """Parse and check seeds/manifest.csv against the .txt files beside it."""
    if not seeds.is_dir():
        raise InputError(f"{seeds}: seeds folder not found")
    path = seeds / MANIFEST_NAME
    where = f"{seeds.name}/{MANIFEST_NAME}"
    if not path.exists():
        raise InputError(f"{where}: manifest not found; add one row per article (see README)")
    text = _decode(read_regular(path, where, MAX_MANIFEST_BYTES, "manifest"),
                   where).lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:  # csv would keep the last one silently
        raise InputError(f"{where} line 1, column {twice[0]}: named twice in the header")
    for col in REQUIRED_COLUMNS:
        if col not in header:
            raise InputError(f"{where} line 1: missing required column {col!r}")
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise InputError(f"{where} line 1: unknown column(s) {unknown}")

    rows: list[ManifestRow] = []
    seen: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    root = seeds.resolve()
    records = []
    start_line = 2
    # csv's own field limit (131,072, and global: other libraries change it) would stop
    # an over-long value before the check below can name its column
    limit = csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    try:
        for rec in reader:  # physical line numbers, also after quoted line breaks
            records.append((start_line, rec))
            start_line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{where} line {start_line}: {exc}") from None
    finally:
        csv.field_size_limit(limit)
    for line_no, rec in records:
        def fail(column: str, msg: str, line_no: int = line_no) -> InputError:
            return InputError(f"{where} line {line_no}, column {column}: {msg}")

        if None in rec:
            raise fail("-", "more values than columns (unquoted comma?)")
        for col, value in rec.items():
            if value is not None and len(value) > MAX_FIELD:
                raise fail(col, f"{len(value):,} characters: longer than any manifest value "
                                f"should be (limit {MAX_FIELD:,}); a missing quote?")
        article_id = (rec.get("article_id") or "").strip()
        if not ARTICLE_ID.match(article_id):
            raise fail("article_id", f"{article_id!r} must match {ARTICLE_ID.pattern}")
        if article_id in seen:
            raise fail("article_id", f"duplicate {article_id!r} (first on line {seen[article_id]})")
        seen[article_id] = line_no

        file = (rec.get("file") or "").strip()
        target = (seeds / file).resolve()
        if not file or Path(file).is_absolute() or not target.is_relative_to(root):
            raise fail("file", f"{file!r} must be a path inside {seeds.name}/")
        if target.suffix != ".txt":
            raise fail("file", f"{file!r} must be a .txt file")
        if not target.exists():
            raise fail("file", f"{file!r} does not exist in {seeds.name}/")
        if not target.is_file():
            mode = target.stat().st_mode
            raise fail("file", f"{file!r} is not a regular file ({_kind(mode)})")
        rel = target.relative_to(root).as_posix()
        if rel in seen_files:
            raise fail("file", f"{file!r} already listed on line {seen_files[rel]}")
        seen_files[rel] = line_no

        raw_date = _blank_to_none(rec.get("published_date"))
        published: dt.date | None = None
        published_end: dt.date | None = None
        if raw_date is not None:
            try:
                published, published_end = parse_publication_date(raw_date)
            except ValueError as exc:
                raise fail("published_date", str(exc)) from None

        url = _blank_to_none(rec.get("url"))
        if url is not None and not WEB_URL.match(url):
            raise fail("url", f"{url[:60]!r} is not a web address: only http:// and https:// "
                              "links, without spaces or control characters, are published")

        conf: dict[str, str] = {}
        for col in ("outlet_confidence", "url_confidence", "published_date_confidence"):
            value = (_blank_to_none(rec.get(col)) or "unknown").lower()
            if value not in CONFIDENCE:
                raise fail(col, f"{value!r} must be one of {CONFIDENCE}")
            conf[col] = value
        if published is None and conf["published_date_confidence"] != "unknown":
            raise fail("published_date_confidence", "must be 'unknown' when no date is given")

        rows.append(
            ManifestRow(
                article_id=article_id,
                file=rel,
                outlet=_blank_to_none(rec.get("outlet")),
                outlet_confidence=conf["outlet_confidence"],
                url=url,
                url_confidence=conf["url_confidence"],
                published_date=published,
                published_date_end=published_end,
                published_date_confidence=conf["published_date_confidence"],
                notes=_blank_to_none(rec.get("notes")),
            )
        )

    listed = {r.file for r in rows}
    for txt in _article_like_files(seeds):
        rel = txt.relative_to(seeds).as_posix()
        if rel not in listed:
            raise InputError(
                f"{seeds.name}/{rel}: looks like an article but has no row in {where}; add "
                "one (see README), or move it out of the seeds folder"
            )
    if not rows:
        raise InputError(f"{where}: no articles listed")
    return rows


def _article_like_files(seeds: Path) -> list[Path]:
    """Every file under the seeds folder (sub-folders too, registry/ and hidden ones
    aside) whose name, trimmed and lower-cased, ends with .txt: each must be in the
    manifest, so that no article is ever left out without a word."""
    out = []
    for path in sorted(seeds.rglob("*")):
        rel = path.relative_to(seeds)
        if not path.is_file() or rel.parts[0] == "registry" or any(
                p.startswith(".") for p in rel.parts):
            continue
        if path.name.strip().lower().endswith(".txt"):
            out.append(path)
    return out


def read_article(seeds: Path, meta: ManifestRow) -> RawArticle:
    """Read one article's bytes strictly as UTF-8 text and refuse empty or huge files."""
    where = f"{seeds.name}/{meta.file}"
    size = (seeds / meta.file).stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"{where}: {size:,} bytes is more than an article "
                         f"(limit {MAX_ARTICLE_BYTES:,}); split it or check the file")
    raw = read_regular(seeds / meta.file, where, MAX_ARTICLE_BYTES, "article")
    text = _decode(raw, where)
    if not text.lstrip("\ufeff").strip():
        raise InputError(f"{where}: article is empty")
    return RawArticle(meta=meta, raw=raw, text=text)
