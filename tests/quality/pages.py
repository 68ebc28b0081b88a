"""The URLs the quality checks visit: one page of every type and every kind of listing."""

from django.apps import apps
from wagtail.models import Page

from cms.visibility import visible

LISTING_PATHS = [
    "/op-eds/",
    "/events/",
    "/research/",
    "/experts/",
    "/people/",
    "/policy-topics/",
    "/programs/",
]


def one_route_of_every_kind() -> list[str]:
    """A URL of each kind of listing state: page n, type/topic/expertise filters, archives."""
    import re

    from cms.routing import StaticRoutesMixin

    seen: dict[tuple[str, str], str] = {}
    for page in visible(Page.objects.all()).order_by("path").specific():
        if not isinstance(page, StaticRoutesMixin):
            continue
        for route in page.get_static_routes():
            if route.endswith((".xml", ".ics")):
                continue
            shape = re.sub(r"\d+", "N", route)
            shape = re.sub(r"^(type|topic|expertise)/[^/]+", r"\1/X", shape)
            seen.setdefault((type(page).__name__, shape), page.url + route)
    return sorted(seen.values())


def one_page_of_every_type() -> dict[str, str]:
    """Page type name → site-relative URL of its first visible page."""
    urls: dict[str, str] = {}
    for model in apps.get_models():
        if not issubclass(model, Page) or model._meta.app_label not in {
            "home",
            "people",
            "publications",
        }:
            continue
        if not model.is_creatable:
            continue
        page = visible(model.objects.all()).order_by("path").first()
        if page is not None:
            urls[model.__name__] = page.url
    return urls
