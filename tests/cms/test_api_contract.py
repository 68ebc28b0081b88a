"""The API's contract with headless clients: one committed JSON snapshot per page type, and the
static build's ``index.json`` byte for byte the API's detail answer.

A missing snapshot fails and writes the candidate next to it as ``<name>.json.new``; a changed
one fails with a diff (and the new candidate). Review the candidate and rename it to
``<name>.json`` to accept it. Volatile values (ids, publication timestamps, StreamField block
ids, the random parts of media file names) are normalised before comparing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from django.apps import apps
from django.test import SimpleTestCase, override_settings
from wagtail.models import Page
from wagtail.rich_text import RichText

from deploy.export.build import build_site
from home.models import HomePageLeadStory, ProgramFeatured, TopicHubFeatured
from publications.models import ContentPageRelated

from .. import factories as f
from ..base import SiteTestCase

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
PAGE_APPS = ("home", "people", "publications")
VOLATILE_KEYS = {"first_published_at", "last_published_at"}
_DETAIL_URL = re.compile(r"/api/v2/(pages|images|documents)/\d+/")
# Storage adds "_<7 random characters>" to a name already taken; renditions carry a hash.
_MEDIA_NAME = re.compile(r"(?P<stem>[\w-]+?)(?:_[A-Za-z0-9]{7})?(?P<hash>\.[0-9a-f]{8})?(?=\.)")
_MEDIA_URL = re.compile(r"/media/(?:images|original_images|documents)/[^\"'\s/?#]+")


def normalise(value: Any, key: str = "") -> Any:
    """The snapshot form of an API answer: what varies between runs replaced by placeholders."""
    if isinstance(value, dict):
        return {name: normalise(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if value is None:
        return None
    if key == "id" or key.endswith("_id"):
        return "<id>"
    if key in VOLATILE_KEYS:
        return "<timestamp>"
    if isinstance(value, str):
        value = _DETAIL_URL.sub(r"/api/v2/\1/<id>/", value)
        value = _MEDIA_URL.sub(lambda m: _media_name(m.group(0)), value)
        if key == "filename":
            value = _media_name(value)
    return value


def _media_name(url: str) -> str:
    folder, _, name = url.rpartition("/")
    stem = _MEDIA_NAME.match(name)
    if stem is None:
        return url
    suffix = ".<hash>" if stem.group("hash") else ""
    name = stem.group("stem") + suffix + name[stem.end() :]
    return f"{folder}/{name}" if folder else name


def assert_snapshot(testcase, name: str, data: Any) -> None:
    path = SNAPSHOTS / f"{name}.json"
    candidate = path.with_name(path.name + ".new")
    text = json.dumps(normalise(data), indent=2, ensure_ascii=False) + "\n"
    if not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        candidate.write_text(text, encoding="utf-8")
        testcase.fail(
            f"No snapshot {path.name} yet: wrote the candidate {candidate}. "
            f"Review it, then rename it to {path.name} to accept it."
        )
    expected = path.read_text(encoding="utf-8")
    if expected != text:
        candidate.write_text(text, encoding="utf-8")
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"snapshots/{path.name} (committed)",
                tofile=f"snapshots/{candidate.name} (this run)",
            )
        )
        testcase.fail(
            f"The API representation of {name} changed:\n{diff}\n"
            f"If the change is intended, review {candidate} and rename it to {path.name}."
        )
    candidate.unlink(missing_ok=True)


def rich(html: str) -> RichText:
    return RichText(html)


class ContractSite(SiteTestCase):
    """One page of every type, filled in with fixed titles, slugs, dates and files."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.image = f.ImageFactory(
            title="Lectern",
            description="A person speaking at a lectern",
            caption="At the lectern.",
            credit="Photo: Defense Priorities",
            file__filename="lectern.jpg",
        )
        cls.decorative = f.ImageFactory(
            title="Pattern", description="", is_decorative=True, file__filename="pattern.jpg"
        )
        cls.pdf = f.DocumentFactory(title="Annual report (PDF)", file__filename="annual.pdf")
        cls.series = f.SeriesFactory()
        about = cls.about.pk

        cls.person.headshot = cls.image
        cls.person.bio = f'<p>Daniel writes for <a linktype="page" id="{about}">us</a>.</p>'
        cls.person.expertise = [cls.grand_strategy, cls.americas]
        cls.person.save_revision().publish()

        common = {"display_date": dt.date(2025, 2, 16), "dek": "A fixed standfirst."}
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            title="What would bombing Mexico accomplish?",
            slug="bombing-mexico",
            outlet=cls.lawfare,
            original_date=dt.date(2025, 2, 14),
            authors=[cls.person, "Jane External"],
            topics=[cls.grand_strategy, cls.americas],
            primary_topic=cls.americas,
            listing_image=cls.image,
            listing_summary="Cartels, Mexico and the limits of force.",
            programs=[cls.program],
            body=[
                (
                    "paragraph",
                    rich(
                        f'<p>See <a linktype="page" id="{about}">who we are</a>, '
                        f'<a linktype="document" id="{cls.pdf.pk}">the report</a> and '
                        '<a href="https://www.lawfaremedia.org/">Lawfare</a>.</p>'
                    ),
                ),
                ("heading", {"text": "The options", "level": "h2"}),
                ("image", {"image": cls.image, "caption": ""}),
                ("quote", {"quote": "Force is not a strategy.", "attribution": "D. DePetris"}),
                ("callout", {"heading": "Key fact", "text": rich("<p>Short and sharp.</p>")}),
                ("document", {"document": cls.pdf, "label": "Download"}),
                ("table", {"caption": "Costs", "rows": [["Option", "Cost"], ["Strikes", "$"]]}),
            ],
            **common,
        )
        cls.brief = f.BriefPageFactory(
            parent=cls.briefs,
            title="Deterrence in brief",
            slug="deterrence-in-brief",
            pdf=cls.pdf,
            endnotes=[("note", {"text": rich("<p>A source.</p>")})],
            authors=[cls.person],
            **common,
        )
        cls.explainer = f.ExplainerPageFactory(
            parent=cls.explainers,
            title="What is restraint?",
            slug="what-is-restraint",
            series=cls.series,
            **common,
        )
        cls.report = f.ReportPageFactory(
            parent=cls.reports,
            title="The annual report",
            slug="annual-report",
            pdf=cls.pdf,
            summary=f'<p>Read the <a linktype="page" id="{about}">about page</a>.</p>',
            key_takeaways=[("point", rich("<p>Restraint works.</p>"))],
            endnotes=[("note", {"text": rich("<p>Endnote one.</p>")})],
            citation="Defense Priorities, The annual report, 2025.",
            topics=[cls.grand_strategy],
            **common,
        )
        cls.qa = f.QAPageFactory(
            parent=cls.qas, title="Questions on NATO", slug="questions-on-nato", **common
        )
        cls.mention = f.MediaMentionPageFactory(
            parent=cls.mentions,
            title="DePetris on Bloomberg",
            slug="depetris-on-bloomberg",
            kind="tv",
            authors=[cls.person],
            authors__role="featuring",
            **common,
        )
        cls.press_release = f.PressReleasePageFactory(
            parent=cls.press,
            title="A new president",
            slug="a-new-president",
            press_contact_name="Press Office",
            press_contact_email="press@example.org",
            **common,
        )
        cls.event = f.EventPageFactory(
            parent=cls.events,
            title="Restraint at 25",
            slug="restraint-at-25",
            start=dt.datetime(2025, 6, 10, 16, 0, tzinfo=dt.UTC),
            end=dt.datetime(2025, 6, 10, 17, 30, tzinfo=dt.UTC),
            timezone="America/New_York",
            format="hybrid",
            venue_name="The Hall",
            venue_address="1 Main Street\nWashington, DC",
            registration_url="https://example.org/register",
            listing_image=cls.decorative,
            agenda=[
                ("item", {"time": dt.time(12, 0), "title": "Welcome", "description": "Hello."})
            ],
            authors=[cls.person, "A. Moderator"],
            authors__role="speaker",
            **common,
        )
        ContentPageRelated.objects.create(page=cls.op_ed, related=cls.report, sort_order=0)
        HomePageLeadStory.objects.create(page=cls.home, story=cls.op_ed, sort_order=0)
        TopicHubFeatured.objects.create(page=cls.grand_strategy_hub, item=cls.report, sort_order=0)
        ProgramFeatured.objects.create(page=cls.program, item=cls.brief, sort_order=0)
        cls.program.director = cls.person
        cls.program.topics = [cls.grand_strategy]
        cls.program.intro = "<p>Grand strategy, soberly.</p>"
        cls.program.save_revision().publish()

        # snapshot name → the page of that type
        cls.pages = {
            "home-page": cls.home,
            "standard-page": cls.about,
            "search-page": cls.search,
            "topic-hub-index-page": cls.hubs,
            "topic-hub-page": cls.grand_strategy_hub,
            "program-index-page": cls.programs,
            "program-page": cls.program,
            "people-index-page": cls.people,
            "experts-index-page": cls.experts,
            "person-page": cls.person,
            "research-index-page": cls.research,
            "brief-index-page": cls.briefs,
            "explainer-index-page": cls.explainers,
            "report-index-page": cls.reports,
            "qa-index-page": cls.qas,
            "op-ed-index-page": cls.op_eds,
            "media-mention-index-page": cls.mentions,
            "press-release-index-page": cls.press,
            "event-index-page": cls.events,
            "brief-page": cls.brief,
            "explainer-page": cls.explainer,
            "report-page": cls.report,
            "qa-page": cls.qa,
            "op-ed-page": cls.op_ed,
            "media-mention-page": cls.mention,
            "press-release-page": cls.press_release,
            "event-page": cls.event,
        }

    def detail(self, page: Page) -> dict[str, Any]:
        response = self.client.get(f"/api/v2/pages/{page.pk}/")
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()


class SnapshotTests(ContractSite):
    def check_snapshot(self, name: str) -> None:
        assert_snapshot(self, name, self.detail(self.pages[name]))

    def test_every_page_type_has_a_snapshot(self):
        page_types = {
            model
            for model in apps.get_models()
            if issubclass(model, Page) and model._meta.app_label in PAGE_APPS
            if model.is_creatable
        }
        covered = {type(page.specific) for page in self.pages.values()}
        self.assertEqual(page_types - covered, set())


# One test per page type, so a failure names the type (the list is checked just above).
for _name in [
    "home-page",
    "standard-page",
    "search-page",
    "topic-hub-index-page",
    "topic-hub-page",
    "program-index-page",
    "program-page",
    "people-index-page",
    "experts-index-page",
    "person-page",
    "research-index-page",
    "brief-index-page",
    "explainer-index-page",
    "report-index-page",
    "qa-index-page",
    "op-ed-index-page",
    "media-mention-index-page",
    "press-release-index-page",
    "event-index-page",
    "brief-page",
    "explainer-page",
    "report-page",
    "qa-page",
    "op-ed-page",
    "media-mention-page",
    "press-release-page",
    "event-page",
]:
    setattr(
        SnapshotTests,
        f"test_snapshot_{_name.replace('-', '_')}",
        lambda self, name=_name: self.check_snapshot(name),
    )


class RepresentationTests(ContractSite):
    """What the snapshots show, stated as rules a reviewer can read."""

    def test_authors_link_people_with_public_pages_only(self):
        authors = self.detail(self.op_ed)["authors"]
        self.assertEqual(
            authors[0],
            {
                "name": "Daniel DePetris",
                "role": "author",
                "title": "Fellow",
                "person_id": self.person.pk,
                "url": "https://www.example.org/people/daniel-depetris/",
            },
        )
        self.assertEqual(authors[1]["name"], "Jane External")
        self.assertIsNone(authors[1]["url"])
        self.assertIsNone(authors[1]["person_id"])
        self.assertEqual(self.detail(self.event)["authors"][0]["role"], "speaker")

    def test_topics_outlet_and_original(self):
        data = self.detail(self.op_ed)
        self.assertEqual(
            data["topics"][0],
            {
                "id": self.grand_strategy.pk,
                "name": "Grand strategy",
                "slug": "grand-strategy",
                "kind": "issue",
                "url": "https://www.example.org/policy-topics/grand-strategy/",
            },
        )
        self.assertIsNone(data["topics"][1]["url"])  # Americas has no hub page
        self.assertEqual(
            data["outlet"], {"name": "Lawfare", "url": "https://www.lawfaremedia.org/"}
        )
        self.assertEqual(
            data["original_url"],
            "https://www.lawfaremedia.org/article/what-would-bombing-mexico-accomplish",
        )
        self.assertEqual(data["original_date"], "2025-02-14")

    def test_event_times_carry_their_offset_and_zone(self):
        data = self.detail(self.event)
        self.assertEqual(data["start"], "2025-06-10T12:00:00-04:00")
        self.assertEqual(data["end"], "2025-06-10T13:30:00-04:00")
        self.assertEqual(data["timezone"], "America/New_York")
        self.assertEqual(data["agenda"][0]["value"]["time"], "12:00:00")

    def test_report_pdf_is_public_and_sized(self):
        pdf = self.detail(self.report)["pdf"]
        self.assertRegex(pdf["url"], r"^https://www\.example\.org/media/documents/annual.*\.pdf$")
        self.assertEqual(pdf["size"], len(b"%PDF-1.4\n%%EOF\n"))
        self.assertEqual(pdf["content_type"], "application/pdf")

    def test_images_are_renditions_with_alt_text(self):
        image = self.detail(self.op_ed)["listing_image"]
        self.assertRegex(image["url"], r"^https://www\.example\.org/media/images/.+fill-800x450")
        self.assertEqual((image["width"], image["height"]), (64, 36))
        self.assertEqual(image["alt"], "A person speaking at a lectern")
        self.assertEqual(self.detail(self.event)["listing_image"]["alt"], "")  # decorative
        block = self.detail(self.op_ed)["body"][2]["value"]["image"]
        self.assertEqual(block["alt"], "A person speaking at a lectern")
        self.assertIn("width-1200", block["url"])

    def test_rich_text_and_blocks_link_to_the_public_site(self):
        data = self.detail(self.op_ed)
        paragraph = data["body"][0]["value"]
        self.assertIn('<a href="https://www.example.org/about/">who we are</a>', paragraph)
        self.assertRegex(paragraph, r'<a href="https://www\.example\.org/media/documents/annual')
        self.assertNotIn("linktype", json.dumps(data))
        self.assertEqual(data["body"][5]["value"]["document"]["title"], "Annual report (PDF)")
        summary = self.detail(self.report)["summary"]
        self.assertIn('href="https://www.example.org/about/"', summary)

    def test_rich_text_is_cleaned_like_the_html_site(self):
        # Written without the editor (an import, a script): the API serves it cleaned.
        page = f.StandardPageFactory(
            parent=self.home,
            slug="imported",
            body=[
                (
                    "paragraph",
                    rich(
                        '<p onclick="x()">Hi<script>alert(1)</script> '
                        '<a href="javascript:alert(1)">there</a></p>'
                    ),
                )
            ],
        )
        # The link lost its unsafe href, so it is only its text (cms.sanitize unwraps it).
        self.assertEqual(self.detail(page)["body"][0]["value"], "<p>Hi there</p>")

    @override_settings(ALLOWED_HOSTS=["cms.internal"])
    def test_no_url_names_the_cms_host(self):
        # Whatever host the request came to, every URL is on SITE_BASE_URL.
        for name, page in self.pages.items():
            response = self.client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST="cms.internal")
            with self.subTest(page=name):
                self.assertEqual(response.status_code, 200)
                text = response.content.decode()
                self.assertNotIn("cms.internal", text)
                self.assertNotIn("localhost", text)
                self.assertNotIn('"/media/', text)

    def test_rich_text_format_is_display_html_only(self):
        url = f"/api/v2/pages/{self.report.pk}/"
        self.assertEqual(self.client.get(url, {"rich_text_format": "html"}).status_code, 200)
        response = self.client.get(url, {"rich_text_format": "db_html"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("display HTML only", response.json()["message"])


class SnapshotMechanismTests(SimpleTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="snapshots-"))
        self.addCleanup(shutil.rmtree, self.folder, True)
        patcher = mock.patch(f"{__name__}.SNAPSHOTS", self.folder)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_missing_snapshot_fails_and_writes_a_candidate(self):
        with self.assertRaisesMessage(AssertionError, "rename it to thing.json"):
            assert_snapshot(self, "thing", {"id": 7, "title": "A"})
        candidate = json.loads((self.folder / "thing.json.new").read_text())
        self.assertEqual(candidate, {"id": "<id>", "title": "A"})

    def test_a_changed_snapshot_fails_with_a_diff(self):
        (self.folder / "thing.json").write_text('{\n  "title": "A"\n}\n')
        with self.assertRaises(AssertionError) as raised:
            assert_snapshot(self, "thing", {"title": "B"})
        self.assertIn('-  "title": "A"\n+  "title": "B"', str(raised.exception))
        assert_snapshot(self, "thing", {"title": "A"})
        self.assertFalse((self.folder / "thing.json.new").exists())

    def test_volatile_values_are_normalised(self):
        data = normalise(
            {
                "id": 3,
                "meta": {"detail_url": "https://x/api/v2/pages/12/", "first_published_at": "2025"},
                "person_id": 9,
                "url": "https://x/media/images/lectern_Ab3dE9z.2e16d0ba.fill-80x45.jpg",
                "filename": "annual_z5x0FOK.pdf",
            }
        )
        self.assertEqual(
            data,
            {
                "id": "<id>",
                "meta": {
                    "detail_url": "https://x/api/v2/pages/<id>/",
                    "first_published_at": "<timestamp>",
                },
                "person_id": "<id>",
                "url": "https://x/media/images/lectern.<hash>.fill-80x45.jpg",
                "filename": "annual.pdf",
            },
        )


@override_settings(ALLOWED_HOSTS=["build.internal", "testserver"])
class StaticJSONTests(ContractSite):
    def test_the_build_writes_the_api_detail_byte_for_byte(self):
        output = Path(tempfile.mkdtemp(prefix="api-contract-")) / "site"
        self.addCleanup(shutil.rmtree, output.parent, True)
        build_site(output)
        for name, page in self.pages.items():
            with self.subTest(page=name):
                path = output / page.url.lstrip("/") / "index.json"
                api = self.client.get(f"/api/v2/pages/{page.pk}/")
                self.assertEqual(path.read_bytes(), api.content)
