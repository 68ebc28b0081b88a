"""What pages of the apps below ``publications`` show of its content (``cms.extensions``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks

from cms import extensions

from . import cards, person_work


@hooks.register(extensions.HOME_PAGE_CONTEXT)
def home_page_content(page: Any, request: HttpRequest | None, context: dict[str, Any]) -> dict:
    leads = context.get("lead_stories", [])
    return {"latest": cards.latest_content(exclude=[lead.pk for lead in leads])}


@hooks.register(extensions.TOPIC_HUB_CONTEXT)
def topic_hub_content(page: Any, request: HttpRequest | None, context: dict[str, Any]) -> dict:
    featured = [item.pk for item in context.get("featured", [])]
    return {
        "work_groups": cards.topic_work(page.topic, exclude=featured),
        "events": cards.topic_events(page.topic),
    }


@hooks.register(extensions.PROGRAM_CONTEXT)
def program_content(page: Any, request: HttpRequest | None, context: dict[str, Any]) -> dict:
    featured = [item.pk for item in context.get("featured", [])]
    return {
        "work_groups": cards.program_work(page, exclude=featured),
        "events": cards.program_events(page),
    }


@hooks.register(extensions.PERSON_CONTEXT)
def person_content(page: Any, request: HttpRequest | None, context: dict[str, Any]) -> dict:
    return {
        "appearances": person_work.person_appearances(page),
        "person_events": person_work.person_events(page),
    }


hooks.register(extensions.SITE_FEED_ENTRIES, cards.feed_entries)
hooks.register(extensions.TOPIC_FEED_ENTRIES, cards.topic_feed_entries)
hooks.register(extensions.PERSON_WORK, person_work.person_work)
