"""Render-time listings of people pages: the people index by affiliation and /experts/ (a
person's work comes from ``publications.person_work`` through ``cms.extensions``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest
from wagtail.query import PageQuerySet

from cms import keys
from cms.deps import depend
from cms.visibility import visible
from home.models import Topic

from .cards import person_cards
from .models import Affiliation, PersonPage

if TYPE_CHECKING:
    from .models import ExpertsIndexPage, PeopleIndexPage

EXPERTISE_ROUTE = "expertise/{slug}/"


def people_by_affiliation(index: PeopleIndexPage) -> list[tuple[str, list[PersonPage]]]:
    """(group label, people) for each affiliation that has visible people under ``index``."""
    depend(keys.people("parent", index.pk))
    groups: dict[str, list[PersonPage]] = {value: [] for value in Affiliation.values}
    for person in person_cards(PersonPage.objects.child_of(index)):
        groups.setdefault(person.affiliation, []).append(person)
    labels = dict(Affiliation.choices)
    return [(_plural(labels.get(key, key)), people) for key, people in groups.items() if people]


def _plural(label: str) -> str:
    return {"Staff": "Staff", "Former": "Former staff and fellows"}.get(label, f"{label}s")


def experts(queryset: PageQuerySet | None = None) -> list[PersonPage]:
    """Every visible person marked as an expert, site-wide."""
    depend(keys.people("expert"))
    queryset = PersonPage.objects.all() if queryset is None else queryset
    return list(person_cards(queryset.filter(is_expert=True)))


def expertise_topics() -> list[Topic]:
    """Topics that at least one visible expert has as expertise, by name (one query)."""
    expert_ids = visible(PersonPage.objects.filter(is_expert=True)).values("pk")
    through = PersonPage.expertise.through
    return list(
        Topic.objects.filter(
            pk__in=through.objects.filter(personpage__in=expert_ids).values("topic_id")
        )
    )


def experts_listing(
    index: ExpertsIndexPage, request: HttpRequest | None, slug: str | None = None
) -> dict[str, Any]:
    """/experts/ (everyone) or ``expertise/<slug>/`` (404 unless a known topic with experts)."""
    url = (index.get_url(request) or "") if request is not None else ""
    queryset = PersonPage.objects.all()
    topic = None
    if slug is not None:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404("No such topic.")
        queryset = queryset.filter(expertise=topic)
    people = experts(queryset)
    if topic is not None and not people:
        raise Http404("No experts on this topic.")
    links = [{"label": "All experts", "url": url, "current": topic is None}]
    links += [
        {
            "label": item.name,
            "url": url + EXPERTISE_ROUTE.format(slug=item.slug),
            "current": topic is not None and item.pk == topic.pk,
        }
        for item in expertise_topics()
    ]
    return {
        "experts": people,
        "topic": topic,
        "listing_heading": topic.name if topic is not None else "",
        "filters": [{"label": "Expertise", "links": links}],
    }


def experts_routes() -> Iterator[str]:
    for topic in expertise_topics():
        yield EXPERTISE_ROUTE.format(slug=topic.slug)
