"""Amounts of money in Arabic news text -> numbers with bounds and a qualifier.

Works on folded text (Arabic-Indic digits already Western, hamza/taa marbuta folded).
Handles "200 مليون دولار", "1,5 مليار دولار", "3.000.000 دولار", "ملياري دولار",
"ثلاثة ملايين يورو", "خمسمئة ألف دولار", and qualifiers (أكثر من، نحو، حتى، لا يقل عن).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coalition_data.normalise import fold

UNITS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
HUNDREDS = {
    "مئه": 100, "مائه": 100, "مئتا": 200, "مئتي": 200, "مئتين": 200, "مائتين": 200,
    "مائتا": 200, "مائتي": 200,
    **{f"{u}{h}": n * 100 for u, n in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6),
                                      ("سبع", 7), ("ثمان", 8), ("تسع", 9))
       for h in ("مئه", "مائه")},
}
# scale word -> (multiplier, implicit count when the word stands alone: "ملياري" = 2)
SCALES = {
    "الف": (1e3, 1), "الاف": (1e3, None), "الفا": (1e3, 1), "الفي": (1e3, 2), "الفين": (1e3, 2),
    "مليون": (1e6, 1), "ملايين": (1e6, None), "مليونا": (1e6, 1), "مليوني": (1e6, 2),
    "مليونين": (1e6, 2), "مليار": (1e9, 1), "مليارات": (1e9, None), "مليارا": (1e9, 1),
    "ملياري": (1e9, 2), "مليارين": (1e9, 2), "بليون": (1e9, 1), "بلايين": (1e9, None),
}
CURRENCIES = {
    "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "الدولارات": "USD", "دولار امريكي": "USD",
    "دولار اميركي": "USD", "يورو": "EUR", "جنيه استرليني": "GBP", "جنيه إسترليني": "GBP",
    "استرليني": "GBP", "دينار كويتي": "KWD", "دينارا كويتيا": "KWD", "ريال سعودي": "SAR",
    "ريالا سعوديا": "SAR", "درهم اماراتي": "AED", "درهم": "AED", "ين ياباني": "JPY",
    "دينار عراقي": "IQD", "جنيه مصري": "EGP",
}
QUALIFIERS = {
    "اكثر من": "more_than", "ما يزيد عن": "more_than", "ما يزيد علي": "more_than",
    "يزيد عن": "more_than", "يزيد علي": "more_than", "ما يربو علي": "more_than",
    "نحو": "about", "حوالي": "about", "حوالى": "about", "قرابه": "about", "زهاء": "about",
    "ما يقارب": "about", "ما يناهز": "about", "ما يقرب من": "about",
    "حتي": "up_to", "ما يصل الي": "up_to", "يصل الي": "up_to", "بحد اقصي": "up_to",
    "لا يقل عن": "at_least", "علي الاقل": "at_least",
}


def _folded(table: dict) -> dict:
    return {fold(k): v for k, v in table.items()}


UNITS, TENS, HUNDREDS = _folded(UNITS), _folded(TENS), _folded(HUNDREDS)
SCALES, CURRENCIES, QUALIFIERS = _folded(SCALES), _folded(CURRENCIES), _folded(QUALIFIERS)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_NUM = rf"(?:{_alt(UNITS | TENS | HUNDREDS)})(?:\s+و\s*(?:{_alt(UNITS | TENS | HUNDREDS)}))*"
_DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?![\d])|\d+(?:[.,]\d+)?"
MONEY = re.compile(
    rf"(?:(?P<qual>{_alt(QUALIFIERS)})\s+)?"
    rf"(?:(?P<num>{_DIGITS})|(?P<words>{_WORD_NUM})|(?P<half>نصف|ربع))?\s*"
    rf"(?P<scale>{_alt(SCALES)})?\s*(?:من\s+)?(?P<cur>{_alt(CURRENCIES)})(?![\u0621-\u064A])"
)


@dataclass(frozen=True)
class Money:
    amount_min: float
    amount_max: float | None
    qualifier: str
    currency: str
    span: tuple[int, int]
    text: str


def words_to_number(words: str) -> int:
    """'خمسه و عشرين' -> 25, 'ثلاثمئه' -> 300 (folded input)."""
    total = 0
    for part in re.split(r"\s+و\s*|\s+", words.strip()):
        total += UNITS.get(part) or TENS.get(part) or HUNDREDS.get(part) or 0
    return total


def parse_digits(num: str) -> float:
    """'1,500,000' / '3.000.000' (thousands) vs '1.5' / '1,5' (decimal)."""
    if re.fullmatch(r"\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*", num) and (
        num.count(",") + num.count(".") > 1 or len(num.split(num[len(num) - 4])[-1]) == 3
    ):
        # 1,500 or 1.500 with exactly three digits after: thousands separator,
        # except a lone "1.500" scale-multiplied value is rare; treat as thousands.
        return float(re.sub(r"[,.]", "", num))
    return float(num.replace(",", "."))


_CURRENCY = re.compile(rf"(?:{_alt(CURRENCIES)})(?![\u0621-\u064A])")
_LOOKBACK = 80


def _matches(folded: str):
    """MONEY matches, found from the currency words backwards: the pattern starts with
    optional groups, so scanning the whole text with it would try every position."""
    last_end = 0
    for c in _CURRENCY.finditer(folded):
        lo = max(last_end, c.start() - _LOOKBACK)
        # the last match in the window is the one that ends at this currency
        m = next(reversed(list(MONEY.finditer(folded, lo, c.end()))), None)
        if m is not None and m.end() == c.end():
            last_end = m.end()
            yield m


def find_money(folded: str) -> list[Money]:
    """Every amount with a currency in `folded`, leftmost first."""
    out = []
    for m in _matches(folded):
        scale = SCALES.get(m["scale"] or "", (1.0, 1))
        if m["num"]:
            base = parse_digits(m["num"])
            if m["scale"] and re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", m["num"]):
                base = float(m["num"].replace(",", ".")) if m["num"].count(",") + \
                    m["num"].count(".") == 1 else base
        elif m["words"]:
            base = float(words_to_number(m["words"]))
        elif m["half"]:
            base = 0.5 if m["half"] == "نصف" else 0.25
        elif m["scale"] and scale[1]:
            base = float(scale[1])
        else:
            continue  # "الدولارات" alone, or "ملايين الدولارات": no amount
        if not m["scale"] and not m["num"] and not m["words"]:
            continue
        value = base * scale[0]
        if value <= 0:
            continue
        qual = QUALIFIERS.get(m["qual"] or "", "exact")
        lo, hi = value, value
        if qual == "more_than" or qual == "at_least":
            hi = None
        elif qual == "up_to":
            lo = 0.0
        start = m.start("qual") if m["qual"] else m.start()
        out.append(Money(lo, hi, qual, CURRENCIES[m["cur"]], (start, m.end()), m.group().strip()))
    return out
