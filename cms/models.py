"""The abstract page base and the field mixins every page type shares."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms import keys
from cms.api_fields import ImageField
from cms.public_urls import path_on_site, public_url
from cms.rich_text_normalise import normalise_model_rich_text


class ListingFields(models.Model):
    """How a page appears as a card in listings, hubs and related items."""

    listing_title = models.CharField(
        max_length=255, blank=True, help_text="Shorter title for cards; defaults to the title."
    )
    listing_summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences for cards."
    )
    listing_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    listing_panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading="Listing",
        )
    ]

    class Meta:
        abstract = True

    @property
    def card_title(self) -> str:
        return self.listing_title or self.title


class SocialFields(models.Model):
    """Open Graph / Twitter card overrides and search-engine directives."""

    social_title = models.CharField(max_length=255, blank=True)
    social_description = models.CharField(max_length=300, blank=True)
    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    canonical_override = models.URLField(
        blank=True, help_text="Only when the page was first published elsewhere."
    )
    noindex = models.BooleanField(default=False, help_text="Ask search engines not to index.")

    social_panels = [
        MultiFieldPanel(
            [
                FieldPanel("social_title"),
                FieldPanel("social_description"),
                FieldPanel("social_image"),
                FieldPanel("canonical_override"),
                FieldPanel("noindex"),
            ],
            heading="Social and search engines",
        )
    ]

    class Meta:
        abstract = True


class BasePage(ListingFields, SocialFields, Page):
    """The single abstract level between Wagtail's Page and every concrete page type."""

    promote_panels = Page.promote_panels + ListingFields.listing_panels + SocialFields.social_panels

    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    api_fields = [
        APIField("listing_title"),
        APIField("listing_summary"),
        APIField("listing_image", serializer=ImageField("fill-800x450")),
        APIField("social_title"),
        APIField("social_description"),
        APIField("canonical_url"),
    ]

    # Open Graph type of the page (``og:type``); article and profile pages say otherwise.
    og_type = "website"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Rich text written without the editor (an import, a script) is stored as the editor
        would write it, so the edit view can open the page (``cms.rich_text_normalise``)."""
        normalise_model_rich_text(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def save_revision(self, *args: Any, **kwargs: Any) -> Any:
        """As ``save``: a revision is serialised from the page, not saved through it."""
        normalise_model_rich_text(self)
        return super().save_revision(*args, **kwargs)

    def structured_data(self, org: dict[str, Any], linked_ids: set[int] | None) -> Any:
        """Hook: the schema.org entity the page is about (``cms.structured_data.main_entity``),
        or None; ``linked_ids`` are the public person pages among its authors, when known."""
        return None

    @classmethod
    def list_memberships(cls, pages: dict[int, keys.Place]) -> dict[int, keys.Membership]:
        """Hook for incremental builds: the lists (``cms.keys``) each public page of this type
        belongs to beyond its place in the tree. ``pages`` holds every public page whose type
        takes this method from the same class, so one call answers for all of them."""
        return {}

    @classmethod
    def clock_changes(cls, before: datetime, after: datetime) -> bool:
        """Hook for incremental builds: do pages of this type show anything differently at
        ``after`` than at ``before`` (an event that ended is no longer upcoming)?"""
        return False

    def get_view_restrictions(self):
        from cms.visibility import view_restrictions_in_build

        in_build = view_restrictions_in_build(self)
        return super().get_view_restrictions() if in_build is None else in_build

    def get_url_parts(self, request=None):
        """Full URLs (``full_url``, the API's ``html_url``, feeds) point at the public static
        site on SITE_BASE_URL, not at the CMS host; relative URLs are unchanged."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, _cms_root_url, page_path = parts
        return site_id, settings.SITE_BASE_URL, page_path

    @property
    def canonical_url(self) -> str:
        """Absolute public URL of this page on the static site, unless overridden."""
        if self.canonical_override:
            return self.canonical_override
        return public_url(self.url_path_on_site)

    @property
    def url_path_on_site(self) -> str:
        """Path of the page relative to its site root, e.g. ``/op-eds/slug/``."""
        return path_on_site(self.url_path)
