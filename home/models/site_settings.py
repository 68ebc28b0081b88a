"""Site settings: the organisation's identity, navigation, newsletter and footer, edited in
the admin."""

from __future__ import annotations

from django.db import models
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from cms import keys
from cms.blocks import LinkBlock


class MenuItemBlock(LinkBlock):
    children = blocks.ListBlock(LinkBlock(), required=False, default=[])

    class Meta:
        icon = "list-ul"


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        choices=[
            ("x", "X"),
            ("linkedin", "LinkedIn"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("bluesky", "Bluesky"),
            ("rss", "RSS"),
        ]
    )
    url = blocks.URLBlock()

    class Meta:
        icon = "site"


@register_setting(icon="cog")
@keys.register_rows(keys.SETTINGS, whole_table=True)
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Organisation identity, navigation, newsletter and footer: all edited in the admin."""

    organisation_name = models.CharField(max_length=100, default="Defense Priorities")
    mission = models.TextField(blank=True, help_text="Shown in the footer.")
    donate_url = models.URLField(blank=True)
    newsletter_heading = models.CharField(max_length=100, blank=True)
    newsletter_subheading = models.CharField(max_length=200, blank=True)
    newsletter_text = models.TextField(blank=True)
    newsletter_form_action = models.URLField(
        blank=True, help_text="The external newsletter service's form URL (the form POSTs there)."
    )
    header_menu = StreamField([("item", MenuItemBlock())], blank=True)
    footer_links = StreamField([("link", LinkBlock())], blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    copyright_notice = models.CharField(max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("mission"), FieldPanel("donate_url")],
            heading="Organisation",
        ),
        MultiFieldPanel(
            [
                FieldPanel("newsletter_heading"),
                FieldPanel("newsletter_subheading"),
                FieldPanel("newsletter_text"),
                FieldPanel("newsletter_form_action"),
            ],
            heading="Newsletter",
        ),
        FieldPanel("header_menu"),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
        FieldPanel("copyright_notice"),
    ]

    class Meta:
        verbose_name = "site settings"
