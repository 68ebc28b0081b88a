"""The read-only Wagtail API v2 for headless front ends: public pages only, as a visitor sees."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.visibility import visible

API_CACHE_CONTROL = "public, max-age=60"


class PublicAPIMixin:
    """Every request is answered as an anonymous visitor, whatever cookie or session it carries,
    with a response a CDN may cache."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        request.user = AnonymousUser()
        request._request.user = request.user
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request: Request, response: Response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code < 500:
            response["Cache-Control"] = API_CACHE_CONTROL
        return response


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        # The project's visibility rule, shared with the build: no expired pages and no aliases
        # of hidden pages, which Wagtail's own public() still admits.
        return visible(super().get_base_queryset())


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
