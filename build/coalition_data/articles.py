"""Articles table: manifest metadata + cleaned text + what the text says about itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from coalition_data.clean import clean_text
from coalition_data.errors import InputError
from coalition_data.extract.dates import find_dates
from coalition_data.extract.topic import on_topic
from coalition_data.normalise import fold
from coalition_data.read import RawArticle
from coalition_data.reference.gazetteer import gazetteer

_BYLINE = re.compile(
    r"^(?:بقلم|كتب|كتبت|اعداد|تقرير|بواسطه)\s*[:：]?\s*(?P<name>[^:：\n]{3,40}?)\s*[:：]?$"
)
_SENTENCE_END = re.compile(r"[.!?؟…]\s*$")
_MAX_HEADLINE = 160
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Head:
    headline: str | None
    byline: str | None
    dateline_place: str | None
    dateline_date: dt.date | None


def detect_byline(lines: list[str]) -> str | None:
    for line in lines[:3]:
        m = _BYLINE.match(fold(line).strip())
        if m:
            # return the author as written: same length slice of the original line
            raw = line.strip()
            name = re.sub(r"^\S+\s*[:：]?\s*", "", raw).rstrip(" :：")
            return name or None
    return None


def detect_headline(lines: list[str], byline: str | None) -> str | None:
    body = [ln for ln in lines if ln.strip()]
    if len(body) < 2:
        return None
    first = body[0].strip()
    if byline and byline in first:
        return None
    if len(first) > _MAX_HEADLINE or _SENTENCE_END.search(first) or _dateline(first, None):
        return None
    return first


# "الكويت 13 فبراير 2018 /" or "روما - (وكالة ...)": place (1-3 words) then a date and a
# separator, at the head of a paragraph.
_DATELINE = re.compile(
    r"^(?P<place>[\u0621-\u064A]+(?: [\u0621-\u064A]+){0,2})\s+(?P<rest>.{0,40})\s*[/–—-]"
)


# "باريس — ..." / "روما - (وكالة) -" / "روما (رويترز) -": a known city alone, maybe with
# the agency in brackets, before a dash opens the body
_PLACE_ONLY = re.compile(r"^(?P<place>[\u0621-\u064A]+(?: [\u0621-\u064A]+){0,1})\s*"
                         r"(?:\([^()\n]{1,30}\)\s*)?[–—-]\s")


def _dateline(line: str, published: dt.date | None) -> tuple[str, dt.date | None] | None:
    m = _DATELINE.match(line)
    if m:
        dates = find_dates(fold(m["rest"]), published)
        if dates and dates[0].precision == "day" and dates[0].method == "stated":
            return m["place"], dates[0].start
    only = _PLACE_ONLY.match(line)
    if only and fold(only["place"]) in gazetteer().cities:
        return only["place"], None
    return None


def detect_head(text: str, published: dt.date | None) -> Head:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    byline = detect_byline(lines)
    headline = detect_headline(lines, byline)
    place = date = None
    for line in lines[:4]:
        found = _dateline(line.strip(), published)
        if found:
            place, date = found
            break
    return Head(headline, byline, place, date)


def detect_language(text: str) -> str:
    return "ar" if len(_ARABIC.findall(text)) >= len(_LATIN.findall(text)) else "en"


def article_row(article: RawArticle) -> dict[str, Any]:
    meta = article.meta
    cleaned = clean_text(article.text)
    if not cleaned.text.strip():
        raise InputError(f"article {meta.article_id} ({meta.file}): nothing is left after "
                         "removing site boilerplate (cookie notices, 'follow us', photo "
                         "credits): not an article; take it out of the manifest")
    head = detect_head(cleaned.text, meta.published_date)
    return {
        "article_id": meta.article_id,
        "file": meta.file,
        "outlet": meta.outlet,
        "outlet_confidence": meta.outlet_confidence,
        "url": meta.url,
        "url_confidence": meta.url_confidence,
        "published_date": meta.published_date,
        "published_date_end": meta.published_date_end,
        "published_date_confidence": meta.published_date_confidence,
        "raw_sha256": article.sha256,
        "headline": head.headline,
        "byline": head.byline,
        "dateline_place": head.dateline_place,
        "dateline_date": head.dateline_date,
        "language": detect_language(cleaned.text),
        "on_topic": on_topic(fold(cleaned.text)),
        "text": cleaned.text,
        "text_sha256": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        "char_count": len(cleaned.text),
        "word_count": len(cleaned.text.split()),
        "removed_boilerplate_lines": cleaned.removed_boilerplate_lines,
        "removed_duplicate_lines": cleaned.removed_duplicate_lines,
        "split_glued_words": cleaned.split_glued_words,
        "whitespace_fixes": cleaned.whitespace_fixes,
    }
