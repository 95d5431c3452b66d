"""Publish a staged package into OUT with one atomic step, under a lock.

Layout of OUT (Linux and macOS: it relies on symbolic links and rename(2)):

    OUT/datapackage.json -> .package/current/datapackage.json
    OUT/data             -> .package/current/data
    OUT/.package/current -> v-<digest>          the one pointer that moves
    OUT/.package/v-<digest>/{datapackage.json, data/}
    OUT/.package/.lock                          held while a build writes

A build stages the whole package in `.package/.staging-*`, renames it to its version
folder (named by the digest of its descriptor, so an identical rebuild is the same
folder) and then replaces the `current` link with one rename: readers see the old
package or the new one, never a mixture, whatever moment a build is killed at. An OUT
in the older layout (real data/ and datapackage.json) is first copied into a version of
its own and switched to links, each step leaving a whole package. Stale staging folders
and versions no longer current are removed at the next build.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from coalition_data.errors import BuildError
from coalition_data.paths import DATA_DIR_NAME, DESCRIPTOR_NAME

STATE = ".package"
CURRENT = "current"
LOCK = ".lock"


def _crash_point(step: str) -> None:
    """Test hook: COALITION_CRASH_AT=<step> kills the process at that step, as a power
    cut would (no cleanup, no exception handlers)."""
    if os.environ.get("COALITION_CRASH_AT") == step:
        os._exit(99)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[Path]:
    """Hold OUT's build lock; a second build into the same OUT fails in one line."""
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: --out must be a folder, not a file")
    state = out / STATE
    state.mkdir(parents=True, exist_ok=True)
    fh = (state / LOCK).open("a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{out}: another build is writing this package now; wait for it "
                             "to finish") from None
        _clean_stale(state)
        yield state
    finally:
        fh.close()


def _clean_stale(state: Path) -> None:
    """Remove staging folders of killed builds and versions no longer current."""
    current = _current_version(state)
    for p in state.iterdir():
        if p.name.startswith(".staging-") or (p.name.startswith("v-") and p.name != current):
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(f"{CURRENT}.") or p.name.endswith(".link"):
            p.unlink(missing_ok=True)


def _current_version(state: Path) -> str | None:
    link = state / CURRENT
    return os.readlink(link) if link.is_symlink() else None


@contextlib.contextmanager
def staging(state: Path) -> Iterator[Path]:
    tmp = Path(tempfile.mkdtemp(prefix=".staging-", dir=state))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _digest(staged: Path) -> str:
    return hashlib.sha256((staged / DESCRIPTOR_NAME).read_bytes()).hexdigest()[:16]


def _point(state: Path, version: str) -> None:
    """Atomically make `current` name `version` (a new link renamed over the old)."""
    tmp = state / f"{CURRENT}.{os.getpid()}.link"
    tmp.unlink(missing_ok=True)
    os.symlink(version, tmp)
    _crash_point("before-switch")
    os.replace(tmp, state / CURRENT)
    _crash_point("after-switch")


def _ensure_links(out: Path) -> None:
    """OUT/data and OUT/datapackage.json as links into `current`; an older real folder
    or file is first preserved as a version of its own, so every step is whole."""
    state = out / STATE
    data, desc = out / DATA_DIR_NAME, out / DESCRIPTOR_NAME
    data_target = Path(STATE) / CURRENT / DATA_DIR_NAME
    desc_target = Path(STATE) / CURRENT / DESCRIPTOR_NAME
    if data.is_symlink() and desc.is_symlink():
        return
    if (data.is_dir() and not data.is_symlink()) and (desc.is_file() and not desc.is_symlink()):
        # the older layout: copy it into a version and point `current` at it first
        old = Path(tempfile.mkdtemp(prefix=".staging-", dir=state))
        os.chmod(old, 0o755)
        shutil.copytree(data, old / DATA_DIR_NAME)
        shutil.copy2(desc, old / DESCRIPTOR_NAME)
        version = f"v-{_digest(old)}"
        if (state / version).exists():
            shutil.rmtree(old)
        else:
            os.rename(old, state / version)
        _point(state, version)
    for path, target in ((data, data_target), (desc, desc_target)):
        if path.is_symlink():
            continue
        tmp = out / f".{path.name}.{os.getpid()}.link"
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp)
        if path.is_dir():
            exchange(tmp, path)  # the old folder now sits at tmp
            _crash_point("migrated-" + path.name)
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, path)
            _crash_point("migrated-" + path.name)


def exchange(a: Path, b: Path) -> None:
    """renameat2(RENAME_EXCHANGE): swap two paths in one step (Linux)."""
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    at_fdcwd, rename_exchange = -100, 2
    if libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange):
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(b))


def publish(staged: Path, out: Path) -> None:
    """Move the staged package (staged/{datapackage.json, data/}) in as OUT's current one."""
    state = out / STATE
    version = f"v-{_digest(staged)}"
    target = state / version
    if target.exists() and _current_version(state) == version:
        _ensure_links(out)
        return  # an identical rebuild: nothing to switch
    if target.exists():
        shutil.rmtree(target)
    os.chmod(staged, 0o755)  # mkdtemp makes it private; a published package is not
    _crash_point("before-rename")
    os.rename(staged, target)
    _crash_point("after-rename")
    if _current_version(state) is None and not (out / DATA_DIR_NAME).exists():
        _point(state, version)  # a first build: no older package to keep whole
        _ensure_links(out)
        return
    _ensure_links(out)
    _point(state, version)
    for p in state.iterdir():  # the previous version is no longer reachable
        if p.name.startswith("v-") and p.name != version:
            shutil.rmtree(p, ignore_errors=True)
