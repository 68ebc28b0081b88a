"""The JSON-LD Person entity of a person page (``PersonPage.structured_data``)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from cms.public_urls import page_public_url
from cms.structured_data import (
    SCHEMA,
    JsonLd,
    clean_text,
    organization_ref,
    share_image,
    with_image,
)

if TYPE_CHECKING:
    from .models import PersonPage

# Affiliations whose people work for the organisation (``worksFor``).
MEMBER_AFFILIATIONS = {"staff", "fellow"}


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
        "url": page_public_url(page),
        "mainEntityOfPage": page_public_url(page),
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
