"""``manage.py seed_demo [--pages N]``: the demo site, optionally with N generated pages."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from cms.bulk import bulk_changes
from demo.bulk import MAX_PAGES, seed_bulk
from demo.site import seed_site


def page_count(value: object) -> int:
    """``--pages`` as a positive integer (also when given as a string through call_command)."""
    message = f"--pages must be a whole number between 1 and {MAX_PAGES:,}, not {value!r}."
    if isinstance(value, bool):
        raise CommandError(message)
    try:
        number = value if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        raise CommandError(message) from None
    if not 1 <= number <= MAX_PAGES:
        raise CommandError(message)
    return number


class Command(BaseCommand):
    help = (
        "Create the demo site (idempotent). With --pages N, also add N generated content pages "
        "under the section indexes, written in bulk."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--pages",
            metavar="N",
            help="add N generated content pages (briefs, op-eds, events, …) after the base site",
        )

    def handle(self, *args, pages: object = None, **options) -> None:
        count = page_count(pages) if pages is not None else 0
        started = time.perf_counter()
        with bulk_changes():
            created = {name: n for name, n in seed_site(self.stdout.write).items() if n}
        if created:
            summary = ", ".join(f"{n} {name}" for name, n in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo site created: {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo site already complete: nothing created."))
        if count:
            with bulk_changes():
                seed_bulk(count, self.stdout.write)
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f}s.")
