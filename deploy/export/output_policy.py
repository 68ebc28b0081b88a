"""Content type and cache policy of each output path."""

from __future__ import annotations

import mimetypes
import re

HTML_CACHE = "public, max-age=60, must-revalidate"
DATA_CACHE = "public, max-age=300"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
MEDIA_CACHE = "public, max-age=86400"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    # Pagefind's search bundle: gzip-compressed binary chunks the browser decompresses itself.
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
# Django's ManifestStaticFilesStorage appends a 12-hex content hash: site.3f2a9c0d1b7e.css
_HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


# Uploaded files (renditions, documents) are served from the site's own origin: only formats a
# browser shows inertly or downloads keep their type. Anything else that reaches media/ (an
# .svg, .html or .xml uploaded before the upload allow-list, or saved by code) is served as
# application/octet-stream, which browsers download (the CDN adds nosniff), never run as a page.
_INERT_MEDIA = frozenset(
    {
        *(".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"),  # renditions
        *(".csv", ".docx", ".epub", ".ods", ".odt", ".pdf", ".pptx", ".txt", ".xlsx"),  # documents
    }
)


def content_type(path: str) -> str:
    if path.endswith("feed.xml"):
        return "application/rss+xml; charset=utf-8"
    suffix = path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""
    if path.startswith("media/") and suffix.lower() not in _INERT_MEDIA:
        return "application/octet-stream"
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


def content_named(path: str) -> bool:
    """Files whose name changes whenever their content does: hashed static files and Pagefind's
    index chunks (the fixed-name Pagefind files point at them)."""
    if path.startswith("static/"):
        return bool(_HASHED.search(path))
    if path.startswith("pagefind/"):
        return "/" in path[len("pagefind/") :] or path.endswith(".pf_meta")
    return False


def may_linger(path: str) -> bool:
    """Whether a file that left the live release stays live for the grace period, for pages
    cached elsewhere that still reference it: hashed code and styles only. The search index
    holds page text, so a removed page's words and fragments go in the same deploy."""
    return content_named(path) and not path.startswith("pagefind/")


def cache_control(path: str) -> str:
    if content_named(path):
        return IMMUTABLE_CACHE
    if path.startswith("media/"):
        return MEDIA_CACHE
    if path.endswith(".html"):
        return HTML_CACHE
    return DATA_CACHE
