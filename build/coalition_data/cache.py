"""Content-addressed cache of per-article digests: an entry can only save time, never
change the output.

The key of an article is a digest of everything its result depends on: its raw bytes,
its manifest row, the registry's content, the schema declaration and the code of the
package. Any change to one of them is a different key (never a stale hit).

A cache folder may be shared (a team disk, a CI cache restored from an artifact), so an
entry is treated as untrusted input:

- it is plain data, not a pickle: zlib-compressed JSON of the article's digest, decoded
  field by field against the digest dataclasses' type hints (plain.py), so reading it
  can build nothing else and run no code;
- its size is checked before it is read and its decompressed size while decompressing
  (a zlib bomb or a 10 GB sparse file is refused, not loaded);
- it is authenticated with HMAC-SHA256 under a key kept outside the cache folder
  (`$COALITION_CACHE_KEY`, else ~/.config/coalition-data/cache.key, made on first use,
  readable by its owner only): an entry someone else wrote is refused;
- it names its own key, article and raw-bytes digest, which must be the ones looked up;
- the article's row and text never come from it: they are made from the bytes read in
  this build, and every quote of the entry must be that text at its offsets
  (`check_digest`, run where the row is made).

An entry failing any check is a miss: the article is extracted again and the entry
rewritten; the build says so once (`ExtractionCache.rejected`). Entries are written
atomically (temporary file, then rename): a crash leaves no half entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
import zlib
from pathlib import Path
from typing import Any

from coalition_data.digest import ArticleDigest
from coalition_data.extract.doc import Evidence
from coalition_data.plain import PlainError, from_plain, to_plain
from coalition_data.read import ManifestRow

MAGIC = b"coalition-data cache entry 2\n"
TAG_BYTES = 32  # HMAC-SHA256
MAX_ENTRY_BYTES = 16 * 2**20  # on disk, checked before reading
MAX_PLAIN_BYTES = 16 * 2**20  # the JSON, checked while decompressing
SUFFIX = ".json.z"


def default_cache_dir() -> Path:
    """$COALITION_CACHE, else $XDG_CACHE_HOME/coalition-data, else ~/.cache/..."""
    if os.environ.get("COALITION_CACHE"):
        return Path(os.environ["COALITION_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coalition-data"


def default_key_file() -> Path:
    """$COALITION_CACHE_KEY, else $XDG_CONFIG_HOME/coalition-data/cache.key, else
    ~/.config/...: a place of the user's own, not the (maybe shared) cache folder."""
    if os.environ.get("COALITION_CACHE_KEY"):
        return Path(os.environ["COALITION_CACHE_KEY"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "coalition-data" / "cache.key"


class CacheKeyError(Exception):
    """No usable key: the cache is left alone (neither read nor written)."""


def load_key(path: Path, cache_folder: Path) -> bytes:
    """The secret that authenticates entries, created (random, mode 0600) when missing.
    Refused when it lies inside the cache folder or others may read or write it."""
    folder = cache_folder.resolve()
    if path.resolve().is_relative_to(folder):
        raise CacheKeyError(f"the key {path} must not be inside the cache folder {folder}")
    if not path.exists():
        _create_key(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise CacheKeyError(f"cannot read the key {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise CacheKeyError(f"the key {path} is not a regular file")
        if st.st_mode & 0o077 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            raise CacheKeyError(f"the key {path} is not private (owner only, mode 600): "
                                "anyone who can read it can forge cache entries")
        data = fh.read(200).strip()
    try:
        key = bytes.fromhex(data.decode("ascii"))
    except ValueError:
        raise CacheKeyError(f"the key {path} is not 64 hexadecimal digits") from None
    if len(key) < 32:
        raise CacheKeyError(f"the key {path} is shorter than 32 bytes")
    return key


def _create_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)  # never replaces a key another build made meanwhile
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)


class EntryError(Exception):
    """Why an entry is not used (said once per build)."""


def check_digest(digest: ArticleDigest, row: dict[str, Any]) -> str | None:
    """Why a cached digest does not belong to this article's text, or None. Walks every
    dataclass in it (fields others add are covered): each `article_id` must be the
    article's and each evidence quote its text at the offsets."""
    article_id, text = row["article_id"], row["text"]
    if not row["on_topic"] and not digest.empty:
        return "facts for an article the relevance gate drops"
    stack: list[Any] = [digest]
    while stack:
        value = stack.pop()
        if isinstance(value, (list, tuple, frozenset)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif dataclasses.is_dataclass(value):
            if getattr(value, "article_id", article_id) != article_id:
                return f"a fact of article {value.article_id!r}"
            if isinstance(value, Evidence):
                s, e = value.char_start, value.char_end
                if not (0 <= s <= e <= len(text)) or text[s:e] != value.quote:
                    return f"quote at {s}-{e} is not the article's text there"
            stack.extend(getattr(value, f.name) for f in dataclasses.fields(value))
    return None


class ExtractionCache:
    """Entries keyed by `key()`; `get` returns a digest only after every check that can
    be made without the article's text (`check_digest` makes the rest)."""

    def __init__(self, folder: Path, registry_digest: str, secret: bytes | None = None,
                 key_file: Path | None = None) -> None:
        from coalition_data.engines import code_digest

        self.folder = Path(folder)
        self.version = hashlib.sha256(
            f"{code_digest()}:{registry_digest}".encode()).hexdigest()
        self.hits = 0  # entries used (counted by the build once checked against the text)
        self.rejected = 0  # entries found but failing a check
        self.first_rejection: str | None = None
        self.unusable: str | None = None  # why the cache is not used at all
        self.secret = secret
        if secret is None:
            try:
                self.secret = load_key(key_file or default_key_file(), self.folder)
            except (CacheKeyError, OSError) as exc:
                self.unusable = str(exc)

    def key(self, meta: ManifestRow, raw_sha256: str) -> str:
        return hashlib.sha256(f"{self.version}\0{raw_sha256}\0{meta!r}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def has(self, key: str) -> bool:
        return self.secret is not None and self.path(key).is_file()

    def reject(self, key: str, why: str) -> None:
        """Count an entry that failed a check (the first one's reason is kept)."""
        self.rejected += 1
        if self.first_rejection is None:
            self.first_rejection = f"{self.path(key)}: {why}"

    def get(self, key: str, article_id: str, raw_sha256: str) -> ArticleDigest | None:
        """The entry's digest when it is authentic and made for exactly this article and
        these bytes; None (a miss) otherwise."""
        if self.secret is None:
            return None
        try:
            return self._read(key, article_id, raw_sha256)
        except FileNotFoundError:
            return None
        except (EntryError, OSError) as exc:
            self.reject(key, str(exc) or type(exc).__name__)
            return None

    def _read(self, key: str, article_id: str, raw_sha256: str) -> ArticleDigest:
        fd = os.open(self.path(key), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise EntryError("not a regular file")
            if st.st_size > MAX_ENTRY_BYTES:
                raise EntryError(f"{st.st_size:,} bytes (limit {MAX_ENTRY_BYTES:,})")
            data = fh.read(MAX_ENTRY_BYTES + 1)
        if len(data) > MAX_ENTRY_BYTES:
            raise EntryError(f"more than {MAX_ENTRY_BYTES:,} bytes")
        head = len(MAGIC) + TAG_BYTES
        if not data.startswith(MAGIC) or len(data) < head:
            raise EntryError("not a cache entry of this format")
        tag, body = data[len(MAGIC):head], data[head:]
        if not hmac.compare_digest(tag, self._tag(key, body)):
            raise EntryError("not authentic (made without this user's cache key)")
        plain = _inflate(body)
        try:
            entry = json.loads(plain.decode("utf-8"), parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise EntryError(f"not JSON ({type(exc).__name__})") from None
        if type(entry) is not dict or set(entry) != {"key", "article_id", "raw_sha256",
                                                     "digest"}:
            raise EntryError("not a cache entry object")
        expected = {"key": key, "article_id": article_id, "raw_sha256": raw_sha256}
        for name, value in expected.items():
            if entry[name] != value:
                raise EntryError(f"made for another {name.replace('_', ' ')}")
        try:
            digest = from_plain(entry["digest"], ArticleDigest)
        except (PlainError, TypeError, RecursionError) as exc:
            raise EntryError(f"digest: {exc}") from None
        if digest.article_id != article_id:
            raise EntryError("digest of another article")
        return digest

    def _tag(self, key: str, body: bytes) -> bytes:
        assert self.secret is not None
        return hmac.new(self.secret, MAGIC + key.encode("ascii") + b"\0" + body,
                        hashlib.sha256).digest()

    def put(self, key: str, article_id: str, raw_sha256: str,
            digest: ArticleDigest) -> None:
        """Store a digest; one that cannot be stored (or read back within the limits)
        only costs time next build."""
        if self.secret is None:
            return
        try:
            plain = json.dumps({"key": key, "article_id": article_id,
                                "raw_sha256": raw_sha256,
                                "digest": to_plain(digest, ArticleDigest)},
                               ensure_ascii=False, allow_nan=False,
                               separators=(",", ":")).encode("utf-8")
        except (PlainError, ValueError, RecursionError):
            return
        if len(plain) > MAX_PLAIN_BYTES:
            return
        body = zlib.compress(plain, 1)
        data = MAGIC + self._tag(key, body) + body
        if len(data) > MAX_ENTRY_BYTES:
            return
        path = self.path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:  # a cache that cannot be written only costs time
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _inflate(body: bytes) -> bytes:
    """Decompress at most MAX_PLAIN_BYTES: a zlib bomb stops at the limit."""
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(body, MAX_PLAIN_BYTES)
    except zlib.error as exc:
        raise EntryError(f"not zlib data ({exc})") from None
    if inflater.unconsumed_tail:
        raise EntryError(f"decompresses to more than {MAX_PLAIN_BYTES:,} bytes")
    if not inflater.eof or inflater.unused_data:
        raise EntryError("truncated or trailing data")
    return plain


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a digest holds")
