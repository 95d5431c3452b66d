"""Benchmark: build a realistic synthetic news stream and print speed and memory.

    python benchmarks/bench_build.py [--articles 10000] [--on-topic 0.3] [--seed 7]
        [--engine auto|serial|processes|dask] [--frictionless] [--no-floor]
        [--site [--browser]]

The corpus (benchmarks/corpus.py) mixes development-set articles varied towards a few
hundred events with off-topic news. Printed, for the whole build (all processes):
wall time and articles/s of a clean build (empty extraction cache), peak RSS per stage
(the build process and its workers summed), the time of a rebuild after adding one
article (cache warm), `validate` (fast default) time, and the floor: reading every file,
folding it, one Aho-Corasick pass of 500 keywords and writing the tables, which no build
can beat. --site also times the static site (and --browser its browser tests).

Targets (issue 12): >= 600 articles/s on 2 cores; peak RSS <= 1.5 GiB at 100,000
articles; a one-article rebuild of 10,000 in <= 5 s; validate < 2 s at 100,000.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import add_article, make_corpus

from coalition_data.pipeline import build, validate_package

ADDED = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في روما يوم 12 مايو 2021 "
         "بمشاركة 40 دولة، وتعهدت ألمانيا بتقديم 100 مليون يورو.")


class Memory:
    """Samples the RSS of this process and all its descendants every 20 ms and keeps the
    peak of their sum for each stage the build reports."""

    def __init__(self) -> None:
        self.stage = "start"
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._me = psutil.Process()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        total = 0
        for p in [self._me, *self._me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            mib = self._total() / 2**20
            self.peaks[self.stage] = max(self.peaks.get(self.stage, 0.0), mib)
            time.sleep(0.02)

    def __enter__(self) -> Memory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def set(self, stage: str) -> None:
        self.stage = stage


def floor(seeds: Path, out: Path) -> float:
    """Seconds to read every article, fold it, find 500 keywords in it with one
    Aho-Corasick pass and write a Parquet table: the least any build must do."""
    import ahocorasick
    import polars as pl

    from coalition_data.reference.gazetteer import gazetteer
    from coalition_data.normalise import fold

    words = sorted(gazetteer().cities)[:500]
    auto = ahocorasick.Automaton()
    for i, w in enumerate(words):
        auto.add_word(w, i)
    auto.make_automaton()
    t0 = time.perf_counter()
    rows = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        hits = sum(1 for _ in auto.iter(fold(text)))
        rows.append((path.stem, text, hits))
    pl.DataFrame(rows, schema=["id", "text", "hits"], orient="row").write_parquet(
        out / "floor.parquet", compression="zstd")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--on-topic", type=float, default=0.3,
                    help="share of articles about the Coalition (default 0.3)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--engine", default="auto")
    ap.add_argument("--frictionless", action="store_true",
                    help="include the opt-in Frictionless pass in the timed build")
    ap.add_argument("--no-floor", action="store_true", help="skip the floor measurement")
    ap.add_argument("--site", action="store_true",
                    help="also time `coalition-data site` on the built package")
    ap.add_argument("--browser", action="store_true",
                    help="with --site: run tests/browser against the site of the corpus")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coalition-bench-"))
    try:
        t0 = time.perf_counter()
        shape = make_corpus(work / "seeds", args.articles, args.seed, args.on_topic)
        print(f"articles:            {args.articles:,} ({shape['on_topic']:,} on-topic, "
              f"from {shape['templates']} templates of median {shape['template_median_chars']}"
              f" chars; {shape['characters']:,} chars; generated in "
              f"{time.perf_counter() - t0:.1f} s, not counted)")
        cache = work / "cache"
        with Memory() as mem:
            t1 = time.perf_counter()
            result = build(work / "seeds", work / "out", frictionless=args.frictionless,
                           engine=args.engine, cache=cache, stage=mem.set)
            wall = time.perf_counter() - t1
            mem.set("done")
        peak = max(mem.peaks.values())
        print(f"clean build:         {wall:.1f} s, {args.articles / wall:,.0f} articles/s "
              f"(engine {args.engine}, {os.cpu_count()} cores"
              f"{', with Frictionless' if args.frictionless else ''})")
        print("  stages:            " + ", ".join(f"{k} {v:.1f} s"
                                                  for k, v in result.stages.items()))
        print(f"  peak RSS (all processes): {peak:,.0f} MiB; per stage: " + ", ".join(
            f"{k} {v:,.0f}" for k, v in mem.peaks.items() if k not in ("start", "done")))
        print("  rows:              " + ", ".join(f"{k}={v}" for k, v in result.rows.items()))
        per = {k: v / max(1, shape["on_topic"]) for k, v in result.rows.items()
               if k != "articles"}
        print("  rows per on-topic article: " + ", ".join(f"{k} {v:.2f}"
                                                       for k, v in per.items()))

        add_article(work / "seeds", ADDED, "zz_added", "2021-05-12")
        with Memory() as mem2:
            t2 = time.perf_counter()
            again = build(work / "seeds", work / "out", engine=args.engine, cache=cache,
                          stage=mem2.set)
            inc = time.perf_counter() - t2
        print(f"one-article rebuild: {inc:.1f} s ({again.cache_hits:,} cached, "
              f"{again.cache_misses:,} extracted; stages "
              + ", ".join(f"{k} {v:.1f} s" for k, v in again.stages.items())
              + f"; peak RSS {max(mem2.peaks.values()):,.0f} MiB)")

        t3 = time.perf_counter()
        validate_package(work / "out")
        print(f"validate (default):  {time.perf_counter() - t3:.1f} s")
        if not args.no_floor:
            print(f"floor:               {floor(work / 'seeds', work):.1f} s")
        if args.site:
            site_benchmark(work, args.browser)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def site_benchmark(work: Path, browser: bool) -> None:
    """Time the static site of the built package (and optionally open it in Chromium)."""
    from coalition_data.site import render_site

    t0 = time.perf_counter()
    site = render_site(work / "out", work / "site")
    wall = time.perf_counter() - t0
    print(f"site wall time:      {wall:.1f} s ({site.pages:,} pages, {site.files:,} files, "
          f"{site.bytes / 2**20:,.0f} MiB)")
    if browser:
        t1 = time.perf_counter()
        env = {**os.environ, "COALITION_SITE": str(site.out)}
        root = Path(__file__).resolve().parents[1]
        r = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p",
                            "no:cacheprovider",
                            str(root / "tests" / "browser")], env=env, cwd=root,
                           capture_output=True, text=True)
        last = (r.stdout.strip().splitlines() or ["no output"])[-1]
        print(f"browser tests:       {'passed' if r.returncode == 0 else 'FAILED'} "
              f"({last.strip()}) in {time.perf_counter() - t1:.1f} s")
        if r.returncode:
            print(r.stdout[-4000:], r.stderr[-2000:])


if __name__ == "__main__":
    main()
