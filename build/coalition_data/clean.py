"""Clean stage: raw article text -> the text every evidence offset refers to.

Each step is a pure function that returns the new text and how many changes it made,
so the articles table can show users exactly what cleaning did.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coalition_data.gazetteer import gazetteer
from coalition_data.normalise import fold, key
from coalition_data.registry import read_registry, registry_cache, registry_lru


@dataclass(frozen=True)
class Cleaned:
    text: str
    whitespace_fixes: int
    removed_boilerplate_lines: int
    removed_duplicate_lines: int
    split_glued_words: int


_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]+| {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")


def normalise_whitespace(text: str) -> tuple[str, int]:
    """NFC, no BOM, LF line ends, single spaces, no trailing blanks, <=1 blank line."""
    fixes = 0
    if text.startswith("\ufeff"):
        text, fixes = text[1:], 1
    fixes += text.count("\r")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = []
    for line in text.split("\n"):
        new, n = _ODD_SPACE.subn(" ", line)
        stripped = new.strip()
        fixes += n + (stripped != new)
        lines.append(stripped)
    text, n = _BLANK_RUN.subn("\n\n", "\n".join(lines))
    return text.strip(), fixes + n


# Whole lines that are site furniture, not reporting. Matched on folded text; only
# short lines qualify, so a body paragraph that mentions WhatsApp is never dropped.
_BOILERPLATE = [
    re.compile(p)
    for p in (
        r"ملفات تعريف الارتباط|الكوكيز|\bcookies?\b|سياسه الخصوصيه",
        r"يمكنكم التواصل معنا|تابعونا علي|واتساب|whatsapp|للاشتراك في النشره",
        r"^(مواضيع ذات صله|اقرا ايضا|اخبار ذات صله|المزيد من الاخبار|شارك المقال|"
        r"مقالات ذات صله)\s*[:：]?$",
        r"^\*?\s*(الصوره|صوره|الصور)\s*[:：]",
        r"\((تصوير|عدسه|الصوره)\s*[:：]?[^)]{2,40}\)\s*$",
    )
]
_MAX_BOILERPLATE_LEN = 300


def remove_boilerplate(text: str) -> tuple[str, int]:
    kept, removed = [], 0
    for line in text.split("\n"):
        folded = fold(line).strip()
        if folded and len(line) <= _MAX_BOILERPLATE_LEN and any(
            p.search(folded) for p in _BOILERPLATE
        ):
            removed += 1
            continue
        kept.append(line)
    return "\n".join(kept).strip(), removed


_MIN_DUP_CHARS = 60


def remove_repeated_blocks(text: str) -> tuple[str, int]:
    """Drop a run of lines that repeats earlier lines, when it is a real block.

    A run counts when it has two or more lines or at least _MIN_DUP_CHARS characters,
    so a repeated short label ("الجارالله:") alone is kept but a repeated body is not.
    """
    lines = text.split("\n")
    seen: set[str] = set()
    dup = []
    for line in lines:
        k = key(line)
        dup.append(bool(k) and k in seen)
        if k:
            seen.add(k)
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not dup[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and (dup[j] or not lines[j].strip()):
            j += 1
        run = [k for k in range(i, j) if lines[k].strip()]
        if len(run) >= 2 or sum(len(lines[k]) for k in run) >= _MIN_DUP_CHARS:
            for k in range(i, j):
                drop[k] = True
        i = j
    kept = [line for line, d in zip(lines, drop, strict=True) if not d]
    removed = sum(1 for line, d in zip(lines, drop, strict=True) if d and line.strip())
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip(), removed


@registry_cache
def _glue_vocabulary() -> tuple[frozenset[str], dict[str, tuple[int, ...]], int]:
    """Single-word names (folded), glued multi-word names -> where spaces go, and the
    length of the longest single name."""
    g = gazetteer()
    names = set(g.countries) | set(g.cities)
    for row in read_registry("organisations", ("org_id", "name_en", "names_ar")):
        names.update(fold(n) for n in row["names_ar"].split("|"))
    singles = frozenset(n for n in names if " " not in n and len(n) >= 4)
    multi: dict[str, tuple[int, ...]] = {}
    for n in names:
        if " " in n:
            parts = n.split(" ")
            cuts, pos = [], 0
            for p in parts[:-1]:
                pos += len(p)
                cuts.append(pos)
            multi["".join(parts)] = tuple(cuts)
    return singles, multi, max(map(len, singles), default=0)


_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0670-\u06D3]{7,}")  # shorter: no glue
_CLITICS = ("", "و", "ب", "ل", "ف")


def _glue_cuts(token: str) -> tuple[int, ...]:
    if len(token) < 7:
        return ()
    return _glue_cuts_of(token)


@registry_lru(maxsize=200_000)  # news vocabulary repeats: most words are seen before
def _glue_cuts_of(token: str) -> tuple[int, ...]:
    singles, multi, longest = _glue_vocabulary()
    f = fold(token)
    if len(f) != len(token) or f in singles:
        return ()
    for clitic in _CLITICS:
        if not f.startswith(clitic):
            continue
        body = f[len(clitic):]
        if body in multi:
            return tuple(len(clitic) + c for c in multi[body])
        # both halves are known names (the tail maybe with و): only cuts that leave each
        # half no longer than the longest name, so a long word costs no quadratic slicing
        for i in range(max(4, len(body) - longest - 1), min(len(body) - 3, longest + 2)):
            head, tail = body[:i], body[i:]
            if head in singles and (tail in singles or (tail[0] == "و" and tail[1:] in singles)):
                return (len(clitic) + i,)
    return ()


def split_glued_names(text: str) -> tuple[str, int]:
    """Re-insert the space lost between known names: العراقوسوريا -> العراق وسوريا."""
    out, last, count = [], 0, 0
    for m in _WORD.finditer(text):
        cuts = _glue_cuts(m.group())
        if not cuts:
            continue
        token = m.group()
        pieces, prev = [], 0
        for c in cuts:
            pieces.append(token[prev:c])
            prev = c
        pieces.append(token[prev:])
        out.append(text[last:m.start()])
        out.append(" ".join(pieces))
        last = m.end()
        count += 1
    out.append(text[last:])
    return "".join(out), count


def clean_text(raw: str) -> Cleaned:
    text, ws = normalise_whitespace(raw)
    text, boiler = remove_boilerplate(text)
    text, dups = remove_repeated_blocks(text)
    text, glued = split_glued_names(text)
    return Cleaned(text, ws, boiler, dups, glued)
