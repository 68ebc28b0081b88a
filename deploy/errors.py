"""Errors the pipeline reports to the operator."""


class BuildError(Exception):
    """The build cannot produce a complete, public-only site; nothing was published."""
