"""The one place settings read the environment."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env(name: str, default: str | object = _MISSING) -> str:
    """Return the variable ``name``; without a default, a missing or empty one is an error."""
    value = os.environ.get(name, "")
    if value:
        return value
    if default is _MISSING:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return str(default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str | object = _MISSING) -> list[str]:
    """A comma-separated list, blanks dropped."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
