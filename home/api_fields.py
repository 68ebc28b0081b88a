"""API fields of topics: name, slug, kind and the URL of the topic's public hub page."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from cms.api_fields import APIValueField, related_model

from .topic_hubs import hub_full_url


def topic_data(topic, request: HttpRequest | None) -> dict[str, Any]:
    return {
        "id": topic.pk,
        "name": topic.name,
        "slug": topic.slug,
        "kind": topic.kind,
        "url": hub_full_url(topic, request) or None,
    }


class TopicField(APIValueField):
    """A topic: name, slug, kind and the URL of its public hub page (or null)."""

    def prefetch_lookups(self, model, name):
        return [name]

    def to_representation(self, topic):
        return topic_data(topic, self.http_request)


class TopicListField(APIValueField):
    """Topics in order, from a many-to-many field or from ordered rows with a ``topic``."""

    def get_attribute(self, instance):
        return getattr(instance, self.source)

    def prefetch_lookups(self, model, name):
        field = model._meta.get_field(name)
        if field.many_to_many:
            return [name]
        rows = related_model(model, name).objects.select_related("topic")
        return [Prefetch(name, queryset=rows)]

    def to_representation(self, manager):
        request = self.http_request
        items = manager.all()
        return [topic_data(getattr(item, "topic", item), request) for item in items]
