"""Extraction time against article length: it should grow linearly (about 2x per 2x).

    python benchmarks/bench_article_length.py

Builds one article from a paragraph of Coalition news repeated 100 to 1,600 times
(24 kB to 2 MB, the size limit of an article) and prints the extraction time of each.
"""

from __future__ import annotations

import datetime as dt
import time

from coalition_data.facts import extract_article

PARAGRAPH = (
    "طالب وزير الخارجية الأميركي ريكس تيلرسون دول التحالف الدولي لمحاربة تنظيم داعش بعدم "
    "التوقف عن قتال التنظيم، وذلك خلال اجتماع احتضنته الكويت اليوم الثلاثاء بمشاركة وزراء "
    "خارجية مصر والأردن والسعودية. وتعهدت ألمانيا بتقديم 200 مليون دولار لدعم الاستقرار، "
    "واستند البيان إلى القرار رقم 2170.\n\n"
)


def main() -> None:
    pub = dt.date(2018, 2, 13)
    extract_article({"article_id": "warm", "text": PARAGRAPH, "published_date": pub})
    previous = None
    print(f"{'characters':>12} {'seconds':>8} {'x previous':>10}")
    for copies in (100, 200, 400, 800, 1600):
        text = PARAGRAPH * copies
        t0 = time.perf_counter()
        extract_article({"article_id": "big", "text": text, "published_date": pub})
        took = time.perf_counter() - t0
        ratio = f"{took / previous:.2f}" if previous else "-"
        print(f"{len(text):>12,} {took:>8.2f} {ratio:>10}")
        previous = took


if __name__ == "__main__":
    main()
