"""Smaller trust-boundary cases of issue 22, one line each: a manifest `url` that is not
http(s), a manifest column named twice, an article that is nothing but site
boilerplate, and a full disk while the articles table streams (no second error from the
Parquet writer after the build's own)."""

from __future__ import annotations

import errno
import gc
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from coalition_data.cli import main
from coalition_data.pipeline import build
from tests.conftest import GOOD_ARTICLE, MANIFEST_HEADER, write_seeds


def _run(seeds: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--quiet", "build", "--seeds", str(seeds), "--out", str(out), "--no-cache"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("url", [
    "javascript:void(document.body.innerHTML='x')",
    "JaVaScRiPt:alert(1)",
    '"java\tscript:alert(1)"',  # a browser drops the tab
    '"https://example.org/\tx"',
    '"data:text/html,<script>alert(1)</script>"',
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",  # protocol-relative: whatever the page was served with
    "https:evil.example",
    "https:///path-only",
    "  javascript:alert(1)",  # spaces are trimmed; the scheme stays refused
])
def test_a_url_that_is_not_http_is_refused_in_one_line(
        tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode()},
                        f"a1,a1.txt,Outlet,high,{url},high,2020-01-02,high,\n")
    code, err = _run(seeds, tmp_path / "out", capsys)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1
    assert "seeds/manifest.csv line 2, column url" in err and "not a web address" in err
    assert not (tmp_path / "out" / "data").exists()


@pytest.mark.parametrize("url", ["https://example.org/ar/تقرير-عن-التحالف?id=3#p2",
                                 "HTTP://EXAMPLE.ORG/x", "http://127.0.0.1:8080/a"])
def test_web_addresses_are_kept(tmp_path: Path, url: str) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode()},
                        f"a1,a1.txt,Outlet,high,{url},high,2020-01-02,high,\n")
    from coalition_data.read import read_manifest

    assert read_manifest(seeds)[0].url == url


def test_a_manifest_column_named_twice_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode()}, None)
    header = MANIFEST_HEADER.replace(",notes\n", ",notes,url\n")
    (seeds / "manifest.csv").write_text(
        header + "a1,a1.txt,Outlet,high,,unknown,2020-01-02,high,,https://x.org\n",
        encoding="utf-8")
    code, err = _run(seeds, tmp_path / "out", capsys)
    assert code == 2
    assert err.strip() == "error: seeds/manifest.csv line 1, column url: named twice in " \
                          "the header"


def test_an_article_of_boilerplate_only_is_refused_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    furniture = "تابعونا على واتساب\nاقرأ أيضا:\nسياسة الخصوصية وملفات تعريف الارتباط\n"
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": GOOD_ARTICLE.encode(),
                                             "a2.txt": furniture.encode()},
                        "a1,a1.txt,Outlet,high,,unknown,2020-01-02,high,\n"
                        "a2,a2.txt,Outlet,high,,unknown,2020-01-03,high,\n")
    code, err = _run(seeds, tmp_path / "out", capsys)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1
    assert "article a2 (a2.txt): nothing is left after removing site boilerplate" in err
    assert "schema" not in err and "internal" not in err


def test_a_full_disk_while_streaming_articles_is_one_error(
        one_good_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the articles table is written; the failing writer must not
    raise again when it is collected ("Exception ignored in ParquetWriter.__del__")."""
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    monkeypatch.setattr(pq.ParquetWriter, "close", lambda self: full())
    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with pytest.raises(OSError, match="No space left"):
        build(one_good_article, tmp_path / "out", cache=False)
    gc.collect()
    assert ignored == []
    assert not (tmp_path / "out" / "data").exists()
