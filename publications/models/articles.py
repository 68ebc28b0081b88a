"""The dated content types besides events: research (briefs, explainers, reports, Q&As),
op-eds, media mentions and press releases."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.api_fields import DocumentField, SnippetField
from cms.blocks import BODY_FEATURES, EndnoteBlock, KeyPointBlock

from ..blocks import QuestionBlock
from .content import ContentPage, content_panels_for
from .snippets import Outlet


class BriefPage(ContentPage):
    key_points = StreamField([("point", KeyPointBlock())], blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endnotes = StreamField([("note", EndnoteBlock())], blank=True)

    content_panels = content_panels_for(FieldPanel("key_points"), FieldPanel("pdf")) + [
        FieldPanel("endnotes")
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("key_points")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("key_points"),
        APIField("pdf", serializer=DocumentField()),
        APIField("endnotes"),
    ]

    parent_page_types = ["publications.BriefIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "brief"


class ExplainerPage(ContentPage):
    key_points = StreamField([("point", KeyPointBlock())], blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = content_panels_for(FieldPanel("key_points"), FieldPanel("pdf"))
    search_fields = [*ContentPage.search_fields, index.SearchField("key_points")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("key_points"),
        APIField("pdf", serializer=DocumentField()),
    ]

    parent_page_types = ["publications.ExplainerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "explainer"

    def clean(self) -> None:
        super().clean()
        if not len(self.key_points):
            raise ValidationError({"key_points": "An explainer needs at least one key point."})


class ReportPage(ContentPage):
    summary = RichTextField(blank=True, features=BODY_FEATURES)
    key_takeaways = StreamField([("point", KeyPointBlock())], blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endnotes = StreamField([("note", EndnoteBlock())], blank=True)
    citation = models.TextField(blank=True, help_text="How to cite this report.")

    content_panels = content_panels_for(
        FieldPanel("summary"), FieldPanel("key_takeaways"), FieldPanel("pdf")
    ) + [FieldPanel("endnotes"), FieldPanel("citation")]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("key_takeaways"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("summary"),
        APIField("key_takeaways"),
        APIField("pdf", serializer=DocumentField()),
        APIField("endnotes"),
        APIField("citation"),
    ]

    parent_page_types = ["publications.ReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "report"

    @property
    def table_of_contents(self) -> list[tuple[str, str]]:
        """(anchor, heading) for every section heading of the body."""
        from django.utils.text import slugify

        return [
            (slugify(block.value["text"]), block.value["text"])
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]


class QAPage(ContentPage):
    items = StreamField([("item", QuestionBlock())], blank=True, verbose_name="questions")

    content_panels = content_panels_for(FieldPanel("items"))
    search_fields = [*ContentPage.search_fields, index.SearchField("items")]
    api_fields = [*ContentPage.api_fields, APIField("items")]

    parent_page_types = ["publications.QAIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Q&A"
        verbose_name_plural = "Q&As"


class ReprintMode(models.TextChoices):
    FULL = "full", "Full text (canonical points to the original)"
    EXCERPT = "excerpt", "Excerpt"
    LINK = "link", "Link only"


class OpEdPage(ContentPage):
    """An op-ed first published by another outlet: 'Read at {outlet}'."""

    schema_type = "OpinionNewsArticle"

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="op_eds"
    )
    original_url = models.URLField(blank=True, max_length=500)
    original_date = models.DateField(null=True, blank=True)
    reprint_mode = models.CharField(
        max_length=10, choices=ReprintMode.choices, default=ReprintMode.EXCERPT
    )

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldPanel("outlet"),
                FieldPanel("original_url"),
                FieldPanel("original_date"),
                FieldPanel("reprint_mode"),
            ],
            heading="Original publication",
        )
    )
    api_fields = [
        *ContentPage.api_fields,
        APIField("outlet", serializer=SnippetField("name", "url")),
        APIField("original_url"),
        APIField("original_date"),
        APIField("reprint_mode"),
    ]

    parent_page_types = ["publications.OpEdIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "op-ed"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not self.outlet_id:
            errors["outlet"] = "An op-ed needs the outlet that published it."
        if not self.original_url:
            errors["original_url"] = "An op-ed needs the URL of the original publication."
        if errors:
            raise ValidationError(errors)

    @property
    def canonical_url(self) -> str:
        if (
            self.reprint_mode == ReprintMode.FULL
            and self.original_url
            and not self.canonical_override
        ):
            return self.original_url
        return super().canonical_url

    @property
    def read_at_label(self) -> str:
        return f"Read at {self.outlet.name}" if self.outlet_id else ""


class MediaKind(models.TextChoices):
    TV = "tv", "TV"
    RADIO = "radio", "Radio"
    PODCAST = "podcast", "Podcast"
    PRINT = "print", "Print"
    ONLINE = "online", "Online"


class MediaMentionPage(ContentPage):
    """'In the media': an expert quoted or interviewed by an outlet."""

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    external_url = models.URLField(blank=True, max_length=500)
    kind = models.CharField(max_length=10, choices=MediaKind.choices, default=MediaKind.PRINT)
    quote = models.TextField(blank=True)

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldPanel("outlet"),
                FieldPanel("external_url"),
                FieldPanel("kind"),
                FieldPanel("quote"),
            ],
            heading="Coverage",
        )
    )
    search_fields = [*ContentPage.search_fields, index.SearchField("quote")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("outlet", serializer=SnippetField("name", "url")),
        APIField("external_url"),
        APIField("kind"),
        APIField("quote"),
    ]

    parent_page_types = ["publications.MediaMentionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "in the media"
        verbose_name_plural = "in the media"

    def clean(self) -> None:
        super().clean()
        if not self.outlet_id:
            raise ValidationError({"outlet": "Name the outlet that covered us."})


class PressReleasePage(ContentPage):
    """A press release; an embargo is Wagtail's scheduled go-live."""

    schema_type = "NewsArticle"

    dateline = models.CharField(max_length=100, blank=True, help_text="e.g. WASHINGTON, D.C.")
    press_contact_name = models.CharField(max_length=150, blank=True)
    press_contact_email = models.EmailField(blank=True)

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldPanel("dateline"),
                FieldPanel("press_contact_name"),
                FieldPanel("press_contact_email"),
            ],
            heading="Press",
        )
    )
    api_fields = [
        *ContentPage.api_fields,
        APIField("dateline"),
        APIField("press_contact_name"),
        APIField("press_contact_email"),
    ]

    parent_page_types = ["publications.PressReleaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "press release"
