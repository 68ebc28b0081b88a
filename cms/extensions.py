"""What a page shows from apps built on its own app: a topic hub (``home``) lists the latest
work (``publications``) and the topic's experts (``people``), a person page (``people``) their
work. The lower app cannot import the higher ones, so the higher ones register providers as
Wagtail hooks, and the page asks for them by hook name:

- ``extend_context(hook, page, request, context)``: every provider adds to the page's context
  (it is given what the page put there already, such as the editors' picks to leave out);
- ``provided(hook)``: the one provider of a value (a feed's entries, a person's listing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from wagtail import hooks

# Hook names: (page, request, context) → dict to add to the context.
HOME_PAGE_CONTEXT = "home_page_context"
TOPIC_HUB_CONTEXT = "topic_hub_context"
PROGRAM_CONTEXT = "program_context"
PERSON_CONTEXT = "person_context"
# Hook names of single providers.
SITE_FEED_ENTRIES = "site_feed_entries"  # () → the newest public content
TOPIC_FEED_ENTRIES = "topic_feed_entries"  # (topic) → its newest content
PERSON_WORK = "person_work"  # (person, request) → the listing of their work


def extend_context(
    hook: str, page: Any, request: HttpRequest | None, context: dict[str, Any]
) -> None:
    for provide in hooks.get_hooks(hook):
        context.update(provide(page, request, context))


def provided(hook: str) -> Callable[..., Any]:
    found = hooks.get_hooks(hook)
    if len(found) != 1:
        raise ImproperlyConfigured(
            f"Exactly one installed app must register the hook {hook!r} ({len(found)} do)."
        )
    return found[0]
