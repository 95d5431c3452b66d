"""Arabic normalisation for matching only; the data keeps the text as written.

`fold` maps spelling variants that news sites mix freely (hamza forms of alef, taa
marbuta, alif maqsura, diacritics, tatweel, Arabic-Indic digits) onto one form.
`fold_with_map` also returns, for every folded character, its offset in the input,
so a regex match on the folded copy gives exact evidence offsets in the original.
Every mapping is one character to one character (or deletion), so offsets stay exact;
only ASCII letters are lower-cased for the same reason.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence

# Diacritics, tatweel and invisible format characters: zero-width (non-)joiners and
# space, Arabic letter mark, bidi marks, embeddings and isolates, word joiner, BOM, soft
# hyphen. They change no word, but inside "200 مليون" or a name they would hide it.
_DROP = [chr(c) for c in range(0x064B, 0x0660)] + [
    "\u0670", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
    "\u2069", "\u2060", "\ufeff", "\u00ad"]
_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ڤ": "ف", "گ": "ك",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‹": '"', "›": '"',
    "٬": ",", "،": ",", "٫": ".", "؛": ";", "\u00a0": " ", "\u202f": " ",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
}
_TABLE = str.maketrans({**_MAP, **dict.fromkeys(_DROP)})
_KEEP_TABLE = str.maketrans(_MAP)
_HAS_DROP = re.compile("[" + "".join(_DROP) + "]")


# Compatibility characters whose NFKC form is other letters: Arabic presentation forms
# (ﻻ -> لا, ﷲ -> الله) and fullwidth ASCII (１２ -> 12). Folded through NFKC, one
# character may become several; the offset map repeats its index for each.
_COMPAT = re.compile("[\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e]")


def _compat(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).translate(_TABLE)


def fold(text: str) -> str:
    """Folded copy of `text` for comparisons (dropped marks make it shorter)."""
    if _COMPAT.search(text):
        return fold_with_map(text)[0]
    return text.translate(_TABLE)


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Folded text plus, for each folded char, the index of its source char.

    The map has one extra entry, len(text), so that an exclusive end offset maps too.
    """
    if _COMPAT.search(text):
        pieces: list[str] = []
        index = array("i")
        for i, ch in enumerate(text):
            out = _compat(ch) if _COMPAT.match(ch) else ch.translate(_TABLE)
            pieces.append(out)
            index.extend([i] * len(out))
        index.append(len(text))
        return "".join(pieces), index
    if not _HAS_DROP.search(text):
        return text.translate(_KEEP_TABLE), range(len(text) + 1)
    # a compact int32 array: a list of ints would cost ~36 bytes per character
    index = array("i", (i for i, ch in enumerate(text) if ch not in _DROP_SET))
    index.append(len(text))
    return text.translate(_TABLE), index


_DROP_SET = frozenset(_DROP)
_SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """Compact matching key: folded, NFC, single spaces."""
    return _SPACES.sub(" ", fold(unicodedata.normalize("NFC", text))).strip()
