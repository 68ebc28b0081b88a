"""`manage.py deploy`: upload the build to the site bucket as a new live release."""

from __future__ import annotations

import getpass
import logging
import socket
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deploy.errors import DeployError
from deploy.management.progress import progress_bar
from deploy.release.apply import Options, deploy_build

figures = logging.getLogger("deploy")  # one line per deploy with its figures (see live.sync)


class Command(BaseCommand):
    help = "Deploy the build to the site bucket: only what differs from the live release."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--build", default="build", help="Build folder (default: build/).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the plan; change nothing."
        )
        parser.add_argument(
            "--max-deletes",
            type=int,
            default=None,
            help=f"Refuse to delete more live files (default: {settings.DEPLOY_MAX_DELETES}).",
        )
        parser.add_argument("--trigger", default="", help="Who or what asked (release record).")
        parser.add_argument("--quiet", action="store_true", help="Only the summary line.")

    def handle(
        self,
        *args: Any,
        build: str,
        dry_run: bool,
        max_deletes: int | None,
        trigger: str,
        quiet: bool,
        **options: Any,
    ) -> None:
        limit = settings.DEPLOY_MAX_DELETES if max_deletes is None else max_deletes
        if limit < 0:
            raise CommandError("--max-deletes cannot be negative.")
        options_ = Options(
            dry_run=dry_run,
            max_deletes=limit,
            trigger=trigger or f"manage.py deploy by {getpass.getuser()}@{socket.gethostname()}",
            progress=progress_bar("requests", enabled=not quiet and not dry_run),
        )
        try:
            result = deploy_build(Path(build), options_)
        except DeployError as exc:
            raise CommandError(f"Deploy stopped: {exc}") from exc
        for line in result.plan:
            self.stdout.write(line)
        self.stdout.write(result.summary())
        figures.info(
            "Deploy %s: %d uploaded, %d unchanged, %d deleted in %.2f s",
            result.release_id,
            result.uploaded,
            result.unchanged,
            result.deleted,
            result.seconds,
            extra={
                "event": "deploy",
                "release_id": result.release_id,
                "dry_run": result.dry_run,
                "already_live": result.already_live,
                "uploaded": result.uploaded,
                "unchanged": result.unchanged,
                "deleted": result.deleted,
                "bytes": result.bytes,
                "requests": result.requests,
                "seconds": round(result.seconds, 3),
            },
        )
