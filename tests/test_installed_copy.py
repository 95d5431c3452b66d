"""A normal (non-editable) install works: load() returns the published tables and the
CLI builds from the declaration, seeds and registries bundled in the distribution."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coalition_data.paths import REPO_ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("installed")
    wheels = tmp / "wheels"
    run = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*run, "wheel", "--no-deps", str(REPO_ROOT), "-w", str(wheels)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("coalition_data-*.whl"))
    subprocess.run([*run, "install", "--no-deps", "--target", str(tmp / "site"), str(wheel)],
                   check=True, capture_output=True)
    return tmp


def _python(installed: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed / "site")}
    return subprocess.run([sys.executable, "-c", code], cwd=installed, env=env,
                          capture_output=True, text=True)


def test_load_returns_the_published_tables(installed: Path) -> None:
    r = _python(installed, "import coalition_data.paths as p; from coalition_data import load; "
                           "print(p.IN_SOURCE, load('meetings').height, load('articles').height)")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "10", "5"]


def test_the_cli_builds_and_validates_outside_the_source_tree(installed: Path) -> None:
    out = installed / "out"
    r = _python(installed, "import sys; from coalition_data.cli import main; "
                           f"sys.exit(main(['build', '--out', {str(out)!r}]) or "
                           f"main(['validate', '--root', {str(out)!r}]))")
    assert r.returncode == 0, r.stderr
    assert (out / "data" / "meetings.parquet").is_file()
    r = _python(installed, "import sys; from coalition_data.cli import main; "
                           "sys.exit(main(['build']))")
    assert r.returncode == 2 and "give --out" in r.stderr


def test_the_installed_copy_writes_the_site_with_its_templates_and_accuracy(
        installed: Path) -> None:
    out = installed / "site-out"
    r = _python(installed, "import sys; from coalition_data.cli import main; "
                           f"sys.exit(main(['--quiet', 'site', '--out', {str(out)!r}]))")
    assert r.returncode == 0, r.stderr
    assert (out / "assets" / "vega-embed.js").is_file()
    assert len(list((out / "meetings").glob("*.html"))) == 11  # 10 meetings and the list
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "development set" in html and "not stated rather than guessed" not in html


def test_the_wheel_carries_the_licences_and_a_complete_index_page(installed: Path) -> None:
    import zipfile

    wheel = next((installed / "wheels").glob("coalition_data-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        licences = {n.rsplit("/", 1)[-1]: z.read(n).decode() for n in names
                    if ".dist-info/licenses/" in n}
    assert set(licences) == {"LICENSE", "LICENSE-DATA", "LICENSE-ARTICLES"}
    assert licences["LICENSE"].startswith("MIT License")
    assert "Creative Commons Attribution 4.0 International Public License" in \
        licences["LICENSE-DATA"] and "Section 8 -- Interpretation." in licences["LICENSE-DATA"]
    assert "License-Expression: MIT AND CC-BY-4.0 AND LicenseRef-Article-Texts" in meta
    assert "Classifier: Natural Language :: Arabic" in meta and "Keywords:" in meta
    # the readme renders on an index page: no link or image that only works in the repository
    body = meta.split("\n\n", 1)[1]
    import re
    relative = [t for t in re.findall(r"\]\(([^)]+)\)", body)
                if not t.startswith(("http://", "https://", "#"))]
    assert relative == []
