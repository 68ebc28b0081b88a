"""`manage.py worker`: the project's long-running worker.

It runs the "deploys" task queue (django-tasks-db: publish-to-live syncs, retried with backoff
by deploy.live.sync), the "search" queue on a thread of its own (the search index, which takes tens
of seconds on a large site and must not hold up the next publish) and, every minute, Wagtail's
scheduled publishing (go-live and expiry), whose publish and unpublish signals then queue a
sync. Run as many as you like, on any machines: syncs, search steps and the scheduled-publishing
tick each run on one worker at a time (database leases). A thread records the worker's
heartbeat every ``WORKER_HEARTBEAT_SECONDS`` (deploy.live.heartbeat), removed on a clean stop.

SIGTERM or SIGINT: both queues take no more tasks; an idle worker exits at once (status 0); a
sync in progress finishes first; the search step and a scheduled-publishing tick get
``--stop-grace`` seconds, then are abandoned with the process (their leases expire and the
step is redone). A second signal abandons the sync too: its ``finally`` blocks release its
leases and the task is marked failed; its requests stay waiting for the next sync.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Worker

from deploy.live import heartbeat, leases
from deploy.live.sync import LEASE_SECONDS, resume_waiting, worker_id
from deploy.local.stopping import STOP_SIGNALS

logger = logging.getLogger(__name__)
SCHEDULE_LEASE = "scheduled-publishing"
STOP_GRACE_SECONDS = 10.0


class Command(BaseCommand):
    help = "Run the deploy queue and scheduled publishing (every minute) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=0.5, help="Queue poll seconds.")
        parser.add_argument(
            "--schedule-every", type=float, default=60.0, help="Scheduled publishing period."
        )
        parser.add_argument(
            "--stop-grace",
            type=float,
            default=STOP_GRACE_SECONDS,
            help="Seconds the search step and scheduled publishing get to finish once stopped.",
        )

    def handle(
        self, *args: Any, interval: float, schedule_every: float, stop_grace: float, **options: Any
    ) -> None:
        me = worker_id()
        stop = threading.Event()
        worker = self._queue(["deploys"], interval, me)
        search = self._queue(["search"], interval, f"{me}/search")

        def shutdown(signum: int, frame: FrameType | None) -> None:
            """Both queues take no more tasks; the deploy queue's own handler then exits at once
            when idle, else lets its task finish (a second signal abandons it: exit 1)."""
            search.running = False  # a plain attribute: safe to set in a handler
            worker.shutdown(signum, frame)

        for signum in STOP_SIGNALS:  # before the threads start: they never see a signal
            signal.signal(signum, shutdown)
        ticker = threading.Thread(
            target=self._scheduled_publishing, args=(me, schedule_every, stop), daemon=True
        )
        ticker.start()
        searcher = threading.Thread(target=search.run, daemon=True)
        searcher.start()
        beating = threading.Thread(
            target=heartbeat.run,
            args=(me, settings.WORKER_HEARTBEAT_SECONDS, stop),
            daemon=True,
        )
        beating.start()
        self.stdout.write(
            f"Worker {me}: deploy and search queues every {interval} s, scheduled publishing "
            f"every {schedule_every:.0f} s. Ctrl-C or SIGTERM stops it."
        )
        resume_waiting()
        try:
            worker.run()
        finally:
            search.running = False
            stop.set()
            self._let_finish({"scheduled publishing": ticker, "search step": searcher}, stop_grace)
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
    def _let_finish(threads: dict[str, threading.Thread], grace: float) -> None:
        """Give the threads ``grace`` s to finish what they are doing; a thread still busy
        then is abandoned with the process (they are daemon threads). Safe: a search step
        or tick abandoned half-way leaves its lease to expire and is redone by the next."""
        deadline = time.monotonic() + grace
        for name, thread in threads.items():
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                logger.warning(
                    "Stopping without waiting for the %s still running: its lease expires "
                    "within %d minutes and the step is redone then.",
                    name,
                    LEASE_SECONDS // 60,
                )

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
