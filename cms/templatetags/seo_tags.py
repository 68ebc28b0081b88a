"""The <head> metadata of every page: title, description, canonical, robots, Open Graph,
Twitter card and JSON-LD, all derived from ``cms.structured_data``.

``{% page_meta_tags page %}`` in ``base.html``; ``{% page_meta_tags title="Page not found" %}``
where there is no page (the 404 page). An explicit ``canonical`` may be passed for views that
are not a page's own URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from cms import structured_data as sd
from cms.public_urls import public_url
from cms.templatetags.site_tags import site_chrome

register = template.Library()

Tags = list[tuple[str, str]]


def document_title(title: str, site_name: str) -> str:
    """'Title | Organisation'; the organisation alone when the title is its name or missing."""
    if not title or title == site_name:
        return site_name
    return f"{title} | {site_name}" if site_name else title


def subpage_path(page: Page, request: HttpRequest | None) -> str:
    """The routable sub-path being served for ``page`` (e.g. ``page/2/``), or ''."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None or not hasattr(page, "reverse_subpage"):
        return ""
    try:
        return page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return ""


def canonical_url(page: Page | None, request: HttpRequest | None) -> str:
    """The page's canonical URL; a routable sub-page (pagination, filters) is its own."""
    if page is None:
        return ""
    url = getattr(page, "canonical_url", "") or ""
    if getattr(page, "canonical_override", "") or not url:
        return url
    sub = subpage_path(page, request)
    return public_url(page.url_path_on_site + sub) if sub else url


def og_type(page: Page | None) -> str:
    """The page type's ``og_type`` (``BasePage``: "website"; articles, people say otherwise)."""
    return getattr(page, "og_type", "website") if page is not None else "website"


def author_urls(entities: list[sd.JsonLd]) -> list[str]:
    """URLs of the linked people among the authors of the page's Article entity."""
    article = next((entity for entity in entities if "headline" in entity), {})
    return [
        author["url"]
        for author in article.get("author", [])
        if author.get("@type") == "Person" and "url" in author
    ]


def article_tags(page: Page, entities: list[sd.JsonLd]) -> Tags:
    """``article:*`` properties of a content page, from the same data as its JSON-LD."""
    tags = [("article:published_time", page.display_date.isoformat())]
    if page.updated_date:
        tags.append(("article:modified_time", page.updated_date.isoformat()))
    tags.extend(("article:author", url) for url in author_urls(entities))
    if page.breadcrumb_topic is not None:
        tags.append(("article:section", page.breadcrumb_topic.name))
    tags.extend(("article:tag", topic.name) for topic in page.topic_list)
    return tags


def profile_tags(page: Page) -> Tags:
    return [("profile:first_name", page.first_name), ("profile:last_name", page.last_name)]


def image_tags(prefix: str, image: sd.ImageInfo | None) -> Tags:
    if image is None:
        return []
    tags = [(prefix, image.url)]
    if prefix == "og:image":
        tags += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
    if image.alt:
        tags.append((f"{prefix}:alt", image.alt))
    return tags


def open_graph(
    page: Page | None,
    *,
    title: str,
    description: str,
    url: str,
    site_name: str,
    image: sd.ImageInfo | None,
    entities: list[sd.JsonLd],
) -> Tags:
    kind = og_type(page)
    tags = [("og:type", kind), ("og:title", title)]
    if description:
        tags.append(("og:description", description))
    if url:
        tags.append(("og:url", url))
    if site_name:
        tags.append(("og:site_name", site_name))
    tags += image_tags("og:image", image)
    if kind == "article":
        tags += article_tags(page, entities)
    elif kind == "profile":
        tags += profile_tags(page)
    return tags


def x_handle(social_links: list[dict[str, str]]) -> str:
    """'@handle' of the organisation's X account, from its social links, or ''."""
    for link in social_links:
        if link.get("network") == "x":
            handle = urlsplit(link.get("href", "")).path.strip("/").split("/")[0]
            return f"@{handle}" if handle else ""
    return ""


def twitter_card(
    *, title: str, description: str, image: sd.ImageInfo | None, site_handle: str
) -> Tags:
    tags = [("twitter:card", "summary_large_image" if image else "summary")]
    if site_handle:
        tags.append(("twitter:site", site_handle))
    tags.append(("twitter:title", title))
    if description:
        tags.append(("twitter:description", description))
    return tags + image_tags("twitter:image", image)


def linked_person_ids(context: template.Context, page: Page | None) -> set[int] | None:
    """The authors' public person ids when the page's view already computed them."""
    ids = context.get("linked_person_ids")
    return ids if isinstance(ids, set) and page is not None else None


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta_tags(
    context: template.Context, page: Any = None, title: str = "", canonical: str = ""
) -> dict[str, Any]:
    """Everything in <head> that describes the page (or, with no page, the organisation)."""
    request = context.get("request")
    chrome = site_chrome(context)
    site_name = chrome["site_name"]
    page = page if isinstance(page, Page) else None

    entities = sd.page_entities(page, chrome["settings"], linked_person_ids(context, page))
    url = canonical or canonical_url(page, request)
    image = sd.image_info(sd.share_image(page))
    share_title = (sd.social_title(page) if page else "") or title or site_name
    share_description = sd.social_description(page) if page else ""
    return {
        "title": document_title(title or (sd.meta_title(page) if page else ""), site_name),
        "description": sd.meta_description(page) if page else "",
        "canonical": url,
        "noindex": bool(getattr(page, "noindex", False)),
        "open_graph": open_graph(
            page,
            title=share_title,
            description=share_description,
            url=url,
            site_name=site_name,
            image=image,
            entities=entities,
        ),
        "twitter": twitter_card(
            title=share_title,
            description=share_description,
            image=image,
            site_handle=x_handle(chrome["social_links"]),
        ),
        "json_ld": [json_ld(entity) for entity in entities],
    }


def json_ld(entity: sd.JsonLd) -> SafeString:
    # ``dumps`` escapes <, > and &, so the text cannot close the script element.
    return mark_safe(sd.dumps(entity))  # noqa: S308
