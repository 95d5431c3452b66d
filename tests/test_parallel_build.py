"""Per-article work runs on an engine: in the build process, in local worker processes,
or on a Dask cluster. Whichever runs it, the package is the same, byte for byte."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from coalition_data import pipeline
from coalition_data.errors import BuildError
from coalition_data.paths import DEFAULT_SEEDS
from coalition_data.reference.registry import registry_digest


def _digests(out: Path) -> dict[str, str]:
    files = [*sorted((out / "data").iterdir()), out / "datapackage.json"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_workers_give_the_same_package_as_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline.build(DEFAULT_SEEDS, tmp_path / "serial", engine="serial", cache=False)
    monkeypatch.setenv("COALITION_WORKERS", "2")
    monkeypatch.setattr(pipeline, "CHUNK", 1)  # several chunks in flight, out of order
    pipeline.build(DEFAULT_SEEDS, tmp_path / "parallel", engine="processes", cache=False)
    assert _digests(tmp_path / "parallel") == _digests(tmp_path / "serial")


def test_auto_uses_workers_only_for_large_corpora(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COALITION_WORKERS", "2")
    assert pipeline._engine_for("auto", pipeline.PARALLEL_FROM) == "processes"
    assert pipeline._engine_for("auto", pipeline.PARALLEL_FROM - 1) == "serial"
    monkeypatch.setenv("COALITION_WORKERS", "1")
    assert pipeline._engine_for("auto", 10 * pipeline.PARALLEL_FROM) == "serial"
    assert pipeline._engine_for("dask", 1) == "dask"


def test_a_dask_cluster_gives_the_same_package(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    pipeline.build(DEFAULT_SEEDS, tmp_path / "local", engine="serial", cache=False)
    monkeypatch.setenv("COALITION_WORKERS", "2")  # a local cluster of two workers
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    pipeline.build(DEFAULT_SEEDS, tmp_path / "dask", engine="dask", cache=False)
    assert _digests(tmp_path / "dask") == _digests(tmp_path / "local")


def test_a_dask_scheduler_address_is_used(tmp_path: Path) -> None:
    """--scheduler ADDRESS: the build runs on that cluster (here one started by the test,
    as a user's would be), whose workers receive the build's own registry (no shared
    file system needed), and leaves the cluster running."""
    distributed = pytest.importorskip("dask.distributed")
    seeds = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS, seeds)  # with a registry of its own, edited:
    path = seeds / "registry" / "un_resolutions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("2178,")),
                    encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        pipeline.build(seeds, tmp_path / "remote", engine="dask",
                       address=cluster.scheduler_address, cache=False)
        assert client.scheduler_info()["workers"]  # still up
        ran = client.run(_worker_registry_digest)
        assert set(ran.values()) == {registry_digest(seeds / "registry")}
    pipeline.build(seeds, tmp_path / "local", engine="serial", cache=False)
    assert _digests(tmp_path / "remote") == _digests(tmp_path / "local")


def _worker_registry_digest() -> str:
    from coalition_data.reference.registry import active_registry_digest

    return active_registry_digest()


def test_an_unknown_engine_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="unknown engine 'spark'"):
        pipeline.build(DEFAULT_SEEDS, tmp_path / "x", engine="spark", cache=False)
    assert not (tmp_path / "x" / "data").exists()


def test_a_worker_with_other_code_or_another_registry_refuses_work() -> None:
    """Results made by another version of the code, or with another registry, would
    differ silently: a remote worker checks both digests before extracting."""
    from coalition_data.engines import code_digest, prepare_chunk
    from coalition_data.reference.registry import active_registry_digest

    assert prepare_chunk([], active_registry_digest(), code_digest()) == []
    with pytest.raises(BuildError, match="other code"):
        prepare_chunk([], active_registry_digest(), "0" * 64)
    with pytest.raises(BuildError, match="registry"):
        prepare_chunk([], "0" * 64, code_digest())
