"""The public pages endpoint with the content filters (``publications.api_filters``): registered
over the generic one of ``cms.api`` when this app is ready."""

from __future__ import annotations

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from cms.api import PublicPagesAPIViewSet
from cms.api_filters import KnownLocaleFilter, PlainTextSearchFilter, SafeFieldsFilter

from .api_filters import CONTENT_FILTERS, ContentFilter, wants_content
from .models import ContentPage


class ContentPagesAPIViewSet(PublicPagesAPIViewSet):
    filter_backends = [
        SafeFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ContentFilter,
        OrderingFilter,
        TranslationOfFilter,
        KnownLocaleFilter,
        PlainTextSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PublicPagesAPIViewSet.known_query_parameters.union(CONTENT_FILTERS)

    def queryset_model(self, models: tuple[type[Page], ...], params) -> type[Page]:
        """Content pages when a content filter or order is used (else a 400 for other types)."""
        all_content = all(issubclass(model, ContentPage) for model in models)
        if wants_content(params) and not all_content:
            raise BadRequestError(
                "topic, author, date_from, date_to and ordering by display_date apply to "
                "content pages: leave out type, or give publications.ContentPage or its types"
            )
        if len(models) == 1:
            return models[0]
        if models:
            return ContentPage if all_content else Page
        return ContentPage if wants_content(params) else Page
