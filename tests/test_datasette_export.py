"""`coalition-data export --sqlite` gives a database a real Datasette serves: every table
with its rows, full-text search on the quotes, and the package's metadata."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import polars as pl
import pytest

from coalition_data.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as r:  # loopback only
        return json.loads(r.read().decode("utf-8"))


@pytest.fixture(scope="module")
def served(built: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "coalition.db"
    assert main(["export", "--sqlite", str(db), "--root", str(built)]) == 0
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "-m",
         str(folder / "metadata.json"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # at most ~20 s for the server to start
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("datasette did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("table", ["articles", "meetings", "meeting_reports", "participants",
                                   "pledges", "resolutions"])
def test_every_table_is_served_with_all_its_rows(served: str, built: Path, table: str) -> None:
    rows = _get(f"{served}/coalition/{table}.json?_shape=array&_size=max")
    assert len(rows) == pl.read_parquet(built / "data" / f"{table}.parquet").height


def test_quotes_are_searchable(served: str) -> None:
    q = urllib.parse.quote("مليون")
    rows = _get(f"{served}/coalition/pledges.json?_search={q}&_shape=array")
    assert rows and all("مليون" in r["quote"] for r in rows)


def test_metadata_describes_tables_and_columns(served: str) -> None:
    meta = _get(f"{served}/-/metadata.json")
    assert meta["license"] == "CC-BY-4.0"
    meetings = meta["databases"]["coalition"]["tables"]["meetings"]
    assert "chronology_id" in meetings["columns"]
