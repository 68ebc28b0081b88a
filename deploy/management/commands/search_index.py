"""`manage.py search_index`: rebuild the Pagefind search index of a finished build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deploy.errors import BuildError
from deploy.export.search_index import build_search_index


class Command(BaseCommand):
    help = "Index a build folder for search with Pagefind (run after `build`, before deploy)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="build", help="Build folder (default: build/).")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        try:
            result = build_search_index(Path(output))
        except BuildError as exc:
            raise CommandError(f"Search index failed: {exc}") from exc
        self.stdout.write(result.summary())
