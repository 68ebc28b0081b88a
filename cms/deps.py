"""What each output of a build was rendered from, so an incremental build re-renders exactly
the outputs a change can affect.

Three kinds of keys are recorded while an output renders:

- rows, recorded automatically whenever a model instance is loaded (``post_init``):
  ``p:<id>`` a page (its content), ``t:<id>`` a topic, ``o:`` outlet, ``s:`` series,
  ``i:`` image (renditions count as their image), ``d:`` document, ``settings``;
- ``u:<id>``: only the URL and visibility of a page (menus, topic-hub links), recorded with
  ``url_only()`` around code that merely links to pages;
- lists: ``content:topic:5``, ``content:parent:12@2025-02``, ``person:expert``… recorded by the
  listing functions; a page entering or leaving such a list, or moving within it, is matched
  against these keys by its memberships (``deploy.state``). A bound ``key<sortkey`` limits a
  list to entries sorting before ``sortkey`` (the "More on" of a page lists older pages only);
- ``clock``: the output shows something that depends on the time (past or upcoming events).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_init

_recorder: ContextVar[set[str] | None] = ContextVar("cms_deps_recorder", default=None)
_url_only: ContextVar[bool] = ContextVar("cms_deps_url_only", default=False)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the keys recorded inside the block (nested blocks also feed their parents)."""
    keys: set[str] = set()
    outer = _recorder.get()
    token = _recorder.set(keys)
    try:
        yield keys
    finally:
        _recorder.reset(token)
        if outer is not None:
            outer |= keys


def depend(*keys: str) -> None:
    keys_set = _recorder.get()
    if keys_set is not None:
        keys_set.update(keys)


@contextmanager
def url_only() -> Iterator[None]:
    """Pages loaded inside the block are recorded by URL and visibility only (``u:<id>``)."""
    token = _url_only.set(True)
    try:
        yield
    finally:
        _url_only.reset(token)


def _row_key(instance) -> str | None:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import Page

    if isinstance(instance, Page):
        return f"{'u' if _url_only.get() else 'p'}:{instance.pk}"
    label = instance._meta.label
    if label == "home.Topic":
        return f"t:{instance.pk}"
    if label == "publications.Outlet":
        return f"o:{instance.pk}"
    if label == "publications.Series":
        return f"s:{instance.pk}"
    if label == "home.SiteSettings":
        return "settings"
    if isinstance(instance, AbstractImage):
        return f"i:{instance.pk}"
    if isinstance(instance, AbstractRendition):
        return f"i:{instance.image_id}"
    if isinstance(instance, AbstractDocument):
        return f"d:{instance.pk}"
    return None


def loaded_keys(instance, seen: set[int] | None = None) -> set[str]:
    """The row keys of what was loaded along with ``instance`` (prefetched relations and cached
    foreign keys, recursively): rows bulk-loaded before an output's recording began."""
    seen = set() if seen is None else seen
    if id(instance) in seen:
        return set()
    seen.add(id(instance))
    keys: set[str] = set()
    if instance.pk is not None and (key := _row_key(instance)) is not None:
        keys.add(key)
    related = [
        *getattr(instance, "_prefetched_objects_cache", {}).values(),
        *instance._state.fields_cache.values(),
    ]
    for value in related:
        items = value if hasattr(value, "__iter__") and not hasattr(value, "_meta") else [value]
        for item in items:
            if item is not None and hasattr(item, "_meta"):
                keys |= loaded_keys(item, seen)
    return keys


def _record_instance(sender, instance, **kwargs) -> None:
    keys = _recorder.get()
    if keys is None or instance.pk is None:
        return
    key = _row_key(instance)
    if key is not None:
        keys.add(key)


def connect() -> None:
    post_init.connect(_record_instance, dispatch_uid="cms_deps_record_instance")


def sort_key(display_date, pk: int) -> str:
    """A string that sorts like (date, pk): the order of dated content listings."""
    return f"{display_date.isoformat()}:{pk:012d}"
