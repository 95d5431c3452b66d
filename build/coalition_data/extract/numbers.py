"""Amounts of money in Arabic news text -> numbers with bounds and a qualifier.

Works on folded text (Arabic-Indic digits already Western, hamza/taa marbuta folded).
An amount is the run of number words, digits and scale words right before a currency:
"200 مليون دولار", "1,5 مليار" and "٣,٤ مليار" (decimal comma), "3.000.000 دولار",
"ملياري دولار", "ثلاثة ملايين يورو", "مئتان وخمسون ألفاً", "أحد عشر مليوناً",
compounds ("3 مليار و500 مليون" = 3.5e9, "مليار ونصف المليار"), fractions ("نصف مليار")
and qualifiers (أكثر من، نحو، حتى، لا يقل عن); wire decimals ("5ر2" = 2.5), numbers split by
right-to-left rendering ("2 .1 مليون" = 1.2 million), بليون forms, an amount without a
currency after one with it in the sentence, and the same sum restated in a second currency
(marked `equivalent`). Magnitudes beyond `MAX_AMOUNT` are refused
(no pledge is that large; "آلاف المليارات" is rhetoric), never cut to a smaller number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from coalition_data.normalise import fold

MAX_AMOUNT = 1e13  # ten trillion: larger "amounts" are rhetoric or noise

UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
    # accusative with tanween, as in "أربعاً وثلاثين دولة"
    "واحدا": 1, "ثلاثا": 3, "اربعا": 4, "خمسا": 5, "سبعا": 7, "ثمانيا": 8, "تسعا": 9,
    "عشرا": 10,
}
TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
HUNDREDS = {
    "مئه": 100, "مائه": 100, "مئتا": 200, "مئتي": 200, "مئتين": 200, "مئتان": 200,
    "مائتين": 200, "مائتا": 200, "مائتي": 200, "مائتان": 200,
    **{f"{u}{h}": n * 100 for u, n in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6),
                                      ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9))
       for h in ("مئه", "مائه")},
}
# scale word -> (multiplier, count when the word stands alone: "ملياري" = 2)
SCALES = {
    "الف": (1e3, 1), "الاف": (1e3, None), "الوف": (1e3, None), "الفا": (1e3, 2),
    "الفي": (1e3, 2), "الفين": (1e3, 2), "الفان": (1e3, 2),
    "مليون": (1e6, 1), "ملايين": (1e6, None), "مليونا": (1e6, 2), "مليوني": (1e6, 2),
    "مليونين": (1e6, 2), "مليونان": (1e6, 2),
    "مليار": (1e9, 1), "مليارات": (1e9, None), "مليارا": (1e9, 2), "ملياري": (1e9, 2),
    "مليارين": (1e9, 2), "ملياران": (1e9, 2),
    "بليون": (1e9, 1), "بلايين": (1e9, None), "بليونا": (1e9, 2), "بليوني": (1e9, 2),
    "بليونين": (1e9, 2), "بليونان": (1e9, 2),
    "تريليون": (1e12, 1), "ترليون": (1e12, 1),
}
FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3}
CURRENCIES = {
    "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "الدولارات": "USD", "دولار امريكي": "USD",
    "دولار اميركي": "USD", "يورو": "EUR", "جنيه استرليني": "GBP", "جنيه إسترليني": "GBP",
    "استرليني": "GBP", "دينار كويتي": "KWD", "دينارا كويتيا": "KWD", "ريال سعودي": "SAR",
    "ريالا سعوديا": "SAR", "درهم اماراتي": "AED", "درهم": "AED", "ين ياباني": "JPY",
    "دينار عراقي": "IQD", "جنيه مصري": "EGP", "دولار كندي": "CAD", "دولارا كنديا": "CAD",
    "دولار استرالي": "AUD", "فرنك سويسري": "CHF", "كرونه نرويجيه": "NOK",
}
QUALIFIERS = {
    "اكثر من": "more_than", "ما يزيد عن": "more_than", "ما يزيد علي": "more_than",
    "يزيد عن": "more_than", "يزيد علي": "more_than", "ما يربو علي": "more_than",
    "يزيد قليلا علي": "more_than",
    "نحو": "about", "حوالي": "about", "حوالى": "about", "قرابه": "about", "زهاء": "about",
    "ما يقارب": "about", "ما يناهز": "about", "ما يقرب من": "about",
    "حتي": "up_to", "ما يصل الي": "up_to", "يصل الي": "up_to", "بحد اقصي": "up_to",
    "لا يقل عن": "at_least", "علي الاقل": "at_least",
}


def _folded(table: dict) -> dict:
    return {fold(k): v for k, v in table.items()}


UNITS, TENS, HUNDREDS = _folded(UNITS), _folded(TENS), _folded(HUNDREDS)
SCALES, CURRENCIES, QUALIFIERS = _folded(SCALES), _folded(CURRENCIES), _folded(QUALIFIERS)
FRACTIONS = _folded(FRACTIONS)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER_WORD = _alt([*UNITS, *TENS, *HUNDREDS, *SCALES, *FRACTIONS, "المليار", "المليون",
                     "الالف"])
# Digits: thousands groups ("3.000.000"), a decimal written with . , or the Arabic
# decimal sign ر of agency wires, fraction first ("6ر72" is 72.6), and a number split by right-to-left rendering ("2 .1" is 1.2,
# "000 .85" is 85,000: the parts came out in reverse order). Atomic groups and (?!\d)
# make every digit run one token: with optional spaces between tokens, a long run of
# digits could otherwise be cut into tokens in exponentially many ways.
_DIGITS = (r"(?>\d+ \.\d+(?![\d.,])|\d{1,3}(?:[,.]\d{3})+(?![\d.,]\d)|\d+(?:[.,ر]\d+)?)"
           r"(?!\d)")
_RTL_SPLIT = re.compile(r"(\d+) \.(\d+)")
_COUNT_WORD = _alt([*UNITS, *TENS, *HUNDREDS])
# a count written in words: "ثلاثين"، "أربع عشرة"، "خمسة وعشرين"
NUMBER_WORDS = rf"(?:{_COUNT_WORD})(?:\s+و?\s*(?:{_COUNT_WORD}))*(?![\u0621-\u064A])"
# a token of an amount, with the و that joins it to the previous one
_TOKEN = rf"(?>(?:و\s*)?(?:{_DIGITS}|(?:{_NUMBER_WORD})(?![\u0621-\u064A])))"
MONEY = re.compile(
    # starts at a word's start: "الف" (thousand) ends "التحالف"
    rf"(?<![\u0621-\u064A])(?:(?:وب|ول|و|ب|ل)?(?P<qual>{_alt(QUALIFIERS)})\s+)?(?:ب|بـ|ل)?"
    rf"(?P<amount>{_TOKEN}(?:\s*{_TOKEN})*+)\s*(?:من\s+)?(?:ال)?"
    rf"(?P<cur>{_alt(CURRENCIES)})(?![\u0621-\u064A])"
)


@dataclass(frozen=True)
class Money:
    amount_min: float
    amount_max: float | None
    qualifier: str
    currency: str
    span: tuple[int, int]
    text: str
    # no currency word: the currency of the amount before it in the same sentence
    # ("رصد 100 مليون دولار ...، إضافة إلى رصد 46 مليوناً")
    currency_inferred: bool = False
    # the previous amount restated in another currency ("5 ملايين يورو - أي نحو 5.63
    # مليون دولار"، "158 مليون دولار كندي (110 ملايين يورو)"): the same money
    equivalent: bool = False


def parse_digits(num: str) -> float:
    """'1,500,000' / '3.000.000' (thousands) vs '1.5' / '1,5' / '3,4' / '5ر2' = 2.5 (decimal);
    '2 .1' and '000 .85' are 1.2 and 85,000 written right to left."""
    if m := _RTL_SPLIT.fullmatch(num):
        num = f"{m[2]}.{m[1]}"
    if "ر" in num:  # wire style writes the fraction first: "6ر72" is 72.6
        frac, whole = num.split("ر")
        num = f"{whole}.{frac}"
    if re.fullmatch(r"\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*", num):
        return float(re.sub(r"[,.]", "", num))
    return float(num.replace(",", "."))


def _tokens(words: str) -> list[str]:
    out = []
    for raw in re.findall(rf"{_DIGITS}|[\u0621-\u064A]+", words):
        if raw not in UNITS and raw.startswith("و") and len(raw) > 1 and (
                raw[1:] in UNITS or raw[1:] in TENS or raw[1:] in HUNDREDS or raw[1:] in SCALES
                or raw[1:] in FRACTIONS or raw[1:].startswith("ال")):
            raw = raw[1:]  # the و that joins "خمسة وعشرون"
        if raw != "و":
            out.append(raw)
    return out


def parse_amount(words: str) -> float | None:
    """Value of an amount written in digits and/or Arabic number and scale words.

    Additive within a group ("سبعة عشر" = 7 + 10, "مائة وسبعة عشر"), a unit before
    "مئة" multiplies it ("ثلاث مئة"), a scale word closes a group ("ثلاثة آلاف"), a bare
    scale word counts one or two (الف، الفان، ملياري), a fraction before or after a
    scale takes that part of it ("نصف مليار", "مليار ونصف المليار"), and a larger scale
    after a closed group multiplies all of it ("مئة ألف مليون").
    """
    tokens = _tokens(words)
    if not tokens:
        return None
    total, cur, have_cur, last_scale, frac = 0.0, 0.0, False, 0.0, None
    for i, tok in enumerate(tokens):
        base = tok.removeprefix("ال")
        if re.fullmatch(_DIGITS, tok):
            cur += parse_digits(tok)
            have_cur = True
        elif tok in UNITS or tok in TENS:
            cur += UNITS.get(tok) or TENS[tok]
            have_cur = True
        elif tok in HUNDREDS:
            if HUNDREDS[tok] == 100 and have_cur and 0 < cur < 10:
                cur *= 100  # "ثلاث مئة"
            else:
                cur += HUNDREDS[tok]
            have_cur = True
        elif tok in FRACTIONS:
            frac = FRACTIONS[tok]
        elif tok in SCALES or base in SCALES:
            mult, implicit = SCALES.get(tok) or SCALES[base]
            if frac is not None and not have_cur:
                # "نصف مليار" / "ونصف المليار" after a group of the same scale
                total += frac * mult
                frac = None
                last_scale = mult
                continue
            if not have_cur:
                if total and mult > last_scale:
                    total *= mult  # "مئة ألف مليون"
                    last_scale = mult
                    continue
                if implicit is None:
                    return None  # "آلاف", "ملايين" with no count: no amount
                count = float(implicit)
                nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                if implicit == 2 and nxt in FRACTIONS:
                    count = 1.0  # "مليونا ونصف": one and a half
                cur = count
            total += cur * mult
            cur, have_cur, last_scale = 0.0, False, mult
        else:
            return None
    if frac is not None and last_scale:
        total += frac * last_scale  # "مليار ونصف"
    total += cur
    # "8,3 مليون" is 8300000.000000001 in binary floating point: amounts are exact decimals
    return round(total, 4) if total > 0 else None


def words_to_number(words: str) -> int:
    """'خمسه و عشرين' -> 25, 'ثلاثمئه' -> 300 (folded input)."""
    value = parse_amount(words)
    return round(value) if value else 0


_CURRENCY = re.compile(rf"(?:{_alt(CURRENCIES)})(?![\u0621-\u064A])")
_LOOKBACK = 120


def _matches(folded: str):
    """MONEY matches, found from the currency words backwards: the pattern starts with
    optional groups, so scanning the whole text with it would try every position."""
    last_end = 0
    for c in _CURRENCY.finditer(folded):
        lo = max(last_end, c.start() - _LOOKBACK)
        found = [m for m in MONEY.finditer(folded, lo, c.end()) if m.end() == c.end()]
        if not found:
            # the longest amount ending at this currency: retry from each later token start
            for start in range(lo, c.start()):
                if start > lo and folded[start - 1] not in " \n":
                    continue
                m = MONEY.match(folded, start, c.end())
                if m and m.end() == c.end():
                    found = [m]
                    break
        if found:
            last_end = found[-1].end()
            yield found[-1]


def _money(folded: str, m: re.Match, currency: str, inferred: bool = False) -> Money | None:
    value = parse_amount(m["amount"])
    if value is None or value > MAX_AMOUNT:
        return None
    qual = QUALIFIERS.get(m["qual"] or "", "exact")
    lo, hi = value, value
    if qual in ("more_than", "at_least"):
        hi = None
    elif qual == "up_to":
        lo = 0.0
    start = m.start("qual") if m["qual"] else m.start("amount")
    if folded[start] == "و":  # "، و500 مليون": the conjunction is not the amount
        start += 1 + len(folded[start + 1:]) - len(folded[start + 1:].lstrip())
    end = m.end("cur") if "cur" in m.re.groupindex else m.end("amount")
    return Money(lo, hi, qual, currency, (start, end), folded[start:end].strip(),
                 currency_inferred=inferred)


# an amount with a scale word of a million or more and no currency word
_BIG = _alt([w for w, (mult, _) in SCALES.items() if mult >= 1e6]
            + ["المليون", "المليار", "البليون"])
BARE = re.compile(
    rf"(?<![\u0621-\u064A\d])(?:(?:وب|ول|و|ب|ل)?(?P<qual>{_alt(QUALIFIERS)})\s+)?(?:ب|بـ|ل)?"
    rf"(?P<amount>{_TOKEN}(?:\s*{_TOKEN})*+)"
)
_HAS_BIG = re.compile(rf"(?<![\u0621-\u064A])(?:و)?(?:{_BIG})(?![\u0621-\u064A])")
# what may follow a bare amount: the end of the clause, or its purpose ("لدعم"، "للنازحين"،
# "إضافية"); a noun ("مليونا ونصف مليون شخص"، "مليون لاجئ") makes it a count, not money
_BARE_NEXT = re.compile(r"\s*(?:$|[.,;:)\]\n]|(?:ل(?!ا)|لل|الي |اضافي|اخري|لصالح))")
_SENTENCE_END = re.compile(r"[.!?؟](?!\d)|\n")  # not the point of "148.8"
_BARE_REACH = 200
# between an amount and the same money in another currency: "(", "- أي نحو", "أي ما يعادل"
_EQUIV_GAP = re.compile(r"\s*(?:[(\[]|[-–]\s*(?:اي\s+)?|,?\s*اي\s+|,?\s*(?:اي\s+)?ما\s+(?:يعادل|يوازي|يساوي)\s+)"
                        r"\s*(?:ما\s+)?(?:يعادل\s+|يوازي\s+)?$")


def _bare_amounts(folded: str, found: list[Money]) -> list[Money]:
    """Amounts written without a currency word after an amount that has one, in the same
    sentence: they take its currency (flagged), as readers do."""
    out = []
    for i, prev in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        lo = prev.span[1]
        hi = min(len(folded), lo + _BARE_REACH, nxt.span[0] if nxt else len(folded))
        if (stop := _SENTENCE_END.search(folded, lo, hi)) is not None:
            hi = stop.start() + 1  # the full stop may close the bare amount itself
        pos = lo
        while (m := BARE.search(folded, pos, hi)) is not None:
            pos = m.end()
            if not _HAS_BIG.search(m["amount"]) or not _BARE_NEXT.match(folded, m.end()):
                continue
            if (money := _money(folded, m, prev.currency, inferred=True)) is not None:
                out.append(money)
    return out


def find_money(folded: str) -> list[Money]:
    """Every amount with a currency in `folded` (or, after one, without: `_bare_amounts`),
    leftmost first; an amount that restates the previous one in another currency is
    marked `equivalent`."""
    found = [mo for m in _matches(folded) if (mo := _money(folded, m, CURRENCIES[m["cur"]]))]
    out = sorted(found + _bare_amounts(folded, found), key=lambda mo: mo.span)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if b.currency != a.currency and not b.currency_inferred and \
                _EQUIV_GAP.match(folded[a.span[1]:b.span[0]]):
            out[i] = replace(b, equivalent=True)
    return out
