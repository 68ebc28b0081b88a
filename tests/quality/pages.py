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
