"""`manage.py backup DIR`: the database and every media file, with sha256s (cms/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the CMS (database and media) into a new folder DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", help="A new or empty folder.")

    def handle(self, *args: Any, dir: str, verbosity: int, **options: Any) -> None:
        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(message)

        try:
            manifest = backup(Path(dir), progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = manifest["media"]
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database "
            f"({manifest['database']['migrations']['applied']} migrations applied) and "
            f"{media['files']} media files ({media['bytes']} bytes) into {dir}."
        )
