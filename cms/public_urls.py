"""Every URL of the public static site: the one place that knows it lives on ``SITE_BASE_URL``,
not on the CMS's host, and how a page's path on its site is read.

HTML links inside the site stay site-relative (``page.get_url(request)``); what leaves the site
(JSON, feeds, sitemap, JSON-LD, canonical and share URLs) is absolute through these functions.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.encoding import filepath_to_uri


def public_url(path: str) -> str:
    """Absolute URL on the public static site for a site-relative path (``/op-eds/x/``)."""
    return settings.SITE_BASE_URL + path


def home_url() -> str:
    return public_url("/")


def absolute(url: str) -> str:
    """A site-relative (``/media/…``) or protocol-relative URL made absolute on the public
    site; an absolute URL is left alone."""
    if url.startswith("//"):
        return settings.SITE_BASE_URL.split("//", 1)[0] + url
    if url.startswith("/"):
        return settings.SITE_BASE_URL + url
    return url


def path_on_site(url_path: str) -> str:
    """A page's path below its site's root, from Wagtail's ``url_path`` (``/home/op-eds/x/``
    → ``/op-eds/x/``): the site root sits at depth 2."""
    parts = url_path.split("/")
    return "/" + "/".join(parts[2:]) if len(parts) > 2 else "/"


def page_path(page: Any) -> str | None:
    """The page's path on its site, or None when no site routes to it."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def page_url(page: Any) -> str | None:
    """Absolute public URL of any page, specific or not, or None when no site routes to it
    (Wagtail's own ``full_url`` of a plain ``Page`` would name the CMS host)."""
    path = page_path(page)
    return public_url(path) if path is not None else None


def page_public_url(page: Any) -> str:
    """The page's own absolute public URL from its tree position (ignores canonical overrides);
    the home page's for an object that is not a page of ours."""
    path = getattr(page, "url_path_on_site", None)
    return public_url(path) if path else home_url()


def media_url(name: str) -> str:
    """Where a media file (rendition, document) lives on the public site: the build copies the
    files that outputs reference to the same path, whatever storage the CMS keeps them in."""
    url = settings.MEDIA_URL + filepath_to_uri(name)
    return url if url.startswith(("http://", "https://")) else public_url(url)
