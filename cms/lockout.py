"""Sign-in throttling with django-axes: the backend guard and the page a locked-out user sees.

The policy lives in settings (``AXES_*``): a username is locked for a given client address after
``AXES_FAILURE_LIMIT`` failed sign-ins, for ``AXES_COOLOFF_TIME``; a successful sign-in before
then clears the count. ``manage.py axes_reset_username NAME`` unlocks early.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesBackend as BaseAxesBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class AxesBackend(BaseAxesBackend):
    """Axes' guard, first in ``AUTHENTICATION_BACKENDS``, for sign-ins that come with a request.

    It never signs anyone in (``ModelBackend``, next in the list, checks the password) but
    refuses a locked-out username. Axes' version raises when ``authenticate()`` has no request,
    which only code outside an HTTP request does (the test client's ``login()``, scripts): there
    is no client to throttle, so those fall through instead. Every sign-in form passes the
    request, so every one a visitor can reach stays guarded. Being a ``ModelBackend`` too (axes'
    ``AxesBackend``, not the standalone one) it can load users, which Wagtail's
    ``WagtailPageTestCase`` needs: it signs in with ``AUTHENTICATION_BACKENDS[0]``.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The admin-styled page ``AXES_LOCKOUT_CALLABLE`` returns instead of the sign-in form."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
