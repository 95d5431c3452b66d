"""Where the project's own files live: in the source tree (a clone, or an editable
install), or bundled inside the installed distribution (`pip install .`, a wheel)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE = PACKAGE_DIR.parents[1]
_BUNDLE = PACKAGE_DIR / "_bundle"
# A source tree has the declaration beside pyproject.toml; an installed copy has a bundle.
IN_SOURCE = (_SOURCE / "pyproject.toml").is_file() and (
    _SOURCE / "schema" / "datapackage.toml").is_file()
_FILES = _SOURCE if IN_SOURCE else _BUNDLE

REPO_ROOT = _SOURCE if IN_SOURCE else _BUNDLE / "package"  # the published package
PACKAGE_ROOT = REPO_ROOT  # where load() and validate look by default
DEFAULT_OUT = _SOURCE if IN_SOURCE else None  # installed: --out must be given
SCHEMA_FILE = _FILES / "schema" / "datapackage.toml"
DEFAULT_SEEDS = _FILES / "seeds"
DEFAULT_REGISTRY = DEFAULT_SEEDS / "registry"
GOLD_DIR = _SOURCE / "tests" / "gold"
# The evaluation corpus (a clone has it; an installed copy does not): the development set
# with its gold and scorer, and the figures measured on unseen news (evaluation/README.md).
EVALUATION_DIR = _SOURCE / "evaluation"
DEVSET_DIR = EVALUATION_DIR / "devset"
DEVSET_GOLD = DEVSET_DIR / "gold.yaml"
UNSEEN_NEWS_FILE = EVALUATION_DIR / "unseen-news.json"
# The development-set accuracy that `evaluate --report` writes and the site shows.
ACCURACY_FILE = _FILES / "docs" / "accuracy.json"
MANIFEST_NAME = "manifest.csv"
DATA_DIR_NAME = "data"
DESCRIPTOR_NAME = "datapackage.json"
