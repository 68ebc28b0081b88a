"""`manage.py releases`: the releases recorded in the bucket, newest first."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from deploy.errors import DeployError
from deploy.release.history import list_releases


class Command(BaseCommand):
    help = "List the recorded releases: id, time, files, bytes, trigger; * marks the live one."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = list_releases()
        except DeployError as exc:
            raise CommandError(str(exc)) from exc
        if not rows:
            self.stdout.write("No releases recorded yet.")
            return
        self.stdout.write(f"  {'RELEASE':<24} {'CREATED':<26} {'FILES':>7} {'MB':>8}  TRIGGER")
        for row in rows:
            marker = "*" if row.live else ("!" if not row.complete else " ")
            self.stdout.write(
                f"{marker} {row.id:<24} {row.created:<26} {row.files:>7} "
                f"{row.bytes / 1_000_000:>8.1f}  {row.trigger}"
            )
        self.stdout.write("* live   ! never went live whole (a stopped deploy)")
