"""Checks a build must pass before anything can be uploaded."""

from __future__ import annotations

import sys
from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

from cms.sanitize import EDITOR_LINK_ATTRIBUTE
from deploy.errors import BuildError
from deploy.export.manifest import Manifest

_LINK_ATTRS = {"href", "src"}
# The search index is written by a later step (deploy.export.search_index): it checks its files.
SEARCH_BUNDLE = "pagefind/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.editor_links: list[str] = []  # typed in rich text (cms.sanitize marks them)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        editors = tag == "a" and any(name == EDITOR_LINK_ATTRIBUTE for name, _ in attrs)
        for name, value in attrs:
            if value and (name in _LINK_ATTRS):
                (self.editor_links if editors else self.links).append(value)
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


def _paths(links: list[str]) -> list[str]:
    needed = {internal_path(link) for link in links}
    # Interned: every page links the same menus, a million strings in a large build.
    return sorted(
        sys.intern(path) for path in needed if path and not path.startswith(SEARCH_BUNDLE)
    )


def internal_links(html: str) -> list[str]:
    """The output paths an HTML document links to (not the search bundle, written later)."""
    return links_by_origin(html)[0]


def links_by_origin(html: str) -> tuple[list[str], list[str]]:
    """(output paths the pipeline's own markup links to, those editors' rich text links to)."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return _paths(parser.links), _paths(parser.editor_links)


def validate(root: Path, manifest: Manifest, checked: Collection[str] = ()) -> list[str]:
    """Every internal link resolves; every output has a content type; HTML parses. Returns
    warnings: the links editors typed in rich text that lead to no output.

    What an editor types is content, not the build's own wiring: a dead link there is reported
    (the admin's Broken links report names it) but does not stop the whole site. Every link
    the templates generate must resolve (fail closed).

    The internal links of each HTML output are recorded in its manifest entry
    (``deps["links"]``, ``deps["editor_links"]``), so an output reused by an incremental build
    is not parsed again. Outputs in ``checked`` passed before, against outputs that all still
    exist: skipped, though their editors' dead links are still reported.
    """
    problems: list[str] = []
    warnings: list[str] = []
    for path, entry in manifest.entries.items():
        if path in checked:
            warnings += _dead(path, entry.deps.get("editor_links", ()), manifest)
            continue
        if not entry.content_type:
            problems.append(f"{path}: no content type")
        if not path.endswith(".html"):
            continue
        if "links" not in entry.deps:
            try:
                links, editor_links = links_by_origin((root / path).read_text("utf-8"))
            except (UnicodeDecodeError, AssertionError) as exc:
                problems.append(f"{path}: does not parse ({exc})")
                continue
            entry.deps["links"] = links
            entry.deps["editor_links"] = editor_links
        for needed in entry.deps["links"]:
            if needed not in manifest.entries:
                problems.append(f"{path}: broken internal link /{needed}")
        warnings += _dead(path, entry.deps.get("editor_links", ()), manifest)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BuildError(f"The build failed validation:\n  {shown}{more}")
    return warnings


def _dead(path: str, links: Collection[str], manifest: Manifest) -> list[str]:
    return [
        f"{path}: editor link to /{needed}" for needed in links if needed not in manifest.entries
    ]
