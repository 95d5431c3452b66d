"""The extraction cache is untrusted input: a hand-made entry can only cost time, never
run code or change a published byte.

Each attack of issue 22 is made on the entries a real build wrote, by someone who can
write to the cache folder but does not hold the user's key, and the rebuild's files are
compared with a `--no-cache` build. The forging helpers understand the entry format
before this change too (a zlib-compressed pickle), so that each attack is the same
attack on the old code, where it succeeded. A second group signs forged entries with the
user's own key: the checks behind the signature (the entry's key, article and bytes, the
types, the quotes against the text read in this build, the size limits) still refuse
them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import pickle
import secrets
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import coalition_data
from coalition_data.cli import main
from coalition_data.digest import ArticleDigest, StateCandidate
from coalition_data.paths import DEFAULT_SEEDS
from coalition_data.pipeline import build

NEW_MAGIC = b"coalition-data cache entry"
ATTACKER_KEY = secrets.token_bytes(32)  # not the user's key: what a cache writer has
BUILD_DIR = str(Path(coalition_data.__file__).resolve().parents[1])


def _files(out: Path) -> dict[str, str]:
    files = [*sorted((out / "data").iterdir()), out / "datapackage.json"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The files of a --no-cache build of the seeds: what every rebuild must equal."""
    out = tmp_path_factory.mktemp("clean")
    build(DEFAULT_SEEDS, out, cache=False)
    return _files(out)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A cache folder filled by a real build of the seeds."""
    folder = tmp_path / "cache"
    build(DEFAULT_SEEDS, tmp_path / "first", cache=folder)
    return folder


def _entries(cache: Path) -> list[Path]:
    found = sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(found) == 5  # one per seed article
    return found


def _user_key() -> bytes:
    return bytes.fromhex(Path(os.environ["COALITION_CACHE_KEY"]).read_text().strip())


Save = Callable[[dict | None, ArticleDigest, bytes], bytes]


def _open(path: Path) -> tuple[dict | None, ArticleDigest, Save]:
    """(row or None, digest, save) of an entry; save(row, digest, key) gives the bytes of
    an entry holding them, signed with `key` (the format before this change had no row
    outside the entry and no signature)."""
    data = path.read_bytes()
    if data.startswith(NEW_MAGIC):
        from coalition_data.cache import MAGIC, TAG_BYTES
        from coalition_data.plain import from_plain, to_plain

        plain = json.loads(zlib.decompress(data[len(MAGIC) + TAG_BYTES:]))

        def save(row: dict | None, digest: ArticleDigest, key: bytes) -> bytes:
            body = zlib.compress(json.dumps(
                dict(plain, digest=to_plain(digest, ArticleDigest)),
                ensure_ascii=False).encode())
            tag = hmac.new(key, MAGIC + plain["key"].encode() + b"\0" + body,
                           hashlib.sha256).digest()
            return MAGIC + tag + body

        return None, from_plain(plain["digest"], ArticleDigest), save
    row, digest = pickle.loads(zlib.decompress(data))  # the old format: the test's own file
    return row, digest, lambda r, d, key: zlib.compress(pickle.dumps((r, d)))


def _forge(cache: Path, edit: Callable[[dict | None, ArticleDigest], ArticleDigest | None],
           key: bytes = ATTACKER_KEY) -> int:
    """Apply `edit` to every entry it accepts (returns a digest); how many were forged."""
    n = 0
    for path in _entries(cache):
        row, digest, save = _open(path)
        forged = edit(row, digest)
        if forged is not None:
            path.write_bytes(save(row, forged, key))
            n += 1
    return n


def _rebuild(tmp_path: Path, cache: Path, name: str = "again") -> Path:
    out = tmp_path / name
    build(DEFAULT_SEEDS, out, cache=cache)
    return out


# -- attacks by someone who can write the cache folder ------------------------------------

class _WritesMarker:
    """A pickle that creates a file when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def test_an_entry_that_would_run_code_runs_none(tmp_path: Path, cache: Path,
                                                clean: dict[str, str]) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_WritesMarker(marker))
    for path in _entries(cache):
        path.write_bytes(zlib.compress(payload))
    out = _rebuild(tmp_path, cache)
    assert not marker.exists()
    assert _files(out) == clean


def _times_1000(row: dict | None, digest: ArticleDigest) -> ArticleDigest | None:
    if not digest.pledges:
        return None
    p = digest.pledges[0]
    bigger = dataclasses.replace(
        p, amount_min=p.amount_min * 1000,
        amount_max=None if p.amount_max is None else p.amount_max * 1000)
    return dataclasses.replace(digest, pledges=[bigger, *digest.pledges[1:]])


def test_a_pledge_times_1000_with_its_quote_untouched_is_not_published(
        tmp_path: Path, cache: Path, clean: dict[str, str]) -> None:
    assert _forge(cache, _times_1000) >= 1
    assert _files(_rebuild(tmp_path, cache)) == clean


def _add_israel(row: dict | None, digest: ArticleDigest) -> ArticleDigest | None:
    states = [c for c in digest.candidates if isinstance(c, StateCandidate)]
    if not states:
        return None
    real = states[0]  # its quote is real text of the article
    fake = dataclasses.replace(real, code="IL", name_ar="إسرائيل")
    return dataclasses.replace(digest, candidates=[*digest.candidates, fake])


def test_an_extra_state_quoting_real_text_is_not_published(
        tmp_path: Path, cache: Path, clean: dict[str, str]) -> None:
    assert _forge(cache, _add_israel) >= 1
    assert _files(_rebuild(tmp_path, cache)) == clean


def _replace_text(row: dict | None, digest: ArticleDigest) -> ArticleDigest | None:
    """The article's text begins with a forged word, quoted by a forged state."""
    states = [c for c in digest.candidates if isinstance(c, StateCandidate)]
    if not states:
        return None
    word = "إسرائيل"
    if row is not None:  # the old format carried the text: forged consistently
        row["text"] = word + row["text"][len(word):]
        row["text_sha256"] = hashlib.sha256(row["text"].encode()).hexdigest()
    evidence = dataclasses.replace(states[0].evidence, char_start=0, char_end=len(word),
                                   quote=word)
    fake = dataclasses.replace(states[0], code="IL", name_ar=word, evidence=evidence)
    return dataclasses.replace(digest, candidates=[*digest.candidates, fake])


def test_a_replaced_text_with_a_consistent_quote_is_not_published(
        tmp_path: Path, cache: Path, clean: dict[str, str]) -> None:
    assert _forge(cache, _replace_text) >= 1
    assert _files(_rebuild(tmp_path, cache)) == clean


def test_swapped_entries_are_misses(tmp_path: Path, cache: Path,
                                    clean: dict[str, str]) -> None:
    a, b = _entries(cache)[:2]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    again = build(DEFAULT_SEEDS, tmp_path / "again", cache=cache)
    assert again.cache_misses == 2
    assert "2 extraction cache entries failed a check" in again.cache_warning
    assert _files(tmp_path / "again") == clean


def _bomb(gigabytes: int) -> bytes:
    """zlib data inflating to `gigabytes` GiB of zeros (about 1 MB per GiB)."""
    c = zlib.compressobj(9)
    block = bytes(1 << 24)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    same = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)  # each further 16 MiB
    return first + same * (gigabytes * 64 - 1) + c.flush()


def _rebuild_limited(tmp_path: Path, cache: Path) -> subprocess.CompletedProcess:
    """The CLI build in a process that may not use more than 2 GiB of address space."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))"
            "; from coalition_data.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, PYTHONPATH=BUILD_DIR)
    return subprocess.run([sys.executable, "-c", code, "build", "--seeds", str(DEFAULT_SEEDS),
                           "--out", str(tmp_path / "again"), "--cache", str(cache)],
                          capture_output=True, text=True, env=env, timeout=600)


def test_a_zlib_bomb_is_refused_before_it_inflates(tmp_path: Path, cache: Path,
                                                   clean: dict[str, str]) -> None:
    bomb = _bomb(10)
    for path in _entries(cache):
        data = path.read_bytes()  # the new format: its header (magic, signature) kept
        head = data.index(b"\n") + 1 + 32 if data.startswith(NEW_MAGIC) else 0
        path.write_bytes(data[:head] + bomb)
    done = _rebuild_limited(tmp_path, cache)
    assert done.returncode == 0, done.stderr
    assert "5 extraction cache entries failed a check" in done.stderr
    assert _files(tmp_path / "again") == clean


def test_a_10_gb_sparse_entry_is_refused_before_it_is_read(tmp_path: Path, cache: Path,
                                                         clean: dict[str, str]) -> None:
    for path in _entries(cache):
        with path.open("r+b") as fh:
            fh.truncate(10 << 30)
    done = _rebuild_limited(tmp_path, cache)
    assert done.returncode == 0, done.stderr
    assert "failed a check" in done.stderr and "bytes (limit" in done.stderr
    assert _files(tmp_path / "again") == clean


def test_refused_entries_are_said_once_on_stderr(
        tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _forge(cache, lambda row, digest: digest) == 5  # re-signed by the attacker
    code = main(["build", "--seeds", str(DEFAULT_SEEDS), "--out", str(tmp_path / "b"),
                 "--cache", str(cache)])
    err = capsys.readouterr().err
    assert code == 0
    warnings = [ln for ln in err.splitlines() if "failed a check" in ln]
    assert len(warnings) == 1, err
    assert warnings[0].startswith("warning: 5 extraction cache entries failed a check")
    assert "not authentic" in warnings[0]
    # the entries were rewritten: the next build uses them all, silently
    again = build(DEFAULT_SEEDS, tmp_path / "c", cache=cache)
    assert (again.cache_hits, again.cache_warning) == (5, None)


# -- entries signed with the user's own key: the checks behind the signature --------------

def test_even_a_signed_entry_cannot_quote_text_the_article_does_not_have(
        tmp_path: Path, cache: Path, clean: dict[str, str]) -> None:
    assert _forge(cache, _replace_text, key=_user_key()) >= 1
    again = build(DEFAULT_SEEDS, tmp_path / "again", cache=cache)
    assert "is not the article's text there" in again.cache_warning
    assert _files(tmp_path / "again") == clean


def test_a_signed_entry_of_another_article_is_a_miss(tmp_path: Path, cache: Path,
                                                     clean: dict[str, str]) -> None:
    """The digest of one article under another's key (what a swap would be if the
    signature did not cover the key): its article id gives it away."""
    a, b = _entries(cache)[:2]
    _, digest_b, _ = _open(b)
    _, _, save_a = _open(a)
    a.write_bytes(save_a(None, digest_b, _user_key()))
    again = build(DEFAULT_SEEDS, tmp_path / "again", cache=cache)
    assert again.cache_misses == 1 and "digest of another article" in again.cache_warning
    assert _files(tmp_path / "again") == clean


@pytest.mark.parametrize("damage", [
    lambda d: {**d, "pledges": [{**p, "amount_min": str(p["amount_min"])}
                                for p in d["pledges"]]},   # wrong type
    lambda d: {**d, "article_id": 7},                       # wrong type of id
    lambda d: {**d, "extra": []},                           # a field no digest has
    lambda d: {k: v for k, v in d.items() if k != "reports"},  # a field missing
    lambda d: [d],                                          # not an object
], ids=["string-amount", "numeric-id", "extra-field", "missing-field", "list"])
def test_a_signed_entry_of_the_wrong_shape_is_a_miss(
        tmp_path: Path, cache: Path, clean: dict[str, str], damage: Callable) -> None:
    from coalition_data.cache import MAGIC, TAG_BYTES

    key = _user_key()
    for path in _entries(cache):
        data = path.read_bytes()
        plain = json.loads(zlib.decompress(data[len(MAGIC) + TAG_BYTES:]))
        plain["digest"] = damage(plain["digest"])
        body = zlib.compress(json.dumps(plain, ensure_ascii=False).encode())
        tag = hmac.new(key, MAGIC + plain["key"].encode() + b"\0" + body,
                       hashlib.sha256).digest()
        path.write_bytes(MAGIC + tag + body)
    again = build(DEFAULT_SEEDS, tmp_path / "again", cache=cache)
    assert again.cache_hits < 5 and "failed a check" in again.cache_warning
    assert _files(tmp_path / "again") == clean


def test_a_signed_bomb_stops_at_the_limit(tmp_path: Path, cache: Path) -> None:
    from coalition_data.cache import MAGIC, MAX_PLAIN_BYTES, ExtractionCache

    store = ExtractionCache(cache, "r", secret=_user_key())
    body = _bomb(1)
    key = "ab" * 32
    store.path(key).parent.mkdir(parents=True, exist_ok=True)
    store.path(key).write_bytes(MAGIC + store._tag(key, body) + body)
    assert store.get(key, "x", "0" * 64) is None
    assert f"more than {MAX_PLAIN_BYTES:,} bytes" in store.first_rejection


def test_an_entry_that_is_a_symlink_or_a_fifo_is_a_miss(tmp_path: Path, cache: Path,
                                                        clean: dict[str, str]) -> None:
    a, b = _entries(cache)[:2]
    a.unlink()
    a.symlink_to("/dev/zero")
    b.unlink()
    os.mkfifo(b)
    again = build(DEFAULT_SEEDS, tmp_path / "again", cache=cache)
    assert again.cache_misses == 2
    assert _files(tmp_path / "again") == clean


def test_a_key_inside_the_cache_or_readable_by_others_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coalition_data.cache import ExtractionCache

    cache = tmp_path / "cache"
    monkeypatch.setenv("COALITION_CACHE_KEY", str(cache / "cache.key"))
    result = build(DEFAULT_SEEDS, tmp_path / "a", cache=cache)
    assert "must not be inside the cache folder" in result.cache_warning
    assert not any(cache.rglob("*.json.z"))  # nothing written without a key
    key = tmp_path / "shared.key"
    key.write_text("00" * 32)
    key.chmod(0o644)
    store = ExtractionCache(cache, "r", key_file=key)
    assert store.secret is None and "not private" in store.unusable


def test_a_cached_rebuild_of_the_development_set_equals_a_clean_build(
        tmp_path: Path) -> None:
    devset = Path("/work/shared/devset/articles")
    if not devset.is_dir():
        pytest.skip("the development set is not on this machine")
    cache = tmp_path / "cache"
    build(devset, tmp_path / "first", cache=cache, engine="serial")
    again = build(devset, tmp_path / "again", cache=cache, engine="serial")
    assert again.cache_misses == 0 and again.cache_warning is None
    build(devset, tmp_path / "clean", cache=False, engine="serial")
    assert _files(tmp_path / "again") == _files(tmp_path / "clean")
