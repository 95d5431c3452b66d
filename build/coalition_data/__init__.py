"""Build, validate and load the Global Coalition diplomacy data package."""

__all__ = ["load"]
__version__ = "0.6.0"  # the package version, here only (pyproject and descriptor read it)
__released__ = "2026-12-07"  # release date of this version: the descriptor's "created"

from coalition_data.load import load
