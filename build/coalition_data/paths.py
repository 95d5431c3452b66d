"""Where the project's own files live. The package is installed editable from the repo."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO_ROOT / "schema" / "datapackage.toml"
DEFAULT_SEEDS = REPO_ROOT / "seeds"
DEFAULT_REGISTRY = DEFAULT_SEEDS / "registry"
MANIFEST_NAME = "manifest.csv"
DATA_DIR_NAME = "data"
DESCRIPTOR_NAME = "datapackage.json"
