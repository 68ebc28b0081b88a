"""What pages of ``home`` show of people (``cms.extensions``): a topic's experts, a program's
director and team."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks

from cms import extensions

from . import cards


@hooks.register(extensions.TOPIC_HUB_CONTEXT)
def topic_experts(page: Any, request: HttpRequest | None, context: dict[str, Any]) -> dict:
    return {"experts": cards.topic_experts(page.topic)}


@hooks.register(extensions.PROGRAM_CONTEXT)
def program_people(page: Any, request: HttpRequest | None, context: dict[str, Any]) -> dict:
    return {"director": cards.program_director(page), "team": cards.program_team(page)}
