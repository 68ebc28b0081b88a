"""The read-only Wagtail API v2 for headless front ends: public pages only, as a visitor sees.

- Every request is answered as an anonymous visitor, whatever cookie or session it carries, and
  the response may be cached by a CDN. What is public is ``cms.visibility.visible()``, the rule
  the static build uses; documents and images in a collection under any view restriction are
  private for everyone.
- The static build writes each page's ``index.json`` by requesting the detail view below: one
  serializer for both, so the files equal the live API's answers.
- Field shapes (authors, topics, renditions, documents, rich text, StreamField blocks):
  ``cms.api_fields``. Query parameters (400s for malformed values): ``cms.api_filters``; the
  content filters: ``publications.api_filters``. Only Wagtail's read-only v2 is mounted, never
  the read/write v3.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import prefetch_related_objects
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    RichTextFieldSerializer,
    get_serializer_class,
)
from wagtail.api.v2.serializers import StreamField as StreamFieldSerializer
from wagtail.api.v2.utils import (
    BadRequestError,
    page_models_from_string,
    parse_fields_parameter,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet

from cms import keys
from cms.api_fields import (
    APIValueField,
    django_request,
    private_collection_ids,
    public_html,
    stream_data,
)
from cms.api_filters import (
    KnownLocaleFilter,
    PlainTextSearchFilter,
    SafeFieldsFilter,
    is_integer_in_range,
    parse_id,
)
from cms.deps import depend
from cms.memo import current_session, per_build
from cms.public_urls import page_url
from cms.visibility import visible

API_CACHE_CONTROL = "public, max-age=60"
# What a detail (and find) request may carry besides the endpoint's own find parameters.
DETAIL_QUERY_PARAMETERS = frozenset(["fields", "format", "_", "rich_text_format"])
# Parameters Wagtail reads as integers: a number too large for the database is a 400, not an
# error when the query runs.
INTEGER_PARAMETERS = (
    "limit",
    "offset",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "id",
)
SEARCH_OPERATORS = ("and", "or")


def _unknown(names: Iterable[str]) -> BadRequestError:
    listed = ", ".join(sorted(names))
    return BadRequestError(f"query parameter is not an operation or a recognised field: {listed}")


def build_page(request, pk) -> Page | None:
    """The page a static build already loaded (with its rows) for this JSON output; the build
    plans public pages only. None for every other request."""
    session = current_session()
    page = session.page if session is not None else None
    return page if page is not None and str(page.pk) == str(pk) else None


def site_pages(site: Site) -> PageQuerySet:
    """The visible pages of ``site`` (and of its root's translations): what the API shows."""
    pages = Page.objects.descendant_of(site.root_page, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in site.root_page.get_translations():
            pages |= Page.objects.descendant_of(translation, inclusive=True)
    return visible(pages)


def _site_page_ids(site: Site) -> set[int]:
    return set(site_pages(site).values_list("pk", flat=True))


def prefetch_for(items: list, serializer_class) -> None:
    """Load in bulk the rows the chosen fields read (authors, topics, renditions…)."""
    if not items:
        return
    model = serializer_class.Meta.model
    lookups: list = []
    for name in serializer_class.Meta.fields:
        field = serializer_class._declared_fields.get(name)
        if isinstance(field, APIValueField):
            if field.source in (None, name):
                lookups += field.prefetch_lookups(model, name)
        elif _is_foreign_key(model, name):
            lookups.append(name)  # e.g. Wagtail's ``locale`` and ``alias_of``
    if lookups:
        prefetch_related_objects(items, *lookups)


def _is_foreign_key(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(field.many_to_one and field.concrete)


# --- Serializers ---------------------------------------------------------------------------


class PublicRichTextField(RichTextFieldSerializer):
    """A RichTextField as display HTML with absolute public links."""

    def to_representation(self, value):
        return public_html(str(value))


class PublicStreamField(StreamFieldSerializer):
    """A StreamField as Wagtail's block JSON (``type``/``value``/``id``), except that rich text
    is display HTML, chosen images are renditions, documents and pages are links."""

    def to_representation(self, value):
        return stream_data(value.stream_block, value, django_request(self.context))


class PublicPageURLField(PageHtmlUrlField):
    def to_representation(self, page):
        return page_url(page)


def _nested_page(value, context):
    serializer_class = get_serializer_class(
        value.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PublicPageSerializer,
    )
    return serializer_class(context=context).to_representation(value)


class PublicPageParentField(PageParentField):
    def get_attribute(self, instance):
        session = current_session()
        parent = session.parents.get(instance.path[: -Page.steplen]) if session else None
        if parent is None:
            return super().get_attribute(instance)
        # In a build: the parent was loaded with its chunk, and whether the API may show it is
        # one lookup in the ids of the site's public pages, read once per build.
        depend(keys.page(parent.pk))
        site = Site.find_for_request(self.context["request"])
        return parent if site is not None and parent.pk in per_build(_site_page_ids, site) else None

    def to_representation(self, value):
        return _nested_page(value, self.context)


class PublicPageAliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return _nested_page(value, self.context)


class PublicPageSerializer(PageSerializer):
    """Wagtail's page serializer with public URLs everywhere, rich text as display HTML and
    StreamField blocks with expanded images, documents and page links."""

    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        StreamField: PublicStreamField,
        RichTextField: PublicRichTextField,
    }
    html_url = PublicPageURLField(read_only=True)
    parent = PublicPageParentField(read_only=True)
    alias_of = PublicPageAliasOfField(read_only=True)


# --- Views ---------------------------------------------------------------------------------


class PublicAPIMixin:
    """Anonymous, cacheable, JSON only, and a 400 with a message for any malformed query."""

    renderer_classes = [JSONRenderer]  # no browsable API: it would render forms and tokens
    authentication_classes: list = []
    permission_classes = [AllowAny]
    detail_query_parameters = DETAIL_QUERY_PARAMETERS

    def initial(self, request: Request, *args, **kwargs) -> None:
        request.user = AnonymousUser()
        request._request.user = request.user
        super().initial(request, *args, **kwargs)
        self.check_values(request)

    @staticmethod
    def check_values(request: Request) -> None:
        params = request.GET
        for name, values in params.lists():
            if any("\x00" in value for value in [name, *values]):
                raise BadRequestError("query parameters cannot contain null characters")
        for name in INTEGER_PARAMETERS:
            value = params.get(name, "")
            digits = value.strip().lstrip("+-")
            if digits.isascii() and digits.isdigit() and not is_integer_in_range(value):
                raise BadRequestError(f"{name} is out of range")
        operator = params.get("search_operator")
        if operator is not None and operator.lower() not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def resolve_rich_text_format(self):
        # One representation, the one the static JSON has: display HTML with public links.
        value = self.request.GET.get("rich_text_format", "html")
        if value != "html":
            raise BadRequestError(
                "rich_text_format: this API serves rich text as display HTML only ('html')"
            )
        return "html"

    def handle_exception(self, exc):
        # Last resort for values the checks above do not foresee: the ORM refusing a value
        # (ValidationError) or SQLite an integer wider than 64 bits (OverflowError).
        if isinstance(exc, OverflowError | ValidationError):
            exc = BadRequestError("a query parameter has a value out of range or malformed")
        return super().handle_exception(exc)

    def finalize_response(self, request: Request, response: Response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code < 500:
            response["Cache-Control"] = API_CACHE_CONTROL
        return response

    def check_detail_parameters(self, extra: Iterable[str] = ()) -> None:
        unknown = set(self.request.GET) - self.detail_query_parameters - set(extra)
        if unknown:
            raise _unknown(unknown)

    def get_serializer_class(self):
        # Fields of ours (authors, topics, images…) have one fixed shape: a nested selection
        # such as ``authors(name)`` would be ignored (or refused naming the row model's
        # fields), so it is refused with the field's name.
        if self.request.GET.get("fields"):
            if self.action == "listing_view":
                model = self.get_queryset().model
            else:
                model = type(self.get_object())
            ours = self.get_field_serializer_overrides(model)
            try:
                fields = parse_fields_parameter(self.request.GET["fields"])
            except ValueError:
                fields = []  # Wagtail reports the syntax error
            for name, _negated, sub_fields in fields:
                if sub_fields and isinstance(ours.get(name), APIValueField):
                    raise BadRequestError(f"'{name}' does not support nested fields")
        return super().get_serializer_class()

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = list(self.paginate_queryset(queryset))
        serializer_class = self.get_serializer_class()
        prefetch_for(items, serializer_class)
        serializer = serializer_class(items, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        return build_page(self.request, self.kwargs.get("pk")) or super().get_object()

    def detail_view(self, request, pk):
        self.check_detail_parameters()
        instance = self.get_object()
        serializer_class = self.get_serializer_class()
        prefetch_for([instance], serializer_class)
        serializer = serializer_class(instance, context=self.get_serializer_context())
        return Response(serializer.data)

    def find_view(self, request):
        self.check_detail_parameters(extra=self.find_query_parameters)
        return super().find_view(request)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            return queryset.filter(pk=parse_id("id", request.GET["id"])).first()
        return super().find_object(queryset, request)


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = [
        SafeFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        KnownLocaleFilter,
        PlainTextSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters
    detail_query_parameters = DETAIL_QUERY_PARAMETERS | {"site"}

    def get_base_queryset(self):
        """The visible pages of the requested site (Wagtail's ``site`` parameter).

        The project's visibility rule, shared with the build, replaces Wagtail's: no expired
        pages and no aliases of hidden pages, which Wagtail's rule still admits; restrictions
        apply to everyone, where Wagtail's admits a session that passed a password (and, by
        reading the session, would make every response ``Vary: Cookie``).
        """
        if not hasattr(self, "_base_queryset"):
            try:
                site = SiteFilterValidator(
                    site=self.request.GET.get("site"), request=self.request
                ).site_obj
            except ValueError as exc:
                raise BadRequestError(str(exc)) from exc
            self._base_queryset = Page.objects.none() if site is None else site_pages(site)
        return self._base_queryset

    def get_queryset(self):
        """Pages of the requested ``type`` (Wagtail's syntax), as a queryset of the model
        ``queryset_model`` picks, so its fields can filter and order."""
        if hasattr(self, "_queryset"):
            return self._queryset
        params = self.request.GET
        try:
            models = page_models_from_string(params["type"]) if params.get("type") else ()
        except (LookupError, ValueError) as exc:
            raise BadRequestError("type doesn't exist") from exc
        model = self.queryset_model(models, params)
        queryset = model.objects.filter(pk__in=self.get_base_queryset().values("pk"))
        if len(models) > 1:
            queryset = queryset.type(*models)
        self._queryset = queryset
        return queryset

    def queryset_model(self, models: tuple[type[Page], ...], params) -> type[Page]:
        """Hook: the model of the listing's queryset (the one type asked for, else Page).
        The app that owns the content extends it (``publications.api``)."""
        return models[0] if len(models) == 1 else Page


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    filter_backends = [SafeFieldsFilter, OrderingFilter, PlainTextSearchFilter]

    def get_queryset(self):
        private = private_collection_ids(self.request._request)
        return self.model.objects.exclude(collection__in=private).order_by("id")


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    filter_backends = [SafeFieldsFilter, OrderingFilter, PlainTextSearchFilter]

    def get_queryset(self):
        private = private_collection_ids(self.request._request)
        return self.model.objects.exclude(collection__in=private).order_by("id")


# The app that owns the content registers its own pages endpoint over this one when it is
# ready (``publications.apps``): cms never imports the apps built on it.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
