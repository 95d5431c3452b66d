"""The site's offline search: Arabic-aware normalisation (mirrored in assets/search.js) and
the documents the browser indexes with MiniSearch.

Names reach the press in many spellings: ماكغورك، ماكغروك، ماكجورك، مكغورك. Two keys make
them meet. `normalise` folds what spelling varies without changing the word (diacritics
such as the shadda of المصغّرة, tatweel, hamza seats, alef maqsura, taa marbuta, Persian
letters, Arabic-Indic digits). `skeleton` is a looser key for names: the consonants alone
(long vowels and hamza dropped, letters that transliterate one foreign sound merged, the
article and a leading conjunction removed), so vowel placement and g/j/q spellings of one
name agree. Both the index and the query go through the same functions."""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
                   "\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                       "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب",
                       "چ": "ج", "ڤ": "ف", **{chr(0x660 + i): str(i) for i in range(10)},
                       **{chr(0x6f0 + i): str(i) for i in range(10)}})
# one foreign sound, several Arabic letters (g: غ ج ك ق; t: ت ط; s: س ص ث; d: د ض; z: ز ذ ظ)
_SKELETON = str.maketrans({"ج": "غ", "ق": "غ", "ط": "ت", "ص": "س", "ث": "س", "ض": "د",
                           "ذ": "ز", "ظ": "ز"})
_VOWELS = re.compile("[اويءه]")
_ARTICLE = re.compile("^(?:و|ف|ب|ك|ل)?(?:ال|لل)(?=..)")
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
_ARABIC = re.compile("[\u0600-\u06ff]")


def normalise(text: str) -> str:
    """Lower-case, NFKC, with the spelling variation of Arabic folded away."""
    text = unicodedata.normalize("NFKC", text or "")
    return _DROP.sub("", text).translate(_FOLD).lower()


def skeleton_word(word: str) -> str:
    """The consonant key of one (normalised) Arabic word; other words unchanged."""
    if not _ARABIC.search(word):
        return word
    word = _ARTICLE.sub("", word)
    key = _VOWELS.sub("", word[1:]) if word[:1] in "اوي" else _VOWELS.sub("", word)
    key = (word[:1] if word[:1] in "اوي" else "") + key
    key = key.translate(_SKELETON)
    return re.sub(r"(.)\1+", r"\1", key) or word


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def skeleton(text: str) -> str:
    return " ".join(skeleton_word(w) for w in words(text))
