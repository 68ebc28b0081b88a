"""``clean_rich_text``: used by our override of Wagtail's ``wagtailcore/shared/richtext.html``,
which every ``|richtext`` filter and ``RichTextBlock`` renders through (see cms.sanitize)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from cms.sanitize import clean_rich_text as _clean

register = template.Library()


@register.filter
def clean_rich_text(html: str) -> SafeString:
    # Safe because _clean re-escapes every text node and attribute it writes. Links are marked
    # as the editors' (the static build reports, rather than fails on, one that leads nowhere).
    return mark_safe(_clean(str(html), mark_links=True))  # noqa: S308
