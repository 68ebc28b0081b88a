"""Machine-readable metadata of a page, built in one place for HTML, JSON and feeds.

Titles, descriptions and share images for ``<meta>`` tags, and the schema.org JSON-LD every
page shares: Organization (every page), WebSite (home), BreadcrumbList, and the entity the page
is about, which its own type builds (``structured_data()``: Article, Event, Person in
``publications.structured_data`` and ``people.structured_data``) from the helpers here. Every
URL is absolute on ``SITE_BASE_URL``, never on the request's host, because the public site is
a static export. ``cms`` never imports or names the apps built on it.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from cms.public_urls import absolute, home_url, page_public_url
from cms.visibility import visible_ancestors

# The site settings and image models of whichever apps provide them (``home`` here): read by
# their fields only.
SiteSettings = Any
SiteImage = Any

logger = logging.getLogger(__name__)

JsonLd = dict[str, Any]

SCHEMA = "https://schema.org"
SHARE_IMAGE_FILTER = "fill-1200x630"
HEADLINE_LIMIT = 110
DESCRIPTION_LIMIT = 300

# Social networks that are profiles of the organisation (``sameAs``); a feed is not.
NOT_PROFILES = {"rss"}
JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


# --- Types and URLs ------------------------------------------------------------------------


def is_home(page: Page) -> bool:
    return getattr(page, "url_path_on_site", None) == "/"


# --- Text ----------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """A plain-text field with its whitespace collapsed (markup in it stays text)."""
    return " ".join(value.split())


def rich_text_to_plain(value: str) -> str:
    """Plain text of rich text: tags stripped, entities decoded, whitespace collapsed."""
    return clean_text(html.unescape(strip_tags(value)))


def truncate(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–—") + "…"


def first_text(obj: object, *names: str, rich: bool = False) -> str:
    """The first non-empty string attribute among ``names``, as plain text."""
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            return rich_text_to_plain(value) if rich else clean_text(value)
    return ""


def meta_title(page: Page) -> str:
    """The document title: the SEO title, else the title."""
    return first_text(page, "seo_title", "title")


def social_title(page: Page) -> str:
    return first_text(page, "social_title", "seo_title", "title")


def meta_description(page: Page) -> str:
    """Search description, social description, dek, listing summary, intro or short bio."""
    text = (
        first_text(page, "search_description", "social_description", "dek", "listing_summary")
        or first_text(page, "intro", rich=True)
        or first_text(page, "short_bio")
    )
    return truncate(text, DESCRIPTION_LIMIT)


def social_description(page: Page) -> str:
    return truncate(first_text(page, "social_description"), DESCRIPTION_LIMIT) or (
        meta_description(page)
    )


def headline(page: Page) -> str:
    return truncate(clean_text(page.title), HEADLINE_LIMIT)


# --- Images --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageInfo:
    """An absolute rendition URL with its size and the source image's alt text and credits."""

    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


def share_image(page: Page | None) -> SiteImage | None:
    """The image shown when the page is shared: social image, listing image, else headshot."""
    for name in ("social_image", "listing_image", "headshot"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def image_info(image: SiteImage | None, spec: str = SHARE_IMAGE_FILTER) -> ImageInfo | None:
    """The image's rendition for sharing, or None when there is no image or its file is gone."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except (SourceImageIOError, FileNotFoundError):
        logger.warning("Image %s has no readable file; left out of the metadata.", image.pk)
        return None
    return ImageInfo(
        url=absolute(rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=getattr(image, "alt_text", "") or "",
        caption=getattr(image, "caption", "") or "",
        credit=getattr(image, "credit", "") or "",
    )


def image_object(info: ImageInfo) -> JsonLd:
    data: JsonLd = {
        "@type": "ImageObject",
        "url": info.url,
        "contentUrl": info.url,
        "width": info.width,
        "height": info.height,
    }
    if info.caption:
        data["caption"] = info.caption
    if info.credit:
        data["creditText"] = info.credit
    return data


def with_image(data: JsonLd, image: SiteImage | None) -> JsonLd:
    """``data`` with an ``image`` (ImageObject) when there is a usable image."""
    info = image_info(image)
    if info is not None:
        data["image"] = image_object(info)
    return data


# --- Organization and website --------------------------------------------------------------


def organisation_name(site_settings: SiteSettings) -> str:
    site = site_settings.site if site_settings.site_id else None
    return site_settings.organisation_name or (site.site_name if site else "")


def organisation_profiles(site_settings: SiteSettings) -> list[str]:
    """URLs of the organisation's social profiles (``sameAs``), in the editors' order."""
    return [
        child.value["url"]
        for child in site_settings.social_links
        if child.value.get("url") and child.value.get("network") not in NOT_PROFILES
    ]


def logo_url() -> str:
    """Absolute URL of the logo named by ``settings.SITE_LOGO_STATIC`` (a static path), or ''."""
    path = getattr(settings, "SITE_LOGO_STATIC", "")
    return absolute(static(path)) if path else ""


def organization(site_settings: SiteSettings) -> JsonLd:
    data: JsonLd = {
        "@context": SCHEMA,
        "@type": "Organization",
        "@id": home_url() + "#organization",
        "name": organisation_name(site_settings),
        "url": home_url(),
    }
    if logo := logo_url():
        data["logo"] = {"@type": "ImageObject", "url": logo}
    if profiles := organisation_profiles(site_settings):
        data["sameAs"] = profiles
    return data


def nested(entity: JsonLd) -> JsonLd:
    """An entity embedded in another: without its own ``@context``."""
    return {key: value for key, value in entity.items() if key != "@context"}


def organization_ref(org: JsonLd) -> JsonLd:
    """The organisation as publisher/organizer: identity, name, URL and logo."""
    return {key: org[key] for key in ("@type", "@id", "name", "url", "logo") if key in org}


def website(org: JsonLd) -> JsonLd:
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": home_url() + "#website",
        "name": org["name"],
        "url": home_url(),
        "publisher": {"@id": org["@id"]},
    }


# --- Breadcrumbs ---------------------------------------------------------------------------


def breadcrumb_trail(page: Page) -> list[tuple[str, str]]:
    """(name, absolute URL) from Home to the page, as the HTML breadcrumb shows it.

    Pages with a section (``breadcrumb_section``: a content page's primary topic): Home /
    the section's hub (when public) / page. Other pages: Home / public ancestors / page. Empty
    for the home page and unsaved pages without a section.
    """
    if is_home(page):
        return []
    trail = [("Home", home_url())]
    if hasattr(page, "breadcrumb_section"):  # e.g. a content page's primary topic
        section = page.breadcrumb_section(absolute=True)
        if section and section[1]:
            trail.append(section)
    elif page.pk is None:
        return []
    else:
        # The site root sits at depth 2 (see ``BasePage.url_path_on_site``).
        ancestors = visible_ancestors(page)
        trail.extend((ancestor.title, page_public_url(ancestor)) for ancestor in ancestors)
    trail.append((clean_text(page.title), page_public_url(page)))
    return trail


def breadcrumb_list(trail: list[tuple[str, str]]) -> JsonLd | None:
    if len(trail) < 2:
        return None
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


# --- The page's entities -------------------------------------------------------------------


def main_entity(page: Page, org: JsonLd, linked_ids: set[int] | None = None) -> JsonLd | None:
    """The entity the page is about (an Article, an Event, a Person…), built by the page type's
    own ``structured_data(org, linked_ids)`` (e.g. ``publications.structured_data``); None
    for pages about nothing in particular."""
    build = getattr(page, "structured_data", None)
    return build(org, linked_ids) if build is not None else None


def page_entities(
    page: Page | None, site_settings: SiteSettings, linked_ids: set[int] | None = None
) -> list[JsonLd]:
    """Every JSON-LD entity of a page (or of a page-less response such as the 404 page).

    ``linked_ids``: ids of the authors' public person pages, when the caller already knows them.
    """
    org = organization(site_settings)
    entities = [org]
    if not isinstance(page, Page):
        return entities
    if is_home(page):
        entities.append(website(org))
    if crumbs := breadcrumb_list(breadcrumb_trail(page)):
        entities.append(crumbs)
    if entity := main_entity(page, org, linked_ids):
        entities.append(entity)
    return entities


def dumps(data: JsonLd | list[JsonLd]) -> str:
    """Deterministic JSON that is safe inside ``<script>``: ``<``, ``>`` and ``&`` escaped."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_ESCAPES)
