"""The admin side of publish to live: the Site deploys view with its Deploy now and Roll back
actions, and the page editor's answer to "is this page on the static site yet?".

Only superusers and holders of ``deploy.deploy_site`` (the Deployers group) reach the views;
everyone else gets a 403, by menu and by URL alike. The actions only queue work for the worker
(deploy.live.sync) and record who asked in Wagtail's audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, Site

from cms.visibility import visible
from deploy.errors import DeployError
from deploy.live.heartbeat import last_seen, worker_seen_recently
from deploy.live.sync import request_sync, rollback_site
from deploy.models import SiteSync, SyncRequest
from deploy.release.apply import Options, rollback
from deploy.release.history import ReleaseRow, list_releases

DEPLOY_PERMISSION = "deploy.deploy_site"
DEPLOY_NOW_ACTION = "deploy.deploy_now"
ROLLBACK_ACTION = "deploy.rollback"
RECENT_SYNCS = 30
RECENT_ACTIONS = 10
ERROR_SUMMARY_CHARS = 300
# new_release_id() makes "20261124T065046.123456Z-5efc1b"; anything else never reaches the worker.
RELEASE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,39}")


def can_deploy(user: Any) -> bool:
    """Superusers (``has_perm`` is always true for them) and the Deployers group."""
    return bool(user.is_active and user.has_perm(DEPLOY_PERMISSION))


def site_for_log() -> Site | None:
    """The audit log records deploys against the Wagtail Site the static export is built from."""
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


class DeployPermissionRequired:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_deploy(request.user):
            # A plain 403, not Wagtail's PermissionDenied handling (a redirect to the dashboard).
            return render(request, "deploy/admin/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class DeploysView(DeployPermissionRequired, WagtailAdminTemplateMixin, TemplateView):
    template_name = "deploy/admin/index.html"
    page_title = gettext_lazy("Site deploys")
    header_icon = "upload"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        syncs = list(SiteSync.objects.select_related("user")[:RECENT_SYNCS])
        latest_deploy = next((s for s in syncs if s.kind == SiteSync.Kind.DEPLOY), None)
        if latest_deploy is None:
            latest_deploy = SiteSync.objects.filter(kind=SiteSync.Kind.DEPLOY).first()
        releases: list[ReleaseRow] = []
        releases_error = ""
        try:
            releases = list_releases()
        except DeployError as exc:  # no store configured, or unreachable: say so, keep working
            releases_error = str(exc)
        live = next((row for row in releases if row.live), None)
        deploy_failed = latest_deploy is not None and latest_deploy.state == SiteSync.State.FAILED
        context.update(
            {
                **worker_warning(),
                "syncs": syncs,
                "latest_deploy": latest_deploy,
                "deploy_failed": deploy_failed,
                "failure_summary": error_summary(latest_deploy.error)
                if deploy_failed and latest_deploy is not None
                else "",
                "retries_left": latest_deploy is not None
                and latest_deploy.attempt < settings.SYNC_MAX_ATTEMPTS,
                "running": next((s for s in syncs if s.state == SiteSync.State.RUNNING), None),
                "waiting": SyncRequest.objects.waiting().count(),
                "releases": releases,
                "releases_error": releases_error,
                "live_release": live,
                "can_roll_back": live is not None
                and any(row.complete and row.id < live.id for row in releases),
                "actions": ModelLogEntry.objects.filter(
                    action__in=[DEPLOY_NOW_ACTION, ROLLBACK_ACTION]
                ).select_related("user")[:RECENT_ACTIONS],
            }
        )
        return context


def worker_warning() -> dict[str, Any]:
    """Whether to warn that no worker runs: publishes only queue work, so without a worker
    nothing reaches the site. ``worker_missing_minutes`` is None when one was never seen."""
    if worker_seen_recently():
        return {"worker_missing": False}
    seen = last_seen()
    minutes = None if seen is None else int((timezone.now() - seen).total_seconds() // 60)
    return {"worker_missing": True, "worker_missing_minutes": minutes}


def error_summary(error: str) -> str:
    """The first line of a recorded error, cut short: the whole text is in the syncs table."""
    first = error.strip().splitlines()[0] if error.strip() else ""
    if len(first) > ERROR_SUMMARY_CHARS:
        return first[: ERROR_SUMMARY_CHARS - 1] + "…"
    return first


class DeployNowView(DeployPermissionRequired, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        reason = _("Deploy requested in the admin by %(user)s") % {
            "user": get_user_display_name(request.user)
        }
        request_sync(reason, user=request.user)
        site = site_for_log()
        if site is not None:
            log(site, DEPLOY_NOW_ACTION, user=request.user, data={"reason": reason})
        messages.success(
            request,
            _("Deploy queued: a worker will build and deploy the site in a moment."),
        )
        return HttpResponseRedirect(reverse("deploy_admin:index"))


class RollbackView(DeployPermissionRequired, WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation; POST queues ``rollback_site`` (no id: the previous release)."""

    template_name = "deploy/admin/confirm_rollback.html"
    page_title = gettext_lazy("Roll back the static site")
    header_icon = "rotate"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("deploy_admin:index"), "label": _("Site deploys")},
            {"url": "", "label": self.get_page_title()},
        ]

    def release_id(self, request: HttpRequest) -> str | None:
        value = (request.POST if request.method == "POST" else request.GET).get("release_id", "")
        value = value.strip()
        if not value:
            return None
        if not RELEASE_ID.fullmatch(value):
            raise ValueError(value)
        return value

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.target = self.release_id(request)
        except ValueError:
            messages.error(request, _("That is not a release id."))
            return HttpResponseRedirect(reverse("deploy_admin:index"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["release_id"] = self.target
        # What the rollback would leave out, before it runs: the same dry run as the command.
        try:
            preview = rollback(self.target, Options(dry_run=True))
        except DeployError as exc:
            context["preview_error"] = str(exc)
        else:
            context["left_out"] = preview.left_out
            context["restores"] = preview.restored_from
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            release_id = self.release_id(request)
        except ValueError:
            messages.error(request, _("That is not a release id."))
            return HttpResponseRedirect(reverse("deploy_admin:index"))
        rollback_site.enqueue(release_id, request.user.pk)
        site = site_for_log()
        if site is not None:
            log(site, ROLLBACK_ACTION, user=request.user, data={"release_id": release_id})
        target = (
            _("release %(id)s") % {"id": release_id}
            if release_id
            else _("the release before the live one")
        )
        messages.success(
            request,
            _("Rollback to %(target)s queued: a worker will restore it in a moment.")
            % {"target": target},
        )
        return HttpResponseRedirect(reverse("deploy_admin:index"))


urlpatterns = [
    path("", DeploysView.as_view(), name="index"),
    path("deploy/", DeployNowView.as_view(), name="deploy_now"),
    path("rollback/", RollbackView.as_view(), name="rollback"),
]


# The page editor's status panel -----------------------------------------------------------


@dataclass(frozen=True)
class StaticSiteStatus:
    state: str  # "live", "waiting" or "absent"
    title: str
    detail: str = ""
    at: datetime | None = None  # when the release that carries the page went live
    icon: str = "upload"


def static_site_status(page: Page) -> StaticSiteStatus | None:
    """Whether the latest published version of ``page`` is on the static site yet.

    A live page costs the visibility rule's queries (cms.visibility) and one for the latest
    successful sync; a rollback that restored an older release costs one more.
    """
    if not page.pk:
        return None
    absent = StaticSiteStatus(
        "absent",
        _("Not on the static site"),
        _("Only live pages that anyone may view are deployed."),
        icon="no-view",
    )
    # The editor's object is the latest revision, whose last_published_at may predate the
    # publish: read the page row itself (``live`` is the page's own even on a revision).
    if not page.live:
        return absent
    row = visible(Page.objects.filter(pk=page.pk)).values_list("pk", "last_published_at").first()
    if row is None:
        return absent
    published_at = row[1]
    live_sync = SiteSync.objects.filter(state=SiteSync.State.SUCCEEDED).first()
    content_as_of = live_sync.content_as_of if live_sync else None
    if live_sync is not None and live_sync.kind == SiteSync.Kind.ROLLBACK:
        # The live release is an older one: what it carries is what its own deploy read.
        content_as_of = (
            SiteSync.objects.filter(kind=SiteSync.Kind.DEPLOY, release_id=live_sync.release_id)
            .exclude(content_as_of=None)
            .values_list("content_as_of", flat=True)
            .first()
        )
    on_site = content_as_of is not None and (published_at is None or published_at <= content_as_of)
    if live_sync is not None and on_site:
        detail = (
            _("Release %(id)s, restored by a rollback")
            if live_sync.kind == SiteSync.Kind.ROLLBACK
            else _("Release %(id)s, deployed")
        ) % {"id": live_sync.release_id}
        return StaticSiteStatus(
            "live", _("Live on the static site"), detail, at=live_sync.finished_at, icon="upload"
        )
    if live_sync is None:
        detail = _("No site deploy has succeeded yet.")
    elif live_sync.kind == SiteSync.Kind.ROLLBACK:
        detail = _("The site was rolled back to release %(id)s; the next deploy brings it back.")
        detail %= {"id": live_sync.release_id}
    else:
        detail = _("Published since the live release; a worker deploys it shortly.")
    return StaticSiteStatus("waiting", _("Waiting for the next site deploy"), detail, icon="time")


def format_duration(value: timedelta | None) -> str:
    if value is None:
        return ""
    seconds = max(int(value.total_seconds()), 0)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {seconds} s"
    return f"{seconds} s"
