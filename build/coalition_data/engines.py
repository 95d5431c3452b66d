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
import socket
import struct
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from coalition_data import __version__
from coalition_data.articles import article_row
from coalition_data.cache import check_digest
from coalition_data.digest import ArticleDigest
from coalition_data.errors import BuildError
from coalition_data.facts import digest_article, extract_article
from coalition_data.paths import SCHEMA_FILE
from coalition_data.read import RawArticle
from coalition_data.reference.registry import active_registry_digest, use_registry

ArticleResult = tuple[dict[str, Any], ArticleDigest]  # (articles row, digest)
Task = tuple[RawArticle, ArticleDigest | None]  # an article and its cached digest, if any
ENGINES = ("auto", "serial", "processes", "dask")


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article's result: its row (always made from the bytes read in this build)
    and its digest, from the cache when `cached`. `rejected` says why a cached digest
    found for it was not used (the article was extracted again)."""

    row: dict[str, Any]
    digest: ArticleDigest
    cached: bool = False
    rejected: str | None = None


def prepare(raw: RawArticle) -> ArticleResult:
    """Per-article work: independent of every other article."""
    row = article_row(raw)
    return row, _extract(row)


def _extract(row: dict[str, Any]) -> ArticleDigest:
    if not row["on_topic"]:  # the relevance gate (extract/topic.py)
        return ArticleDigest(row["article_id"])
    return digest_article(extract_article(row))


def prepare_task(task: Task) -> Prepared:
    """An article's row from its bytes, and its cached digest when every quote in it is
    this row's text at its offsets (check_digest); else the article is extracted."""
    raw, cached = task
    row = article_row(raw)
    rejected = None
    if cached is not None:
        rejected = check_digest(cached, row)
        if rejected is None:
            return Prepared(row, cached, cached=True)
    return Prepared(row, _extract(row), rejected=rejected)


def prepare_chunk(tasks: list[Task], digest: str | None = None,
                  code: str | None = None) -> list[Prepared]:
    """A chunk's results. On a remote worker, `digest` is the build's registry and `code`
    its package code: results made with another registry or another version of the code
    would silently differ, so they are refused."""
    if code is not None and code_digest() != code:
        raise BuildError(f"a worker runs other code of coalition-data ({code_digest()[:12]}, "
                         f"the build {code[:12]}): install the same version everywhere")
    if digest is not None and active_registry_digest() != digest:
        raise BuildError(f"a worker's registry ({active_registry_digest()[:12]}) is not the "
                         f"build's ({digest[:12]}): was the registry plugin refused?")
    return [prepare_task(t) for t in tasks]


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


Chunk = list[Task]  # articles sent to a worker together
Wait = Callable[[Any], list[Prepared]]  # a submitted chunk's results


def _ordered(submit: Callable[[Chunk], Any], chunks: Iterable[Chunk], window: int,
             wait: Wait = lambda f: f.result()) -> Iterator[list[Prepared]]:
    """Results in input order, with at most `window` chunks submitted and not yet given
    back (memory is bounded whatever the corpus size)."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


def run_serial(chunks: Iterable[Chunk]) -> Iterator[list[Prepared]]:
    for chunk in chunks:
        yield [prepare_task(t) for t in chunk]


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


def run_processes(chunks: Iterable[Chunk], workers: int) -> Iterator[list[Prepared]]:
    if not _LIBC:
        _LIBC.append(_libc())
    warm_up()
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                             initializer=_die_with_parent) as pool:
        yield from _ordered(lambda c: pool.submit(prepare_chunk, c), chunks, 4 * workers)


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise BuildError(f"{name}={raw!r}: give a number of seconds above 0")
    return value


def dask_timeouts() -> tuple[float, float]:
    """(answer, stall) in seconds: how long to wait for the scheduler to answer, for a
    worker to be there (first or any) and for a call; and for any chunk to finish."""
    return (_seconds("COALITION_DASK_TIMEOUT", 30.0),
            _seconds("COALITION_DASK_STALL", 600.0))


def _bounded(call: Callable[[], Any], seconds: float, what: str) -> Any:
    """`call()` in a helper thread, given up after `seconds`: Dask's own calls can wait
    for ever on a peer that accepted the connection and never answers."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="coalition-dask-call")
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise BuildError(f"{what}: no answer within {seconds:g} s "
                         "(COALITION_DASK_TIMEOUT sets how long)")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def check_scheduler_address(address: str) -> tuple[str, str]:
    """(scheme, host:port) of a scheduler address, or a BuildError saying what is wrong."""
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import backends

    try:
        scheme, loc = parse_address(address, strict=False)
        if scheme not in backends:
            raise ValueError(f"unknown scheme {scheme!r} (one of {', '.join(sorted(backends))})")
        if scheme != "inproc":
            host, port = parse_host_port(loc)
            if not host or not 0 < int(port) < 65536:
                raise ValueError("no host or no port")
    except (ValueError, TypeError) as exc:
        raise BuildError(f"--scheduler {address!r} is not a Dask scheduler address ({exc}); "
                         "give tcp://HOST:PORT") from None
    return scheme, loc


def _probe_tcp(address: str, loc: str, seconds: float) -> None:
    """A Dask scheduler speaks first: on a new connection it sends its handshake (a
    frame of a few bytes). A silent peer, or one waiting for a request (an HTTP server),
    is not a scheduler: said in one line instead of waiting for ever."""
    from distributed.comm.addressing import parse_host_port

    host, port = parse_host_port(loc)
    try:
        with socket.create_connection((host, port), timeout=seconds) as sock:
            sock.settimeout(seconds)
            head = b""
            while len(head) < 16:
                more = sock.recv(16 - len(head))
                if not more:
                    break
                head += more
    except TimeoutError:
        raise BuildError(f"Dask scheduler {address}: connected, but nothing answered within "
                         f"{seconds:g} s; is a Dask scheduler (not another server) "
                         "listening there?") from None
    except OSError as exc:
        raise BuildError(f"Dask scheduler {address}: cannot connect "
                         f"({exc.strerror or exc})") from None
    if len(head) < 16:
        raise BuildError(f"Dask scheduler {address}: the connection was closed without a "
                         "Dask handshake; is a Dask scheduler listening there?")
    total, frames = struct.unpack("<QQ", head)
    if not (0 < frames <= 64 and total < 2**24):
        raise BuildError(f"Dask scheduler {address}: the server there does not speak the "
                         "Dask protocol")


def _wait_dask(client: Any, answer: float, stall: float) -> Wait:
    """How a chunk's result is awaited: polled, so that a cluster whose workers are all
    gone (for `answer` seconds) or where no chunk finishes (for `stall` seconds) ends
    the build in one line instead of waiting for ever."""
    from distributed import KilledWorker

    state = {"progress": time.monotonic()}

    def workers() -> int:
        info = _bounded(client.scheduler_info, answer, "the Dask scheduler")
        return len(info.get("workers", {}))

    def wait(future: Any) -> list[Prepared]:
        no_workers_since = None
        while True:
            try:
                result = future.result(timeout=min(2.0, answer))
            except KilledWorker as exc:
                raise BuildError(f"Dask workers died running a chunk of articles ({exc}); "
                                 "see the workers' logs") from None
            except TimeoutError:
                now = time.monotonic()
                if workers() == 0:
                    no_workers_since = no_workers_since or now
                    if now - no_workers_since > answer:
                        raise BuildError(f"the Dask cluster has had no worker for "
                                         f"{answer:g} s (did they die?); nothing was "
                                         "published") from None
                else:
                    no_workers_since = None
                if now - state["progress"] > stall:
                    raise BuildError(f"no chunk of articles finished on the Dask cluster in "
                                     f"{stall:g} s (COALITION_DASK_STALL sets how long); "
                                     "nothing was published") from None
                continue
            state["progress"] = time.monotonic()
            return result

    return wait


def run_dask(chunks: Iterable[Chunk], address: str | None,
             workers: int) -> Iterator[list[Prepared]]:
    """On a Dask cluster: `address` (tcp://host:8786), else a local cluster of
    `workers` processes started for this build and closed after it. The registry goes
    to every worker (present and future) as a worker plugin; articles go in the tasks.
    Every wait on the cluster is bounded (dask_timeouts): connecting, the first worker,
    each call, and the progress of the chunks."""
    try:
        from dask.distributed import Client, LocalCluster, WorkerPlugin
    except ImportError:  # pragma: no cover - the dependency is declared
        raise BuildError("engine 'dask' needs dask[distributed]: pip install "
                         "'coalition-data[dask]'") from None
    from coalition_data.reference.registry import registry_files, registry_folder

    class RegistryPlugin(WorkerPlugin):
        name = "coalition-data-registry"

        def __init__(self, files: dict[str, bytes], digest: str) -> None:
            self.files, self.digest = files, digest

        def setup(self, worker: Any) -> None:
            install_registry(self.files, self.digest)

    answer, stall = dask_timeouts()
    if address is not None:
        scheme, loc = check_scheduler_address(address)
        if scheme == "tcp":
            _probe_tcp(address, loc, answer)
    digest = active_registry_digest()
    files = {p.name: data for p, data in registry_files(registry_folder()).items()}
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)
    where = f"Dask scheduler {address}" if address else "the local Dask cluster"
    try:
        client = _bounded(lambda: Client(address or cluster, timeout=answer,
                                         set_as_default=False), answer + 5, where)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BuildError(f"{where}: cannot connect ({exc})") from None
    try:
        try:
            _bounded(lambda: client.wait_for_workers(1, timeout=answer), answer + 5, where)
        except TimeoutError:
            raise BuildError(f"{where}: no worker joined within {answer:g} s; start workers "
                             f"(dask worker {address or 'ADDRESS'})") from None
        # the workers validate the registry as they take it: work, not only an answer
        _bounded(lambda: client.register_plugin(RegistryPlugin(files, digest)), stall,
                 f"{where} (the workers taking the registry)")
        info = _bounded(client.scheduler_info, answer, where)
        n = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))
        code = code_digest()
        yield from _ordered(
            lambda c: client.submit(prepare_chunk, c, digest, code, pure=False), chunks,
            4 * n, _wait_dask(client, answer, stall))
    finally:
        try:
            _bounded(lambda: client.close(timeout=answer), answer + 5, where)
        except Exception:  # closing must not hide why the build stopped
            pass
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
