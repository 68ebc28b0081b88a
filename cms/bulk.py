"""Bulk changes (imports, demo seeding): code that reacts to each editor action stands aside."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_bulk: ContextVar[bool] = ContextVar("bulk_changes", default=False)


@contextmanager
def bulk_changes() -> Iterator[None]:
    """Inside, per-change side effects (such as a static-site sync per publish) are skipped;
    the caller deploys once at the end."""
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


def in_bulk_changes() -> bool:
    return _bulk.get()
