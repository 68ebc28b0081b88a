"""A one-line progress bar on standard error, for the long-running commands."""

from __future__ import annotations

import sys
from collections.abc import Callable


def progress_bar(unit: str, *, enabled: bool = True) -> Callable[[int, int], None] | None:
    """A ``(done, total)`` callback drawing ``[####....] done/total unit``, or None when
    disabled or when standard error is not a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None

    def draw(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {unit}{end}")
        sys.stderr.flush()

    return draw
