"""The ground floor's Wagtail hooks: rich-text page links only to public pages
(``cms.rich_text``)."""

from __future__ import annotations

from typing import Any

from wagtail import hooks

from cms.rich_text import PublicPageLinkHandler


# After Wagtail's own registration (order 0), which this replaces for the "page" link type.
@hooks.register("register_rich_text_features", order=100)
def public_page_links(features: Any) -> None:
    features.register_link_type(PublicPageLinkHandler)
