"""The Site deploys admin view, its menu item, and the audit log actions it writes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogActionRegistry, LogFormatter

from deploy.live import admin_views
from deploy.live.admin_views import DEPLOY_NOW_ACTION, ROLLBACK_ACTION, can_deploy
from deploy.live.takedown import TAKEDOWN_ACTION


class DeploysMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_deploy(request.user)


@hooks.register("register_admin_urls")
def register_deploy_admin_urls() -> list[URLPattern]:
    return [
        path(
            "deploys/",
            include((admin_views.urlpatterns, "deploy_admin"), namespace="deploy_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_deploys_menu_item() -> MenuItem:
    return DeploysMenuItem(
        gettext_lazy("Site deploys"),
        reverse("deploy_admin:index"),
        name="site-deploys",
        icon_name="upload",
        order=8900,  # just above Reports
    )


@hooks.register("register_log_actions")
def register_deploy_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(
        DEPLOY_NOW_ACTION,
        gettext_lazy("Deploy now"),
        gettext_lazy("Asked the worker to deploy the static site"),
    )

    @actions.register_action(TAKEDOWN_ACTION)
    class TakedownFormatter(LogFormatter):
        label = gettext_lazy("Take down")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data or {}
            return _("Took %(path)s down from the site and every kept release: %(reason)s") % {
                "path": data.get("path", ""),
                "reason": data.get("reason") or _("no reason given"),
            }

    @actions.register_action(ROLLBACK_ACTION)
    class RollbackFormatter(LogFormatter):
        label = gettext_lazy("Roll back the static site")

        def format_message(self, log_entry: Any) -> str:
            release_id = (log_entry.data or {}).get("release_id")
            if release_id:
                return _("Asked the worker to roll the static site back to release %(id)s") % {
                    "id": release_id
                }
            return _("Asked the worker to roll the static site back to the previous release")
