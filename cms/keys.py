"""The vocabulary of dependency keys: what an output of a build was rendered from.

An incremental build re-renders an output when one of its keys changed (``cms.deps`` records
them while it renders; ``deploy`` compares the site's state before and after). A key spelled
differently by the recorder and by the state would serve stale pages silently, so every key is
made here and nowhere else. Kinds:

- a page's content, ``page(pk)``, or only its URL and visibility, ``page_url(pk)``;
- a row the site shows (a topic, an outlet, an image…), ``row(instance)``, by the registry of
  such models (``register_rows``), which the recorder, the state capture and the sync signals
  all read;
- a list of pages: ``content("topic", 5)`` is every public content page on topic 5;
  ``in_month(key, 2025, 2)`` the part of a list dated in one month; ``before(key, sort)`` the
  part sorting before ``sort`` (the "More on" of a page lists older pages only). Page types
  name the lists each of their pages belongs to (``BasePage.list_memberships``);
- ``children(parent_id)``, ``visible(model)``, ``TOPIC_HUBS``, ``ANY_PAGE``, ``SETTINGS`` and
  ``CLOCK`` (the output shows what the time decides, such as upcoming events).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NamedTuple

from django.db.models import Model

ANY_PAGE = "any"  # every page appearing, disappearing or moving (the sitemap)
CLOCK = "clock"
SETTINGS = "settings"  # the site settings (one key for the whole table)
TOPIC_HUBS = "hubs"  # which topics have a public hub page

LIST_CONTENT = "content"
LIST_EVENTS = "event"
LIST_PEOPLE = "person"

_MONTH = "@"
_BEFORE = "<"


def page(pk: int) -> str:
    return f"p:{pk}"


def page_url(pk: int) -> str:
    return f"u:{pk}"


def children(parent_id: int | None) -> str:
    return f"children:{parent_id}"


def visible(model: type[Model]) -> str:
    """Which pages of ``model`` are public (an output that filters by it, not lists it)."""
    return f"visible:{model._meta.label}"


# What a list of pages is narrowed by (``content("topic", 5)``: the content on topic 5).
ListBy = Literal["topic", "parent", "type", "person", "program", "expert", "expertise"]


def _listing(kind: str, by: ListBy | None, value: object) -> str:
    if by is None:
        return kind
    return f"{kind}:{by}" if value is None else f"{kind}:{by}:{value}"


def content(by: ListBy | None = None, value: object = None) -> str:
    """Public content pages other than events: all of them, or those narrowed ``by`` a field
    to one ``value`` (a topic id, parent id, type name, person id, program id)."""
    return _listing(LIST_CONTENT, by, value)


def events(by: ListBy | None = None, value: object = None) -> str:
    """Public events, like ``content``."""
    return _listing(LIST_EVENTS, by, value)


def people(by: ListBy | None = None, value: object = None) -> str:
    """Public person pages: by ``parent``, ``program``, ``expertise`` (topic id) or ``expert``."""
    return _listing(LIST_PEOPLE, by, value)


def in_month(key: str, year: int, month: int) -> str:
    """The entries of list ``key`` dated in one month (an archive page)."""
    return f"{key}{_MONTH}{year:04d}-{month:02d}"


def before(key: str, bound: str) -> str:
    """The entries of list ``key`` that sort before ``bound`` (a ``sort_key``)."""
    return f"{key}{_BEFORE}{bound}"


def split_bound(key: str) -> tuple[str, str] | None:
    """``(list key, bound)`` of a ``before`` key; None for any other key."""
    if _BEFORE not in key:
        return None
    scope, bound = key.split(_BEFORE, 1)
    return scope, bound


def sort_key(display_date: date, pk: int) -> str:
    """A string that sorts like (date, pk): the order of dated content listings."""
    return f"{display_date.isoformat()}:{pk:012d}"


class Place(NamedTuple):
    """Where a public page sits: what a page type's ``list_memberships`` hook is given."""

    parent: int | None
    model: type[Model]


class Membership(NamedTuple):
    """The lists a public page belongs to, and where it sorts in dated ones (``sort_key``)."""

    lists: list[str]
    sort: str = ""


# --- The rows the site shows ---------------------------------------------------------------


@dataclass(frozen=True)
class RowModel:
    """A model whose rows pages show: a change to a row re-renders the outputs that read it."""

    model: type[Model]
    prefix: str
    whole_table: bool = False  # one key for all rows (the site settings)
    # Renditions count as their image: the id of the row a key names, and whether the table
    # itself is part of the site's state (false for such stand-ins).
    owner: Callable[[Any], int] = lambda instance: instance.pk
    captured: bool = True

    def key(self, pk: int | None) -> str:
        return self.prefix if self.whole_table else f"{self.prefix}:{pk}"


_registered: list[RowModel] = []


def register_rows(prefix: str, *, whole_table: bool = False) -> Callable[[type], type]:
    """Class decorator: the site shows this model's rows (``@register_rows("t")`` on Topic)."""

    def register(model: type) -> type:
        _registered.append(RowModel(model, prefix, whole_table))
        return model

    return register


def row_models() -> list[RowModel]:
    """Every model whose rows the site shows: the registered ones, and Wagtail's images (with
    their renditions) and documents."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image = get_image_model()
    rendition = image.get_rendition_model()
    return [
        *_registered,
        RowModel(image, "i"),
        RowModel(rendition, "i", owner=lambda r: r.image_id, captured=False),
        RowModel(get_document_model(), "d"),
    ]


_lookup: dict[type, RowModel | None] = {}


def _entry(cls: type) -> RowModel | None:
    """The registry entry of a class (or of the registered model it inherits), memoised:
    this runs for every row a build loads."""
    if cls not in _lookup:
        entries = {entry.model: entry for entry in row_models()}
        _lookup[cls] = next((entries[c] for c in cls.__mro__ if c in entries), None)
    return _lookup[cls]


def row(instance: Model) -> str | None:
    """The key of a row the site shows, or None for any other model."""
    entry = _entry(type(instance))
    return None if entry is None else entry.key(entry.owner(instance))


def captured_rows() -> Iterator[RowModel]:
    """The row models whose table is part of the site's state."""
    return (entry for entry in row_models() if entry.captured)
