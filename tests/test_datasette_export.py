"""`coalition-data export --sqlite` gives a database a real Datasette serves: every table
with its rows, full-text search on the quotes, and the package's metadata."""

from __future__ import annotations

import json
import os
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


def _search(served: str, table: str, query: str) -> list[dict]:
    q = urllib.parse.quote(query)
    return _get(f"{served}/coalition/{table}.json?_search={q}&_shape=array&_size=max")


@pytest.mark.parametrize("typed", ["المصغرة", "المصغره", "المصغّرة"])
def test_arabic_is_found_as_people_type_it(served: str, typed: str) -> None:
    """The quote is written المصغّرة (with shadda): typed without diacritics, with a final
    haa for taa marbuta, or as written, it is found. (A query with other diacritics or
    hamzas than the text's is not: Datasette passes queries to SQLite unchanged.)"""
    from coalition_data.normalise import fold

    quotes = [r["quote"] for r in _search(served, "meetings", typed)]
    assert any("المصغّرة" in q for q in quotes)
    assert all("المصغره" in fold(q) for q in quotes)


def test_a_person_is_found_by_name_in_arabic_and_english(served: str) -> None:
    # the article misspells him تريلسون; the registry's usual spelling finds him too
    for typed in ("تيلرسون", "Tillerson", "tillerson"):
        rows = _search(served, "participants", typed)
        assert [r["participant_key"] for r in rows] == ["person:rex_tillerson"], typed
    # as the article wrote it: him, and the state whose row quotes the same sentence
    rows = _search(served, "participants", "تريلسون")
    assert "person:rex_tillerson" in [r["participant_key"] for r in rows]


def test_titles_and_headlines_are_searchable(served: str) -> None:
    rows = _search(served, "participants", "وزير الخارجية")
    assert rows and all("وزير الخارجيه" in (r["role_ar"] or "").replace("ة", "ه") or
                        "وزير الخارجية" in r["quote"] for r in rows)


def test_join_columns_are_indexed(built: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "c.db"
    assert main(["export", "--sqlite", str(db), "--root", str(built)]) == 0
    con = sqlite3.connect(db)
    indexed = {(t, c) for (t,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%'")
        for (_, _, c) in [r[:3] for ix in con.execute(f'PRAGMA index_list("{t}")')
                          for r in con.execute(f'PRAGMA index_info("{ix[1]}")')]}
    for table, column in [("participants", "article_id"), ("pledges", "meeting_id"),
                          ("meeting_reports", "article_id"), ("resolutions", "meeting_id")]:
        assert (table, column) in indexed
    plan = " ".join(str(r) for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM participants WHERE article_id = 'x'"))
    assert "USING INDEX" in plan


def test_the_readmes_commands_run_as_written_in_a_fresh_folder(built: Path,
                                                              tmp_path: Path) -> None:
    """`coalition-data export --sqlite out/coalition.db`: out/ need not exist; the global
    options also work after the subcommand."""
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-m", "coalition_data.cli", "export", "--debug",
                        "--quiet", "--sqlite", "out/coalition.db", "--root", str(built)],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "coalition.db").is_file()
    assert (tmp_path / "out" / "metadata.json").is_file()
    r = subprocess.run([sys.executable, "-m", "datasette", "inspect", "out/coalition.db"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0 and '"participants_fts"' in r.stdout, r.stderr


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


def test_a_folder_a_device_or_a_foreign_file_is_refused_in_one_line(
        built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--root", str(built)]
    assert "is a folder" in _fails(["export", "--sqlite", str(tmp_path), *root], capsys)
    fifo = tmp_path / "fifo"  # a device or FIFO (as /dev/null is) is never replaced
    os.mkfifo(fifo)
    assert "not a regular file" in _fails(["export", "--sqlite", str(fifo), *root], capsys)
    assert fifo.is_fifo()
    mine = tmp_path / "notes.txt"
    mine.write_text("mine\n", encoding="utf-8")
    assert "not an SQLite" in _fails(["export", "--sqlite", str(mine), *root], capsys)
    assert mine.read_text(encoding="utf-8") == "mine\n"


def test_a_metadata_json_of_another_tool_is_not_overwritten(
        built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "metadata.json").write_text('{"title": "mine"}\n', encoding="utf-8")
    err = _fails(["export", "--sqlite", str(tmp_path / "c.db"), "--root", str(built)], capsys)
    assert "not written by coalition-data" in err
    assert (tmp_path / "metadata.json").read_text(encoding="utf-8") == '{"title": "mine"}\n'
    assert not (tmp_path / "c.db").exists()


def test_an_earlier_export_is_replaced_with_a_word(built: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["export", "--sqlite", str(tmp_path / "c.db"), "--root", str(built)]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 0
    assert "replacing an earlier export" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.db", "metadata.json"]


def test_an_unwritable_folder_is_one_line(built: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    err = _fails(["export", "--sqlite", str(blocker / "sub" / "c.db"), "--root", str(built)],
                 capsys)
    assert "cannot create the folder" in err


def test_a_full_disk_is_one_line_and_leaves_nothing(
        built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import coalition_data.export as export

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(export, "_write_db", full)
    err = _fails(["export", "--sqlite", str(tmp_path / "c.db"), "--root", str(built)], capsys)
    assert "disk is full" in err
    assert list(tmp_path.iterdir()) == []


def test_two_exports_into_one_folder_at_once_are_refused(
        built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl

    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        err = _fails(["export", "--sqlite", str(tmp_path / "c.db"), "--root", str(built)],
                     capsys)
    finally:
        os.close(fd)
    assert "another export" in err
