"""Rich text written without the editor is normalised to what the editor itself would write.

An import, a script or a data migration can store HTML the Draftail editor never produces
(misnested tags, ``<div>``, ``<input>``, WordPress comments and ``<br>`` inside paragraphs).
Wagtail's contentstate converter asserts on such HTML (``Unmatched tags``) and the page's edit
view answered 500. ``normalise_rich_text`` first balances and filters the HTML with the
project's sanitiser (``cms.sanitize.clean_rich_text``, the same allow-list) and then round-trips
it through the converter for the field's features, so what is stored is editor output.

The sanitiser drops the database-format link placeholders (``<a linktype="page" id="3">``:
neither attribute is allowed, and a link without ``href`` is unwrapped), and ``<embed>``. They
are swapped for allowed stand-ins before cleaning and restored, rebuilt from their allowed
attributes only, afterwards.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from html import escape, unescape
from typing import Any

from django.db import models
from wagtail.blocks import Block, ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText
from wagtail.rich_text import features as feature_registry

from cms.sanitize import clean_rich_text

logger = logging.getLogger(__name__)

# The attributes Wagtail's link and embed handlers read from a database-format placeholder.
PLACEHOLDER_ATTRIBUTES = {
    "a": ("linktype", "id", "url"),
    "embed": ("embedtype", "id", "format", "alt", "url"),
}
_PLACEHOLDER = re.compile(
    r"<(a|embed)\s([^<>]*?\b(?:linktype|embedtype)\s*=[^<>]*?)/?>", re.IGNORECASE
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Void elements as the editor writes them: the converter's parser expects ``<img .../>``.
_OPEN_VOID = re.compile(r"<(img|br|hr)((?:\s[^<>]*?)?)\s*(?<!/)>")
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
_STAND_IN = re.compile(r'<(a|img) (href|src)="#wagtail-placeholder-(\d+)"\s*/?>')


def _rebuild(tag: str, attributes: str) -> str:
    """The placeholder tag with only the attributes its handler reads, values re-escaped."""
    found = {
        m.group(1).lower(): unescape(next(g for g in m.groups()[1:] if g is not None))
        for m in _ATTRIBUTE.finditer(attributes)
    }
    kept = "".join(
        f' {name}="{escape(found[name])}"' for name in PLACEHOLDER_ATTRIBUTES[tag] if name in found
    )
    return f"<{tag}{kept}>" if tag == "a" else f"<embed{kept}/>"


def _clean(html: str) -> str:
    """``html`` through the sanitiser, database-format placeholders kept."""
    placeholders: list[str] = []

    def stand_in(match: re.Match[str]) -> str:
        tag = match.group(1).lower()
        placeholders.append(_rebuild(tag, match.group(2)))
        n = len(placeholders) - 1
        # Allowed by the sanitiser: a relative link, an image with a relative source.
        return (
            f'<a href="#wagtail-placeholder-{n}">'
            if tag == "a"
            else (f'<img src="#wagtail-placeholder-{n}">')
        )

    cleaned = clean_rich_text(_PLACEHOLDER.sub(stand_in, html))

    def restore(match: re.Match[str]) -> str:
        n = int(match.group(3))
        return placeholders[n] if n < len(placeholders) else ""

    return _OPEN_VOID.sub(r"<\1\2/>", _STAND_IN.sub(restore, cleaned))


def normalise_rich_text(html: str, features: Sequence[str] | None) -> str:
    """``html`` as the editor with ``features`` would write it; never raises.

    Falls back to the sanitised HTML if the converter still fails on it.
    """
    if not html:
        return html
    # Imported here: the converter module loads the Page model, and cms.models imports this.
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    cleaned = _clean(html)
    try:
        if features is None:
            features = feature_registry.get_default_features()
        converter = ContentstateConverter(list(features))
        normalised = converter.to_database_format(converter.from_database_format(cleaned))
    except Exception:  # noqa: BLE001 (any converter failure: the sanitised HTML is safe)
        logger.warning("Rich text could not be converted by the editor; kept as sanitised")
        return cleaned
    if "data-block-key" not in html:
        # The converter invents random block keys: without them the same import gives the
        # same HTML every time, and a re-run does not change (and rebuild) every page.
        normalised = _BLOCK_KEY.sub("", normalised)
    return normalised


def _normalise_value(block: Block, value: Any) -> Any:
    """``value`` of ``block`` with every RichText in it normalised (lists and structs in place)."""
    if isinstance(block, RichTextBlock) and isinstance(value, RichText):
        return RichText(normalise_rich_text(value.source, block.features))
    if isinstance(block, StreamBlock) and isinstance(value, StreamValue):
        for child in value:
            child.value = _normalise_value(child.block, child.value)
    elif isinstance(block, ListBlock) and isinstance(value, ListValue):
        for item in value.bound_blocks:
            item.value = _normalise_value(block.child_block, item.value)
    elif isinstance(block, StructBlock) and isinstance(value, StructValue):
        for name, child_block in block.child_blocks.items():
            if name in value:
                value[name] = _normalise_value(child_block, value[name])
    return value


def normalise_model_rich_text(instance: models.Model, only: Iterable[str] | None = None) -> None:
    """Normalise every RichTextField and every RichTextBlock of a StreamField of ``instance``
    (of the fields named in ``only``, if given), in place."""
    wanted = set(only) if only is not None else None
    for field in instance._meta.concrete_fields:
        if wanted is not None and field.name not in wanted and field.attname not in wanted:
            continue
        if isinstance(field, RichTextField):
            html = getattr(instance, field.attname)
            if html:
                setattr(instance, field.attname, normalise_rich_text(html, field.features))
        elif isinstance(field, StreamField):
            _normalise_value(field.stream_block, getattr(instance, field.attname))
