"""The HTTP headers the public site is meant to be served with.

Object storage cannot set them (a bucket answers with Content-Type and Cache-Control only), so
whatever serves the bucket adds them: the CDN in production (README, "Security headers"),
``manage.py serve`` locally, ``cms.middleware.StaticSiteHeadersMiddleware`` on the CMS's own
rendering of public pages, and the tests that load the build in Chromium.

The Content-Security-Policy allows no inline script, no inline style and no ``eval``: our
templates write none (JSON-LD is ``application/ld+json`` data, which the browser never runs) and
the search page's code is a file. Pagefind compiles its WebAssembly, which needs
``'wasm-unsafe-eval'`` (not ``'unsafe-eval'``). Forms may post to the site itself or to any
https origin, because the newsletter form posts to the external service whose URL editors set
in the site settings.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self' https:",
        "frame-ancestors 'none'",
    ]
)

# Meaningful on every response of the public site, over HTTP as well as HTTPS.
STATIC_SITE_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

# Only the CDN, on the public HTTPS hostname, may send these: HSTS over plain HTTP is ignored,
# and a local server sending it would pin 127.0.0.1 to HTTPS in the developer's browser.
CDN_ONLY_HEADERS: dict[str, str] = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


def static_site_headers(*, include_cdn: bool = False) -> dict[str, str]:
    """A fresh copy of the headers for a response of the public site; ``include_cdn`` adds
    the ones only the HTTPS edge should send."""
    headers = dict(STATIC_SITE_HEADERS)
    if include_cdn:
        headers.update(CDN_ONLY_HEADERS)
    return headers
