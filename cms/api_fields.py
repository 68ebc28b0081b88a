"""How the public API (and so the static JSON) represents content: one shape for clients.

Every URL is absolute on the public static site (``SITE_BASE_URL``), whatever host the request
came to: page URLs, rendition and document URLs, and the links inside rich text. Pages, people
and topic hubs that the public may not see are never linked (their ids are not shown either).

The fields here are DRF serializer fields used in the models' ``api_fields`` (this module is
imported while models load, so it must not import ``wagtail.api.v2``). Those that read
relations say which rows to load in bulk (``prefetch_lookups``): a listing of N pages costs
the same number of queries whatever the number of authors or topics per page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import Model, Prefetch
from django.http import HttpRequest
from rest_framework import fields as drf_fields
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import SourceImageIOError
from wagtail.models import CollectionViewRestriction, Page
from wagtail.rich_text import expand_db_html

from cms import keys
from cms.deps import depend
from cms.memo import per_request
from cms.public_urls import media_url, page_url, public_url
from cms.sanitize import clean_rich_text
from cms.visibility import visible_ids, visible_ids_among

# The rendition of an image chosen in a StreamField (the largest the HTML's srcset offers).
BLOCK_IMAGE_FILTER = "width-1200"

_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src)=")(/(?!/)[^"]*)(")""")


def public_html(db_html: str) -> str:
    """Display HTML of rich text, internal links (pages, documents) absolute on the public site.

    ``expand_db_html`` gives site-relative URLs (or absolute ones, depending on the sites and
    the request); the API and the static JSON must both give absolute public URLs.
    """
    # Cleaned as the HTML site cleans it when rendering (cms.sanitize): a client inserting this
    # HTML gets nothing an import or a script could have slipped past the editor.
    html = clean_rich_text(expand_db_html(db_html or ""))
    return _ROOT_RELATIVE.sub(lambda m: m.group(1) + public_url(m.group(2)) + m.group(3), html)


# --- Visibility, once per request (or per build) --------------------------------------------


def django_request(context: dict[str, Any]) -> HttpRequest | None:
    request = context.get("request")
    return getattr(request, "_request", request)


def visible_ids_of(model: type[Page], request: HttpRequest | None) -> set[int]:
    """Ids of the visible pages of ``model`` (e.g. people): one query per request or build."""
    return visible_ids(model, request)


def visible_among(pages: Iterable[Page | None]) -> list[Page]:
    """The visible pages among ``pages``, in order (editors' picks, related pages)."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    ids = [page.pk for page in pages]
    # A hidden pick must appear in the output once it becomes public (incremental builds).
    depend(*map(keys.page_url, ids))
    shown = visible_ids_among(ids)
    return [page for page in pages if page.pk in shown]


def private_collection_ids(request: HttpRequest | None) -> set[int]:
    """Collections under any view restriction, for everyone: the public API never has a user
    (nor a session that passed a collection's password)."""

    return per_request(request, _private_collection_ids)


def _private_collection_ids(request: HttpRequest | None) -> set[int]:
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return set()
    collection_model = apps.get_model("wagtailcore", "Collection")
    ids: set[int] = set()
    for path in paths:
        ids.update(
            collection_model.objects.filter(path__startswith=path).values_list("pk", flat=True)
        )
    return ids


# --- Representations -----------------------------------------------------------------------


def page_link(page: Page) -> dict[str, Any]:
    specific_class = page.specific_class or type(page)
    return {
        "id": page.pk,
        "type": f"{specific_class._meta.app_label}.{specific_class.__name__}",
        "title": page.title,
        "url": page_url(page),
    }


def image_data(image, filter_spec: str) -> dict[str, Any] | None:
    """A rendition: absolute public URL, size, alt text (empty for decorative images), caption
    and credit. None when the original file is missing."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
    except SourceImageIOError:
        return None
    return {
        "id": image.pk,
        "url": media_url(rendition.file.name),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "alt_text", image.default_alt_text),
        "caption": getattr(image, "caption", ""),
        "credit": getattr(image, "credit", ""),
    }


def document_data(document, request: HttpRequest | None) -> dict[str, Any] | None:
    """A document's public URL and size in bytes; None for one in a private collection."""
    if document is None or document.collection_id in private_collection_ids(request):
        return None
    size = document.file_size
    if size is None:
        # Not recorded at upload: ask the storage (Wagtail's get_file_size() would save it).
        try:
            size = document.file.size
        except OSError:
            size = None
    return {
        "id": document.pk,
        "title": document.title,
        "url": media_url(document.file.name),
        "filename": document.filename,
        "content_type": document.content_type,
        "size": size,
    }


# --- Serializer fields ---------------------------------------------------------------------


class APIValueField(drf_fields.Field):
    """A read-only field; subclasses say which rows to prefetch for many objects at once."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def prefetch_lookups(self, model: type[Model], name: str) -> list:
        return []

    @property
    def http_request(self) -> HttpRequest | None:
        return django_request(self.context)


def related_model(model: type[Model], name: str) -> type[Model]:
    return model._meta.get_field(name).related_model


def stream_data(block: blocks.Block, value: Any, request: HttpRequest | None) -> Any:
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child.block.name,
                "value": stream_data(child.block, child.value, request),
                "id": child.id,
            }
            for child in (value or [])
        ]
    if isinstance(block, blocks.ListBlock):
        return [stream_data(block.child_block, item, request) for item in value]
    if isinstance(block, blocks.StructBlock):
        return {
            name: stream_data(block.child_blocks[name], child, request)
            for name, child in value.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return public_html(value.source) if value else ""
    if isinstance(block, ImageChooserBlock):
        return image_data(value, BLOCK_IMAGE_FILTER)
    if isinstance(block, DocumentChooserBlock):
        return document_data(value, request)
    if isinstance(block, blocks.PageChooserBlock):
        shown = visible_among([value])
        return page_link(shown[0]) if shown else None
    return block.get_api_representation(value, {"request": request})


class ImageField(APIValueField):
    """An image as one rendition (``filter_spec``) with its public URL, size and alt text."""

    def __init__(self, filter_spec: str, **kwargs):
        self.filter_spec = filter_spec
        super().__init__(**kwargs)

    def prefetch_lookups(self, model, name):
        renditions = get_image_model().objects.prefetch_renditions(self.filter_spec)
        return [Prefetch(name, queryset=renditions)]

    def to_representation(self, image):
        return image_data(image, self.filter_spec)


class DocumentField(APIValueField):
    """A document (e.g. a report's PDF): public URL and size in bytes."""

    def prefetch_lookups(self, model, name):
        return [name]

    def to_representation(self, document):
        return document_data(document, self.http_request)


class SnippetField(APIValueField):
    """Chosen attributes of a snippet, e.g. an outlet's name and URL."""

    def __init__(self, *names: str, **kwargs):
        self.names = names
        super().__init__(**kwargs)

    def prefetch_lookups(self, model, name):
        return [name]

    def to_representation(self, obj):
        return {name: getattr(obj, name) for name in self.names}


class AuthorsField(APIValueField):
    """Author rows in order: name, role, title, and the person page's id and URL when the
    person has a public page (null for an external name or a hidden page, whose job title is
    left out too)."""

    def get_attribute(self, instance):
        return instance

    def prefetch_lookups(self, model, name):
        rows = related_model(model, name).objects.select_related("person")
        return [Prefetch(name, queryset=rows)]

    def to_representation(self, page):
        rows = page.author_rows
        people = [row.person for row in rows if row.person_id]
        shown = visible_ids_of(type(people[0]), self.http_request) if people else set()
        authors = []
        for row in rows:
            person = row.person if row.person_id in shown else None
            authors.append(
                {
                    "name": row.display_name,
                    "role": row.role,
                    # A hidden person page's fields never appear: only what the page itself
                    # says of the author (the name, a title typed on this page).
                    "title": row.title if person or not row.person_id else row.title_override,
                    "person_id": person.pk if person else None,
                    "url": page_url(person) if person else None,
                }
            )
        return authors


class PageLinkField(APIValueField):
    """A chosen page (e.g. a program's director) as a link, or null when it is not public."""

    def prefetch_lookups(self, model, name):
        return [name]

    def to_representation(self, page):
        shown = visible_among([page])
        return page_link(shown[0]) if shown else None


class PageLinksField(APIValueField):
    """Chosen pages in order (related pages, lead stories, featured items, programs): only
    the public ones, as links. ``attr`` names the page on each ordered row."""

    def __init__(self, attr: str | None = None, **kwargs):
        self.attr = attr
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source)

    def prefetch_lookups(self, model, name):
        if self.attr is None:
            return [name]
        rows = related_model(model, name).objects.select_related(self.attr)
        return [Prefetch(name, queryset=rows)]

    def to_representation(self, manager):
        items = list(manager.all())
        pages = [getattr(item, self.attr) for item in items] if self.attr else items
        return [page_link(page) for page in visible_among(pages)]


class LocalDateTimeField(APIValueField):
    """An aware datetime in ISO 8601 with the offset of its own zone (an event's local time),
    e.g. ``2025-06-10T12:00:00-04:00``; DRF's field would convert it to the server's zone."""

    def to_representation(self, value):
        return value.isoformat()
