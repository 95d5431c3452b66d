"""Content-addressed cache of per-article results, so an unchanged article is never
extracted twice.

The key of an article is a digest of everything its result depends on: its raw bytes,
its manifest row, the registry's content, the schema declaration and the code of the
package. Any change to one of them is a different key (never a stale hit); entries
are written atomically (temporary file, then rename), so a crash leaves no half entry,
and an unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from pathlib import Path

from coalition_data.engines import ArticleResult, code_digest
from coalition_data.read import ManifestRow


def default_cache_dir() -> Path:
    """$COALITION_CACHE, else $XDG_CACHE_HOME/coalition-data, else ~/.cache/..."""
    if os.environ.get("COALITION_CACHE"):
        return Path(os.environ["COALITION_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coalition-data"


class ExtractionCache:
    def __init__(self, folder: Path, registry_digest: str) -> None:
        self.folder = Path(folder)
        self.version = hashlib.sha256(
            f"{code_digest()}:{registry_digest}".encode()).hexdigest()
        self.hits = self.misses = 0

    def key(self, meta: ManifestRow, raw_sha256: str) -> str:
        return hashlib.sha256(f"{self.version}\0{raw_sha256}\0{meta!r}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl.z"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> ArticleResult | None:
        try:
            data = self._path(key).read_bytes()
            result = pickle.loads(zlib.decompress(data))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError,
                ImportError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: ArticleResult) -> None:
        path = self._path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(zlib.compress(pickle.dumps(result, protocol=5), 1))
            os.replace(tmp, path)
        except OSError:  # a cache that cannot be written only costs time
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
