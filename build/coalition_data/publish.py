"""Publish a staged package into OUT as real files, under a lock, through a journal.

Layout of OUT (plain files: a raw download, `git archive` or a Windows zip sees them):

    OUT/datapackage.json                        the descriptor
    OUT/data/{*.parquet, *.csv, dictionary.md}  the tables
    OUT/.package/.lock                          held while a build writes
    OUT/.package/journal.json                   only while a swap is under way
    OUT/.package/.staging-*/                    the package being built

A build stages the whole package in `.package/.staging-X/{data, datapackage.json}`, then
writes the journal (which staging folder, the inode of its `data` folder and the sha256 of
its descriptor: what OUT must end up as), exchanges the staged `data` with OUT's in one
renameat2(RENAME_EXCHANGE) (two renames where the platform lacks it), renames the new
descriptor over the old one, and removes the journal. A build killed at any moment leaves
either no journal and the old package whole, or a journal that the next build (or
`validate`) completes: the staged package was whole before the journal was written, so
the swap always rolls forward; `load()` refuses to read while a journal is pending. The
descriptor's hashes pin every data file, so a mixture is also caught by `validate`.

Nothing is deleted that this tool did not write: OUT's `data` and `datapackage.json` are
replaced only when they form a package of this tool (every file in `data/` listed by the
descriptor, or the generated dictionary) or the older layout of links into
`.package/current`, which the first build converts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from coalition_data.errors import BuildError
from coalition_data.paths import DATA_DIR_NAME, DESCRIPTOR_NAME

STATE = ".package"
LOCK = ".lock"
JOURNAL = "journal.json"
DICTIONARY = "dictionary.md"
DICTIONARY_MARK = "Generated from `schema/datapackage.toml` by the build"
KEEP = {".gitkeep", DICTIONARY}  # files in data/ a descriptor does not list
# Leftovers of the older link layout (and of builds killed while it was migrated).
_OLD_LINK = re.compile(r"^\.(data|datapackage\.json)\.\d+\.link$")
_OLD_TARGETS = {DATA_DIR_NAME: f"{STATE}/current/{DATA_DIR_NAME}",
                DESCRIPTOR_NAME: f"{STATE}/current/{DESCRIPTOR_NAME}"}


def _crash_point(step: str) -> None:
    """Test hook: COALITION_CRASH_AT=<step> kills the process at that step, as a power
    cut would (no cleanup, no exception handlers)."""
    if os.environ.get("COALITION_CRASH_AT") == step:
        os._exit(99)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _lock(state: Path, out: Path) -> Iterator[None]:
    import fcntl  # POSIX only: load() and validate of a package need no lock module

    fh = (state / LOCK).open("a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{out}: another build is writing this package now; wait for it "
                             "to finish") from None
        yield
    finally:
        fh.close()


@contextlib.contextmanager
def locked(out: Path) -> Iterator[Path]:
    """Hold OUT's build lock; a second build into the same OUT fails in one line. An
    interrupted publish is completed first, leftovers are removed, and an OUT holding
    files this tool did not write is refused before anything is built."""
    if (out.is_symlink() and not out.is_dir()) or (out.exists() and not out.is_dir()):
        raise BuildError(f"{out}: --out must be a folder, not a file")
    state = out / STATE
    if state.exists() and (state.is_symlink() or not state.is_dir()):
        raise BuildError(f"{state}: not a folder this tool wrote; move it away first")
    created = not state.exists()
    state.mkdir(parents=True, exist_ok=True)
    try:
        with _lock(state, out):
            _complete(out)
            _clean_stale(out)
            check_owned(out)
            yield state
    except BuildError:
        if created:
            with contextlib.suppress(OSError):
                (state / LOCK).unlink()
                state.rmdir()
        raise


def check_owned(out: Path) -> None:
    """Refuse (one line) when OUT's data or datapackage.json is not a package this tool
    published: a build must never delete or replace a user's own files."""
    data, desc = out / DATA_DIR_NAME, out / DESCRIPTOR_NAME
    for path in (data, desc):
        if path.is_symlink() and os.readlink(path) != _OLD_TARGETS[path.name]:
            raise BuildError(f"{path}: a link to {os.readlink(path)}, not a package this "
                             "tool published; give another --out or move it away")
    if data.is_symlink() or desc.is_symlink():
        return  # the older layout: converted by the next publish
    if data.exists() and not data.is_dir():
        raise BuildError(f"{data}: a file, not a package's data folder; give another --out "
                         "or move it away")
    if desc.exists() and not desc.is_file():
        raise BuildError(f"{desc}: not a file; give another --out or move it away")
    entries = sorted(data.iterdir()) if data.is_dir() else []
    listed = _listed(desc) if desc.is_file() else set()
    if desc.is_file() and listed is None:
        raise BuildError(f"{desc}: not a descriptor this tool wrote; give another --out or "
                         "move it away")
    foreign = [p for p in entries if p.name not in KEEP and (
        p.is_symlink() or not p.is_file() or p.name not in (listed or set()))]
    dictionary = data / DICTIONARY
    if dictionary.exists() and (dictionary.is_symlink() or not _is_ours(dictionary)):
        foreign.append(dictionary)
    if foreign:
        raise BuildError(f"{foreign[0]}: not written by coalition-data (a build replaces "
                         f"{data} whole); give another --out or move it away")
    if entries and [p.name for p in entries if p.name not in KEEP] and not desc.is_file():
        raise BuildError(f"{data}: tables without a {DESCRIPTOR_NAME}; give another --out or "
                         "move it away")


def _listed(desc: Path) -> set[str] | None:
    """Names of the files in data/ that a descriptor lists; None if it is not ours."""
    try:
        pkg = json.loads(desc.read_text(encoding="utf-8"))
        paths = [r["path"] for r in pkg["resources"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    prefix = f"{DATA_DIR_NAME}/"
    if not all(isinstance(p, str) and p.startswith(prefix) and "/" not in p[len(prefix):]
               for p in paths):
        return None
    return {p[len(prefix):] for p in paths}


def _is_ours(dictionary: Path) -> bool:
    try:
        with dictionary.open(encoding="utf-8") as fh:
            head = [fh.readline() for _ in range(3)]
    except (OSError, UnicodeDecodeError):
        return False
    return head[0].startswith("# Data dictionary") and head[2].startswith(DICTIONARY_MARK)


def _clean_stale(out: Path) -> None:
    """Remove staging folders of killed builds and what remains of the older layout's
    versions (links, or folders when a package was copied with `cp -rL`)."""
    state = out / STATE
    linked = (out / DATA_DIR_NAME).is_symlink() or (out / DESCRIPTOR_NAME).is_symlink()
    for p in state.iterdir():
        if p.name.startswith(".staging-") or (not linked and (
                p.name.startswith("v-") or p.name == "current")) or (
                p.name.startswith("current.") and p.name.endswith(".link")):
            _remove(p)
    for p in out.iterdir():
        if _OLD_LINK.match(p.name):
            _remove(p)


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        p.unlink(missing_ok=True)


@contextlib.contextmanager
def staging(state: Path) -> Iterator[Path]:
    """A private folder to build the package in; removed afterwards unless a journal names
    it (a publish that failed half-way: the next build completes it from there)."""
    tmp = Path(tempfile.mkdtemp(prefix=".staging-", dir=state))
    try:
        yield tmp
    finally:
        if not _journal_names(state / JOURNAL, tmp.name):
            shutil.rmtree(tmp, ignore_errors=True)


def _journal_names(journal: Path, name: str) -> bool:
    try:
        return json.loads(journal.read_text(encoding="utf-8")).get("staging") == name
    except (OSError, ValueError, AttributeError):
        return False


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def exchange(a: Path, b: Path) -> None:
    """renameat2(RENAME_EXCHANGE): swap two paths in one step (Linux)."""
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    at_fdcwd, rename_exchange = -100, 2
    if libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange):
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(b))


def _swap_data(new: Path, current: Path) -> None:
    """Put the folder `new` at `current`; the old one ends up at `new`. One exchange where
    the platform has it, else two renames (the journal covers the moment between them)."""
    if not current.exists() and not current.is_symlink():
        os.rename(new, current)
        return
    try:
        exchange(new, current)
    except (OSError, AttributeError):
        aside = new.with_name(new.name + ".old")
        os.rename(current, aside)
        _crash_point("data-aside")
        os.rename(new, current)
        os.rename(aside, new)


def _journal(out: Path) -> Path:
    return out / STATE / JOURNAL


def pending(root: Path) -> bool:
    """Is a publish into `root` under way or interrupted (its files may be mixed)?"""
    return _journal(Path(root)).exists()


def _complete(out: Path) -> None:
    """Finish the swap a journal describes (roll forward: the staged package was whole
    before the journal was written), then drop the journal and the old files."""
    journal = _journal(out)
    if not journal.exists():
        return
    try:
        j = json.loads(journal.read_text(encoding="utf-8"))
        stage = out / STATE / j["staging"]
        ino, digest = int(j["data_inode"]), str(j["descriptor_sha256"])
        if not re.fullmatch(r"\.staging-[A-Za-z0-9_]+", j["staging"]):
            raise ValueError(j["staging"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{journal}: unreadable journal of an interrupted publish ({exc}); "
                         f"check {out / DATA_DIR_NAME} and remove it") from None
    data, desc = out / DATA_DIR_NAME, out / DESCRIPTOR_NAME
    new_data = stage / DATA_DIR_NAME
    if not (data.is_dir() and not data.is_symlink() and data.stat().st_ino == ino):
        if not (new_data.is_dir() and new_data.stat().st_ino == ino):
            raise BuildError(f"{journal}: the staged data of an interrupted publish is gone; "
                             "rebuild into a new --out")
        _swap_data(new_data, data)
        _crash_point("recover-data")
    if _sha256(desc) != digest:
        staged_desc = stage / DESCRIPTOR_NAME
        if _sha256(staged_desc) != digest:
            raise BuildError(f"{journal}: the staged descriptor of an interrupted publish is "
                             "gone; rebuild into a new --out")
        os.replace(staged_desc, desc)
    _fsync_dir(out)
    journal.unlink()
    _fsync_dir(out / STATE)
    shutil.rmtree(stage, ignore_errors=True)


def recover(root: Path) -> None:
    """Complete an interrupted publish into `root` (what `validate` does before checking);
    a publish still running, or a folder that cannot be written, is one line."""
    root = Path(root)
    if not pending(root):
        return
    try:
        with _lock(root / STATE, root):
            _complete(root)
    except PermissionError:
        raise BuildError(f"{root}: a publish was interrupted and this folder cannot be "
                         "written; run `coalition-data build` there to complete it") from None


def _same(staged: Path, out: Path) -> bool:
    """Is OUT already exactly the staged package (an identical rebuild)?"""
    from coalition_data.errors import ValidationError
    from coalition_data.package import check_hashes

    data, desc = out / DATA_DIR_NAME, out / DESCRIPTOR_NAME
    if data.is_symlink() or desc.is_symlink() or not data.is_dir():
        return False
    if _sha256(desc) != _sha256(staged / DESCRIPTOR_NAME):
        return False
    names = {p.name for p in data.iterdir()} - {".gitkeep"}
    if names != {p.name for p in (staged / DATA_DIR_NAME).iterdir()}:
        return False
    if _sha256(data / DICTIONARY) != _sha256(staged / DATA_DIR_NAME / DICTIONARY):
        return False
    try:
        check_hashes(out)
    except ValidationError:
        return False
    return True


def publish(staged: Path, out: Path) -> None:
    """Swap the staged package (staged/{datapackage.json, data/}) in as OUT's package.
    Call under `locked(out)`, with `staged` inside OUT/.package."""
    if _same(staged, out):
        return  # an identical rebuild: nothing to swap
    os.chmod(staged, 0o755)  # mkdtemp makes it private; a published package is not
    new_data = staged / DATA_DIR_NAME
    keep = out / DATA_DIR_NAME / ".gitkeep"
    if keep.is_file() and not keep.is_symlink():
        shutil.copy2(keep, new_data / ".gitkeep")
    record = {"staging": staged.name, "data_inode": new_data.stat().st_ino,
              "descriptor_sha256": _sha256(staged / DESCRIPTOR_NAME)}
    _fsync_dir(new_data)
    _fsync_dir(staged)
    _crash_point("before-journal")
    tmp = out / STATE / f"{JOURNAL}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(record, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, _journal(out))
    _fsync_dir(out / STATE)
    _crash_point("journaled")
    _swap_data(new_data, out / DATA_DIR_NAME)
    _crash_point("data-swapped")
    os.replace(staged / DESCRIPTOR_NAME, out / DESCRIPTOR_NAME)
    _crash_point("descriptor-swapped")
    _complete(out)
    _crash_point("journal-removed")
    _clean_stale(out)
