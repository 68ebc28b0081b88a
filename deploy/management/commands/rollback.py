"""`manage.py rollback [RELEASE_ID] [--include-removed]`: restore a recorded release from the
bucket alone, without the pages that are not public now (listed) unless asked."""

from __future__ import annotations

import getpass
import socket
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deploy.errors import DeployError
from deploy.management.progress import progress_bar
from deploy.release.apply import Options, rollback


class Command(BaseCommand):
    help = "Make an earlier release live again (default: the one before the live release)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("release_id", nargs="?", help="See `manage.py releases`.")
        parser.add_argument("--dry-run", action="store_true", help="Print the plan only.")
        parser.add_argument("--max-deletes", type=int, default=None)
        parser.add_argument("--quiet", action="store_true", help="Only the summary line.")
        parser.add_argument(
            "--include-removed",
            action="store_true",
            help="Also restore pages that are not public now (never what a takedown withdrew).",
        )

    def handle(
        self,
        *args: Any,
        release_id: str | None,
        dry_run: bool,
        max_deletes: int | None,
        quiet: bool,
        include_removed: bool,
        **options: Any,
    ) -> None:
        limit = settings.DEPLOY_MAX_DELETES if max_deletes is None else max_deletes
        options_ = Options(
            dry_run=dry_run,
            max_deletes=limit,
            trigger=f"manage.py rollback by {getpass.getuser()}@{socket.gethostname()}",
            progress=progress_bar("requests", enabled=not quiet and not dry_run),
        )
        try:
            result = rollback(release_id, options_, include_removed=include_removed)
        except DeployError as exc:
            raise CommandError(f"Rollback stopped: {exc}") from exc
        for line in result.plan:
            self.stdout.write(line)
        self.stdout.write(result.summary())
