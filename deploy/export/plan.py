"""Enumerate every output of the public site from Wagtail's tree (nothing from the filesystem)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.routing import StaticRoutesMixin
from cms.visibility import visible
from deploy.errors import BuildError
from deploy.export.outputs import Job, Kind, output_path

SITE_FILES = ("/sitemap.xml", "/robots.txt")


@dataclass
class Plan:
    site: Site
    jobs: dict[str, Job] = field(default_factory=dict)  # by output path
    pages: list[Any] = field(default_factory=list)  # public_pages(site)
    urls: dict[int, str] = field(default_factory=dict)  # site-relative URL of each public page

    def add(self, job: Job) -> None:
        if job.path in self.jobs:
            raise BuildError(
                f"two outputs claim {job.path}: {self.jobs[job.path].url} and {job.url}"
            )
        self.jobs[job.path] = job


def default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise BuildError("No default site: create one in Settings › Sites.")
    return site


# What the plan and the state capture (deploy.export.state) read of each visible page.
PAGE_FIELDS = ("pk", "path", "url_path", "live_revision_id", "last_published_at", "content_type_id")


def public_pages(site: Site) -> list[Any]:
    """The visible pages of ``site`` in tree order, as rows of PAGE_FIELDS: one query."""
    return list(
        visible(Page.objects.descendant_of(site.root_page, inclusive=True))
        .order_by("path")
        .values_list(*PAGE_FIELDS, named=True)
    )


def _with_models(pages: list[Any]) -> list[tuple[int, str, type[Page]]]:
    model = ContentType.objects.get_for_id
    return [
        (row.pk, row.url_path, model(row.content_type_id).model_class() or Page) for row in pages
    ]


def _routes_need_the_page(model: type[Page]) -> bool:
    """Does ``model`` compute its sub-paths from a page's data (pagination, archives)?"""
    routes = getattr(model, "get_static_routes", None)
    return routes is not None and routes is not StaticRoutesMixin.get_static_routes


def _pages_with_routes(pages: list[tuple[int, str, type[Page]]]) -> dict[int, Page]:
    """The few pages whose sub-paths depend on their data, loaded as their specific class."""
    by_model: dict[type[Page], list[int]] = defaultdict(list)
    for pk, _url_path, model in pages:
        if _routes_need_the_page(model):
            by_model[model].append(pk)
    return {
        page.pk: page
        for model, ids in by_model.items()
        for page in model.objects.filter(pk__in=ids).defer_streamfields()
    }


def json_path(url: str) -> str:
    """The static API document of the page at ``url``: '/op-eds/x/' → 'op-eds/x/index.json'."""
    return url.lstrip("/") + "index.json"


def plan_site(site: Site | None = None) -> Plan:
    site = site or default_site()
    plan = Plan(site=site, pages=public_pages(site))
    pages = _with_models(plan.pages)
    loaded = _pages_with_routes(pages)
    root_length = len(site.root_page.url_path)
    for pk, url_path, model in pages:
        url = "/" + url_path[root_length:]
        plan.urls[pk] = url
        plan.add(Job(output_path(url), Kind.PAGE, url, pk))
        plan.add(Job(json_path(url), Kind.JSON, f"/api/v2/pages/{pk}/", pk))
        if pk in loaded:
            routes = loaded[pk].get_static_routes()
        else:
            routes = getattr(model, "fixed_routes", ())
        for route in routes:
            plan.add(Job(output_path(url + route), Kind.PAGE, url + route, pk, route))
    for url in SITE_FILES:
        plan.add(Job(output_path(url), Kind.VIEW, url))
    plan.add(Job("404.html", Kind.NOT_FOUND, "/404-page-not-found/"))
    for job in redirect_jobs(site, plan):
        plan.add(job)
    return plan


def redirect_jobs(site: Site, plan: Plan) -> Iterator[Job]:
    """Wagtail redirects whose target is public, as HTML stubs where no real output lives."""
    redirects = Redirect.objects.filter(Q(site=site) | Q(site__isnull=True))
    for redirect in redirects.order_by("old_path"):
        old = redirect.old_path if redirect.old_path.startswith("/") else f"/{redirect.old_path}"
        if urlsplit(old).query or "." in old.rsplit("/", 1)[-1]:
            continue  # query strings and file-like paths cannot be static stubs
        path = output_path(old.rstrip("/") + "/")
        if path in plan.jobs:
            continue
        if redirect.redirect_page_id:
            target_url = plan.urls.get(redirect.redirect_page_id)
            if target_url is None:
                continue  # the target is not public: no stub that would lead to it
            target = settings.SITE_BASE_URL + target_url
        else:
            target = redirect.redirect_link
        if target:
            yield Job(path, Kind.REDIRECT, old, target=target)
