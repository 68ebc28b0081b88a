"""Stored XSS: a corpus of payloads in every editable field comes out as text.

Payloads are written twice: through the ORM, without any validation (what an import, a data
migration or a script can do), and through the admin's edit forms, as an editor would. The
result is checked on the CMS's own rendering (test client), in a static build (every file),
and in Chromium, where a payload that runs would call the ``__xss`` trap or open a dialog.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import TestCase, override_settings
from playwright.sync_api import Browser
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.blocks import BODY_FEATURES, BodyBlock, HeadingBlock, LinkBlock
from cms.visibility import visible
from deploy.export.build import build_site
from deploy.export.search_index import build_search_index
from home.models import SiteSettings, Topic
from publications.models import ContentPageAuthor, OpEdPage, Outlet, Series

from .. import factories as f
from ..base import SiteTestCase
from ..static_server import serve
from .xss_corpus import (
    BREAKOUT_URLS,
    DOM_AUDIT,
    RAW_RICH_TEXT,
    RICH_TEXT_SURVIVOR,
    SCRIPT_URLS,
    TEXT_PAYLOADS,
    TRAP_SCRIPT,
    Poisoner,
    audit_html,
    audit_tree,
    in_chromium,
    text_payload,
)

# What the first text payload looks like once escaped: it must be on the pages, as text.
ESCAPED_SCRIPT = "&lt;script&gt;__xss(1)&lt;/script&gt;"
NO_TWO_FACTOR = override_settings(TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=False)


def poison_site(case: Any) -> dict[str, Any]:
    """Write the corpus, through the ORM, into every editable field of a page of each type, the
    snippets, an image, a document, the site settings and the author rows."""
    image = f.ImageFactory(
        title=text_payload(255, 1),
        description=text_payload(255, 2),  # Wagtail: CharField(max_length=255)
        caption=text_payload(500, 3),
        credit=text_payload(255, 4),
    )
    document = f.DocumentFactory(title=text_payload(255, 5))
    topic = Topic.objects.create(name=text_payload(100, 6), slug="xss-topic", kind="region")
    outlet = Outlet.objects.create(name=text_payload(150, 7), url=BREAKOUT_URLS[0])
    series = Series.objects.create(
        title=text_payload(150, 8), slug="xss-series", description=text_payload(None, 9)
    )
    hub = f.TopicHubPageFactory(parent=case.hubs, topic=topic, slug="xss-topic")
    people = [case.person, text_payload(255, 10)]
    common = {"authors": people, "topics": [topic, case.grand_strategy], "listing_image": image}
    pages = {
        "brief": f.BriefPageFactory(parent=case.briefs, slug="xss-brief", **common),
        "explainer": f.ExplainerPageFactory(
            parent=case.explainers, slug="xss-explainer", series=series, **common
        ),
        "report": f.ReportPageFactory(parent=case.reports, slug="xss-report", **common),
        "qa": f.QAPageFactory(parent=case.qas, slug="xss-qa", **common),
        "op_ed": f.OpEdPageFactory(
            parent=case.op_eds, slug="xss-op-ed", outlet=outlet, reprint_mode="full", **common
        ),
        "mention": f.MediaMentionPageFactory(
            parent=case.mentions, slug="xss-mention", outlet=outlet, **common
        ),
        "press": f.PressReleasePageFactory(parent=case.press, slug="xss-press", **common),
        "event": f.EventPageFactory(parent=case.events, slug="xss-event", **common),
        "standard": f.StandardPageFactory(parent=case.home, slug="xss-standard"),
    }
    ContentPageAuthor.objects.filter(name__gt="").update(title_override=text_payload(255, 11))
    pages.update(hub=hub, person=case.person, home=case.home, program=case.program)

    poisoner = Poisoner(image, document)
    filled: dict[str, list[str]] = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        if hasattr(page, "primary_topic_id"):
            page.primary_topic = topic
            page.series = series
        filled[type(page).__name__] = poisoner.fill(page, page_fields=True)
        # The raw ORM path: no validation at all (publishing a revision would run full_clean).
        revision = page.save_revision(clean=False)
        page.live_revision = revision
        page.has_unpublished_changes = False
        page.save(clean=False)

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    filled["SiteSettings"] = poisoner.fill(settings)
    settings.save()
    return {
        "image": image,
        "document": document,
        "topic": topic,
        "outlet": outlet,
        "series": series,
        "filled": filled,
        **{name: Page.objects.get(pk=page.pk).specific for name, page in pages.items()},
    }


class PoisonedSiteTests(SiteTestCase):
    """Every page type, snippet, image, document and setting carrying the corpus; built once."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.poisoned = poison_site(cls)
        cls.tmp = Path(tempfile.mkdtemp(prefix="xss-test-"))
        cls.output = cls.tmp / "site"
        build_site(cls.output, jobs=1)
        build_search_index(cls.output)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def urls(self) -> list[str]:
        """Every public page, and one of each listing route that shows cards."""
        pages = [page for page in visible(Page.objects.all()).specific() if page.url]
        urls = [page.url for page in pages]
        for page in pages:
            routes = getattr(page, "get_static_routes", lambda: iter(()))()
            urls += [page.url + r for r in routes if not r.endswith((".xml", ".ics"))][:3]
        return sorted(set(urls))

    def test_every_editable_field_was_filled(self):
        filled = self.poisoned["filled"]
        self.assertIn("title", filled["OpEdPage"])
        self.assertIn("search_description", filled["OpEdPage"])
        for name in ["dek", "body", "listing_title", "social_description", "original_url"]:
            self.assertIn(name, filled["OpEdPage"])
        for name in ["first_name", "job_title", "bio", "short_bio", "website_url"]:
            self.assertIn(name, filled["PersonPage"])
        for name in ["mission", "header_menu", "social_links", "newsletter_form_action"]:
            self.assertIn(name, filled["SiteSettings"])
        page_types = {
            model.__name__
            for model in apps.get_models()
            if issubclass(model, Page)
            and model.is_creatable
            and model._meta.app_label != "wagtailcore"
        }
        self.assertLessEqual(page_types, set(filled))  # a page of every type
        body = self.poisoned["op_ed"].body
        self.assertEqual(
            {block.block_type for block in body}, set(BodyBlock().child_blocks), "every block"
        )

    def test_the_cms_renders_every_page_without_injected_script(self):
        problems, seen_payload = [], 0
        for url in self.urls():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            problems += audit_html(url, html)
            seen_payload += ESCAPED_SCRIPT in html
        self.assertEqual(problems, [])
        self.assertGreater(seen_payload, 20)  # the payloads are there, as text
        op_ed = self.client.get(self.poisoned["op_ed"].url).content.decode()
        for payload in ["&lt;svg&gt;&lt;script&gt;__xss(4)", "&#x27;-__xss(7)-&#x27;"]:
            self.assertIn(payload, op_ed)
        self.assertIn(RICH_TEXT_SURVIVOR, op_ed)
        self.assertIn('<a href="https://example.com/ok">safe link</a>', op_ed)

    def test_the_static_build_has_no_injected_script_in_any_file(self):
        checked, problems = audit_tree(self.output)
        self.assertEqual(problems, [])
        self.assertGreater(checked, 50)
        page = (self.output / "op-eds/xss-op-ed/index.html").read_text()
        self.assertIn(ESCAPED_SCRIPT, page)
        self.assertIn('<script type="application/ld+json">', page)
        self.assertNotIn(
            "\u2028", page.split('type="application/ld+json">')[1].split("</script")[0]
        )

    def test_json_ld_is_data_with_every_angle_bracket_escaped(self):
        page = (self.output / "op-eds/xss-op-ed/index.html").read_text()
        blocks_ = page.split('<script type="application/ld+json">')[1:]
        self.assertTrue(blocks_)
        for block in blocks_:
            text = block.split("</script>")[0]
            self.assertNotIn("<", text)
            data = json.dumps(json.loads(text))
            self.assertIn("__xss", data)  # the payload is in the data, as a string

    @pytest.mark.browser
    def test_nothing_fires_in_chromium(self):
        """Served as plain files without any CSP, so only our escaping stands in the way."""
        paths = [
            self.poisoned[name].url
            for name in ["op_ed", "report", "qa", "event", "standard", "person", "hub", "home"]
        ]
        paths += ["/op-eds/", "/research/", "/experts/", "/404.html"]
        # The query is shown back; results show titles, excerpts and filter values (topic and
        # author names) of the poisoned pages.
        search = "/search/?q=" + "%3Cimg%20src%3Dx%20onerror%3D__xss(70)%3E%20xss"

        def visit(browser: Browser) -> tuple[list[str], dict[str, Any]]:
            context = browser.new_context()
            context.add_init_script(TRAP_SCRIPT)
            dialogs: list[str] = []
            found: dict[str, Any] = {}
            current = [""]
            try:
                tab = context.new_page()
                tab.set_default_timeout(15_000)
                tab.on(
                    "dialog",
                    lambda d: (dialogs.append(f"{current[0]}: {d.message}"), d.dismiss()),
                )
                # The trap and the DOM audit do see a payload that runs.
                tab.set_content("<img src=x onerror=__xss('canary')><a href='javascript:1'>")
                tab.wait_for_function("window.__fired.length > 0")
                assert tab.evaluate("window.__fired") == ["canary"]
                assert len(tab.evaluate(DOM_AUDIT)) == 2
                with serve(self.output) as base:
                    for path in [*paths, search]:
                        current[0] = path
                        tab.goto(base + path, wait_until="load")
                        if path == search:
                            tab.locator(".pagefind-ui__result-link").first.wait_for()
                            label = tab.locator(".pagefind-ui__filter-label")
                            label.first.wait_for(state="attached")
                            labels = label.all_text_contents()
                            assert any("__xss(" in label for label in labels), labels
                        tab.wait_for_timeout(150)  # error events, autofocus, ontoggle
                        problems = {
                            "fired": tab.evaluate("window.__fired"),
                            "dom": tab.evaluate(DOM_AUDIT),
                        }
                        if any(problems.values()):
                            found[path] = problems
            finally:
                context.close()
            return dialogs, found

        dialogs, found = in_chromium(visit)
        self.assertEqual(dialogs, [])
        self.assertEqual(found, {})


class RenderingCleansRichTextTests(TestCase):
    """The rendering side: rich text and blocks, whatever the database holds."""

    def test_raw_html_in_rich_text_is_cleaned_by_every_way_it_renders(self):
        outputs = {
            "RichText": str(RichText(RAW_RICH_TEXT)),
            "|richtext": Template("{% load wagtailcore_tags %}{{ html|richtext }}").render(
                Context({"html": RAW_RICH_TEXT})
            ),
            "RichTextBlock": blocks.RichTextBlock().render(RichText(RAW_RICH_TEXT)),
        }
        for name, html in outputs.items():
            with self.subTest(name):
                self.assertEqual(audit_html(name, html), [])
                self.assertNotIn("<script", html)
                self.assertNotIn("<svg", html)
                self.assertNotIn("</main>", html)  # cannot close the template's elements
                self.assertIn(RICH_TEXT_SURVIVOR, html)
                self.assertIn("&lt;script&gt;__xss(60)&lt;/script&gt;", html)
                self.assertIn('<a href="https://example.com/ok">safe link</a>', html)

    def test_what_the_editor_saves_renders_unchanged(self):
        converter = ContentstateConverter(features=BODY_FEATURES)
        from wagtail.test.utils.form_data import rich_text

        source = (
            '<p>AT&amp;T said "no" &lt;b&gt; <b>bold</b> <i>it</i><br/>'
            '<a href="https://example.org/?a=1&amp;b=2">link</a></p><ul><li>one</li></ul>'
            "<h2>Heading</h2><blockquote>Quote</blockquote><hr/><p><sup>1</sup></p>"
        )
        stored = converter.to_database_format(rich_text(source, features=BODY_FEATURES))
        self.assertEqual(str(RichText(stored)), stored)

    def test_the_editor_converter_drops_script_links_and_escapes_text(self):
        converter = ContentstateConverter(features=BODY_FEATURES)
        for url in SCRIPT_URLS:
            state = {
                "blocks": [
                    {
                        "key": "a",
                        "type": "unstyled",
                        "text": "click <script>__xss(1)</script>",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                    }
                ],
                "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
            }
            html = str(RichText(converter.to_database_format(json.dumps(state))))
            with self.subTest(url):
                self.assertEqual(audit_html(url, html), [])
                self.assertIn("&lt;script&gt;", html)

    def test_a_heading_level_from_outside_the_form_cannot_write_markup(self):
        value = HeadingBlock().to_python(
            {"text": "Findings", "level": "img src=x onerror=__xss(1) x"}
        )
        html = HeadingBlock().render(value)
        self.assertEqual(html.strip(), '<h2 id="findings">Findings</h2>')
        self.assertEqual(audit_html("heading", html), [])

    def test_model_and_block_validation_refuse_script_urls(self):
        outlet_url = Outlet._meta.get_field("url")
        for url in SCRIPT_URLS:
            with self.subTest(url), self.assertRaises(ValidationError):
                outlet_url.clean(url, Outlet(name="x"))
            with self.subTest(url), self.assertRaises(ValidationError):
                blocks.URLBlock().clean(url)
            with self.subTest(url), self.assertRaises(ValidationError):
                LinkBlock().clean(LinkBlock().to_python({"label": "x", "url": url}))


@NO_TWO_FACTOR
class AdminFormTests(SiteTestCase):
    """What an editor can save through the admin, then what the site renders from it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds, slug="admin-op-ed", outlet=cls.lawfare, authors=[cls.person]
        )
        cls.user = User.objects.create_superuser("editor", "editor@example.org", "x")

    def setUp(self):
        self.client.force_login(self.user)

    def contentstate(self, text: str, url: str) -> str:
        return json.dumps(
            {
                "blocks": [
                    {
                        "key": "k1",
                        "type": "unstyled",
                        "text": text,
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
                    }
                ],
                "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
            }
        )

    def op_ed_form(self, **overrides: Any) -> dict:
        payload = " ".join(TEXT_PAYLOADS[:6])
        data = {
            "title": text_payload(255, 0),
            "slug": "admin-op-ed",
            "seo_title": text_payload(255, 3),
            "search_description": payload,
            "listing_title": text_payload(255, 5),
            "listing_summary": text_payload(300, 7),
            "social_title": text_payload(255, 9),
            "social_description": text_payload(300, 11),
            "display_date": "2025-02-16",
            "dek": payload,
            "authors": inline_formset(
                [{"person": "", "name": text_payload(255, 2), "role": "author"}]
            ),
            "topics": inline_formset([]),
            "related_pages": inline_formset([]),
            "body": streamfield(
                [
                    ("paragraph", self.contentstate(payload, "javascript:__xss(30)")),
                    ("heading", {"text": text_payload(255, 4), "level": "h2"}),
                    ("quote", {"quote": payload, "attribution": text_payload(255, 6)}),
                    (
                        "callout",
                        {"heading": payload[:200], "text": self.contentstate(payload, "x")},
                    ),
                ]
            ),
            "outlet": str(self.lawfare.pk),
            "original_url": "https://www.lawfaremedia.org/article/example",
            "reprint_mode": "excerpt",
            "action-publish": "action-publish",
        }
        data.update(overrides)
        return nested_form_data(data)

    def edit_url(self) -> str:
        return f"/admin/pages/{self.op_ed.pk}/edit/"

    def test_an_op_ed_saved_through_the_admin_renders_its_payloads_as_text(self):
        response = self.client.post(self.edit_url(), self.op_ed_form())
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        page = OpEdPage.objects.get(pk=self.op_ed.pk)
        self.assertEqual(page.title, text_payload(255, 0))
        self.assertNotIn("javascript", str(page.body.raw_data))
        html = self.client.get(page.url).content.decode()
        self.assertEqual(audit_html(page.url, html), [])
        self.assertIn(ESCAPED_SCRIPT, html)

    def test_the_admin_refuses_script_urls_in_url_fields(self):
        for url in SCRIPT_URLS:
            with self.subTest(url):
                response = self.client.post(self.edit_url(), self.op_ed_form(original_url=url))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Enter a valid URL.")
        self.assertEqual(OpEdPage.objects.get(pk=self.op_ed.pk).original_url[:5], "https")

    def test_wagtail_refuses_to_save_a_page_with_a_script_url(self):
        # Even through the ORM: saving a revision (and publishing one) runs full_clean.
        page = OpEdPage.objects.get(pk=self.op_ed.pk)
        page.original_url = SCRIPT_URLS[0]
        with self.assertRaises(ValidationError):
            page.save_revision()

    def test_raw_html_posted_instead_of_the_editor_state_is_not_stored(self):
        body = streamfield([("paragraph", "<p>x</p><script>__xss(1)</script>")])
        try:
            response = self.client.post(self.edit_url(), self.op_ed_form(body=body))
        except ValueError:  # Wagtail's converter refuses what is not contentstate JSON
            response = None
        if response is not None:
            self.assertNotEqual(response.status_code, 302)
        self.assertNotIn("<script", str(OpEdPage.objects.get(pk=self.op_ed.pk).body.raw_data))

    def test_snippets_saved_through_the_admin_render_their_names_as_text(self):
        name = text_payload(100, 0)
        response = self.client.post(
            f"/admin/snippets/home/topic/edit/{self.grand_strategy.pk}/",
            {"name": name, "slug": "grand-strategy", "kind": "issue", "parent": ""},
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.assertEqual(Topic.objects.get(pk=self.grand_strategy.pk).name, name)
        edit_outlet = f"/admin/snippets/publications/outlet/edit/{self.lawfare.pk}/"
        for url in SCRIPT_URLS:
            response = self.client.post(edit_outlet, {"name": "Lawfare", "url": url})
            self.assertContains(response, "Enter a valid URL.")
        response = self.client.post(edit_outlet, {"name": text_payload(150, 1), "url": ""})
        self.assertEqual(response.status_code, 302)
        # A page showing both (the hub lists the topic and the op-ed its outlet) and a build.
        self.op_ed.topics.create(topic=self.grand_strategy, sort_order=0)
        self.op_ed.save_revision().publish()
        for url in [self.op_ed.url, self.grand_strategy_hub.url]:
            html = self.client.get(url).content.decode()
            self.assertEqual(audit_html(url, html), [])
            self.assertIn("&lt;script&gt;__xss(1)&lt;/script&gt;", html)
