"""The API's HTML-by-contract fields: the README lists exactly the fields that carry (cleaned)
HTML, so a headless front end can insert those as HTML and must escape every other string."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from django.test import SimpleTestCase
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models

README = Path(__file__).resolve().parents[2] / "README.md"
HEADING = "### Which API fields are HTML"


def block_paths(block: blocks.Block, path: str) -> Iterator[str]:
    """The paths (``body[paragraph]``, ``endnotes[note].text``) of the rich text in a block."""
    if isinstance(block, blocks.RichTextBlock):
        yield path
    elif isinstance(block, blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            yield from block_paths(child, f"{path}[{name}]")
    elif isinstance(block, blocks.ListBlock):
        yield from block_paths(block.child_block, f"{path}[]")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from block_paths(child, f"{path}.{name}")


def html_fields() -> set[str]:
    """Every API field of a page type that the serializers write as HTML."""
    found: set[str] = set()
    for model in get_page_models():
        for api_field in getattr(model, "api_fields", []):
            if getattr(api_field, "serializer", None) is not None:
                continue  # a custom shape (links, images, documents): never HTML
            try:
                field = model._meta.get_field(api_field.name)
            except Exception:  # noqa: BLE001, S112 (a property: plain values)
                continue
            if isinstance(field, RichTextField):
                found.add(api_field.name)
            elif isinstance(field, StreamField):
                found.update(block_paths(field.stream_block, api_field.name))
    return found


class HtmlContractTests(SimpleTestCase):
    def listed(self) -> set[str]:
        """The fields the README's list of HTML fields names (between its two bold labels)."""
        text = README.read_text()
        self.assertTrue(HEADING in text, f"README.md has no section {HEADING!r}")
        section = text.split(HEADING, 1)[1].split("\n#", 1)[0]
        html_part = section.split("**HTML**", 1)[1].split("**Plain text**", 1)[0]
        return set(re.findall(r"`([a-z_]+(?:\[[a-z_]*\])*(?:\.[a-z_]+)?)`", html_part))

    def test_the_readme_lists_exactly_the_html_fields(self):
        fields = html_fields()
        self.assertIn("body[paragraph]", fields)
        self.assertIn("intro", fields)
        self.assertEqual(self.listed(), fields)
