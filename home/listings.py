"""Render-time listings of home's own pages: the editors' picks of the home page, topic hubs
and programs. What they show from the apps built on ``home`` (content, people) those apps add
through ``cms.extensions`` hooks: ``publications.cards``, ``people.cards``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from wagtail.models import Page

from cms import keys
from cms.deps import depend
from cms.visibility import visible

if TYPE_CHECKING:
    from .models import HomePage, ProgramPage, TopicHubPage


def visible_in_order(pages: Iterable[Page]) -> list[Page]:
    """The visible specific pages among ``pages`` (e.g. editors' picks), in the editors' order."""
    ids = [page.pk for page in pages]
    if not ids:
        return []
    # A hidden pick is never loaded, yet must appear once it becomes public.
    depend(*map(keys.page_url, ids))
    found = {page.pk: page for page in visible(Page.objects.filter(pk__in=ids)).specific()}
    return [found[pk] for pk in ids if pk in found]


def lead_stories(home: HomePage) -> list[Page]:
    return visible_in_order(row.story for row in home.lead_stories.select_related("story"))


def featured_items(page: TopicHubPage | ProgramPage) -> list[Page]:
    return visible_in_order(row.item for row in page.featured_items.select_related("item"))
