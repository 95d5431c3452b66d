"""`coalition-data`: build, validate and evaluate the data package."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from coalition_data import __version__
from coalition_data.errors import BuildError
from coalition_data.paths import (
    ACCURACY_FILE,
    DEFAULT_OUT,
    DEFAULT_SEEDS,
    DEVSET_GOLD,
    PACKAGE_ROOT,
)


def _global_options(p: argparse.ArgumentParser, default: object) -> None:
    """--debug and --quiet, accepted before the subcommand and after it (a subcommand's
    copy defaults to SUPPRESS so it never resets what was given before it)."""
    p.add_argument("--debug", action="store_true", default=default,
                   help="show the Python traceback of an unexpected failure")
    p.add_argument("--quiet", action="store_true", default=default,
                   help="no progress bar and no notes on stderr (errors are still shown)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coalition-data", description=__doc__)
    _global_options(p, False)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", parents=[common],
                       help="build data/*.parquet and datapackage.json from seeds")
    b.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                   help="folder of .txt articles with manifest.csv (default: the repo's "
                        "seeds/); its registry/ sub-folder, when present, replaces the "
                        "project's reference registries")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help="writes OUT/data/*.parquet and OUT/datapackage.json (default: the "
                        "repository root in a source checkout; required when installed)")
    b.add_argument("--no-texts", action="store_true",
                   help="publish without the article texts (their publishers' copyright): "
                        "articles keep text_sha256 and every fact keeps its quote and offsets")
    b.add_argument("--frictionless", action="store_true",
                   help="also run Frictionless on the written package before swapping it in "
                        "(slow on large corpora)")
    b.add_argument("--engine", choices=("auto", "serial", "processes", "dask"), default="auto",
                   help="where articles are extracted: serial (this process), processes "
                        "(local workers; COALITION_WORKERS sets how many), dask (a Dask "
                        "cluster, see --scheduler); auto: processes for 400+ articles")
    b.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: the scheduler of a running cluster "
                        "(tcp://host:8786); default: a local cluster for this build")
    b.add_argument("--cache", type=Path, default=None,
                   help="folder of the extraction cache (default: $COALITION_CACHE, else "
                        "~/.cache/coalition-data); unchanged articles are not re-extracted")
    b.add_argument("--no-cache", action="store_true",
                   help="extract every article again and write no cache")
    for key in ("name", "title", "version", "description", "homepage"):
        b.add_argument(f"--package-{key}", default=None, metavar=key.upper(),
                       help=f"the package's {key}, overriding SEEDS/package.toml (without "
                            "that file a package claims only to be built by coalition-data "
                            "from SEEDS)")
    v = sub.add_parser("validate", parents=[common],
                       help="re-check a built package (hashes, schemas, evidence)")
    v.add_argument("--root", type=Path, default=PACKAGE_ROOT,
                   help="folder holding datapackage.json and data/ (default: repo root)")
    v.add_argument("--frictionless", action="store_true",
                   help="also run the Frictionless conformance pass (minutes on large "
                        "packages; CI runs it on the seed package)")
    x = sub.add_parser("export", parents=[common],
                       help="write the package in another form (SQLite for Datasette)")
    x.add_argument("--sqlite", type=Path, required=True,
                   help="SQLite file to write (metadata.json for Datasette is written beside "
                        "it); serve with: datasette FILE -m metadata.json")
    x.add_argument("--root", type=Path, default=PACKAGE_ROOT,
                   help="folder holding the built package (default: the published one)")
    x.add_argument("--registry", type=Path, default=DEFAULT_SEEDS / "registry",
                   help="registry folder whose people.csv spellings the search also finds "
                        "for each linked person (default: the project's)")
    s = sub.add_parser("site", parents=[common],
                       help="write a static website of the package (timeline, map, "
                                     "a page per meeting with its quotes, tables)")
    s.add_argument("--out", type=Path, required=True,
                   help="folder to write (replaced whole if a site was written there before)")
    s.add_argument("--root", type=Path, default=PACKAGE_ROOT,
                   help="package to show (default: the published one)")
    s.add_argument("--accuracy", type=Path, default=None,
                   help="accuracy report from `evaluate --report` (default: the project's "
                        f"{ACCURACY_FILE.name} for the project's own package, none for "
                        "another)")
    s.add_argument("--registry", type=Path, default=None,
                   help="the registry folder the package was built with (SEEDS/registry), "
                        "for dated roles and the chronology's notes and sources (default: "
                        "ROOT/seeds/registry when there is one, else none)")
    e = sub.add_parser("evaluate", parents=[common],
                       help="precision/recall/F1 per table against gold annotations "
                            "(default: the development set in evaluation/)")
    e.add_argument("--gold", type=Path, default=None,
                   help="a YAML gold file in the development set's format, or a folder of "
                        "gold CSVs (tests/gold: the seeds' gold); default: "
                        "evaluation/devset/gold.yaml")
    e.add_argument("--root", type=Path, default=None,
                   help="folder holding the built data/ to score; default: build "
                        "evaluation/devset/articles into a scratch folder and score that")
    e.add_argument("--details", action="store_true",
                   help="YAML gold: also print one line per false positive and negative")
    e.add_argument("--readme", type=Path, default=None,
                   help="YAML gold: write the development-set and unseen-news tables into this "
                        "README (between their markers), with the commit measured at")
    e.add_argument("--calibrate", action="store_true",
                   help="first fit the confidence calibration on the development set (raw "
                        "scores, k-fold over articles) and write seeds/registry/calibration.csv "
                        "and flag_precision.csv; the --report then carries the calibration")
    e.add_argument("--report", type=Path, default=None,
                   help="YAML gold: also write the scores as JSON (what `site` shows), e.g. "
                        "docs/accuracy.json")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing was changed", file=sys.stderr)
        return 130
    except OSError as exc:
        if args.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.debug:
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        print(f"error: internal error ({type(exc).__name__}: {first}); run again with "
              "--debug for the traceback and report it", file=sys.stderr)
        return 1


@contextlib.contextmanager
def _progress(quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal (rich), nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick


@contextlib.contextmanager
def _status(quiet: bool, message: str) -> Iterator[None]:
    """A spinner with a message on a terminal while long work runs; nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


def _project_accuracy(root: Path) -> Path | None:
    """The project's development-set accuracy, for the project's own package only: a
    package built from other seeds was not measured."""
    import json

    from coalition_data.package import project_identity

    try:
        name = json.loads((root / "datapackage.json").read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        return None
    return ACCURACY_FILE if name == project_identity()["name"] else None


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        from coalition_data.pipeline import build

        if args.out is None:
            raise BuildError("give --out DIR: an installed package builds outside its own files")
        if args.scheduler is not None and args.engine != "dask":
            raise BuildError("--scheduler names a Dask scheduler: give --engine dask too")
        if args.scheduler is not None:  # before anything is locked or written
            from coalition_data.engines import check_scheduler_address

            check_scheduler_address(args.scheduler)
        with _progress(args.quiet, "extracting") as tick:
            result = build(args.seeds, args.out, frictionless=args.frictionless,
                           progress=tick, texts=not args.no_texts, engine=args.engine,
                           address=args.scheduler,
                           cache=False if args.no_cache else (args.cache or True),
                           identity={k: getattr(args, f"package_{k}") for k in
                                     ("name", "title", "version", "description", "homepage")})
        counts = ", ".join(f"{k}={v}" for k, v in result.rows.items())
        print(f"built {result.out / 'datapackage.json'}: {counts}")
        if result.cache_warning:
            print(f"warning: {result.cache_warning}", file=sys.stderr)
        if not args.quiet:
            print(f"registries from {result.registry}; {result.cache_hits} of "
                  f"{result.rows['articles']} articles from the extraction cache",
                  file=sys.stderr)
        empty = [k for k, v in result.rows.items() if v == 0]
        if empty:
            print(f"note: no rows extracted for {', '.join(empty)}")
    elif args.command == "validate":
        from coalition_data.pipeline import validate_package
        from coalition_data.publish import recover

        recover(args.root)  # a publish that was killed half-way is completed first

        what = "hashes, descriptor, schemas, quotes" + (
            ", Frictionless" if args.frictionless else "")
        with _status(args.quiet, f"validating ({what})"):
            counts = validate_package(args.root, frictionless=args.frictionless)
        print("valid: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    elif args.command == "export":
        from coalition_data.export import export_sqlite

        earlier = (args.sqlite.parent / "metadata.json").is_file()
        path = export_sqlite(args.root, args.sqlite, registry=args.registry)
        print(f"wrote {path} and {path.parent / 'metadata.json'}"
              + (" (replacing an earlier export's metadata.json)" if earlier else ""))
    elif args.command == "site":
        from coalition_data.site import render_site

        with _status(args.quiet, "writing the site"):
            result = render_site(args.root, args.out,
                                 accuracy=args.accuracy or _project_accuracy(args.root),
                                 registry=args.registry)
        print(f"wrote {result.pages} pages ({result.files} files, "
              f"{result.bytes / 2**20:.1f} MiB) to {result.out}; open "
              f"{(result.out / 'index.html').resolve().as_uri()}")
    elif args.command == "evaluate":
        from coalition_data.evaluate import scratch_build

        gold = args.gold or DEVSET_GOLD
        calibrated = None
        if args.calibrate:
            from coalition_data.evaluate import calibrate

            calibrated = calibrate(gold, DEFAULT_SEEDS / "registry")
        with scratch_build(args.root) as root:
            if gold.suffix in (".yaml", ".yml"):
                from coalition_data.evaluate import write_accuracy
                from coalition_data.yaml_gold import evaluate_yaml, table_lines

                scored = evaluate_yaml(gold, root)
                lines = table_lines(scored)
                print("\n".join(lines))
                if args.details:
                    print("\n".join(sorted(scored.lines, key=lambda x: (x[3:14], x[:2], x))))
                    print("\n".join(scored.attr_lines))
                if args.report:
                    from coalition_data.evaluate import write_report

                    write_report(args.report, scored, lines, gold, calibrated)
                if args.readme:
                    from coalition_data.evaluate import last_calibration

                    write_accuracy(args.readme, lines, gold,
                                   calibrated or last_calibration(args.report))
            else:
                from coalition_data.evaluate import evaluate, format_report

                print(format_report(evaluate(gold, root)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
