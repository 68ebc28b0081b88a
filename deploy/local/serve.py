"""A small HTTP proxy that shows the deployed site as a visitor would see it.

Every request is read anonymously from the site bucket (no credentials): ``/path/`` is served
from ``path/index.html``, a folder without its slash is redirected to it, a missing key gets
the deployed ``404.html`` with status 404, and ``_deploy/`` records are not served. The security
headers the CDN adds in production (cms.security_headers) are added here too.
"""

from __future__ import annotations

import posixpath
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from deploy.release.bucket import DEPLOY_DIR

PASSED_HEADERS = ("Content-Type", "Cache-Control", "ETag", "Last-Modified", "Content-Length")


def bucket_url(endpoint_url: str, bucket: str, prefix: str) -> str:
    return f"{endpoint_url.rstrip('/')}/{bucket}/{prefix}"


def key_for(path: str) -> str | None:
    """The site path of a request path, or None for one that cannot be a site file."""
    clean = posixpath.normpath(unquote(urlsplit(path).path))
    if path.split("?", 1)[0].endswith("/") and clean != "/":
        clean += "/"
    relative = clean.lstrip("/")
    if relative.startswith((DEPLOY_DIR, "..")):
        return None
    if not relative or relative.endswith("/"):
        return relative + "index.html"
    return relative


def make_handler(base: str, headers: dict[str, str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "site-proxy"

        def do_GET(self) -> None:  # noqa: N802 — http.server's naming
            self._serve(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(send_body=False)

        def _serve(self, send_body: bool) -> None:
            key = key_for(self.path)
            found = self._fetch(key) if key else None
            folder = found is None and key and "." not in key.rsplit("/", 1)[-1]
            if folder and key and self._fetch(key + "/index.html") is not None:
                location = urlsplit(self.path).path + "/"
                return self._reply(301, {"Location": location}, b"", send_body)
            if found is None:
                missing = self._fetch("404.html")
                body, upstream = missing if missing else (b"Not found", {})
                return self._reply(404, upstream, body, send_body)
            body, upstream = found
            return self._reply(200, upstream, body, send_body)

        def _fetch(self, key: str) -> tuple[bytes, dict[str, str]] | None:
            url = base + quote(key)
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                    return response.read(), dict(response.headers.items())
            except urllib.error.HTTPError as exc:
                if exc.code in {403, 404}:
                    return None
                raise

        def _reply(
            self, status: int, upstream: dict[str, str], body: bytes, send_body: bool
        ) -> None:
            self.send_response(status)
            for name in PASSED_HEADERS:
                if name in upstream and name != "Content-Length":
                    self.send_header(name, upstream[name])
            if "Location" in upstream:
                self.send_header("Location", upstream["Location"])
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            if self.server.verbose:  # type: ignore[attr-defined]
                super().log_message(format, *args)

    return Handler


def make_server(
    host: str, port: int, base: str, headers: dict[str, str], verbose: bool = True
) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), make_handler(base, headers))
    server.verbose = verbose  # type: ignore[attr-defined]
    server.daemon_threads = True
    return server
