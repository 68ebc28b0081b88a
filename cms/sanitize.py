"""Rich text is cleaned again when it is rendered, not only when the admin saves it.

Wagtail sanitises rich text on the way in (the Draftail editor's contentstate converter keeps
only the enabled features) but renders whatever HTML the database holds. Anything that writes
rich text without the editor (a content import, a data migration, ``seed_demo``, a script)
could otherwise put a ``<script>`` or an ``onerror=`` on the public site. ``clean_rich_text``
hands the HTML to Ammonia (``nh3``), a sanitiser built on a browser-grade HTML5 parser, with
our allow-list: only allow-listed elements and attributes are written, every text and
attribute value is escaped again, links keep only safe schemes, and elements are balanced so
rich text cannot close the template's own elements.

A hand-written parser failed on malformed input (an ``AssertionError`` from ``html.parser``
answered 500 and failed the whole build), so cleaning never raises: if the sanitiser itself
fails, the input's text comes out escaped and the failure is logged.

Links without an ``href`` (Wagtail's rendering of a link to a page the public cannot see, or a
link whose URL was unsafe) are unwrapped to their text: a reader sees words, not a dead link.
"""

from __future__ import annotations

import logging
import re
from html import escape, unescape

import nh3
from django.conf import settings
from django.utils.html import strip_tags

logger = logging.getLogger(__name__)

# Everything the rich-text features of cms.blocks can produce, after Wagtail expands its
# <a linktype> and <embed> placeholders.
ALLOWED_ELEMENTS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "s",
        "strong",
        "sub",
        "sup",
        "u",
        "ul",
    }
)
# Elements whose content is code, not text for readers: dropped with their content. Any other
# element that is not allowed (svg, iframe, textarea…) loses its tags and attributes but keeps
# its text, which is escaped like all text.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "width", "height", "class"}),
}
GLOBAL_ATTRIBUTES = frozenset({"data-block-key"})
# wagtail.whitelist.ALLOWED_URL_SCHEMES, what Wagtail's own rich-text whitelist lets through;
# relative URLs pass as they are.
URL_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "tel"})
# Marks the site-relative links editors typed, in the rendered page (``mark_links``); links
# to pages, which ``cms.rich_text`` writes only to public pages, carry PAGE_LINK_ATTRIBUTE
# until then instead. The build's validator tells the two apart: a dead link typed by an editor
# is reported, a dead link the pipeline made (a page link, a template's) fails the build.
EDITOR_LINK_ATTRIBUTE = "data-rich-text-link"
PAGE_LINK_ATTRIBUTE = "data-page-link"

_attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
_attributes["*"] = set(GLOBAL_ATTRIBUTES)
_options = {
    "tags": set(ALLOWED_ELEMENTS),
    "clean_content_tags": set(DROPPED_WITH_CONTENT),
    "url_schemes": set(URL_SCHEMES),
    "link_rel": None,  # links were never given a rel: output of ordinary content unchanged
    "strip_comments": True,
}
_cleaner = nh3.Cleaner(attributes=_attributes, **_options)
_marking_cleaner = nh3.Cleaner(
    attributes={**_attributes, "a": _attributes["a"] | {PAGE_LINK_ATTRIBUTE}}, **_options
)

# Ammonia's serialiser writes every attribute value double-quoted with `"` escaped, and every
# `<` in text as `&lt;`: so on its output these patterns find exactly the <a> tags.
_A_TAG = re.compile(r'<a((?:\s[^\s="]+="[^"]*")*)>|</a>')
_HREF = re.compile(r'\shref="([^"]*)"')
_PAGE_LINK = f' {PAGE_LINK_ATTRIBUTE}=""'
_EDITOR_LINK = f' {EDITOR_LINK_ATTRIBUTE}=""'


def _is_site_link(href: str) -> bool:
    site = settings.SITE_BASE_URL + "/"
    return (href.startswith("/") and not href.startswith("//")) or href.startswith(site)


def _open_tag(attributes: str, mark: bool) -> str | None:
    """An <a> tag as written (None: dropped, the link has no ``href``)."""
    href = _HREF.search(attributes)
    if href is None:
        return None
    if mark:
        if _PAGE_LINK in attributes:
            attributes = attributes.replace(_PAGE_LINK, "")
        elif _is_site_link(unescape(href.group(1))):
            attributes += _EDITOR_LINK
    return f"<a{attributes}>"


def _rewrite_links(html: str, mark: bool) -> str:
    """``html`` (Ammonia's output) with links without ``href`` unwrapped, and the editors'
    site links marked if ``mark``."""
    if "<a" not in html:
        return html
    out: list[str] = []
    dropped: list[bool] = []  # one per open <a>
    last = 0
    for match in _A_TAG.finditer(html):
        out.append(html[last : match.start()])
        last = match.end()
        if match.group(0) == "</a>":
            if not (dropped.pop() if dropped else True):
                out.append("</a>")
            continue
        tag = _open_tag(match.group(1) or "", mark)
        dropped.append(tag is None)
        if tag is not None:
            out.append(tag)
    out.append(html[last:])
    return "".join(out)


def clean_rich_text(html: str, *, mark_links: bool = False) -> str:
    """``html`` with only the allow-listed elements, attributes and URL schemes, re-escaped.

    ``mark_links`` (the HTML site) adds ``data-rich-text-link`` to the site-relative links an
    editor typed: the static build's validator reports, rather than fails on, one that leads
    nowhere. Never raises.
    """
    if not html:
        return ""
    try:
        cleaner = _marking_cleaner if mark_links else _cleaner
        cleaned = _rewrite_links(cleaner.clean(html), mark_links)
        # Void elements as the editor (Draftail) writes them, so its output is unchanged.
        return cleaned.replace("<br>", "<br/>").replace("<hr>", "<hr/>")
    except Exception:
        # A sanitiser failure must not answer 500 or stop a build: the text, escaped.
        logger.exception("Rich text could not be sanitised; rendered as plain text")
        try:
            return escape(unescape(strip_tags(html)), quote=False)
        except Exception:  # noqa: BLE001 (strip_tags parses too: then the markup, as text)
            return escape(html, quote=False)
