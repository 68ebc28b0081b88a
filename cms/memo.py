"""Values many renders share, computed once: per build while a render session is open, per
request otherwise.

A static build renders thousands of anonymous pages from one database state, so site settings,
menus, topic hubs and the visibility rule's restrictions are the same for all of them: the
build opens a ``RenderSession`` and every render in the process shares it. Outside a build,
values live on the request only, so the admin and previews stay fresh.

Values are memoised by the function that computes them and its arguments, never by a name
typed at the call site: ``per_build(compute, *args)`` (once per build; afresh outside one),
``per_request(request, compute, *args)`` (once per build, or once per request outside one),
``per_page(page_id, compute, *args)`` (once per page of a build: every output of a person's
page shows the same sidebars). In a build, an output that uses a memoised value depends on what
the value was computed from (``cms.deps``), however many outputs share it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django.http import HttpRequest
from django.utils import timezone

from cms.deps import depend, recording

if TYPE_CHECKING:
    from wagtail.models import Page

T = TypeVar("T")
Memo = dict[Hashable, tuple[Any, frozenset[str]]]


@dataclass
class RenderSession:
    """What the renders of one build share in one process.

    ``parents`` and ``cards`` hold rows the build loads in bulk for a chunk of pages ahead of
    the renders that read them (the JSON's parent, the "More on" cards); ``page`` is the page
    whose output is being rendered, already loaded with its rows (the JSON view reuses it).
    """

    now: datetime
    values: Memo = field(default_factory=dict)
    page_values: Memo = field(default_factory=dict)
    parents: dict[str, Page] = field(default_factory=dict)  # by path
    cards: dict[int, Page] = field(default_factory=dict)  # by id
    page: Page | None = None

    def next_chunk(self) -> None:
        """Forget what belonged to the previous chunk of pages (all outputs of one page are
        rendered in one chunk)."""
        self.page_values.clear()
        self.parents.clear()
        self.cards.clear()


_session: ContextVar[RenderSession | None] = ContextVar("cms_render_session", default=None)


@contextmanager
def render_session(now: datetime) -> Iterator[RenderSession]:
    """Open a build's session: every render in this process compares against ``now`` (the
    workers of one build share it) and shares memoised values."""
    session = RenderSession(now=now)
    token = _session.set(session)
    try:
        yield session
    finally:
        _session.reset(token)


def current_session() -> RenderSession | None:
    return _session.get()


def in_build() -> bool:
    return _session.get() is not None


def now() -> datetime:
    """The build's instant in a build, else the time now."""
    session = _session.get()
    return session.now if session is not None else timezone.now()


def per_build(compute: Callable[..., T], *args: Hashable) -> T:
    """``compute(*args)``, once per build; computed afresh outside one."""
    session = _session.get()
    if session is None:
        return compute(*args)
    return _replayed(session.values, _key(compute, args), compute, args)


def per_request(request: HttpRequest | None, compute: Callable[..., T], *args: Hashable) -> T:
    """``compute(request, *args)``, once per build in a build (its requests are all alike:
    anonymous, one site), else once per request (afresh without one)."""
    session = _session.get()
    if session is not None:
        return _replayed(session.values, _key(compute, args), compute, (request, *args))
    if request is None:
        return compute(request, *args)
    store: dict[Hashable, Any] = request.__dict__.setdefault("_cms_memo", {})
    key = _key(compute, args)
    if key not in store:
        store[key] = compute(request, *args)
    return store[key]


def per_page(page_id: int | None, compute: Callable[..., T], *args: Hashable) -> T:
    """``compute(*args)``, once for all outputs of page ``page_id`` in a build (a person's
    sidebars on each of their archive months); afresh outside one."""
    session = _session.get()
    if session is None or page_id is None:
        return compute(*args)
    return _replayed(session.page_values, (page_id, *_key(compute, args)), compute, args)


def _key(compute: Callable[..., Any], args: tuple[Hashable, ...]) -> tuple[Hashable, ...]:
    name = compute.__qualname__
    if "<" in name:  # a lambda or a nested function is a new object at each call
        raise TypeError(f"memoise a module-level function, not {compute.__module__}.{name}")
    return (compute.__module__, name, args)


def _replayed(store: Memo, key: Hashable, compute: Callable[..., T], args: tuple[Any, ...]) -> T:
    # In a build, every output that uses a shared value depends on what it was computed from.
    if key not in store:
        with recording() as recorded:
            value = compute(*args)
        store[key] = (value, frozenset(recorded))
    value, keys = store[key]
    depend(*keys)
    return value
