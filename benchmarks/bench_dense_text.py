"""Extraction time of hostile, dense text against its length: it should stay linear
(at most 2.2x per 2x) up to the 2 MB limit of an article.

    python benchmarks/bench_dense_text.py                 # 0.5, 1 and 2 MB, every pattern
    python benchmarks/bench_dense_text.py --sizes 0.125 0.25 --patterns people states

Ordinary news is measured by bench_article_length.py; these texts are what an attacker
(or a broken scraper) sends instead: the same titled name or state list thousands of times,
text without a sentence break, one word of a million letters, digits glued to letters
before a currency, and shuffled trigger words ("word salad"). Each text goes through
cleaning and extraction, as in a build; times are CPU seconds of this process (the
machine's load does not count).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable

from coalition_data.clean import clean_text
from coalition_data.facts import extract_article

_SALAD_WORDS = (
    "وزير الخارجية الأمريكي بمشاركة فرنسا ألمانيا قال اجتماع التحالف الدولي ضد داعش مليون "
    "دولار القرار 2170 بحضور السفير الدكتور معالي سمو بن آل في من مصر والأردن ، رئيس "
    "الوزراء برئاسة المبعوث الخاص الكويت بغداد الثلاثاء يناير تعهدت بتقديم «"
).split()


def _salad(n: int) -> str:
    rng = random.Random(2026)  # the same salad on every run
    words = []
    size = 0
    while size < n:
        w = rng.choice(_SALAD_WORDS)
        words.append(w)
        size += len(w) + 1
    return " ".join(words)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


PATTERNS: dict[str, Callable[[int], str]] = {
    # a titled name, then "و" and the next: every title opens a person
    "people": _repeat("وزير الخارجية الأمريكي جون كيري و"),
    # a list of states after a presence cue, never closed
    "states": _repeat("بمشاركة فرنسا وألمانيا و"),
    # a meeting sentence without any sentence break
    "no_breaks": _repeat("اجتماع التحالف الدولي ضد داعش في الكويت بحضور وزير الخارجية "
                         "الأمريكي ريكس تيلرسون ودول مصر والأردن والعراق و "),
    # one word: the glued-name split of cleaning sees it whole
    "long_word": _repeat("بالعراقوسوريا"),
    # digits glued to letters before a currency word (6: a longer run is exponential in
    # the money pattern itself, issue 22 item 6, whatever the length of the text)
    "glued_digits": _repeat("تعهدت الكويت بتقديم 999999ب دولار "),
    "word_salad": _salad,
}


def _time(text: str) -> float:
    t0 = time.process_time()
    cleaned = clean_text(text).text
    extract_article({"article_id": "dense", "text": cleaned,
                     "published_date": dt.date(2018, 2, 13)})
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1.0, 2.0],
                    help="text sizes in MB (characters / 1e6)")
    ap.add_argument("--patterns", nargs="+", choices=sorted(PATTERNS), default=list(PATTERNS))
    args = ap.parse_args(argv)
    _time("وزير الخارجية الأمريكي جون كيري")  # registries and patterns load once
    print(f"{'pattern':<14} {'characters':>12} {'cpu s':>8} {'x previous':>10}")
    worst = 0.0
    for name in args.patterns:
        previous = None
        for mb in args.sizes:
            text = PATTERNS[name](int(mb * 1_000_000))
            took = _time(text)
            ratio = took / previous if previous else None
            if ratio:
                worst = max(worst, ratio)
            print(f"{name:<14} {len(text):>12,} {took:>8.2f} "
                  f"{f'{ratio:.2f}' if ratio else '-':>10}", flush=True)
            previous = took
    print(f"worst ratio per doubling: {worst:.2f} (target <= 2.2)")


if __name__ == "__main__":
    main()
