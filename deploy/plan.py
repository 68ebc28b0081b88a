"""Enumerate every output of the public site from Wagtail's tree (nothing from the filesystem)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.visibility import visible

from .errors import BuildError
from .jobs import Job, Kind, output_path

SITE_FILES = ("/sitemap.xml", "/robots.txt")


@dataclass
class Plan:
    site: Site
    jobs: dict[str, Job] = field(default_factory=dict)  # by output path
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


def site_relative(page: Page, site: Site) -> str:
    """'/home/op-eds/x/' under a site rooted at '/home/' → '/op-eds/x/'."""
    return "/" + page.url_path[len(site.root_page.url_path) :]


def public_pages(site: Site) -> Iterator[Page]:
    """The specific visible pages of ``site``, in tree order, streamed (none kept in memory)."""
    queryset = visible(Page.objects.descendant_of(site.root_page, inclusive=True))
    return queryset.order_by("path").specific().defer_streamfields().iterator(chunk_size=500)


def json_path(url: str) -> str:
    """The static API document of the page at ``url``: '/op-eds/x/' → 'op-eds/x/index.json'."""
    return url.lstrip("/") + "index.json"


def plan_site(site: Site | None = None) -> Plan:
    site = site or default_site()
    plan = Plan(site=site)
    for page in public_pages(site):
        url = site_relative(page, site)
        plan.urls[page.pk] = url
        plan.add(Job(output_path(url), Kind.PAGE, url, page.pk))
        plan.add(Job(json_path(url), Kind.JSON, f"/api/v2/pages/{page.pk}/", page.pk))
        for route in getattr(page, "get_static_routes", lambda: ())():
            plan.add(Job(output_path(url + route), Kind.PAGE, url + route, page.pk, route))
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
