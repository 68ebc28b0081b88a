"""The lists each public content page belongs to, for incremental builds (``cms.keys``).

A page entering, leaving or moving within a list re-renders the outputs that show that list:
the section index and its archive month, the topic hubs, the authors' and programs' pages.
``ContentPage.list_memberships`` answers for every public content page of a build at once.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict

from cms import keys


def content_memberships(pages: dict[int, keys.Place]) -> dict[int, keys.Membership]:
    from .models import ContentPage, ContentPageAuthor, ContentPageTopic, EventPage

    # Whole tables rather than ``page_id__in=<every id>``: at 10,000 pages the id lists cost
    # more than the rows of hidden pages, which are skipped here.
    topics, people, programs = defaultdict(list), defaultdict(list), defaultdict(list)
    for page_id, topic_id in ContentPageTopic.objects.values_list("page_id", "topic_id"):
        topics[page_id].append(topic_id)
    authors = ContentPageAuthor.objects.filter(person__isnull=False)
    for page_id, person_id in authors.values_list("page_id", "person_id"):
        people[page_id].append(person_id)
    through = ContentPage.programs.through
    for page_id, program_id in through.objects.values_list("contentpage_id", "programpage_id"):
        programs[page_id].append(program_id)
    dates = dict(ContentPage.objects.values_list("pk", "display_date"))
    starts = {
        pk: start.astimezone(zoneinfo.ZoneInfo(zone))
        for pk, start, zone in EventPage.objects.values_list("pk", "start", "timezone")
        if pk in pages
    }
    found = {}
    for pk in sorted(pages):
        is_event = pk in starts
        kind = keys.events if is_event else keys.content
        lists = [
            kind(),
            kind("type", pages[pk].model.__name__),
            kind("parent", pages[pk].parent),
            *(kind("topic", t) for t in topics[pk]),
            *(kind("person", p) for p in people[pk]),
            *(kind("program", g) for g in programs[pk]),
        ]
        when = starts[pk] if is_event else dates[pk]
        lists += [keys.in_month(key, when.year, when.month) for key in lists]
        found[pk] = keys.Membership(lists, keys.sort_key(dates[pk], pk))
    return found
