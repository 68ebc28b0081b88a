"""Person pages shaped for cards, and the people that home-level pages show (a topic's experts,
a program's director and team), which ``people.wagtail_hooks`` adds to those pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms import keys
from cms.deps import depend
from cms.visibility import visible

from .models import PersonPage

if TYPE_CHECKING:
    from home.models import ProgramPage, Topic

# The author-card srcset: 1x and 2x.
HEADSHOT_FILTERS = ("fill-160x160", "fill-320x320")


def person_cards(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Visible person pages shaped for cards: headshot renditions and expertise prefetched."""
    queryset = PersonPage.objects.all() if queryset is None else queryset
    return (
        visible(queryset)
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch("headshot", get_image_model().objects.prefetch_renditions(*HEADSHOT_FILTERS)),
            "expertise",
        )
    )


def topic_experts(topic: Topic) -> list[Page]:
    depend(keys.people("expertise", topic.pk))
    return list(person_cards(PersonPage.objects.filter(expertise=topic, is_expert=True)))


def program_team(program: ProgramPage) -> list[Page]:
    depend(keys.people("program", program.pk))
    queryset = PersonPage.objects.filter(programs=program)
    if program.director_id:
        queryset = queryset.exclude(pk=program.director_id)
    return list(person_cards(queryset))


def program_director(program: ProgramPage) -> Page | None:
    if not program.director_id:
        return None
    depend(keys.page_url(program.director_id))
    return person_cards(PersonPage.objects.filter(pk=program.director_id)).first()
