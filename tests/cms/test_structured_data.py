"""<head> metadata and JSON-LD of every page type: parseable, absolute, escaped, consistent."""

import datetime as dt
import json
from html.parser import HTMLParser

from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import reverse
from wagtail.models import Page

from cms import structured_data as sd
from home.models import SiteSettings
from people.models import PersonPage
from publications.models import EventPage, OpEdPage

from .. import factories as f
from ..base import SiteTestCase
from ..page_forms import form_data_for

BASE = "https://www.example.org"
XSS_SCRIPT = "</script><script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


class Head(HTMLParser):
    """The JSON-LD blocks, meta tags, links and every start tag of an HTML document."""

    def __init__(self, html: str):
        super().__init__()
        self.json_ld: list[str] = []
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "meta":
            self.meta.append(attributes)
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json_ld":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data

    def entities(self) -> list[dict]:
        return [json.loads(block) for block in self.json_ld]

    def entity(self, schema_type: str) -> dict:
        found = [e for e in self.entities() if e["@type"] == schema_type]
        assert len(found) == 1, f"expected one {schema_type}, got {len(found)}"
        return found[0]

    def property(self, name: str) -> list[str]:
        return [m["content"] for m in self.meta if name in (m.get("property"), m.get("name"))]

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]


class StructuredDataTestCase(SiteTestCase):
    """One published page of every type, an image, and a few editorial edge cases."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        SiteSettings.objects.update_or_create(
            site=Page.objects.get(pk=cls.home.pk).get_site(),
            defaults={
                "organisation_name": "Defense Priorities",
                "social_links": [
                    ("link", {"network": "x", "url": "https://x.com/DefPriorities"}),
                    ("link", {"network": "rss", "url": f"{BASE}/feed/"}),
                ],
            },
        )
        cls.image = f.ImageFactory(caption="At the lectern", credit="Photo: DP")
        cls.headshot = f.ImageFactory(description="Portrait of Jane Smith")
        cls.expert = f.PersonPageFactory(
            parent=cls.people,
            first_name="Jane",
            last_name="Smith",
            slug="jane-smith",
            job_title="Senior Fellow",
            headshot=cls.headshot,
            x_handle="janesmith",
            linkedin_url="https://www.linkedin.com/in/janesmith",
        )
        people = {"authors": [cls.person, "Pat Outside"], "topics": [cls.grand_strategy]}
        cls.brief = f.BriefPageFactory(
            parent=cls.briefs, slug="brief", listing_image=cls.image, **people
        )
        cls.explainer = f.ExplainerPageFactory(parent=cls.explainers, slug="explainer", **people)
        cls.report = f.ReportPageFactory(
            parent=cls.reports, slug="report", updated_date=dt.date(2025, 3, 1), **people
        )
        cls.qa = f.QAPageFactory(parent=cls.qas, slug="qa", **people)
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds, slug="op-ed", outlet=cls.lawfare, social_image=cls.image, **people
        )
        cls.reprint = f.OpEdPageFactory(
            parent=cls.op_eds,
            slug="reprint",
            outlet=cls.lawfare,
            reprint_mode="full",
            original_url="https://www.lawfaremedia.org/article/reprinted-in-full",
            original_date=dt.date(2025, 2, 14),
            **people,
        )
        cls.mention = f.MediaMentionPageFactory(parent=cls.mentions, slug="mention", **people)
        cls.press_release = f.PressReleasePageFactory(parent=cls.press, slug="release", **people)
        cls.event = f.EventPageFactory(
            parent=cls.events,
            slug="event",
            title="Restraint in the Americas",
            format="hybrid",
            venue_name="The Press Club",
            venue_address="529 14th St NW\nWashington, DC 20045",
            livestream_url="https://www.youtube.com/live/restraint",
            authors=[cls.expert, "Pat Outside"],
            authors__role="speaker",
            topics=[cls.americas],
        )
        cls.virtual_event = f.EventPageFactory(
            parent=cls.events, slug="virtual", status="cancelled", authors=[cls.person]
        )
        cls.hidden = f.StandardPageFactory(
            parent=cls.home, title="Internal", slug="internal", noindex=True
        )
        cls.moved = f.StandardPageFactory(
            parent=cls.home,
            title="Moved",
            slug="moved",
            canonical_override="https://elsewhere.example.com/original/",
        )
        cls.xss = f.BriefPageFactory(
            parent=cls.briefs,
            slug="xss",
            title=f"Title {XSS_SCRIPT} {XSS_IMG}",
            dek=f"Dek {XSS_SCRIPT} {XSS_IMG}",
            authors=[f"Author {XSS_SCRIPT} {XSS_IMG}"],
        )
        cls.content_pages = [
            cls.brief,
            cls.explainer,
            cls.report,
            cls.qa,
            cls.op_ed,
            cls.reprint,
            cls.mention,
            cls.press_release,
            cls.event,
            cls.virtual_event,
        ]
        cls.all_pages = [
            cls.home,
            cls.about,
            cls.search,
            cls.hubs,
            cls.grand_strategy_hub,
            cls.programs,
            cls.program,
            cls.people,
            cls.experts,
            cls.person,
            cls.expert,
            cls.research,
            cls.briefs,
            cls.explainers,
            cls.reports,
            cls.qas,
            cls.op_eds,
            cls.mentions,
            cls.press,
            cls.events,
            cls.hidden,
            cls.moved,
            *cls.content_pages,
        ]

    def head(self, page) -> Head:
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return Head(response.content.decode())

    def assert_on_site(self, url: str) -> None:
        self.assertTrue(url.startswith(f"{BASE}/"), url)


class JsonLdTests(StructuredDataTestCase):
    def test_every_page_has_parseable_json_ld_and_the_organization(self):
        for page in self.all_pages:
            with self.subTest(page=type(page).__name__, slug=page.slug):
                head = self.head(page)
                self.assertTrue(head.json_ld)
                for entity in head.entities():  # json.loads of every block
                    self.assertEqual(entity["@context"], "https://schema.org")
                org = head.entity("Organization")
                self.assertEqual(org["name"], "Defense Priorities")
                self.assertEqual(org["url"], f"{BASE}/")
                self.assertEqual(org["sameAs"], ["https://x.com/DefPriorities"])

    @override_settings(SITE_LOGO_STATIC="img/logo.png")
    def test_organization_logo_from_settings(self):
        org = self.head(self.about).entity("Organization")
        self.assertEqual(
            org["logo"], {"@type": "ImageObject", "url": f"{BASE}/static/img/logo.png"}
        )

    def test_breadcrumbs_are_consecutive_and_absolute(self):
        for page in [p for p in self.all_pages if p.pk != self.home.pk]:
            with self.subTest(page=type(page).__name__, slug=page.slug):
                items = self.head(page).entity("BreadcrumbList")["itemListElement"]
                self.assertEqual([i["position"] for i in items], list(range(1, len(items) + 1)))
                for item in items:
                    self.assert_on_site(item["item"])
                    self.assertTrue(item["name"])
                self.assertEqual(items[0]["item"], f"{BASE}/")
                self.assertEqual(items[-1]["item"], f"{BASE}{page.url_path_on_site}")

    def test_breadcrumb_goes_through_the_topic_hub_when_it_is_public(self):
        items = self.head(self.brief).entity("BreadcrumbList")["itemListElement"]
        self.assertEqual(
            [(i["name"], i["item"]) for i in items],
            [
                ("Home", f"{BASE}/"),
                ("Grand strategy", f"{BASE}/policy-topics/grand-strategy/"),
                (self.brief.title, f"{BASE}/briefs/brief/"),
            ],
        )
        # Americas has no hub page: Home / event.
        items = self.head(self.event).entity("BreadcrumbList")["itemListElement"]
        self.assertEqual([i["name"] for i in items], ["Home", self.event.title])
        # Other pages follow the tree.
        items = self.head(self.expert).entity("BreadcrumbList")["itemListElement"]
        self.assertEqual([i["name"] for i in items], ["Home", "People", "Jane Smith"])

    def test_home_has_a_website_and_no_breadcrumb(self):
        head = self.head(self.home)
        self.assertEqual(head.entity("WebSite")["url"], f"{BASE}/")
        self.assertFalse([e for e in head.entities() if e["@type"] == "BreadcrumbList"])

    def test_articles(self):
        expected = {
            self.brief: "Article",
            self.explainer: "Article",
            self.report: "Article",
            self.qa: "Article",
            self.mention: "Article",
            self.op_ed: "OpinionNewsArticle",
            self.reprint: "OpinionNewsArticle",
            self.press_release: "NewsArticle",
        }
        for page, schema_type in expected.items():
            with self.subTest(page=type(page).__name__, slug=page.slug):
                article = self.head(page).entity(schema_type)
                self.assertEqual(article["headline"], page.title)
                self.assertLessEqual(len(article["headline"]), 110)
                self.assertEqual(article["datePublished"], "2025-02-16")
                self.assertEqual(article["publisher"]["name"], "Defense Priorities")
                self.assertEqual(article["description"], page.dek)
                own_url = f"{BASE}{page.url_path_on_site}"
                self.assertEqual(article["url"], own_url)
                self.assertEqual(article["mainEntityOfPage"]["@id"], own_url)
                self.assertTrue(all(author["name"] for author in article["author"]))

    def test_article_authors_link_public_people_only(self):
        article = self.head(self.brief).entity("Article")
        self.assertEqual(
            article["author"],
            [
                {
                    "@type": "Person",
                    "name": self.person.title,
                    "url": f"{BASE}/people/daniel-depetris/",
                    "jobTitle": "Fellow",
                },
                {"@type": "Person", "name": "Pat Outside"},
            ],
        )
        self.person.unpublish()
        article = self.head(self.brief).entity("Article")
        self.assertEqual(article["author"][0], {"@type": "Person", "name": self.person.title})

    def test_article_dates_and_image(self):
        report = self.head(self.report).entity("Article")
        self.assertEqual(report["dateModified"], "2025-03-01")
        self.assertNotIn("image", report)
        image = self.head(self.brief).entity("Article")["image"]
        self.assertEqual(image["@type"], "ImageObject")
        self.assert_on_site(image["url"])
        self.assertIn("/media/images/", image["url"])
        self.assertGreater(image["width"], 0)
        self.assertGreater(image["height"], 0)
        self.assertEqual(image["caption"], "At the lectern")
        self.assertEqual(image["creditText"], "Photo: DP")

    def test_op_ed_is_based_on_the_original(self):
        original = self.head(self.reprint).entity("OpinionNewsArticle")["isBasedOn"]
        self.assertEqual(original["url"], "https://www.lawfaremedia.org/article/reprinted-in-full")
        self.assertEqual(original["datePublished"], "2025-02-14")
        self.assertEqual(original["publisher"]["name"], "Lawfare")

    def test_long_headline_is_cut_at_a_word(self):
        page = OpEdPage(title="word " * 40)
        self.assertLessEqual(len(sd.headline(page)), 110)
        self.assertTrue(sd.headline(page).endswith("word…"))

    def test_event(self):
        event = self.head(self.event).entity("Event")
        self.assertEqual(event["name"], "Restraint in the Americas")
        self.assertEqual(event["startDate"], "2025-06-10T12:00:00-04:00")  # EDT in June
        self.assertEqual(event["endDate"], "2025-06-10T13:00:00-04:00")
        self.assertEqual(
            event["eventAttendanceMode"], "https://schema.org/MixedEventAttendanceMode"
        )
        self.assertEqual(event["eventStatus"], "https://schema.org/EventScheduled")
        place, virtual = event["location"]
        self.assertEqual(place["@type"], "Place")
        self.assertEqual(place["name"], "The Press Club")
        self.assertEqual(
            place["address"],
            {
                "@type": "PostalAddress",
                "streetAddress": "529 14th St NW",
                "addressLocality": "Washington",
                "addressRegion": "DC",
                "postalCode": "20045",
                "addressCountry": "US",
            },
        )
        self.assertEqual(
            virtual, {"@type": "VirtualLocation", "url": "https://www.youtube.com/live/restraint"}
        )
        self.assertEqual(event["organizer"]["name"], "Defense Priorities")
        self.assertEqual(
            event["performer"],
            [
                {
                    "@type": "Person",
                    "name": "Jane Smith",
                    "url": f"{BASE}/people/jane-smith/",
                    "jobTitle": "Senior Fellow",
                },
                {"@type": "Person", "name": "Pat Outside"},
            ],
        )
        self.assertEqual(event["url"], f"{BASE}/events/event/")

    def test_virtual_cancelled_event(self):
        event = self.head(self.virtual_event).entity("Event")
        self.assertEqual(
            event["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode"
        )
        self.assertEqual(event["eventStatus"], "https://schema.org/EventCancelled")
        # No livestream or registration link: the event's own page.
        self.assertEqual(
            event["location"], {"@type": "VirtualLocation", "url": f"{BASE}/events/virtual/"}
        )

    def test_event_offset_follows_the_zone(self):
        winter = f.EventPageFactory.build(
            start=dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC), timezone="Europe/Berlin"
        )
        self.assertEqual(winter.local_start.isoformat(), "2025-01-10T10:00:00+01:00")

    def test_person(self):
        person = self.head(self.expert).entity("Person")
        self.assertEqual(person["name"], "Jane Smith")
        self.assertEqual(person["jobTitle"], "Senior Fellow")
        self.assertEqual(person["url"], f"{BASE}/people/jane-smith/")
        self.assertEqual(person["worksFor"]["name"], "Defense Priorities")
        self.assertEqual(
            person["sameAs"],
            ["https://x.com/janesmith", "https://www.linkedin.com/in/janesmith"],
        )
        self.assert_on_site(person["image"]["url"])
        self.assertEqual(self.head(self.person).entity("Person")["jobTitle"], "Fellow")


class MetaTagTests(StructuredDataTestCase):
    def test_title_and_description(self):
        head = self.head(self.brief)
        self.assertEqual(head.title, f"{self.brief.title} | Defense Priorities")
        self.assertEqual(head.property("description"), [self.brief.dek])
        self.assertEqual(self.head(self.home).title, "Defense Priorities")

    def test_canonical_is_the_page_itself(self):
        for page in self.all_pages:
            if page.pk in (self.reprint.pk, self.moved.pk):
                continue
            with self.subTest(page=type(page).__name__, slug=page.slug):
                head = self.head(page)
                self.assertEqual(head.canonical(), [f"{BASE}{page.url_path_on_site}"])
                self.assertEqual(head.property("og:url"), head.canonical())

    def test_canonical_of_a_full_reprint_is_the_original(self):
        head = self.head(self.reprint)
        self.assertEqual(
            head.canonical(), ["https://www.lawfaremedia.org/article/reprinted-in-full"]
        )
        self.assertEqual(head.property("og:url"), head.canonical())
        # An excerpt stays canonical here.
        self.assertEqual(self.head(self.op_ed).canonical(), [f"{BASE}/op-eds/op-ed/"])

    def test_routable_sub_page_is_its_own_canonical(self):
        head = Head(self.client.get("/events/past/").content.decode())
        self.assertEqual(head.canonical(), [f"{BASE}/events/past/"])
        self.assertEqual(head.property("og:url"), head.canonical())

    def test_canonical_override_wins(self):
        self.assertEqual(
            self.head(self.moved).canonical(), ["https://elsewhere.example.com/original/"]
        )
        page = OpEdPage.objects.get(pk=self.reprint.pk)
        page.canonical_override = "https://elsewhere.example.com/op-ed/"
        self.assertEqual(page.canonical_url, "https://elsewhere.example.com/op-ed/")

    def test_open_graph_image(self):
        for page, image in ((self.op_ed, self.image), (self.brief, self.image)):
            with self.subTest(slug=page.slug):
                head = self.head(page)
                [url] = head.property("og:image")
                self.assert_on_site(url)
                self.assertIn("/media/images/", url)
                self.assertIn(".fill-1200x630.", url)
                self.assertTrue(int(head.property("og:image:width")[0]) > 0)
                self.assertTrue(int(head.property("og:image:height")[0]) > 0)
                self.assertEqual(head.property("og:image:alt"), [image.description])
                self.assertEqual(head.property("twitter:card"), ["summary_large_image"])
                self.assertEqual(head.property("twitter:image"), [url])
        # A person's headshot is their share image.
        self.assert_on_site(self.head(self.expert).property("og:image")[0])
        # No image: a summary card.
        head = self.head(self.explainer)
        self.assertEqual(head.property("og:image"), [])
        self.assertEqual(head.property("twitter:card"), ["summary"])

    def test_open_graph_type_and_article_properties(self):
        head = self.head(self.brief)
        self.assertEqual(head.property("og:type"), ["article"])
        self.assertEqual(head.property("og:title"), [self.brief.title])
        self.assertEqual(head.property("og:site_name"), ["Defense Priorities"])
        self.assertEqual(head.property("article:published_time"), ["2025-02-16"])
        self.assertEqual(head.property("article:author"), [f"{BASE}/people/daniel-depetris/"])
        self.assertEqual(head.property("article:section"), ["Grand strategy"])
        self.assertEqual(head.property("twitter:site"), ["@DefPriorities"])
        self.assertEqual(self.head(self.expert).property("og:type"), ["profile"])
        self.assertEqual(self.head(self.about).property("og:type"), ["website"])

    def test_noindex(self):
        head = self.head(self.hidden)
        self.assertEqual(head.property("robots"), ["noindex"])
        self.assertIn('<meta name="robots" content="noindex">', self.client.get("/internal/").text)
        self.assertEqual(self.head(self.about).property("robots"), [])

    def test_one_of_each_tag(self):
        head = self.head(self.op_ed)
        for name in ("description", "og:title", "og:url", "og:image", "og:type", "twitter:card"):
            with self.subTest(name=name):
                self.assertEqual(len(head.property(name)), 1)
        self.assertEqual(len(head.canonical()), 1)
        self.assertEqual([tag for tag, _ in head.tags].count("title"), 1)

    def test_404_page(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        head = Head(response.content.decode())
        self.assertEqual(head.title, "Page not found | Defense Priorities")
        self.assertEqual(head.canonical(), [])
        self.assertEqual([e["@type"] for e in head.entities()], ["Organization"])


class EscapingTests(StructuredDataTestCase):
    def test_editor_text_cannot_break_out(self):
        html = self.client.get(self.xss.url).content.decode()
        head = Head(html)
        for block in head.json_ld:
            self.assertNotIn("</script", block.lower())
            self.assertNotIn("<", block)
        article = head.entity("Article")  # still parses
        self.assertIn(XSS_SCRIPT, article["headline"] + article["description"])
        self.assertEqual(article["author"][0]["name"], f"Author {XSS_SCRIPT} {XSS_IMG}")
        self.assertIn(XSS_IMG, article["description"])
        # The only scripts are the JSON-LD blocks; no element carries the injected markup.
        scripts = [attrs for tag, attrs in head.tags if tag == "script"]
        self.assertEqual(scripts, [{"type": "application/ld+json"}] * len(head.json_ld))
        self.assertNotIn("<img src=x", html)
        for tag, attrs in head.tags:
            self.assertFalse([name for name in attrs if name.startswith("on")], tag)
            self.assertNotEqual(attrs.get("src"), "x")
        self.assertEqual(head.title.count(XSS_SCRIPT), 1)  # as text, decoded once

    def test_dumps_escapes_markup(self):
        text = sd.dumps({"a": "</script>&<!--", "b": "\u2028"})
        self.assertEqual(text, '{"a": "\\u003c/script\\u003e\\u0026\\u003c!--", "b": "\\u2028"}')
        self.assertEqual(json.loads(text), {"a": "</script>&<!--", "b": "\u2028"})


class PreviewTests(StructuredDataTestCase):
    def preview_new(self, model, parent, title: str) -> Head:
        page = model(title=title, slug="new-page")
        data = form_data_for(
            page,
            title=title,
            person_id=self.person.pk,
            topic_id=self.grand_strategy.pk,
            outlet_id=self.lawfare.pk,
        )
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        self.assertJSONEqual(
            self.client.post(url, data).content, {"is_valid": True, "is_available": True}
        )
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return Head(response.content.decode())

    def test_unsaved_pages_preview_with_metadata(self):
        self.client.force_login(self.create_superuser("previewer"))
        cases = [(OpEdPage, self.op_eds, "OpinionNewsArticle"), (EventPage, self.events, "Event")]
        for model, parent, schema_type in cases:
            with self.subTest(model=model.__name__):
                head = self.preview_new(model, parent, f"New {model.__name__}")
                entity = head.entity(schema_type)
                self.assertTrue(entity.get("headline") or entity.get("name"))
                self.assertEqual(head.title, f"New {model.__name__} | Defense Priorities")
                self.assertEqual(head.canonical(), [f"{BASE}{parent.url_path_on_site}new-page/"])

    def test_unsaved_person_renders_metadata(self):
        person = PersonPage(title="New Person", first_name="New", last_name="Person", slug="new")
        person.set_url_path(self.people)
        request = RequestFactory().get("/")
        html = Template("{% load seo_tags %}{% page_meta_tags page %}").render(
            Context({"page": person, "request": request})
        )
        head = Head(html)
        self.assertEqual(head.entity("Person")["url"], f"{BASE}/people/new/")
        self.assertEqual(head.canonical(), [f"{BASE}/people/new/"])
        self.assertFalse([e for e in head.entities() if e["@type"] == "BreadcrumbList"])
