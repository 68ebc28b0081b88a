"""What the build renders: one job per output path."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    PAGE = "page"  # a page, or one of its routable sub-paths (listing states, feeds, .ics)
    JSON = "json"  # the page's API v2 representation
    VIEW = "view"  # a plain Django view: sitemap.xml, robots.txt
    NOT_FOUND = "404"
    REDIRECT = "redirect"


@dataclass(frozen=True, order=True)
class Job:
    path: str  # output path relative to the build root, e.g. "op-eds/x/index.html"
    kind: Kind
    url: str  # site-relative URL it answers, e.g. "/op-eds/x/"
    page_id: int | None = None
    route: str = ""  # sub-path below the page URL, e.g. "page/2/"
    target: str = ""  # redirects: where to


def output_path(url: str) -> str:
    """'/op-eds/x/' → 'op-eds/x/index.html'; '/op-eds/feed.xml' → 'op-eds/feed.xml'."""
    relative = url.lstrip("/")
    if not relative or relative.endswith("/"):
        return relative + "index.html"
    return relative
