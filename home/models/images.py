"""The image model: alt text unless decorative, a caption and a credit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.api import APIField
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.search import index


class SiteImage(AbstractImage):
    """Images carry alt text (unless decorative), a caption and a credit."""

    is_decorative = models.BooleanField(
        default=False, help_text="Purely decorative images are hidden from screen readers."
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=255, blank=True)

    admin_form_fields = (
        "title",
        "file",
        "description",
        "is_decorative",
        "caption",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )
    search_fields = [*AbstractImage.search_fields, index.SearchField("caption")]
    api_fields = [
        APIField("alt_text"),
        APIField("is_decorative"),
        APIField("caption"),
        APIField("credit"),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "image"

    def clean(self) -> None:
        super().clean()
        if not self.is_decorative and not self.description.strip():
            raise ValidationError(
                {"description": "Alt text is required unless the image is marked decorative."}
            )

    @property
    def alt_text(self) -> str:
        return "" if self.is_decorative else self.description

    @property
    def default_alt_text(self) -> str:
        return self.alt_text


SiteImage._meta.get_field("description").verbose_name = "alt text"
SiteImage._meta.get_field(
    "description"
).help_text = "Describe the image for people who cannot see it."


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
