"""`manage.py objectstore`: run the local S3 server (SeaweedFS) in the foreground."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deploy.local.objectstore import DEFAULT_S3_PORT, Identity, LocalStore
from deploy.local.stopping import Stop, ignore_signals, stop_on_signals


class Command(BaseCommand):
    help = (
        "Run a local S3 server on 127.0.0.1 with the site bucket (anonymous read-only), a "
        "private release store and a private media bucket; authentication on. Ctrl-C or "
        "SIGTERM stops it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        default_dir = getattr(settings, "LOCAL_OBJECTSTORE_DIR", settings.VAR_DIR / "objectstore")
        parser.add_argument("--dir", default=str(default_dir), help=f"Default: {default_dir}.")
        parser.add_argument("--port", type=int, default=DEFAULT_S3_PORT, help="S3 port.")
        parser.add_argument(
            "--wait-ready",
            action="store_true",
            help="Do not start one: wait until the store on --port answers, then exit.",
        )

    def handle(self, *args: Any, dir: str, port: int, wait_ready: bool, **options: Any) -> None:
        deployer = None
        if settings.AWS_ACCESS_KEY_ID:
            deployer = Identity(settings.AWS_ACCESS_KEY_ID, settings.AWS_SECRET_ACCESS_KEY)
        store = LocalStore(
            Path(dir),
            s3_port=port,
            site_bucket=settings.DEPLOY_S3_BUCKET or "site",
            release_bucket=settings.DEPLOY_S3_RELEASE_BUCKET or "releases",
            deployer=deployer,
        )
        if wait_ready:
            try:
                store.wait_ready(timeout=60)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            return
        log = Path(dir) / "weed.log"
        stop_on_signals()  # before weed starts: a signal during the start stops it too
        try:
            try:
                store.start(log=log)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"Object store at {store.endpoint_url}: bucket {store.site_bucket!r} (anonymous "
                f"read-only), buckets {store.media_bucket!r} and {store.release_bucket!r} "
                "(private). Credentials in "
                f"{Path(dir) / 'credentials.json'}; log in {log}. Ctrl-C stops it."
            )
            status = self._wait_for_exit(store)
            raise CommandError(f"weed mini exited by itself with status {status}: see {log}.")
        except Stop:
            pass  # SIGTERM or SIGINT: stop the server below
        finally:
            ignore_signals()
            store.stop()

    @staticmethod
    def _wait_for_exit(store: LocalStore) -> int:
        """Wait until weed exits by itself (SIGTERM and SIGINT raise Stop meanwhile)."""
        if store.process is None:
            raise CommandError("The object store did not start.")
        while True:
            try:
                return store.process.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                continue
