"""The one error type the build reports to users: bad input or invalid output."""


class BuildError(Exception):
    """A problem the user must fix; the message names the file, row and column."""


class InputError(BuildError):
    """An article, the manifest or a registry cannot be read as promised."""


class ValidationError(BuildError):
    """A table breaks its schema or a dataset-level rule."""
