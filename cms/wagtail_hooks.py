"""The ground floor's Wagtail hooks: rich-text page links only to public pages
(``cms.rich_text``), and editors told about links that lead nowhere (``cms.broken_links``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from cms.admin_reports import BrokenLinksReportView
from cms.broken_links import broken_links_of
from cms.rich_text import PublicPageLinkHandler


# After Wagtail's own registration (order 0), which this replaces for the "page" link type.
@hooks.register("register_rich_text_features", order=100)
def public_page_links(features: Any) -> None:
    features.register_link_type(PublicPageLinkHandler)


@hooks.register("register_admin_urls")
def register_broken_links_report_urls() -> list[URLPattern]:
    return [
        path("reports/broken-links/", BrokenLinksReportView.as_view(), name="cms_broken_links"),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="cms_broken_links_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_broken_links_report_menu_item() -> MenuItem:
    return MenuItem(
        gettext_lazy("Broken links"),
        reverse("cms_broken_links"),
        name="broken-links",
        icon_name="warning",
        order=1000,
    )


def _warn_about_broken_links(request: HttpRequest, page: Page) -> None:
    """Tell the editor who just saved ``page`` which of its links lead nowhere public: the
    public site shows their text only (``cms.rich_text``), so they fail silently otherwise."""
    found = broken_links_of(page)
    if not found:
        return
    targets = ", ".join(
        f"“{link.target_title}”" if link.target_title else link.target for link in found[:5]
    )
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    messages.warning(
        request,
        _(
            "This page links to %(targets)s%(more)s, which the public cannot see: those links "
            "show as plain text on the site (see the Broken links report)."
        )
        % {"targets": targets, "more": more},
    )


@hooks.register("after_edit_page")
def warn_after_edit(request: HttpRequest, page: Page) -> None:
    _warn_about_broken_links(request, page)


@hooks.register("after_create_page")
def warn_after_create(request: HttpRequest, page: Page) -> None:
    _warn_about_broken_links(request, page)
