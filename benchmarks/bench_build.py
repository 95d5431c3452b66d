"""Benchmark: build a synthetic corpus of N articles and print speed and memory.

The corpus recombines sentences of the seed articles and varies them (cities, days,
months, amounts, resolution numbers), with a manifest of publication dates, so every
stage of the real build runs: read, clean, extract, link, validate, write, package.
Target (issue 3): 10,000 articles in <= 60 s and < 2 GiB on the 2-core CI machine.

    python benchmarks/bench_build.py [--articles 10000] [--seed 7] [--frictionless]
                                     [--site [--browser]]

--site also writes the static site of the built package and prints its time and size;
--browser then runs the site's browser tests (tests/browser) against that site.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coalition_data.clean import clean_text
from coalition_data.paths import DEFAULT_SEEDS
from coalition_data.pipeline import build

CITIES = ["روما", "باريس", "لندن", "واشنطن", "الكويت", "بروكسل", "الرياض", "عمان", "أنقرة",
          "برلين", "مدريد", "الدوحة"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر", "حزيران", "تموز", "آب", "أيلول"]
RESOLUTIONS = ["2170", "2178", "2199", "2249", "2253", "2254", "2368", "2396"]


def seed_sentences() -> list[str]:
    out = []
    for path in sorted(DEFAULT_SEEDS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        out += [s.strip() for s in re.split(r"(?<=[.!?؟])\s+|\n+", text) if len(s.strip()) > 20]
    return out


def vary(sentence: str, rng: random.Random) -> str:
    s = re.sub(r"\b(\d{1,3}) (مليون|مليار)", lambda m: f"{rng.randint(5, 900)} {m[2]}", sentence)
    s = re.sub(r"(?<!\d)(2\d{3})(?!\d)", lambda m: rng.choice(RESOLUTIONS)
               if m[1] in [*RESOLUTIONS, "2235"] else m[1], s)
    for city in ("روما", "واشنطن", "لندن", "جنيف"):
        if city in s and rng.random() < 0.7:
            s = s.replace(city, rng.choice(CITIES))
    if rng.random() < 0.3:
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2014, 2024)
        s += f" وعقد الاجتماع في {day} {month} {year}."
    return s


def make_corpus(folder: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    pool = seed_sentences()
    folder.mkdir(parents=True)
    total = 0
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["article_id", "file", "outlet", "outlet_confidence", "url",
                    "url_confidence", "published_date", "published_date_confidence", "notes"])
        for i in range(n):
            k = rng.randint(6, 24)
            text = "\n".join(vary(rng.choice(pool), rng) for _ in range(k))
            name = f"syn_{i:06d}"
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            total += len(text)
            pub = dt.date(2014, 9, 1) + dt.timedelta(days=rng.randint(0, 365 * 10))
            dated = rng.random() > 0.1  # some articles have no known publication date
            w.writerow([name, f"{name}.txt", "Synthetic", "low", "", "unknown",
                        pub.isoformat() if dated else "", "low" if dated else "unknown",
                        "benchmark corpus"])
    return total


def site_benchmark(work: Path, browser: bool) -> None:
    """Time the static site of the built package (and optionally open it in Chromium)."""
    from coalition_data.site import render_site

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    site = render_site(work / "out", work / "site")
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"site wall time:     {wall:.1f} s ({site.pages:,} pages, {site.files:,} files, "
          f"{site.bytes / 2**20:,.0f} MiB)")
    print(f"site peak memory:   {peak:,.0f} MiB main process (build peak was {before:,.0f})")
    if browser:
        t1 = time.perf_counter()
        env = {**os.environ, "COALITION_SITE": str(site.out)}
        root = Path(__file__).resolve().parents[1]
        r = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p",
                            "no:cacheprovider",
                            str(root / "tests" / "browser")], env=env, cwd=root,
                           capture_output=True, text=True)
        last = (r.stdout.strip().splitlines() or ["no output"])[-1]
        print(f"browser tests:      {'passed' if r.returncode == 0 else 'FAILED'} "
              f"({last.strip()}) in {time.perf_counter() - t1:.1f} s")
        if r.returncode:
            print(r.stdout[-4000:], r.stderr[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--frictionless", action="store_true",
                    help="include the opt-in Frictionless pass in the timed build")
    ap.add_argument("--site", action="store_true",
                    help="also time `coalition-data site` on the built package")
    ap.add_argument("--browser", action="store_true",
                    help="with --site: run tests/browser against the site of the corpus")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coalition-bench-"))
    try:
        t0 = time.perf_counter()
        chars = make_corpus(work / "seeds", args.articles, args.seed)
        t1 = time.perf_counter()
        result = build(work / "seeds", work / "out", frictionless=args.frictionless)
        t2 = time.perf_counter()
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        wall = t2 - t1
        print(f"articles:           {args.articles}")
        print(f"corpus characters:  {chars:,} (generated in {t1 - t0:.1f} s, not counted)")
        print(f"build wall time:    {wall:.1f} s"
              f"{' (with the Frictionless pass)' if args.frictionless else ''}")
        print(f"articles per second: {args.articles / wall:.0f}")
        print(f"peak memory (RSS):  {peak_mib:,.0f} MiB main process, "
              f"{child_mib:,.0f} MiB largest worker")
        print("rows:               " + ", ".join(f"{k}={v}" for k, v in result.rows.items()))
        ok = wall <= 60 and peak_mib < 2048
        print(f"target (<= 60 s, < 2 GiB): {'met' if ok else 'NOT met'}")
        if args.site:
            site_benchmark(work, args.browser)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
