"""Guessing a password-restricted page's password is throttled like the admin sign-in.

Wagtail's form (``authenticate_with_password``) checks the password with no limit, so a
restricted page's password could be guessed at the speed of the server. Each wrong password is
recorded by django-axes as a failed sign-in of the pseudo-username ``page-password:<id>`` (the
restriction) from the client's address, so the same policy applies (``AXES_FAILURE_LIMIT``
failures lock that restriction for that address for ``AXES_COOLOFF_TIME``), in the same table,
shared by every process, with the same lockout page and ``axes_reset`` commands.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from wagtail import views as wagtail_views

from cms.lockout import lockout_response


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    credentials = {"username": f"page-password:{page_view_restriction_id}"}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, credentials=credentials)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    # Wagtail redirects once the password is right and shows the form again when it is not.
    if request.method == "POST" and response.status_code != 302:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response
