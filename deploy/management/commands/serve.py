"""`manage.py serve`: browse the deployed site, read anonymously from the site bucket."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.security_headers import static_site_headers
from deploy.local.serve import bucket_url, make_server
from deploy.local.stopping import Stop, ignore_signals, stop_on_signals
from deploy.release.target import Target


class Command(BaseCommand):
    help = "Serve the deployed site from the bucket as a visitor sees it (with the CDN headers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--bind", default="127.0.0.1")

    def handle(self, *args: Any, port: int, bind: str, **options: Any) -> None:
        if not settings.DEPLOY_S3_ENDPOINT_URL:
            raise CommandError("serve reads an S3-compatible endpoint: set DEPLOY_S3_ENDPOINT_URL.")
        target = Target.from_settings()
        base = bucket_url(target.endpoint_url, target.bucket, target.prefix)
        try:
            server = make_server(bind, port, base, static_site_headers())
        except OSError as exc:
            raise CommandError(f"Cannot listen on {bind}:{port}: {exc}") from exc
        stop_on_signals()  # before the ready line: a signal right after it is handled too
        try:
            self.stdout.write(
                f"The deployed site: http://{bind}:{port}/  (from {base}; Ctrl-C or SIGTERM stops)"
            )
            server.serve_forever()
        except Stop:
            pass  # requests in flight are reads from the bucket: nothing to finish
        finally:
            ignore_signals()
            server.server_close()
