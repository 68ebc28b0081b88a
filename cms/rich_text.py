"""Rich-text links to pages the public cannot see render as their text, not as links.

Wagtail's own page link handler expands ``<a linktype="page" id="N">`` to page N's URL whether
or not N is public, so unpublishing (or restricting, or letting expire) page B left a dead link
on every page linking to B, and the static build's validator, rightly, refused the site. Here
the link is written only while its target is public (``cms.visibility``), and otherwise as
``<a>`` without ``href``, which ``cms.sanitize`` unwraps to the bare text. (Wagtail's rewriter
replaces only the opening tag, so a handler cannot drop the closing ``</a>`` itself.) A link
that is written carries ``data-page-link``, which the sanitiser removes: it tells the sanitiser
that this link is the pipeline's, so a dead one still fails the build.

Each link records ``keys.page_url`` of its target: the key that changes when the target's URL
or visibility does, so the linking page is rendered again then, and not on every edit of it.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms import keys
from cms.deps import depend, url_only
from cms.sanitize import PAGE_LINK_ATTRIBUTE
from cms.visibility import visible_ids_among

HIDDEN_LINK = "<a>"


def _target_id(attrs: dict[str, Any]) -> int | None:
    try:
        return int(attrs.get("id", ""))
    except (TypeError, ValueError):
        return None


class PublicPageLinkHandler(PageLinkHandler):
    """Wagtail's ``page`` link type, linking only to public pages."""

    identifier = "page"

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        ids = [_target_id(attrs) for attrs in attrs_list]
        wanted = {pk for pk in ids if pk is not None}
        depend(*map(keys.page_url, sorted(wanted)))
        shown = visible_ids_among(wanted)
        with url_only():  # the page depends on the target's URL and visibility, not content
            pages = {
                page.pk: page
                for page in Page.objects.filter(pk__in=shown).defer_streamfields().specific()
            }
        tags = []
        for pk in ids:
            page = pages.get(pk) if pk is not None else None
            url = page.localized.url if page is not None else None
            tags.append(f'<a href="{escape(url)}" {PAGE_LINK_ATTRIBUTE}>' if url else HIDDEN_LINK)
        return tags


def hidden_link_targets(ids: set[int]) -> set[int]:
    """The ids among ``ids`` whose pages the public cannot see (missing pages included)."""
    return ids - visible_ids_among(ids)
