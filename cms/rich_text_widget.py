"""The rich-text editor widget opens rich text the editor did not write.

Draftail's widget converts the stored HTML to contentstate when the edit form renders, and
Wagtail's converter raises on HTML the editor never writes (``Unmatched tags``): a page whose
rich text came from an import, a script or a data migration, and was not saved since
``cms.rich_text_normalise`` normalises on save, answered 500 in the admin. Here a failed
conversion is retried on the normalised HTML, and then on the bare text, with a warning.
"""

from __future__ import annotations

import logging
from html import escape, unescape
from typing import Any

from django.utils.html import strip_tags
from wagtail.admin.rich_text import DraftailRichTextArea

from cms.rich_text_normalise import normalise_rich_text

logger = logging.getLogger(__name__)


class NormalisingDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail widget, normalising stored HTML the converter cannot read."""

    def format_value(self, value: Any) -> Any:
        try:
            return super().format_value(value)
        except Exception:
            logger.warning(
                "Stored rich text could not be opened in the editor; normalised", exc_info=True
            )
        html = "" if value is None else str(value)
        try:
            return super().format_value(normalise_rich_text(html, self.features))
        except Exception:
            logger.exception("Normalised rich text could not be opened; opened as plain text")
        text = escape(unescape(strip_tags(html)), quote=False)
        return super().format_value(f"<p>{text}</p>" if text.strip() else "")
