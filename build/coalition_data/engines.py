"""Where the per-article stage (clean -> extract -> digest) runs.

Every engine takes chunks of raw articles and yields their results chunk by chunk in the
order it was given them, with a bounded number of chunks in flight: the build is the
same, byte for byte, whichever engine ran it, and memory does not grow with the corpus.

- `serial`: in the build process (small corpora, debugging).
- `processes`: worker processes on this machine (forked, so registries load once).
- `dask`: a Dask cluster (`dask.distributed`): a local one, or a real one at an address.
  Chunks carry the articles' bytes and a worker plugin carries the registry, so workers
  need no shared file system, only the same version of this package.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

from coalition_data import __version__
from coalition_data.articles import article_row
from coalition_data.digest import ArticleDigest
from coalition_data.errors import BuildError
from coalition_data.facts import digest_article, extract_article
from coalition_data.paths import SCHEMA_FILE
from coalition_data.read import RawArticle
from coalition_data.reference.registry import active_registry_digest, use_registry

ArticleResult = tuple[dict[str, Any], ArticleDigest]  # (articles row, digest)
ENGINES = ("auto", "serial", "processes", "dask")


def prepare(raw: RawArticle) -> ArticleResult:
    """Per-article work: independent of every other article."""
    row = article_row(raw)
    if not row["on_topic"]:  # the relevance gate (extract/topic.py)
        return row, ArticleDigest(row["article_id"])
    return row, digest_article(extract_article(row))


def prepare_chunk(raws: list[RawArticle], digest: str | None = None,
                  code: str | None = None) -> list[ArticleResult]:
    """A chunk's results. On a remote worker, `digest` is the build's registry and `code`
    its package code: results made with another registry or another version of the code
    would silently differ, so they are refused."""
    if code is not None and code_digest() != code:
        raise BuildError(f"a worker runs other code of coalition-data ({code_digest()[:12]}, "
                         f"the build {code[:12]}): install the same version everywhere")
    if digest is not None and active_registry_digest() != digest:
        raise BuildError(f"a worker's registry ({active_registry_digest()[:12]}) is not the "
                         f"build's ({digest[:12]}): was the registry plugin refused?")
    return [prepare(r) for r in raws]


def install_registry(files: dict[str, bytes], digest: str) -> Path:
    """Write a registry's files into a folder of this machine named by their digest, and
    use it: how a remote worker gets the build's registry without a shared file system."""
    folder = Path(tempfile.gettempdir()) / f"coalition-registry-{digest[:32]}"
    if not folder.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix=".coalition-registry-"))
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        try:
            tmp.rename(folder)
        except OSError:  # another worker of this machine was first
            shutil.rmtree(tmp, ignore_errors=True)
    use_registry(folder)
    if active_registry_digest() != digest:
        raise BuildError(f"registry in {folder} does not match its digest")
    return folder


WARM_UP_TEXT = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في روما، وقال وزير "
                "الخارجية الأمريكي جون كيري إن بلاده ستقدم 10 ملايين دولار وفق القرار 2170.")


def warm_up() -> None:
    """Fill every registry-derived cache in the parent before workers fork, so that no
    worker reads or validates a registry itself (Polars threads do not survive fork)."""
    active_registry_digest()
    extract_article({"article_id": "warm-up", "text": WARM_UP_TEXT, "published_date": None})


Item = tuple[str, list]  # ("extract", raw articles) or ("cached", their results)
Batch = tuple[str, list[ArticleResult]]  # ("extract" | "cached", results)


class _Done:
    """A result known already (cached articles), queued in order among the futures."""

    def __init__(self, value: list[ArticleResult]) -> None:
        self.value = value

    def result(self) -> list[ArticleResult]:
        return self.value


def _ordered(submit: Callable[[list[RawArticle]], Any], items: Iterable[Item],
             window: int) -> Iterator[Batch]:
    """Results in input order, with at most `window` items taken and not yet given back
    (memory is bounded whatever the corpus size and the share of cached articles)."""
    pending: deque[tuple[str, Any]] = deque()
    for kind, payload in items:
        pending.append((kind, submit(payload) if kind == "extract" else _Done(payload)))
        if len(pending) >= window:
            k, f = pending.popleft()
            yield k, f.result()
    while pending:
        k, f = pending.popleft()
        yield k, f.result()


def run_serial(items: Iterable[Item]) -> Iterator[Batch]:
    for kind, payload in items:
        yield kind, ([prepare(r) for r in payload] if kind == "extract" else payload)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None


_LIBC: list[ctypes.CDLL | None] = []  # loaded in the parent: a forked child imports nothing


def _die_with_parent() -> None:
    """Workers get SIGTERM when the build process dies, however it dies (Linux)."""
    libc = _LIBC[0] if _LIBC else None
    if libc is not None:
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def run_processes(items: Iterable[Item], workers: int) -> Iterator[Batch]:
    if not _LIBC:
        _LIBC.append(_libc())
    warm_up()
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                             initializer=_die_with_parent) as pool:
        yield from _ordered(lambda c: pool.submit(prepare_chunk, c), items, 4 * workers)


def run_dask(items: Iterable[Item], address: str | None, workers: int) -> Iterator[Batch]:
    """On a Dask cluster: `address` (tcp://host:8786), else a local cluster of
    `workers` processes started for this build and closed after it. The registry goes
    to every worker (present and future) as a worker plugin; articles go in the tasks."""
    try:
        from dask.distributed import Client, LocalCluster, WorkerPlugin
    except ImportError:  # pragma: no cover - the dependency is declared
        raise BuildError("engine 'dask' needs dask[distributed]: pip install "
                         "'coalition-data[dask]'") from None
    from coalition_data.reference.registry import registry_folder

    class RegistryPlugin(WorkerPlugin):
        name = "coalition-data-registry"

        def __init__(self, files: dict[str, bytes], digest: str) -> None:
            self.files, self.digest = files, digest

        def setup(self, worker: Any) -> None:
            install_registry(self.files, self.digest)

    digest = active_registry_digest()
    files = {p.name: p.read_bytes() for p in sorted(registry_folder().glob("*.csv"))}
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)
    client = Client(address or cluster)
    try:
        client.register_plugin(RegistryPlugin(files, digest))
        n = max(1, sum(w.get("nthreads", 1) for w in
                       client.scheduler_info()["workers"].values()))
        code = code_digest()
        yield from _ordered(
            lambda c: client.submit(prepare_chunk, c, digest, code, pure=False), items, 4 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@cache
def code_digest() -> str:
    """sha256 over the package's Python sources (the site aside) and the schema: what
    the extraction cache keys on and remote workers must share with the build."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel.startswith("site/"):
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(SCHEMA_FILE.read_bytes())
    return h.hexdigest()


def workers_wanted() -> int:
    return max(1, int(os.environ.get("COALITION_WORKERS", os.cpu_count() or 1)))
