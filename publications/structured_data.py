"""The JSON-LD entity of a content page: an Article (an OpinionNewsArticle for op-eds, a
NewsArticle for press releases: ``schema_type``) or, for events, an Event; its authors and
speakers as Persons, linked when their pages are public."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cms.public_urls import page_public_url
from cms.structured_data import (
    DESCRIPTION_LIMIT,
    SCHEMA,
    JsonLd,
    clean_text,
    headline,
    meta_description,
    organization_ref,
    share_image,
    truncate,
    with_image,
)
from cms.visibility import visible_ids_among
from people.models import PersonPage

from .models import ContentPage, ContentPageAuthor, EventPage, OpEdPage

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
# "Washington, DC 20036" / "New York, NY 10017-1234": the last line of a US postal address.
US_LOCALITY = re.compile(
    r"^(?P<locality>[^,]+),\s*(?P<region>[A-Za-z .]+?)\s+(?P<postal>\d{5}(?:-\d{4})?)$"
)


def visible_person_ids(rows: Iterable[ContentPageAuthor]) -> set[int]:
    """Ids of the rows' people whose pages are public (only those are linked)."""
    ids = [row.person_id for row in rows if row.person_id]
    if not ids:
        return set()
    return visible_ids_among(ids, PersonPage)


def person_ref(row: ContentPageAuthor, linked_ids: set[int]) -> JsonLd:
    """An author or speaker: a Person with a URL when their page is public, else a name only."""
    data: JsonLd = {"@type": "Person", "name": clean_text(row.display_name)}
    if row.person_id and row.person_id in linked_ids:
        data["url"] = page_public_url(row.person)
        if row.title:
            data["jobTitle"] = clean_text(row.title)
    return data


# --- Content pages -------------------------------------------------------------------------


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
        "@type": page.schema_type,
        "headline": headline(page),
        "datePublished": page.display_date.isoformat(),
        "dateModified": (page.updated_date or page.display_date).isoformat(),
        "author": authors(page, linked_ids, org),
        "publisher": organization_ref(org),
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_public_url(page)},
        "url": page_public_url(page),
    }
    if description := truncate(clean_text(page.dek), DESCRIPTION_LIMIT) or meta_description(page):
        data["description"] = description
    if page.breadcrumb_topic is not None:
        data["articleSection"] = page.breadcrumb_topic.name
    if topics := [topic.name for topic in page.topic_list]:
        data["keywords"] = topics
    if isinstance(page, OpEdPage) and (original := original_work(page)):
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
    url = page.livestream_url or page.registration_url or page_public_url(page)
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
        "url": page_public_url(page),
    }
    locations = event_locations(page)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if performers := [person_ref(row, linked_ids) for row in page.author_rows]:
        data["performer"] = performers
    if description := truncate(clean_text(page.dek), DESCRIPTION_LIMIT) or meta_description(page):
        data["description"] = description
    return with_image(data, share_image(page))
