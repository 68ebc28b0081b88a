"""Checks a build must pass before anything can be uploaded."""

from __future__ import annotations

import sys
from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

from deploy.errors import BuildError
from deploy.export.manifest import Manifest

_LINK_ATTRS = {"href", "src"}
# The search index is written by a later step (deploy.export.search_index): it checks its files.
SEARCH_BUNDLE = "pagefind/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in _LINK_ATTRS):
                self.links.append(value)
            if value and name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",")]


def internal_path(link: str) -> str | None:
    """The output path an internal link needs, or None for external/fragment links."""
    if link.startswith(settings.SITE_BASE_URL + "/"):
        link = link[len(settings.SITE_BASE_URL) :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


def internal_links(html: str) -> list[str]:
    """The output paths an HTML document links to (not the search bundle, written later)."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    needed = {internal_path(link) for link in parser.links}
    # Interned: every page links the same menus, a million strings in a large build.
    return sorted(
        sys.intern(path) for path in needed if path and not path.startswith(SEARCH_BUNDLE)
    )


def validate(root: Path, manifest: Manifest, checked: Collection[str] = ()) -> None:
    """Every internal link resolves; every output has a content type; HTML parses.

    The internal links of each HTML output are recorded in its manifest entry
    (``deps["links"]``), so an output reused by an incremental build is not parsed again.
    Outputs in ``checked`` passed before, against outputs that all still exist: skipped.
    """
    problems: list[str] = []
    for path, entry in manifest.entries.items():
        if path in checked:
            continue
        if not entry.content_type:
            problems.append(f"{path}: no content type")
        if not path.endswith(".html"):
            continue
        if "links" not in entry.deps:
            try:
                entry.deps["links"] = internal_links((root / path).read_text("utf-8"))
            except (UnicodeDecodeError, AssertionError) as exc:
                problems.append(f"{path}: does not parse ({exc})")
                continue
        for needed in entry.deps["links"]:
            if needed not in manifest.entries:
                problems.append(f"{path}: broken internal link /{needed}")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BuildError(f"The build failed validation:\n  {shown}{more}")
