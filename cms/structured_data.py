"""Machine-readable metadata of a page, built in one place for HTML, JSON and feeds.

Titles, descriptions and share images for ``<meta>`` tags, and schema.org JSON-LD entities:
Organization (every page), WebSite (home), BreadcrumbList, Article / OpinionNewsArticle /
NewsArticle (content pages), Event and Person. Every URL is absolute on ``SITE_BASE_URL``,
never on the request's host, because the public site is a static export.

``cms`` never imports the apps built on it: their models are resolved with ``apps.get_model``.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from cms import keys
from cms.deps import depend, url_only
from cms.memo import in_build, per_build
from cms.models import public_url
from cms.visibility import visible, visible_ancestors, visible_ids

if TYPE_CHECKING:
    from home.models import SiteImage, SiteSettings, Topic
    from people.models import PersonPage
    from publications.models import ContentPage, ContentPageAuthor, EventPage, OpEdPage

logger = logging.getLogger(__name__)

JsonLd = dict[str, Any]

SCHEMA = "https://schema.org"
SHARE_IMAGE_FILTER = "fill-1200x630"
HEADLINE_LIMIT = 110
DESCRIPTION_LIMIT = 300

ARTICLE_TYPES = {
    "publications.OpEdPage": "OpinionNewsArticle",
    "publications.PressReleasePage": "NewsArticle",
}
ATTENDANCE_MODES = {
    "virtual": "OnlineEventAttendanceMode",
    "in_person": "OfflineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
EVENT_STATUSES = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
    "cancelled": "EventCancelled",
    "moved_online": "EventMovedOnline",
}
# Affiliations whose people work for the organisation (``worksFor``).
MEMBER_AFFILIATIONS = {"staff", "fellow"}
# Social networks that are profiles of the organisation (``sameAs``); a feed is not.
NOT_PROFILES = {"rss"}
# "Washington, DC 20036" / "New York, NY 10017-1234": the last line of a US postal address.
US_LOCALITY = re.compile(
    r"^(?P<locality>[^,]+),\s*(?P<region>[A-Za-z .]+?)\s+(?P<postal>\d{5}(?:-\d{4})?)$"
)
JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


# --- Types and URLs ------------------------------------------------------------------------


def is_a(obj: object, label: str) -> bool:
    """Whether ``obj`` is an instance of the model ``app_label.ModelName`` (or a subclass)."""
    return isinstance(obj, apps.get_model(label))


def absolute(url: str) -> str:
    """A site-relative URL (e.g. ``/media/…``) made absolute on the public site."""
    if url.startswith("//"):
        return settings.SITE_BASE_URL.split("//", 1)[0] + url
    if url.startswith("/"):
        return settings.SITE_BASE_URL + url
    return url


def page_url(page: Page) -> str:
    """The page's own absolute URL on the public site (ignores canonical overrides)."""
    path = getattr(page, "url_path_on_site", None)
    return public_url(path) if path else public_url("/")


def home_url() -> str:
    return public_url("/")


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


def topic_hub_url(topic: Topic | None) -> str:
    """Absolute URL of the topic's public hub page, or '' when it has none."""
    if topic is None:
        return ""
    return per_build(_topic_hub_urls).get(topic.pk, "")


def _topic_hub_urls() -> dict[int, str]:
    hub_model = apps.get_model("home", "TopicHubPage")
    depend(keys.TOPIC_HUBS)
    with url_only():
        return {hub.topic_id: page_url(hub) for hub in visible(hub_model.objects.all())}


def breadcrumb_trail(page: Page) -> list[tuple[str, str]]:
    """(name, absolute URL) from Home to the page, as the HTML breadcrumb shows it.

    Content pages: Home / primary topic's hub (when public) / page. Other pages: Home / public
    ancestors / page. Empty for the home page and unsaved non-content pages.
    """
    if is_home(page):
        return []
    trail = [("Home", home_url())]
    if hasattr(page, "breadcrumb_topic"):
        topic = page.breadcrumb_topic
        if hub := topic_hub_url(topic):
            trail.append((topic.name, hub))
    elif page.pk is None:
        return []
    else:
        # The site root sits at depth 2 (see ``BasePage.url_path_on_site``).
        ancestors = visible_ancestors(page)
        trail.extend((ancestor.title, page_url(ancestor)) for ancestor in ancestors)
    trail.append((clean_text(page.title), page_url(page)))
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


# --- People --------------------------------------------------------------------------------


def visible_person_ids(rows: Iterable[ContentPageAuthor]) -> set[int]:
    """Ids of the rows' people whose pages are public (only those are linked)."""
    ids = [row.person_id for row in rows if row.person_id]
    if not ids:
        return set()
    person_model = apps.get_model("people", "PersonPage")
    if in_build():
        return set(ids) & visible_ids(person_model)
    return set(visible(person_model.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def person_ref(row: ContentPageAuthor, linked_ids: set[int]) -> JsonLd:
    """An author or speaker: a Person with a URL when their page is public, else a name only."""
    data: JsonLd = {"@type": "Person", "name": clean_text(row.display_name)}
    if row.person_id and row.person_id in linked_ids:
        data["url"] = page_url(row.person)
        if row.title:
            data["jobTitle"] = clean_text(row.title)
    return data


def person_profiles(person: PersonPage) -> list[str]:
    """The person's own website, X and LinkedIn profiles (``sameAs``)."""
    profiles = [person.website_url]
    if handle := person.x_handle.strip().lstrip("@"):
        profiles.append(f"https://x.com/{quote(handle)}")
    profiles.append(person.linkedin_url)
    return [url for url in profiles if url]


def person(page: PersonPage, org: JsonLd) -> JsonLd:
    data: JsonLd = {
        "@context": SCHEMA,
        "@type": "Person",
        "name": clean_text(f"{page.first_name} {page.last_name}"),
        "givenName": page.first_name,
        "familyName": page.last_name,
        "url": page_url(page),
        "mainEntityOfPage": page_url(page),
    }
    optional = {
        "honorificPrefix": page.honorific_prefix,
        "honorificSuffix": page.honorific_suffix,
        "jobTitle": page.job_title,
        "description": clean_text(page.short_bio),
    }
    data.update({key: value for key, value in optional.items() if value})
    if page.affiliation in MEMBER_AFFILIATIONS:
        data["worksFor"] = organization_ref(org)
    if profiles := person_profiles(page):
        data["sameAs"] = profiles
    if page.pk is not None and (topics := [topic.name for topic in page.expertise.all()]):
        data["knowsAbout"] = topics
    return with_image(data, page.headshot or share_image(page))


# --- Content pages -------------------------------------------------------------------------


def article_type(page: ContentPage) -> str:
    for label, schema_type in ARTICLE_TYPES.items():
        if is_a(page, label):
            return schema_type
    return "Article"


def authors(page: ContentPage, linked_ids: set[int], org: JsonLd) -> list[JsonLd]:
    """The rows with the author role; the organisation when nobody signed the page."""
    rows = [row for row in page.author_rows if row.role == "author"]
    if not rows:
        return [organization_ref(org)]
    return [person_ref(row, linked_ids) for row in rows]


def original_work(page: OpEdPage) -> JsonLd | None:
    """The op-ed as the outlet first published it (``isBasedOn``)."""
    if not page.original_url:
        return None
    data: JsonLd = {"@type": "OpinionNewsArticle", "url": page.original_url}
    if page.original_date:
        data["datePublished"] = page.original_date.isoformat()
    if page.outlet_id:
        outlet: JsonLd = {"@type": "Organization", "name": page.outlet.name}
        if page.outlet.url:
            outlet["url"] = page.outlet.url
        data["publisher"] = outlet
    return data


def article(page: ContentPage, org: JsonLd, linked_ids: set[int]) -> JsonLd:
    data: JsonLd = {
        "@context": SCHEMA,
        "@type": article_type(page),
        "headline": headline(page),
        "datePublished": page.display_date.isoformat(),
        "dateModified": (page.updated_date or page.display_date).isoformat(),
        "author": authors(page, linked_ids, org),
        "publisher": organization_ref(org),
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url(page)},
        "url": page_url(page),
    }
    if description := truncate(clean_text(page.dek), DESCRIPTION_LIMIT) or meta_description(page):
        data["description"] = description
    if page.breadcrumb_topic is not None:
        data["articleSection"] = page.breadcrumb_topic.name
    if topics := [topic.name for topic in page.topic_list]:
        data["keywords"] = topics
    if is_a(page, "publications.OpEdPage") and (original := original_work(page)):
        data["isBasedOn"] = original
    return with_image(data, share_image(page))


# --- Events --------------------------------------------------------------------------------


def postal_address(text: str) -> JsonLd:
    """A free-text venue address as a PostalAddress; a US 'City, ST 12345' line is parsed."""
    lines = [line.strip().rstrip(",") for line in text.splitlines() if line.strip()]
    data: JsonLd = {"@type": "PostalAddress"}
    if len(lines) > 1 and lines[-1].casefold() in {"usa", "united states", "us"}:
        data["addressCountry"] = "US"
        lines = lines[:-1]
    match = US_LOCALITY.match(lines[-1]) if len(lines) > 1 else None
    if match:
        lines = lines[:-1]
        data["addressLocality"] = match["locality"].strip()
        data["addressRegion"] = match["region"].strip()
        data["postalCode"] = match["postal"]
        data.setdefault("addressCountry", "US")
    data["streetAddress"] = ", ".join(lines)
    return data


def place(page: EventPage) -> JsonLd | None:
    if not (page.venue_name or page.venue_address):
        return None
    data: JsonLd = {"@type": "Place", "name": page.venue_name or page.venue_address.splitlines()[0]}
    if page.venue_address.strip():
        data["address"] = postal_address(page.venue_address)
    return data


def virtual_location(page: EventPage) -> JsonLd:
    url = page.livestream_url or page.registration_url or page_url(page)
    return {"@type": "VirtualLocation", "url": url}


def attendance_mode(page: EventPage) -> str:
    mode = "virtual" if page.status == "moved_online" else page.format
    return f"{SCHEMA}/{ATTENDANCE_MODES.get(mode, ATTENDANCE_MODES['virtual'])}"


def event_locations(page: EventPage) -> list[JsonLd]:
    """A Place for in-person attendance, a VirtualLocation for online attendance, or both."""
    mode = attendance_mode(page)
    locations = []
    if not mode.endswith("/OnlineEventAttendanceMode") and (venue := place(page)):
        locations.append(venue)
    if not mode.endswith("/OfflineEventAttendanceMode"):
        locations.append(virtual_location(page))
    return locations


def event(page: EventPage, org: JsonLd, linked_ids: set[int]) -> JsonLd:
    data: JsonLd = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": clean_text(page.title),
        "startDate": page.local_start.isoformat(),
        "endDate": page.local_end.isoformat(),
        "eventAttendanceMode": attendance_mode(page),
        "eventStatus": f"{SCHEMA}/{EVENT_STATUSES.get(page.status, 'EventScheduled')}",
        "organizer": organization_ref(org),
        "url": page_url(page),
    }
    locations = event_locations(page)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if performers := [person_ref(row, linked_ids) for row in page.author_rows]:
        data["performer"] = performers
    if description := truncate(clean_text(page.dek), DESCRIPTION_LIMIT) or meta_description(page):
        data["description"] = description
    return with_image(data, share_image(page))


# --- The page's entities -------------------------------------------------------------------


def main_entity(page: Page, org: JsonLd, linked_ids: set[int] | None = None) -> JsonLd | None:
    """The Event, Article (or subtype) or Person the page is about; None for other pages."""
    if is_a(page, "publications.ContentPage"):
        if linked_ids is None:
            linked_ids = visible_person_ids(page.author_rows)
        if is_a(page, "publications.EventPage"):
            return event(page, org, linked_ids)
        return article(page, org, linked_ids)
    if is_a(page, "people.PersonPage"):
        return person(page, org)
    return None


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
