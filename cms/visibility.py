"""The one rule deciding what the public may see: listings, feeds, sitemap, API and build."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from cms import keys
from cms.deps import depend
from cms.memo import in_build, now, per_build, per_request


def _not_expired() -> Q:
    # One "now" for a whole build, so every output agrees on what has expired.
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now())  # the instant cms.clock.now() gives


def _restricted_paths() -> list[str]:
    return list(
        PageViewRestriction.objects.order_by("page__path").values_list("page__path", flat=True)
    )


def _public_q() -> Q:
    """Wagtail's ``public()`` condition, its restriction list read once per build."""
    paths = per_build(_restricted_paths)
    q = Q()
    for path in paths:
        q &= ~Q(path__startswith=path)
    return q


def _hidden_aliases() -> list[int]:
    """Aliases whose source page is not visible (aliases are few: two small queries)."""
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("pk", "alias_of_id"))
    if not aliases:
        return []
    sources = {source for _, source in aliases}
    shown = set(
        Page.objects.filter(pk__in=sources, live=True)
        .filter(_public_q(), _not_expired())
        .values_list("pk", flat=True)
    )
    return sorted(pk for pk, source in aliases if source not in shown)


def visible(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Live, unrestricted (ancestors too), unexpired pages that are not aliases of hidden pages.

    ``live().public()`` alone still admits pages whose expiry passed before ``publish_scheduled``
    ran, and aliases whose source page sits under a restricted parent.
    """
    queryset = Page.objects.all() if queryset is None else queryset
    queryset = queryset.live().filter(_public_q(), _not_expired())
    # Plain ids rather than a subquery: an anti-join over every page in every listing query is
    # what made large builds slow.
    hidden = per_build(_hidden_aliases)
    return queryset.exclude(pk__in=hidden) if hidden else queryset


def visible_ids(model: type[Page], request: HttpRequest | None = None) -> set[int]:
    """Ids of the visible pages of ``model``: one query per build or per request."""
    depend(keys.visible(model))
    return per_request(request, _visible_ids, model)


def _visible_ids(request: HttpRequest | None, model: type[Page]) -> set[int]:
    return set(visible(model.objects.all()).values_list("pk", flat=True))


def visible_ids_among(ids: Iterable[int], model: type[Page] = Page) -> set[int]:
    """The visible ones among these ids of ``model`` pages (e.g. a page's authors): in a build,
    from the set of all of them read once; elsewhere, one query for these."""
    wanted = set(ids)
    if not wanted:
        return set()
    if in_build():
        return wanted & (visible_page_ids() if model is Page else visible_ids(model))
    return set(visible(model.objects.filter(pk__in=wanted)).values_list("pk", flat=True))


def _restrictions_and_aliases() -> tuple[list[PageViewRestriction], dict[str, int]]:
    restrictions = list(PageViewRestriction.objects.select_related("page").order_by("pk"))
    aliases = dict(Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of_id"))
    return restrictions, aliases


def view_restrictions_in_build(page: Page) -> list[PageViewRestriction] | None:
    """Wagtail's ``get_view_restrictions()`` answered from memory during a build (None
    outside one): the restrictions of the page or an ancestor, an alias standing for its
    source page, as Wagtail checks them. Two queries per build instead of two per page."""
    if not in_build():
        return None
    restrictions, aliases = per_build(_restrictions_and_aliases)
    if not restrictions:
        return []
    ids = {page.alias_of_id or page.pk}
    paths = set()
    for length in range(Page.steplen, len(page.path), Page.steplen):
        ancestor = page.path[:length]
        if ancestor in aliases:
            ids.add(aliases[ancestor])
        else:
            paths.add(ancestor)
    return [r for r in restrictions if r.page_id in ids or r.page.path in paths]


def visible_page_ids() -> set[int]:
    """Ids of every visible page, read once per build (tens of KB for 10,000 pages)."""
    return per_build(_visible_page_ids)


def _visible_page_ids() -> set[int]:
    return set(visible().values_list("pk", flat=True))


def visible_ancestors(
    page: Page, root: Page | None = None, request: HttpRequest | None = None
) -> list[Page]:
    """The visible ancestors of ``page`` below its site's root (``root``, by default its
    ancestor at depth 2), specific, top down: what a breadcrumb shows. Siblings share them, so
    they are loaded once per parent (per build, or per request). Depends on every ancestor,
    hidden ones too: one is shown only while it is public."""
    root_path = root.path if root is not None else page.path[: 2 * Page.steplen]
    return per_request(request, _visible_ancestors, root_path, page.path[: -Page.steplen])


def _visible_ancestors(request: HttpRequest | None, root_path: str, parent_path: str) -> list[Page]:
    """The visible pages from below ``root_path`` down to the page at ``parent_path``."""
    steps = range(len(root_path) + Page.steplen, len(parent_path) + 1, Page.steplen)
    paths = [parent_path[:length] for length in steps]
    above = Page.objects.filter(path__in=paths, path__startswith=root_path)
    depend(*map(keys.page_url, above.values_list("pk", flat=True)))
    return list(visible(above).specific())
