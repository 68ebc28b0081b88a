"""Where each topic's public hub page is: the one answer the HTML links, the API's topic URLs
and the JSON-LD breadcrumbs all read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from cms import keys
from cms.deps import depend, url_only
from cms.memo import per_request
from cms.public_urls import public_url
from cms.visibility import visible

if TYPE_CHECKING:
    from .models import Topic, TopicHubPage


def public_hubs(request: HttpRequest | None = None) -> dict[int, TopicHubPage]:
    """topic id → its public hub page (loaded for its URL only), once per build or request."""
    return per_request(request, _public_hubs)


def _public_hubs(request: HttpRequest | None) -> dict[int, TopicHubPage]:
    from .models import TopicHubPage

    depend(keys.TOPIC_HUBS)
    with url_only():
        return {hub.topic_id: hub for hub in visible(TopicHubPage.objects.all())}


def hub_url(topic: Topic | None, request: HttpRequest | None = None) -> str:
    """The site-relative URL of the topic's public hub page, or '' when it has none."""
    hub = public_hubs(request).get(topic.pk) if topic is not None else None
    return (hub.get_url(request) or "") if hub is not None else ""


def hub_full_url(topic: Topic | None, request: HttpRequest | None = None) -> str:
    """The absolute URL of the topic's public hub page on the public site, or ''."""
    hub = public_hubs(request).get(topic.pk) if topic is not None else None
    return public_url(hub.url_path_on_site) if hub is not None else ""
