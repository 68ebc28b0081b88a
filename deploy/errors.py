"""Errors the pipeline reports to the operator."""


class BuildError(Exception):
    """The build cannot produce a complete, public-only site; nothing was published."""


class DeployError(Exception):
    """A deploy or rollback stopped; the live release is still whole and can be restored."""


class LockHeld(DeployError):
    """Another deploy or rollback holds the bucket's deploy lock."""
