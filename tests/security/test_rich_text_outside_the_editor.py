"""Rich text written without the editor (an import, a script, a data migration) can be edited.

Wagtail's contentstate converter raised ``Unmatched tags`` on such HTML and the page's edit
view answered 500: here each malformed string is saved bypassing the editor, or written to the
database directly, and the edit view must answer 200.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Revision
from wagtail.rich_text import RichText

from cms.blocks import BODY_FEATURES
from cms.rich_text_normalise import normalise_rich_text
from cms.rich_text_widget import NormalisingDraftailRichTextArea
from cms.sanitize import ALLOWED_ELEMENTS
from people.models import PersonPage
from publications.models import OpEdPage
from tests import factories as f
from tests.base import SiteTestCase

WORDPRESS = (
    "<p>Text<br>\n"
    '<img class="alignnone size-full wp-image-5" src="/wp-content/uploads/x.jpg" alt="" '
    'width="600" height="400" /></p>\n'
    "<!-- wp:paragraph -->\n<p>More</p>\n<!-- /wp:paragraph -->"
)
WORDPRESS_POST = (
    '<!-- wp:heading -->\n<h2 class="wp-block-heading" id="why">Why it matters</h2>\n'
    "<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n"
    '<p>The <strong>tariff</strong> rose.<span style="color:#cf2e2e" class="has-inline-color">'
    "Sharply</span> in <em>March</em>.</p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>Trade is war</p>'
    "<cite>Someone</cite></blockquote>\n<!-- /wp:quote -->\n\n"
    '<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody><tr><td>Alpha</td>'
    "<td>Beta</td></tr></tbody></table></figure>\n<!-- /wp:table -->\n"
    '<div class="wp-caption"><p>Caption&nbsp;here</p></div>'
)
MALFORMED = {
    "misnested": "<p>One <b>two</p> three</b>",
    "div": "<div><p>nested</p></div>",
    "input": "<p><input></p>",
    "wordpress": WORDPRESS,
    "wordpress post": WORDPRESS_POST,
    "link in heading, paragraph in item": '<h2><a href="/x">T</a></h2><ul><li><p>a</p></li></ul>',
    "table": "<table><tr><th>Head</th></tr><tr><td>Cell</td></tr></table>",
    "span": '<p><span style="font-weight:700">Bold</span> <span style="color:red">red</span></p>',
    "bare text": "Loose words <i>and</i> more",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)


def _tags(html: str) -> set[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _words(html: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", re.sub(r"<!--.*?-->|<[^>]*>|&\w+;", " ", html, flags=re.S))


class RichTextOutsideTheEditorTests(SiteTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.create_superuser("editor"))

    def assert_edit_view_renders(self, page_id: int) -> None:
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page_id]))
        self.assertEqual(response.status_code, 200)

    def assert_normalised(self, source: str, html: str) -> None:
        """Only allow-listed elements, the converter accepts it, and no word is lost."""
        self.assertLessEqual(_tags(html), ALLOWED_ELEMENTS, html)
        converter = ContentstateConverter(BODY_FEATURES)
        converter.to_database_format(converter.from_database_format(html))
        for word in _words(source):
            self.assertIn(word, html)

    def op_ed(self, html: str, slug: str) -> OpEdPage:
        return f.OpEdPageFactory(
            parent=self.op_eds, slug=slug, body=[("paragraph", RichText(html))]
        )

    def test_saved_body_is_normalised_and_editable(self) -> None:
        for n, (name, html) in enumerate(MALFORMED.items()):
            with self.subTest(name):
                page = self.op_ed(html, f"saved-{n}")
                page.refresh_from_db()
                self.assert_normalised(html, page.body[0].value.source)
                self.assert_edit_view_renders(page.pk)

    def test_saved_revision_is_normalised_and_editable(self) -> None:
        for n, (name, html) in enumerate(MALFORMED.items()):
            with self.subTest(name):
                page = self.op_ed("<p>Clean</p>", f"revision-{n}")
                page.body = [("paragraph", RichText(html))]
                revision = page.save_revision()
                draft = revision.as_object()
                self.assert_normalised(html, draft.body[0].value.source)
                self.assert_edit_view_renders(page.pk)

    def test_rich_text_field_is_normalised_on_save(self) -> None:
        for name, html in MALFORMED.items():
            with self.subTest(name):
                self.person.bio = html
                self.person.save()
                self.person.refresh_from_db()
                self.assert_normalised(html, self.person.bio)
                self.assert_edit_view_renders(self.person.pk)

    def test_stored_body_is_editable(self) -> None:
        for n, (name, html) in enumerate(MALFORMED.items()):
            with self.subTest(name):
                page = self.op_ed("<p>Clean</p>", f"stored-{n}")
                raw = json.dumps([{"type": "paragraph", "value": html, "id": "b1"}])
                OpEdPage.objects.filter(pk=page.pk).update(body=raw)
                revision = Revision.objects.get(pk=page.latest_revision_id)
                revision.content["body"] = raw
                Revision.objects.filter(pk=revision.pk).update(content=revision.content)
                self.assertEqual(OpEdPage.objects.get(pk=page.pk).body.raw_data[0]["value"], html)
                self.assert_edit_view_renders(page.pk)

    def test_stored_rich_text_field_is_editable(self) -> None:
        for name, html in MALFORMED.items():
            with self.subTest(name):
                PersonPage.objects.filter(pk=self.person.pk).update(bio=html)
                Revision.objects.filter(object_id=str(self.person.pk)).delete()
                PersonPage.objects.filter(pk=self.person.pk).update(latest_revision=None)
                self.assert_edit_view_renders(self.person.pk)


class WidgetTests(SiteTestCase):
    def test_stored_html_the_converter_rejects_opens_normalised_with_a_warning(self) -> None:
        widget = NormalisingDraftailRichTextArea(features=BODY_FEATURES)
        with self.assertLogs("cms.rich_text_widget", "WARNING"):
            state = json.loads(widget.format_value(MALFORMED["misnested"]))
        self.assertEqual([b["text"] for b in state["blocks"]], ["One two", "three"])

    def test_editor_output_opens_without_a_warning(self) -> None:
        widget = NormalisingDraftailRichTextArea(features=BODY_FEATURES)
        with self.assertNoLogs("cms.rich_text_widget"):
            widget.format_value('<p data-block-key="a1">One <b>two</b></p>')


class NormaliseTests(SiteTestCase):
    def test_database_placeholders_are_kept(self) -> None:
        html = (
            f'<p>See <a linktype="page" id="{self.about.pk}">about</a> and '
            '<a linktype="document" id="7">the PDF</a> and <a href="https://example.org/">'
            "this</a></p>"
        )
        out = normalise_rich_text(html, BODY_FEATURES)
        self.assertIn(f'<a linktype="page" id="{self.about.pk}">about</a>', out)
        self.assertIn('<a linktype="document" id="7">the PDF</a>', out)
        self.assertIn('<a href="https://example.org/">this</a>', out)

    def test_placeholder_survives_malformed_html(self) -> None:
        html = f'<div><p>One <b>two <a linktype="page" id="{self.about.pk}">three</p></b>'
        out = normalise_rich_text(html, BODY_FEATURES)
        self.assertIn(f'linktype="page" id="{self.about.pk}"', out)
        self.assertEqual(_words(out), ["One", "two", "three"])

    def test_editor_output_is_unchanged(self) -> None:
        html = '<h2 data-block-key="a1">T</h2><p data-block-key="b2">One <b>two</b></p>'
        self.assertEqual(normalise_rich_text(html, BODY_FEATURES), html)

    def test_script_is_dropped(self) -> None:
        out = normalise_rich_text('<p onclick="x()">Hi<script>alert(1)</script></p>', [])
        self.assertNotIn("script", out)
        self.assertNotIn("onclick", out)
        self.assertIn("Hi", out)
