"""Shared fixtures: a built copy of the seed package, and a factory for bad seed folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coalition_data.paths import DEFAULT_SEEDS, MANIFEST_NAME
from coalition_data.pipeline import build

MANIFEST_HEADER = "article_id,file,outlet,outlet_confidence,url,url_confidence," \
                  "published_date,published_date_confidence,notes\n"
GOOD_ARTICLE = "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا اليوم في روما.\n"


@pytest.fixture(autouse=True)
def own_extraction_cache(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty extraction cache of its own: no test reads results that
    another test (or the developer's builds) left behind."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("COALITION_CACHE", str(folder))
    # the key that authenticates entries: outside the cache, never the developer's own
    monkeypatch.setenv("COALITION_CACHE_KEY", str(tmp_path_factory.mktemp("key") / "cache.key"))
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles built once into a temporary package folder."""
    out = tmp_path_factory.mktemp("package")
    build(DEFAULT_SEEDS, out, cache=False)
    return out


def write_seeds(folder: Path, files: dict[str, bytes], manifest: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    if manifest is not None:
        (folder / MANIFEST_NAME).write_text(MANIFEST_HEADER + manifest, encoding="utf-8")
    return folder


@pytest.fixture
def one_good_article(tmp_path: Path) -> Path:
    return write_seeds(
        tmp_path / "seeds",
        {"a1.txt": GOOD_ARTICLE.encode()},
        "a1,a1.txt,Test outlet,high,,unknown,2020-01-02,high,\n",
    )


@pytest.fixture
def copy_of_seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS, target, ignore=shutil.ignore_patterns("registry"))
    return target
