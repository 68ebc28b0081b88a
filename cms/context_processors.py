"""Template context every public page needs."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {"SITE_BASE_URL": settings.SITE_BASE_URL}
