"""Which rich-text links on the site lead nowhere, for the editors who can fix them.

The public site never shows such a link (``cms.rich_text`` renders a link to a hidden page as
text; the static build only reports a dead site-relative link), so nothing fails: the admin's
Broken links report and a warning on save are how editors learn that a link they wrote lost
its target. Rich text is read from a page's latest revision (the draft, if there is one), as
stored: Wagtail keeps ``<a linktype="page" id="N">`` in rich text and StreamField JSON alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Revision
from wagtail.rich_text.rewriters import extract_attrs

from cms.public_urls import path_on_site
from cms.visibility import visible, visible_ids_among

HIDDEN_PAGE = "links to a page that is not public"
MISSING_PAGE = "links to a page that no longer exists"
NO_SUCH_PATH = "links to a site address where there is no page"

_A_TAG = re.compile(r"<a(\s[^>]*)?>", re.IGNORECASE)
# Site paths that are files, not pages: not checked here.
_NOT_PAGES = ("/static/", "/media/", "/documents/", "/pagefind/", "/api/", "/admin/")


@dataclass(frozen=True)
class BrokenLink:
    """A link in ``page``'s rich text to ``target`` (a page id as ``page:N``, or a site
    path) that leads nowhere public, and why."""

    page: Page
    target: str
    target_title: str
    reason: str


def _strings(value: Any) -> Iterator[str]:
    """Every string in revision content, StreamField JSON (stored as a string) unpacked."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        if value.startswith("[") and '"type"' in value:
            try:
                yield from _strings(json.loads(value))
                return
            except ValueError:
                pass
        yield value


def links_in(content: dict[str, Any]) -> Iterator[dict[str, str]]:
    """The attributes of every ``<a>`` in a revision's rich text."""
    for text in _strings(content):
        if "<a" not in text:
            continue
        for match in _A_TAG.finditer(text):
            yield extract_attrs(match.group(1) or "")


def _site_path(href: str) -> str | None:
    """The path of a site-relative page link (``/briefs/x/``), else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if path.startswith(_NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
        return None
    return path if path.endswith("/") else path + "/"


class _Paths:
    """Which site paths a visible page (or a route of one) answers."""

    def __init__(self) -> None:
        self.pages = {
            path_on_site(url_path): pk
            for pk, url_path in visible(Page.objects.filter(depth__gt=1)).values_list(
                "pk", "url_path"
            )
        }

    def resolves(self, path: str) -> bool:
        if path in self.pages:
            return True
        prefix = path.rstrip("/")
        while "/" in prefix:  # the nearest page above: does one of its routes answer?
            prefix = prefix.rsplit("/", 1)[0]
            pk = self.pages.get(prefix + "/")
            if pk is None:
                continue
            page = Page.objects.get(pk=pk).specific
            if not isinstance(page, RoutablePageMixin):
                return False
            try:
                page.resolve_subpage(path[len(prefix) + 1 :])
            except Http404:
                return False
            return True
        return False


def broken_links_in(
    items: Iterable[tuple[Page, dict[str, Any]]], paths: _Paths | None = None
) -> list[BrokenLink]:
    """The broken links in each (page, revision content)."""
    items = list(items)
    found: list[tuple[Page, dict[str, str]]] = [
        (page, attrs) for page, content in items for attrs in links_in(content)
    ]
    page_ids = {
        int(attrs["id"])
        for _, attrs in found
        if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit()
    }
    shown = visible_ids_among(page_ids)
    titles = dict(Page.objects.filter(pk__in=page_ids - shown).values_list("pk", "title"))
    broken: list[BrokenLink] = []
    for page, attrs in found:
        if attrs.get("linktype") == "page":
            pk = int(attrs["id"]) if attrs.get("id", "").isdigit() else None
            if pk in shown:
                continue
            reason = HIDDEN_PAGE if pk in titles else MISSING_PAGE
            broken.append(BrokenLink(page, f"page:{pk}", titles.get(pk, ""), reason))
        elif "linktype" not in attrs and (path := _site_path(attrs.get("href", ""))):
            paths = paths or _Paths()
            if not paths.resolves(path):
                broken.append(BrokenLink(page, path, "", NO_SUCH_PATH))
    return broken


def broken_links_of(page: Page) -> list[BrokenLink]:
    """The broken links in ``page``'s latest revision (what the editor just saved)."""
    revision = page.get_latest_revision()
    return broken_links_in([(page, revision.content)]) if revision is not None else []


def broken_links() -> list[BrokenLink]:
    """Every broken link in the latest revision of every live page, by page title."""
    pages = {p.latest_revision_id: p for p in Page.objects.live().filter(depth__gt=1)}
    revisions = Revision.objects.filter(pk__in=[pk for pk in pages if pk is not None])
    items = [(pages[revision.pk], revision.content) for revision in revisions]
    found = broken_links_in(items)
    return sorted(found, key=lambda link: (link.page.title, link.page.pk, link.target))
