"""Gunicorn settings for the CMS (`gunicorn -c ops/gunicorn.conf.py cms.wsgi`).

Everything a host may change comes from the environment, so the same file serves a VM, a
container and a PaaS. SIGTERM is a graceful stop (requests in flight get ``graceful_timeout``),
SIGINT and SIGQUIT a quick one: a supervisor's normal stop never cuts an editor's save short.
"""

from __future__ import annotations

import os

_MAX_WORKERS = 12  # an admin for tens of editors: more only costs memory (~150 MB a worker)


def _workers() -> int:
    """``WEB_CONCURRENCY`` if set, else 2 × cores + 1 (gunicorn's advice for sync workers),
    capped: each sync worker is a whole Django process."""
    if os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(os.environ["WEB_CONCURRENCY"]))
    return min(2 * (os.cpu_count() or 1) + 1, _MAX_WORKERS)


# Loopback by default: a reverse proxy or load balancer in front terminates TLS.
bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = _workers()
worker_class = "sync"  # Django and Wagtail's admin are synchronous code
timeout = 60  # a worker silent this long is killed and replaced (a stuck request)
graceful_timeout = 20  # SIGTERM: requests in flight get this long, then workers are killed
keepalive = 5  # behind a proxy that keeps connections open
max_requests = 1000  # recycle workers now and then: bounds slow leaks in any library
max_requests_jitter = 100
accesslog = "-"  # stdout: the supervisor (systemd journal, container runtime) keeps the logs
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The heartbeat file workers touch: on tmpfs, so a slow disk never looks like a hung worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "thinktank-web"
