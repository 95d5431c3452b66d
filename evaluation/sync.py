"""Refresh the evaluation corpus from the workspace's shared folder when it changed.

    python evaluation/sync.py [--shared ../shared]

Copies `shared/devset/` (articles, manifest, gold, scorer, README) to `evaluation/devset/`
and `shared/accuracy/unseen-news.json` (with its README) to `evaluation/`, byte for byte:
the copies are never edited here. `tests/test_evaluation_corpus.py` fails while they
differ from the shared originals (when those are present).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIRS = (("devset", "devset"), ("accuracy/unseen-news.json", "unseen-news.json"),
         ("accuracy/README.md", "unseen-news-README.md"))


def differences(shared: Path) -> list[str]:
    """Relative paths whose copy is missing, extra or differs from the shared original."""
    out = []
    for src_rel, dst_rel in PAIRS:
        src, dst = shared / src_rel, HERE / dst_rel
        if src.is_file():
            if not dst.is_file() or dst.read_bytes() != src.read_bytes():
                out.append(dst_rel)
            continue
        names = {p.relative_to(src) for p in src.rglob("*") if p.is_file()}
        have = {p.relative_to(dst) for p in dst.rglob("*") if p.is_file()} if dst.is_dir() \
            else set()
        for rel in sorted(names | have):
            a, b = src / rel, dst / rel
            if not (a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()):
                out.append(f"{dst_rel}/{rel}")
    return out


def sync(shared: Path) -> list[str]:
    changed = differences(shared)
    for src_rel, dst_rel in PAIRS:
        src, dst = shared / src_rel, HERE / dst_rel
        if src.is_file():
            shutil.copyfile(src, dst)
        else:
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst, copy_function=shutil.copyfile)
    return changed


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    changed = sync(ap.parse_args().shared)
    print("\n".join(changed) if changed else "evaluation corpus already up to date")
