"""Workers say they are alive: a row per running worker, refreshed by a thread of its own.

Publishing only queues work; if no worker runs, nothing reaches the site and nobody would know.
The Site deploys view and ``/healthz/ready`` read ``last_seen`` to say so.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from deploy.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id: str, started: datetime) -> None:
    """Record that ``worker_id`` is alive now (one UPDATE, or an INSERT the first time)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen": now},
        create_defaults={
            "host": socket.gethostname()[:100],
            "pid": os.getpid(),
            "started": started,
            "seen": now,
        },
    )


def forget(worker_id: str) -> None:
    """A clean stop: the worker is gone, not late."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def last_seen() -> datetime | None:
    """When any worker last said it was alive (None: never, or every one stopped cleanly)."""
    latest = WorkerHeartbeat.objects.order_by("-seen").values_list("seen", flat=True).first()
    return latest


def worker_seen_recently(now: datetime | None = None) -> bool:
    """True when some worker was seen within ``HEALTH_WORKER_SEEN_SECONDS``."""
    seen = last_seen()
    limit = timedelta(seconds=settings.HEALTH_WORKER_SEEN_SECONDS)
    return seen is not None and (now or timezone.now()) - seen <= limit


def stopped_beating(worker_id: str, now: datetime | None = None) -> bool:
    """True when ``worker_id`` is a worker that beat once and has not for longer than
    ``HEALTH_WORKER_SEEN_SECONDS``: killed, or cut off (False for a holder that never beats)."""
    seen = (
        WorkerHeartbeat.objects.filter(worker_id=worker_id).values_list("seen", flat=True).first()
    )
    limit = timedelta(seconds=settings.HEALTH_WORKER_SEEN_SECONDS)
    return seen is not None and (now or timezone.now()) - seen > limit


def run(worker_id: str, every: float, stop: threading.Event) -> None:
    """The heartbeat thread: beat every ``every`` seconds until ``stop``; a failed beat (the
    database briefly away) is logged and retried, never fatal to the worker."""
    started = timezone.now()
    while True:
        try:
            close_old_connections()
            beat(worker_id, started)
        except Exception:  # noqa: BLE001 — the next beat tries again
            logger.warning("Worker heartbeat not recorded", exc_info=True)
        finally:
            close_old_connections()
        if stop.wait(every):
            return
