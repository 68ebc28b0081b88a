"""Values many renders share, computed once: per request, or per build while a scope is open.

A static build renders thousands of anonymous pages from one database state, so site settings,
menus, topic hubs and the visibility rule's restrictions are the same for all of them.
Outside a build, values live on the request only (the admin and previews stay fresh).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from django.http import HttpRequest

from cms.deps import depend, recording

T = TypeVar("T")

_build_scope: ContextVar[dict[Hashable, Any] | None] = ContextVar("cms_build_scope", default=None)


@contextmanager
def build_scope(now: datetime | None = None) -> Iterator[dict[Hashable, Any]]:
    """While open, ``shared`` values are computed once for every render in this process.

    ``now`` fixes the instant every render compares against (workers of one build share it).
    """
    store: dict[Hashable, Any] = {}
    if now is not None:
        store["now"] = (now, frozenset())
    token = _build_scope.set(store)
    try:
        yield store
    finally:
        _build_scope.reset(token)


def in_build() -> bool:
    return _build_scope.get() is not None


def build_cache(name: str) -> dict[Hashable, Any] | None:
    """A dict that lives as long as the build scope (None outside one): rows a build loads in
    bulk ahead of the renders that read them. Readers record what they use (``cms.deps``)."""
    store = _build_scope.get()
    if store is None:
        return None
    return store.setdefault(("cache", name), {})


def shared(request: HttpRequest | None, key: Hashable, compute: Callable[[], T]) -> T:
    store = _build_scope.get()
    if store is None:
        if request is None:
            return compute()
        request_store = request.__dict__.setdefault("_cms_memo", {})
        if key not in request_store:
            request_store[key] = compute()
        return request_store[key]
    return _replayed(store, key, compute)


# The build cache ``page_shared`` keeps its values in; the build clears it between chunks of
# pages (all outputs of one page are rendered in one chunk).
PAGE_CACHE = "page_shared"


def page_shared(page_id: int | None, name: str, compute: Callable[[], T]) -> T:
    """A value every output of one page shows (e.g. a person's sidebars on each of their
    archive months): computed once per page in a build, afresh outside one."""
    store = build_cache(PAGE_CACHE)
    if store is None or page_id is None:
        return compute()
    return _replayed(store, (page_id, name), compute)


def _replayed(store: dict[Hashable, Any], key: Hashable, compute: Callable[[], T]) -> T:
    # In a build, every output that uses a shared value depends on what it was computed from.
    if key not in store:
        with recording() as keys:
            value = compute()
        store[key] = (value, frozenset(keys))
    value, keys = store[key]
    depend(*keys)
    return value
