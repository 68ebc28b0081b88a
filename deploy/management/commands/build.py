"""`manage.py build`: export the public site as static files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deploy.errors import BuildError
from deploy.export.build import build_site
from deploy.management.progress import progress_bar


class Command(BaseCommand):
    help = "Build the public static site (incremental against the previous build unless --full)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="build", help="Output folder (default: build/).")
        parser.add_argument("--jobs", type=int, default=1, help="Worker processes (default: 1).")
        parser.add_argument("--full", action="store_true", help="Ignore the previous build.")
        parser.add_argument("--quiet", action="store_true", help="Only the summary line.")

    def handle(
        self, *args: Any, output: str, jobs: int, full: bool, quiet: bool, **options: Any
    ) -> None:
        if jobs < 1:
            raise CommandError("--jobs must be at least 1.")
        progress = progress_bar("outputs", enabled=not quiet)
        try:
            result = build_site(Path(output), jobs=jobs, full=full, progress=progress)
        except BuildError as exc:
            raise CommandError(f"Build failed, nothing changed in {output}: {exc}") from exc
        self.stdout.write(result.summary())
        if not quiet:
            for warning in result.dead_editor_links:
                self.stdout.write(f"  {warning}")
