"""`manage.py restore DIR`: a backup onto an empty database and storage (cms/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the configured database and media."
    # The database may be empty (not even migrated): nothing may query it before the restore.
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds pages (its tables are dropped).",
        )

    def handle(self, *args: Any, dir: str, force: bool, verbosity: int, **options: Any) -> None:
        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(message)

        try:
            result = restore(Path(dir), force=force, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {result.vendor} database and {result.files} media files "
            f"({result.bytes} bytes; {result.unchanged} already in place) from {dir}."
        )
        if result.unapplied_migrations:
            self.stdout.write(
                f"The backup predates {result.unapplied_migrations} migrations of this code: "
                "run `manage.py migrate` next."
            )
