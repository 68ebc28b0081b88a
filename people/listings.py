"""Render-time listings for people pages. ``publications`` models are resolved lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from wagtail.query import PageQuerySet

from home.listings import LISTING_LIMIT, content_cards, person_cards

from .models import Affiliation, PersonPage

if TYPE_CHECKING:
    from wagtail.models import Page

    from .models import PeopleIndexPage


def person_work(person: PersonPage, limit: int = LISTING_LIMIT) -> list[Page]:
    """Latest visible content the person wrote, featured in, spoke at or moderated."""
    content_page = apps.get_model("publications", "ContentPage")
    author_model = apps.get_model("publications", "ContentPageAuthor")
    # A subquery rather than a join, so a person listed twice on one page yields one entry.
    page_ids = author_model.objects.filter(person=person).values("page_id")
    return list(content_cards(content_page.objects.filter(pk__in=page_ids))[:limit])


def people_by_affiliation(index: PeopleIndexPage) -> list[tuple[str, list[PersonPage]]]:
    """(group label, people) for each affiliation that has visible people under ``index``."""
    groups: dict[str, list[PersonPage]] = {value: [] for value in Affiliation.values}
    for person in person_cards(PersonPage.objects.child_of(index)):
        groups.setdefault(person.affiliation, []).append(person)
    labels = dict(Affiliation.choices)
    return [(_plural(labels.get(key, key)), people) for key, people in groups.items() if people]


def _plural(label: str) -> str:
    return {"Staff": "Staff", "Former": "Former staff and fellows"}.get(label, f"{label}s")


def experts(queryset: PageQuerySet | None = None) -> list[PersonPage]:
    """Every visible person marked as an expert, site-wide."""
    queryset = PersonPage.objects.all() if queryset is None else queryset
    return list(person_cards(queryset.filter(is_expert=True)))
