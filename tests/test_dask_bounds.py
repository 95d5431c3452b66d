"""Every wait on a Dask scheduler is bounded: a peer that accepts and never answers, an
HTTP server given as tcp://, a scheduler without workers and the only worker dying
mid-build each end the build in one line (exit 2) with the old package intact; a bad
address is a user error and --scheduler without --engine dask is refused."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import coalition_data
from coalition_data.cli import main
from coalition_data.paths import DEFAULT_SEEDS

pytest.importorskip("dask.distributed")

BUILD_DIR = str(Path(coalition_data.__file__).resolve().parents[1])
TIMEOUT = 4  # COALITION_DASK_TIMEOUT for these tests, in seconds


def _snapshot(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    assert main(["--quiet", "build", "--out", str(out), "--no-cache",
                 "--engine", "serial"]) == 0
    return out


def _build(address: str, out: Path, timeout: float = 90) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=BUILD_DIR, COALITION_DASK_TIMEOUT=str(TIMEOUT))
    try:
        return subprocess.run(
            [sys.executable, "-m", "coalition_data.cli", "--quiet", "build", "--no-cache",
             "--seeds", str(DEFAULT_SEEDS), "--out", str(out), "--engine", "dask",
             "--scheduler", address], capture_output=True, text=True, env=env,
            timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build waited more than {timeout} s")


def _one_line_and_intact(done: subprocess.CompletedProcess, published: Path,
                         before: dict[str, str], *words: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "internal error" not in lines[0]
    assert _snapshot(published) == before


@pytest.fixture
def silent_peer() -> Iterator[str]:
    """A TCP port that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for conn in held:
        conn.close()


@pytest.fixture
def http_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_peer_that_never_answers(published: Path, silent_peer: str) -> None:
    before = _snapshot(published)
    started = time.monotonic()
    done = _build(silent_peer, published)
    _one_line_and_intact(done, published, before, silent_peer, "nothing answered")
    assert time.monotonic() - started < 60


def test_an_http_server_given_as_tcp(published: Path, http_server: str) -> None:
    before = _snapshot(published)
    done = _build(http_server, published)
    _one_line_and_intact(done, published, before, http_server, "Dask scheduler")


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real Dask scheduler in its own process: (address, tmp folder)."""
    info = tmp_path / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=f"{BUILD_DIR}{os.pathsep}{tmp_path}")
    proc = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                             "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                             "--scheduler-file", str(info)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            if info.exists() and info.stat().st_size:
                break
            time.sleep(0.1)
        yield json.loads(info.read_text())["address"], tmp_path
    finally:
        proc.kill()
        proc.wait()


def test_a_scheduler_without_workers(published: Path, scheduler: tuple[str, Path]) -> None:
    address, _ = scheduler
    before = _snapshot(published)
    done = _build(address, published)
    _one_line_and_intact(done, published, before, "no worker joined")


KILLER = '''
import os
from distributed import WorkerPlugin

class DieOnFirstTask(WorkerPlugin):
    """The worker process ends as soon as it starts running a task."""
    name = "die-on-first-task"

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing":
            os._exit(1)
'''


def test_the_only_worker_dying_mid_build(published: Path,
                                         scheduler: tuple[str, Path]) -> None:
    from distributed import Client

    address, folder = scheduler
    (folder / "killer_plugin.py").write_text(KILLER, encoding="utf-8")
    sys.path.insert(0, str(folder))
    env = dict(os.environ, PYTHONPATH=f"{BUILD_DIR}{os.pathsep}{folder}")
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                               "--no-nanny", "--nthreads", "1", "--no-dashboard"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import killer_plugin

        with Client(address, timeout=30) as client:
            client.wait_for_workers(1, timeout=60)
            client.register_plugin(killer_plugin.DieOnFirstTask())
        before = _snapshot(published)
        done = _build(address, published)
        assert worker.wait(timeout=30) == 1, done.stderr  # it died on the first task
        _one_line_and_intact(done, published, before, "no worker")
    finally:
        sys.path.remove(str(folder))
        worker.kill()
        worker.wait()


@pytest.mark.parametrize("address", ["nonsense", "http://127.0.0.1:8786", "tcp://",
                                     "tcp://127.0.0.1:notaport"])
def test_a_bad_address_is_a_user_error(tmp_path: Path, address: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--quiet", "build", "--out", str(tmp_path / "out"), "--no-cache",
                 "--engine", "dask", "--scheduler", address])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("error: --scheduler") and "internal error" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("engine", [[], ["--engine", "serial"], ["--engine", "auto"]])
def test_scheduler_without_the_dask_engine_is_refused(
        tmp_path: Path, engine: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--quiet", "build", "--out", str(tmp_path / "out"), "--no-cache",
                 *engine, "--scheduler", "tcp://127.0.0.1:8786"])
    assert code == 2
    assert "--engine dask" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
