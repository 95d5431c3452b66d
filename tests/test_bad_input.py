"""Bad input stops the build with one line naming the file (and line/column), exits
non-zero, and leaves the previously built package exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coalition_data.cli import main
from tests.conftest import GOOD_ARTICLE, write_seeds

ROW = "{id},{file},Outlet,high,,unknown,{date},{conf},\n"


def _snapshot(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*")) if p.is_file()
    }


@pytest.fixture
def previous_package(tmp_path: Path, one_good_article: Path) -> Path:
    out = tmp_path / "out"
    assert main(["build", "--seeds", str(one_good_article), "--out", str(out)]) == 0
    return out


CASES = {
    "windows-1256 text": (
        {"a1.txt": "اجتماع التحالف في الكويت".encode("cp1256")},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "not valid UTF-8"],
    ),
    "empty file": (
        {"a1.txt": b"  \n"},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "empty"],
    ),
    "txt without manifest row": (
        {"a1.txt": GOOD_ARTICLE.encode(), "a2.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a2.txt", "no row in", "manifest.csv"],
    ),
    "manifest row without file": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high")
        + ROW.format(id="a2", file="missing.txt", date="2020-01-02", conf="high"),
        ["manifest.csv line 3, column file", "missing.txt", "does not exist"],
    ),
    "duplicate article_id": (
        {"a1.txt": GOOD_ARTICLE.encode(), "a2.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high")
        + ROW.format(id="a1", file="a2.txt", date="2020-01-02", conf="high"),
        ["manifest.csv line 3, column article_id", "duplicate 'a1'", "line 2"],
    ),
    "impossible publication month": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2016-13", conf="high"),
        ["manifest.csv line 2, column published_date", "2016-13", "not a real month"],
    ),
    "publication interval ending before it starts": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2016-02-10/2016-02-01", conf="high"),
        ["manifest.csv line 2, column published_date", "ends before it starts"],
    ),
    "impossible publication date": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2016-02-30", conf="high"),
        ["manifest.csv line 2, column published_date", "2016-02-30", "not a real date"],
    ),
    "path outside seeds": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="../secret.txt", date="2020-01-02", conf="high"),
        ["manifest.csv line 2, column file", "../secret.txt", "must be a path inside bad/"],
    ),
    "UTF-16LE without a byte order mark": (
        {"a1.txt": GOOD_ARTICLE.encode("utf-16-le")},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "not text", "byte 1", "UTF-16"],
    ),
    "UTF-16 with a byte order mark": (
        {"a1.txt": GOOD_ARTICLE.encode("utf-16")},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "UTF-16", "byte 0"],
    ),
    "NUL inside the text": (
        {"a1.txt": (GOOD_ARTICLE[:4] + "\x00" + GOOD_ARTICLE[4:]).encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "control character U+0000", "byte 7"],
    ),
    "binary data": (
        {"a1.txt": bytes(range(0, 40)) * 3},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "not text"],
    ),
    "article in a sub-folder without a row": (
        {"a1.txt": GOOD_ARTICLE.encode(), "sub/x.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["sub/x.txt", "no row in"],
    ),
    "upper-case .TXT without a row": (
        {"a1.txt": GOOD_ARTICLE.encode(), "x.TXT": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["x.TXT", "no row in"],
    ),
    "name with a trailing space without a row": (
        {"a1.txt": GOOD_ARTICLE.encode(), "x.txt ": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["x.txt ", "no row in"],
    ),
    "manifest field above the CSV limit": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high").replace(
            ",\n", ',"' + "x" * 200_000 + '"\n'),
        ["manifest.csv line 2, column notes", "longer than any manifest value"],
    ),
    "article larger than the size limit": (
        {"a1.txt": GOOD_ARTICLE.encode() * 40_000},
        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"),
        ["a1.txt", "more than an article"],
    ),
    "missing manifest": (
        {"a1.txt": GOOD_ARTICLE.encode()},
        None,
        ["manifest.csv", "not found"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_with_named_location_and_keeps_previous_package(
    case: str, tmp_path: Path, previous_package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, manifest, expected = CASES[case]
    (tmp_path / "secret.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    bad = write_seeds(tmp_path / "bad", files, manifest)
    before = _snapshot(previous_package)
    code = main(["build", "--seeds", str(bad), "--out", str(previous_package)])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1, err
    for part in expected:
        assert part in err, f"{part!r} not in {err!r}"
    assert _snapshot(previous_package) == before


def test_bom_and_crlf_are_normalised_not_rejected(tmp_path: Path) -> None:
    raw = ("\ufeff" + GOOD_ARTICLE.replace("\n", "\r\n") + "سطر ثان.\r\n").encode()
    seeds = write_seeds(tmp_path / "seeds", {"a1.txt": raw},
                        ROW.format(id="a1", file="a1.txt", date="2020-01-02", conf="high"))
    out = tmp_path / "out"
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 0
    from coalition_data import load

    text = load("articles", out).row(0, named=True)["text"]
    assert "\r" not in text and "\ufeff" not in text
    assert text.endswith("سطر ثان.")
    assert load("articles", out).row(0, named=True)["whitespace_fixes"] >= 3


def test_line_numbers_count_physical_lines_after_quoted_line_breaks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = ('a1,a1.txt,"An outlet\nwith a line break",high,,unknown,2020-01-02,high,\n'
                + ROW.format(id="a2", file="a2.txt", date="2020-02-30", conf="high"))
    bad = write_seeds(tmp_path / "bad", {"a1.txt": GOOD_ARTICLE.encode(),
                                         "a2.txt": GOOD_ARTICLE.encode()}, manifest)
    assert main(["build", "--seeds", str(bad), "--out", str(tmp_path / "out")]) != 0
    assert "manifest.csv line 4, column published_date" in capsys.readouterr().err


def test_invisible_and_compatibility_characters_do_not_change_facts() -> None:
    import datetime as dt

    from tests.articles_fixture import facts

    plain = ("عقد وزراء التحالف الدولي ضد داعش اجتماعهم اليوم في روما، وتعهدت ألمانيا "
             "بتقديم 200 مليون دولار.")
    odd = (plain.replace("200", "2\u061c00").replace("روما", "رو\u200bما")
           .replace("داعش", "\u2066داعش\u2069").replace("اجتماعهم", "اجتماعهم\u00a0"))
    odd_digits = plain.replace("200", "\uff12\uff10\uff10")
    pub = dt.date(2020, 1, 2)
    want = facts(("a", pub, plain))
    for text in (odd, odd_digits):
        got = facts(("a", pub, text))
        assert [(m["city_en"], m["date_start"]) for m in got["meetings"]] == \
            [(m["city_en"], m["date_start"]) for m in want["meetings"]]
        assert [(p["donor"], p["amount_min"]) for p in got["pledges"]] == [("DE", 2e8)]
