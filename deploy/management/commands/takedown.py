"""`manage.py takedown PATH_OR_PAGE_ID [--reason TEXT]`: a legal removal that reaches what is
kept for rollback (deploy.live.takedown)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.log_actions import log

from deploy.errors import DeployError
from deploy.live.admin_views import site_for_log
from deploy.live.takedown import TAKEDOWN_ACTION, take_down


class Command(BaseCommand):
    help = (
        "Remove an unpublished page's content from the live site, the CDN, the search index and "
        "every kept release, so no rollback can restore it; logged in the audit log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("page", help="A page id, or the path it was published at.")
        parser.add_argument("--reason", default="", help="Recorded in the audit log only.")

    def handle(self, *args: Any, page: str, reason: str, **options: Any) -> None:
        try:
            done = take_down(page, reason=reason, progress=self.stdout.write)
        except DeployError as exc:
            raise CommandError(f"Takedown stopped: {exc}") from exc
        data = {"path": f"/{done.folder}", "reason": reason, "releases": done.releases_rewritten}
        subject = done.page or site_for_log()
        if subject is not None:
            log(subject, TAKEDOWN_ACTION, data=data)
        self.stdout.write(done.summary())
