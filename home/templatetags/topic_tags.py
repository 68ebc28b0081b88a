"""Topics linked to their public hub pages (``home.topic_hubs``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from home.topic_hubs import hub_url

register = template.Library()


@register.simple_tag(takes_context=True)
def topic_url(context: template.Context, topic: Any) -> str:
    return hub_url(topic, context.get("request"))


@register.simple_tag(takes_context=True)
def topic_link(context: template.Context, topic: Any) -> SafeString:
    """The topic's name linked to its hub page, or plain text when it has no public hub."""
    if topic is None:
        return SafeString("")
    href = topic_url(context, topic)
    if href:
        return format_html('<a href="{}" rel="tag">{}</a>', href, topic.name)
    return format_html("<span>{}</span>", topic.name)
