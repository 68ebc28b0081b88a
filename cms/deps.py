"""What each output of a build was rendered from, so an incremental build re-renders exactly
the outputs a change can affect.

Keys (made by ``cms.keys``, the only place that spells them) are recorded while an output
renders: rows automatically whenever a model instance the site shows is loaded (``post_init``;
pages loaded inside ``url_only()`` count by URL and visibility only), lists and the clock by the
listing functions that read them (``depend``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_init
from wagtail.models import Page

from cms import keys

_recorder: ContextVar[set[str] | None] = ContextVar("cms_deps_recorder", default=None)
_url_only: ContextVar[bool] = ContextVar("cms_deps_url_only", default=False)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the keys recorded inside the block (nested blocks also feed their parents)."""
    recorded: set[str] = set()
    outer = _recorder.get()
    token = _recorder.set(recorded)
    try:
        yield recorded
    finally:
        _recorder.reset(token)
        if outer is not None:
            outer |= recorded


def depend(*made: str) -> None:
    """Record keys (from ``cms.keys``) for the output being rendered, if one is."""
    recorded = _recorder.get()
    if recorded is not None:
        recorded.update(made)


@contextmanager
def url_only() -> Iterator[None]:
    """Pages loaded inside the block are recorded by URL and visibility only (``u:<id>``)."""
    token = _url_only.set(True)
    try:
        yield
    finally:
        _url_only.reset(token)


def _row_key(instance: Model) -> str | None:
    if isinstance(instance, Page):
        return keys.page_url(instance.pk) if _url_only.get() else keys.page(instance.pk)
    return keys.row(instance)


def loaded_keys(instance: Model, seen: set[int] | None = None) -> set[str]:
    """The row keys of what was loaded along with ``instance`` (prefetched relations and cached
    foreign keys, recursively): rows bulk-loaded before an output's recording began."""
    seen = set() if seen is None else seen
    if id(instance) in seen:
        return set()
    seen.add(id(instance))
    found: set[str] = set()
    if instance.pk is not None and (key := _row_key(instance)) is not None:
        found.add(key)
    related = [
        *getattr(instance, "_prefetched_objects_cache", {}).values(),
        *instance._state.fields_cache.values(),
    ]
    for value in related:
        items = value if hasattr(value, "__iter__") and not hasattr(value, "_meta") else [value]
        for item in items:
            if item is not None and hasattr(item, "_meta"):
                found |= loaded_keys(item, seen)
    return found


def _record_instance(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    recorded = _recorder.get()
    if recorded is None or instance.pk is None:
        return
    key = _row_key(instance)
    if key is not None:
        recorded.add(key)


def connect() -> None:
    post_init.connect(_record_instance, dispatch_uid="cms_deps_record_instance")
