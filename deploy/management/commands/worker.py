"""`manage.py worker`: the project's long-running worker.

It runs the "deploys" task queue (django-tasks-db: publish-to-live syncs, retried with backoff
by deploy.live.sync), the "search" queue on a thread of its own (the search index, which takes tens
of seconds on a large site and must not hold up the next publish) and, every minute, Wagtail's
scheduled publishing (go-live and expiry), whose publish and unpublish signals then queue a
sync. Run as many as you like, on any machines: syncs, search steps and the scheduled-publishing
tick each run on one worker at a time (database leases). A thread records the worker's
heartbeat every ``WORKER_HEARTBEAT_SECONDS`` (deploy.live.heartbeat), removed on a clean stop
(SIGTERM or SIGINT: the task in hand finishes first).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Worker

from deploy.live import heartbeat, leases
from deploy.live.sync import worker_id

logger = logging.getLogger(__name__)
SCHEDULE_LEASE = "scheduled-publishing"


class Command(BaseCommand):
    help = "Run the deploy queue and scheduled publishing (every minute) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=0.5, help="Queue poll seconds.")
        parser.add_argument(
            "--schedule-every", type=float, default=60.0, help="Scheduled publishing period."
        )

    def handle(self, *args: Any, interval: float, schedule_every: float, **options: Any) -> None:
        me = worker_id()
        stop = threading.Event()
        ticker = threading.Thread(
            target=self._scheduled_publishing, args=(me, schedule_every, stop), daemon=True
        )
        ticker.start()
        searcher = threading.Thread(
            target=self._queue(["search"], interval, f"{me}/search").run, daemon=True
        )
        searcher.start()
        beating = threading.Thread(
            target=heartbeat.run,
            args=(me, settings.WORKER_HEARTBEAT_SECONDS, stop),
            daemon=True,
        )
        beating.start()
        self.stdout.write(
            f"Worker {me}: deploy and search queues every {interval} s, scheduled publishing "
            f"every {schedule_every:.0f} s. Ctrl-C stops it."
        )
        worker = self._queue(["deploys"], interval, me)
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
            beating.join(timeout=10)  # its last beat must not land after the row is removed
            self._forget(me)

    @staticmethod
    def _forget(me: str) -> None:
        """Remove the heartbeat on a clean stop. The stop signal may have cut a transaction
        short half way (django-tasks-db exits from its signal handler), so on a fresh
        connection; should even that fail, the row merely ages past the limit."""
        try:
            connections.close_all()
            heartbeat.forget(me)
        except Exception:  # noqa: BLE001 — exiting anyway; the heartbeat expires on its own
            logger.warning("Worker heartbeat not removed", exc_info=True)

    @staticmethod
    def _queue(names: list[str], interval: float, worker_id: str) -> Worker:
        return Worker(
            queue_names=names,
            interval=interval,
            batch=False,
            backend_name="deploys",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )

    @staticmethod
    def _scheduled_publishing(me: str, every: float, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                close_old_connections()
                if leases.take(SCHEDULE_LEASE, me, seconds=every * 0.9):
                    call_command("publish_scheduled", verbosity=0)
            except Exception:  # noqa: BLE001 — log and keep ticking
                logger.exception("Scheduled publishing failed")
            finally:
                close_old_connections()
            if stop.wait(every):
                return
