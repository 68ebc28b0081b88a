"""The one rule deciding what the public may see: listings, feeds, sitemap, API and build."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet


def _not_expired() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def visible(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Live, unrestricted (ancestors too), unexpired pages that are not aliases of hidden pages.

    ``live().public()`` alone still admits pages whose expiry passed before ``publish_scheduled``
    ran, and aliases whose source page sits under a restricted parent.
    """
    queryset = Page.objects.all() if queryset is None else queryset
    hidden_sources = Page.objects.exclude(
        pk__in=Page.objects.live().public().filter(_not_expired()).values("pk")
    )
    return (
        queryset.live()
        .public()
        .filter(_not_expired())
        .exclude(alias_of__in=hidden_sources.values("pk"))
    )


def is_visible(page: Page) -> bool:
    return visible(Page.objects.filter(pk=page.pk)).exists()
