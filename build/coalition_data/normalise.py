"""Arabic normalisation for matching only; the data keeps the text as written.

`fold` maps spelling variants that news sites mix freely (hamza forms of alef, taa
marbuta, alif maqsura, diacritics, tatweel, Arabic-Indic digits) onto one form.
`fold_with_map` also returns, for every folded character, its offset in the input,
so a regex match on the folded copy gives exact evidence offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640", "\u200c", "\u200d",
                                                     "\u200e", "\u200f"}
_MAP = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
        "ک": "ك", "ی": "ي", "ڤ": "ف", "گ": "ك",
        "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‹": '"', "›": '"',
        "٬": ",", "،": ",", "٫": ".", "؛": ";",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


def fold(text: str) -> str:
    """Folded copy of `text` for comparisons (lengths may differ from the input)."""
    return "".join(ch for ch in text if ch not in _DROP).translate(_MAP).lower()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text plus, for each folded char, the index of its source char.

    The map has one extra entry, len(text), so that an exclusive end offset maps too.
    """
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        chars.append(ch.translate(_MAP).lower())
        index.append(i)
    index.append(len(text))
    return "".join(chars), index


_SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """Compact matching key: folded, NFC, single spaces, no leading 'ال' per word kept."""
    return _SPACES.sub(" ", fold(unicodedata.normalize("NFC", text))).strip()
