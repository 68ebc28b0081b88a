"""Snippets pages point at: the outlets that publish op-eds and quote experts, and series."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms import keys


@register_snippet
@keys.register_rows("o")
class Outlet(index.Indexed, models.Model):
    """A publication or broadcaster where op-eds appear and experts are quoted."""

    name = models.CharField(max_length=150, unique=True)
    url = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("url")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
@keys.register_rows("s")
class Series(index.Indexed, models.Model):
    """A named run of publications, e.g. an explainer series."""

    title = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    api_fields = [APIField("title"), APIField("slug"), APIField("description")]

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title
