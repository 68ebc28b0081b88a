"""Health endpoints for the load balancer and the process supervisor.

``/healthz/live``: the process answers (no database, nothing else): restart it if not.
``/healthz/ready``: it can do its job: the database answers, and every other check named in
``HEALTH_READINESS_CHECKS`` passes. Those checks are dotted paths in the settings, because the
ones that matter here (the object store, a running worker) belong to ``deploy``, which cms
must not import; settings name apps, code in cms names none (tests/test_layers.py).

Responses carry names and "ok"/"failed" only: no error text, hosts or page data, since the
endpoints answer anyone (and over plain HTTP, for load balancers: SECURE_REDIRECT_EXEMPT).
Why a check failed goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def readiness_checks() -> dict[str, Callable[[], bool]]:
    """The configured checks by name, each a callable that returns True or raises."""
    return {name: import_string(path) for name, path in settings.HEALTH_READINESS_CHECKS.items()}


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """200 with every check "ok", or 503 with the failed ones listed under "failed"."""
    results: dict[str, str] = {}
    for name, check in readiness_checks().items():
        try:
            passed = bool(check())
        except Exception:  # noqa: BLE001 — any error is a failed check, explained in the log
            logger.warning("Readiness check %s failed", name, exc_info=True)
            passed = False
        else:
            if not passed:
                logger.warning("Readiness check %s failed", name)
        results[name] = "ok" if passed else "failed"
    failed = [name for name, result in results.items() if result != "ok"]
    if failed:
        return JsonResponse({**results, "failed": failed}, status=503)
    return JsonResponse(results)
