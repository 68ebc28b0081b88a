"""Capped, path-based pagination for listings a static export writes as plain files.

Only the newest ``PAGE_SIZE * MAX_PAGES`` entries of a listing get numbered pages; older ones are
reached through month archives. So one publish shifts at most ``MAX_PAGES`` numbered pages,
however long the listing grows.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404

PAGE_SIZE = 20
MAX_PAGES = 5
PAGE_ROUTE = "page/{number}/"


def page_count(total: int) -> int:
    """Numbered pages a listing of ``total`` entries has: at least one, at most ``MAX_PAGES``."""
    return max(1, min(MAX_PAGES, math.ceil(total / PAGE_SIZE)))


def page_routes(total: int, prefix: str = "") -> Iterator[str]:
    """Sub-paths of pages 2… of a listing, e.g. ``page/2/`` (page 1 is the listing itself)."""
    for number in range(2, page_count(total) + 1):
        yield prefix + PAGE_ROUTE.format(number=number)


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    """What the pagination nav shows; links point only at pages that exist."""

    number: int
    links: tuple[PageLink, ...]
    total: int
    has_older: bool

    @property
    def previous_url(self) -> str:
        return self.links[self.number - 2].url if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.links[self.number].url if self.number < len(self.links) else ""

    @property
    def is_last(self) -> bool:
        return self.number == len(self.links)

    @property
    def is_paginated(self) -> bool:
        return len(self.links) > 1


def paginate(
    object_list: Sequence[Any] | Any,
    number: int | None,
    *,
    first_url: str,
    pages_url: str | None = None,
    allow_empty: bool = True,
) -> tuple[list[Any], Pagination]:
    """The entries of page ``number`` and its nav; ``None`` is the unnumbered first page.

    A numbered page must be 2…the capped last page: ``page/1/`` would duplicate the listing, and
    anything else does not exist. ``first_url`` is the listing's URL; page n is ``page/n/`` below
    ``pages_url`` (by default ``first_url``). Raises ``Http404`` for pages that do not exist, and
    for an empty listing unless ``allow_empty``.
    """
    pages_url = first_url if pages_url is None else pages_url
    if number is not None and number < 2:
        raise Http404("Page 1 is the listing itself.")
    number = number or 1
    paginator = Paginator(object_list, PAGE_SIZE)
    total = paginator.count
    if not total and not allow_empty:
        raise Http404("Nothing is listed here.")
    last = page_count(total)
    if number > last:
        raise Http404("No such page.")
    entries = list(paginator.page(number).object_list)
    links = tuple(
        PageLink(n, first_url if n == 1 else pages_url + PAGE_ROUTE.format(number=n), n == number)
        for n in range(1, last + 1)
    )
    return entries, Pagination(
        number=number, links=links, total=total, has_older=total > PAGE_SIZE * MAX_PAGES
    )
