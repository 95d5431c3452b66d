"""Per-article work runs in worker processes on large corpora: the result is the same
package, byte for byte, as a build in one process (and the workers never hang)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coalition_data import pipeline
from coalition_data.paths import DEFAULT_SEEDS


def _digests(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((out / "data").iterdir())}


def test_workers_give_the_same_package_as_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COALITION_WORKERS", "1")
    pipeline.build(DEFAULT_SEEDS, tmp_path / "serial")
    monkeypatch.setenv("COALITION_WORKERS", "2")
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    pipeline.build(DEFAULT_SEEDS, tmp_path / "parallel")
    assert _digests(tmp_path / "parallel") == _digests(tmp_path / "serial")
