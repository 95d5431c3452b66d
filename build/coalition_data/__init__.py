"""Build, validate and load the Global Coalition diplomacy data package."""

from coalition_data.load import load

__all__ = ["load"]
__version__ = "0.1.0"
