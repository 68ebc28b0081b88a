"""Build the demo site on an empty, migrated database. Idempotent: existing content is kept.

Every page is created with ``add_child`` and published once through ``save_revision().publish()``
after its relations are in place, so each page has exactly one live revision. Publication
timestamps are then set from the content's own dates (never the clock), so two databases seeded
from scratch hold the same dates.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from home.models import (
    HomePage,
    HomePageLeadStory,
    ProgramFeatured,
    ProgramIndexPage,
    ProgramPage,
    SearchPage,
    SiteSettings,
    StandardPage,
    Topic,
    TopicHubFeatured,
    TopicHubIndexPage,
    TopicHubPage,
)
from people.models import ExpertsIndexPage, PeopleIndexPage, PersonPage
from publications.models import (
    BriefIndexPage,
    BriefPage,
    ContentPage,
    ContentPageAuthor,
    ContentPageTopic,
    EventIndexPage,
    EventPage,
    ExplainerIndexPage,
    ExplainerPage,
    MediaMentionIndexPage,
    MediaMentionPage,
    OpEdIndexPage,
    OpEdPage,
    Outlet,
    PressReleaseIndexPage,
    PressReleasePage,
    QAIndexPage,
    QAPage,
    ReportIndexPage,
    ReportPage,
    ResearchIndexPage,
    Series,
)

from . import articles, content, media, streams

Log = Callable[[str], None]

#: (slug, title, model, intro) of the section indexes under the home page.
SECTIONS: list[tuple[str, str, type[Page], str]] = [
    ("briefs", "Briefs", BriefIndexPage, "Short, focused analysis of a single policy question."),
    ("explainers", "Explainers", ExplainerIndexPage, "The key facts behind the headlines."),
    ("reports", "Reports", ReportIndexPage, "In-depth research with recommendations."),
    ("qa", "Q&As", QAIndexPage, "Our experts answer the questions of the moment."),
    ("op-eds", "Op-eds", OpEdIndexPage, "Commentary by our experts in other publications."),
    ("in-the-media", "In the Media", MediaMentionIndexPage, "Our experts quoted and interviewed."),
    ("press-releases", "Press Releases", PressReleaseIndexPage, "News from Defense Priorities."),
    ("events", "Events", EventIndexPage, "Panels, debates and briefings, online and in person."),
]
DATELINE = "WASHINGTON, D.C."


def publication_time(day: date) -> datetime:
    """When a page dated ``day`` was published: 14:00 UTC that day, never after the reference."""
    return datetime.combine(min(day, content.REFERENCE_DATE), time(14, 0), tzinfo=UTC)


def publish(page: Page, at: datetime) -> Revision:
    """Save a revision, publish it, and date the page, the revision and its log entries ``at``."""
    revision = page.save_revision()
    revision.publish()
    Page.objects.filter(pk=page.pk).update(
        first_published_at=at, last_published_at=at, latest_revision_created_at=at
    )
    Revision.objects.filter(pk=revision.pk).update(created_at=at)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=at)
    return revision


def format_day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def join_names(names: Sequence[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


class SiteSeeder:
    """Creates whatever part of the demo site is missing, then publishes the new pages."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.created: Counter[str] = Counter()
        self.pending: list[tuple[Page, datetime]] = []
        self.topics: dict[str, Topic] = {}
        self.outlets: dict[str, Outlet] = {}
        self.series: dict[str, Series] = {}
        self.people: dict[str, PersonPage] = {}
        self.programs: dict[str, ProgramPage] = {}
        self.pages: dict[str, Page] = {}  # structural pages by path, e.g. "about/jobs"

    # --- entry point ---------------------------------------------------------------------

    def run(self) -> Counter[str]:
        with transaction.atomic():
            self.seed_snippets()
            home = self.seed_home()
            self.seed_frame(home)
            self.seed_people_and_programs()
            self.seed_hubs()
            self.seed_publications()
            self.feature_content(home)
            self.log(f"Publishing {len(self.pending)} new pages…")
            for page, at in self.pending:
                publish(page, at)
            self.seed_settings(home)
        return self.created

    # --- helpers -------------------------------------------------------------------------

    def add(self, parent: Page, page: Page, at: datetime = content.SITE_LAUNCH) -> Page:
        page.translation_key = uuid.uuid5(streams.DEMO_NAMESPACE, f"{parent.url_path}{page.slug}")
        parent.add_child(instance=page)
        self.pending.append((page, at))
        self.created[str(type(page)._meta.verbose_name)] += 1
        return page

    @staticmethod
    def child(parent: Page, slug: str) -> Page | None:
        page = parent.get_children().filter(slug=slug).first()
        return page.specific if page else None

    def ensure(self, parent: Page, page: Page, key: str | None = None) -> Page:
        """The child of ``parent`` with ``page``'s slug, creating ``page`` if there is none."""
        found = self.child(parent, page.slug) or self.add(parent, page)
        self.pages[key or page.slug] = found
        return found

    def ensure_image(self, title: str, make: Callable[[], bytes], filename: str, **fields):
        image = get_image_model().objects.filter(title=title).first()
        if image is None:
            image = media.save_image(title, filename, make(), **fields)
            type(image).objects.filter(pk=image.pk).update(created_at=content.SITE_LAUNCH)
            self.created["image"] += 1
        return image

    def ensure_document(self, title: str, filename: str, make: Callable[[], bytes]):
        document = get_document_model().objects.filter(title=title).first()
        if document is None:
            document = media.save_document(title, filename, make())
            type(document).objects.filter(pk=document.pk).update(created_at=content.SITE_LAUNCH)
            self.created["document"] += 1
        return document

    # --- snippets ------------------------------------------------------------------------

    def seed_snippets(self) -> None:
        for spec in content.TOPICS:
            topic, created = Topic.objects.get_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "kind": spec.kind,
                    "parent": self.topics.get(spec.parent) if spec.parent else None,
                },
            )
            self.topics[spec.name] = topic
            self.created["topic"] += created
        for name, url in content.OUTLETS:
            outlet, created = Outlet.objects.get_or_create(name=name, defaults={"url": url})
            self.outlets[name] = outlet
            self.created["outlet"] += created
        for title, slug, description in content.SERIES:
            series, created = Series.objects.get_or_create(
                slug=slug, defaults={"title": title, "description": description}
            )
            self.series[slug] = series
            self.created["series"] += created
        self.log(
            f"Snippets: {len(self.topics)} topics, {len(self.outlets)} outlets, "
            f"{len(self.series)} series"
        )

    # --- home, site and structural pages -------------------------------------------------

    def seed_home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            page_type = ContentType.objects.get_for_model(Page)
            for welcome in Page.objects.filter(depth=2, slug="home", content_type=page_type):
                Site.objects.filter(root_page=welcome).update(root_page=root)
                welcome.delete()
                self.log("Deleted Wagtail's default welcome page")
            home = self.add(
                root,
                HomePage(title=content.ORGANISATION, slug="home", intro=content.HOME_INTRO),
            )
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        wanted = {
            "hostname": "localhost",
            "port": 80,
            "root_page_id": home.pk,
            "site_name": content.ORGANISATION,
        }
        if site.pk is None or any(getattr(site, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(site, key, value)
            site.save()
            self.log("Default site points at the home page")
        return home

    def seed_frame(self, home: HomePage) -> None:
        """Index pages, the search page and the editorial pages under the home page."""
        self.ensure(
            home,
            TopicHubIndexPage(
                title="Policy Topics",
                slug="policy-topics",
                intro="<p>Our research and commentary, organized by issue and region.</p>",
            ),
        )
        self.ensure(
            home,
            ResearchIndexPage(
                title="Research",
                slug="research",
                intro="<p>Briefs, explainers, reports and Q&amp;As from our scholars.</p>",
            ),
        )
        for slug, title, model, intro in SECTIONS:
            self.ensure(home, model(title=title, slug=slug, intro=streams.rich(intro)))
        self.ensure(
            home,
            ProgramIndexPage(
                title="Programs",
                slug="programs",
                intro="<p>Four research programs covering strategy, the military and the regions "
                "that matter most.</p>",
            ),
        )
        self.ensure(
            home,
            PeopleIndexPage(
                title="People",
                slug="people",
                intro="<p>The scholars and staff of Defense Priorities.</p>",
            ),
        )
        self.ensure(
            home,
            ExpertsIndexPage(
                title="Experts",
                slug="experts",
                intro="<p>Find an expert by name or area of expertise.</p>",
            ),
        )
        about = self.standard_page(home, content.ABOUT, "about")
        for spec in content.ABOUT.children:
            self.standard_page(about, spec, f"about/{spec.slug}")
        for spec in content.LEGAL_PAGES:
            self.standard_page(home, spec, spec.slug)
        self.ensure(
            home,
            SearchPage(
                title="Search",
                slug="search",
                intro="Search briefs, reports, op-eds and events.",
            ),
        )
        self.log(f"Frame: {len(self.pages)} index and editorial pages")

    def standard_page(self, parent: Page, spec: content.StandardSpec, key: str) -> Page:
        body = streams.body_blocks(spec.body, f"{key}:body")
        page = StandardPage(title=spec.title, slug=spec.slug, dek=spec.dek, body=body)
        return self.ensure(parent, page, key)

    # --- people, programs, hubs ----------------------------------------------------------

    def seed_people_and_programs(self) -> None:
        people_index = self.pages["people"]
        new_people: list[tuple[PersonPage, content.PersonSpec]] = []
        for spec in content.PEOPLE:
            slug = slugify(spec.name)
            person = self.child(people_index, slug)
            if person is None:
                person = self.add(people_index, self.person_page(spec, slug))
                new_people.append((person, spec))
            self.people[slug] = person
        program_index = self.pages["programs"]
        for spec in content.PROGRAMS:
            program = self.child(program_index, spec.slug)
            if program is None:
                program = ProgramPage(
                    title=spec.title,
                    slug=spec.slug,
                    intro=streams.rich_paragraphs(spec.intro),
                    director=self.people[spec.director],
                )
                program.topics = [self.topics[name] for name in spec.topics]
                program = self.add(program_index, program)
            self.programs[spec.slug] = program
        for person, spec in new_people:  # published later, with their programs
            person.programs = [self.programs[slug] for slug in spec.programs]
        self.log(f"People: {len(self.people)}; programs: {len(self.programs)}")

    def person_page(self, spec: content.PersonSpec, slug: str) -> PersonPage:
        headshot = self.ensure_image(
            spec.name,
            lambda: media.headshot_png(spec.initials, spec.colour),
            f"headshot-{slug}.png",
            alt=f"Photo of {spec.name}",
            credit=content.ORGANISATION,
        )
        person = PersonPage(
            title=spec.name,
            slug=slug,
            honorific_prefix=spec.honorific_prefix,
            first_name=spec.first_name,
            last_name=spec.last_name,
            honorific_suffix=spec.honorific_suffix,
            job_title=spec.job_title,
            affiliation=spec.affiliation,
            is_expert=spec.is_expert,
            headshot=headshot,
            short_bio=spec.short_bio,
            bio=streams.rich_paragraphs(spec.bio),
            email=spec.email,
            x_handle=spec.x_handle,
            listing_summary=spec.short_bio[:300],
        )
        person.expertise = [self.topics[name] for name in spec.expertise]
        return person

    def seed_hubs(self) -> None:
        hub_index = self.pages["policy-topics"]
        intros = {spec.name: spec.hub_intro for spec in content.TOPICS}
        for name in content.HUB_TOPICS:
            topic = self.topics[name]
            self.ensure(
                hub_index,
                TopicHubPage(
                    title=name, slug=topic.slug, topic=topic, intro=streams.rich(intros[name])
                ),
                f"policy-topics/{topic.slug}",
            )
        self.log(f"Topic hubs: {len(content.HUB_TOPICS)}")

    # --- publications --------------------------------------------------------------------

    def seed_publications(self) -> None:
        groups = [
            ("briefs", BriefPage, articles.BRIEFS, self.brief_fields),
            ("explainers", ExplainerPage, articles.EXPLAINERS, self.explainer_fields),
            ("reports", ReportPage, articles.REPORTS, self.report_fields),
            ("qa", QAPage, articles.QAS, self.qa_fields),
            ("op-eds", OpEdPage, articles.OP_EDS, self.op_ed_fields),
            ("in-the-media", MediaMentionPage, articles.MEDIA_MENTIONS, self.mention_fields),
            ("press-releases", PressReleasePage, articles.PRESS_RELEASES, self.press_fields),
            ("events", EventPage, articles.EVENTS, self.event_fields),
        ]
        for section_slug, model, specs, fields_for in groups:
            section = self.pages[section_slug]
            new = 0
            for spec in sorted(specs, key=lambda s: s.get("date") or s["start"].date()):
                slug = spec.get("slug") or slugify(spec["title"])
                if self.child(section, slug) is not None:
                    continue
                key = f"{section_slug}/{slug}"
                fields = fields_for(spec, key, slug)
                page = self.content_page(model, spec, slug, key, fields)
                announced = page.display_date - timedelta(days=30 if model is EventPage else 0)
                self.add(section, page, publication_time(announced))
                new += 1
            self.log(f"{section.title}: {len(specs)} ({new} new)")

    def content_page(self, model, spec: dict, slug: str, key: str, fields: dict) -> ContentPage:
        fields.setdefault("display_date", spec.get("date"))
        page = model(
            title=spec["title"],
            slug=slug,
            dek=spec.get("dek", ""),
            listing_summary=spec.get("summary", ""),
            body=streams.body_blocks(spec["body"], f"{key}:body"),
            **fields,
        )
        topics = [self.topics[name] for name in spec["topics"]]
        page.primary_topic = topics[0]
        page.topics = [ContentPageTopic(topic=t, sort_order=i) for i, t in enumerate(topics)]
        role = {MediaMentionPage: "featuring", EventPage: "speaker"}.get(model, "author")
        page.authors = self.author_rows(spec.get("authors", ["Defense Priorities"]), role)
        page.programs = [self.programs[slug] for slug in spec.get("programs", [])]
        return page

    def author_rows(self, entries: Sequence, default_role: str) -> list[ContentPageAuthor]:
        rows = []
        for index, entry in enumerate(entries):
            who, role, title = entry if isinstance(entry, tuple) else (entry, default_role, "")
            person = self.people.get(who)
            rows.append(
                ContentPageAuthor(
                    person=person,
                    name="" if person else who,
                    role=role,
                    title_override=title,
                    sort_order=index,
                )
            )
        return rows

    def author_names(self, spec: dict) -> str:
        names = [self.people[a].title if a in self.people else a for a in spec["authors"]]
        return join_names(names)

    def pdf(self, spec: dict, slug: str, label: str):
        title = spec["title"]
        return self.ensure_document(
            f"{title} (PDF)",
            f"{slug}.pdf",
            lambda: media.pdf_bytes(
                title, f"{label} · {format_day(spec['date'])}", self.author_names(spec)
            ),
        )

    def brief_fields(self, spec: dict, key: str, slug: str) -> dict:
        return {
            "key_points": streams.point_blocks(spec["key_points"], f"{key}:key_points"),
            "endnotes": streams.endnote_blocks(spec.get("endnotes", []), f"{key}:endnotes"),
            "pdf": self.pdf(spec, slug, "Brief"),
        }

    def explainer_fields(self, spec: dict, key: str, slug: str) -> dict:
        return {
            "key_points": streams.point_blocks(spec["key_points"], f"{key}:key_points"),
            "series": self.series[spec["series"]] if spec.get("series") else None,
        }

    def report_fields(self, spec: dict, key: str, slug: str) -> dict:
        cover = self.ensure_image(
            f"Cover: {spec['title']}",
            lambda: media.cover_png(spec["title"], "Report", spec.get("colour", "#1f4e79")),
            f"cover-{slug}.png",
            alt=f"Cover of the report “{spec['title']}”",
            credit=content.ORGANISATION,
        )
        citation = (
            f"{self.author_names(spec)}, “{spec['title']},” {content.ORGANISATION}, "
            f"{format_day(spec['date'])}."
        )
        return {
            "summary": streams.rich_paragraphs(spec["report_summary"]),
            "key_takeaways": streams.point_blocks(spec["key_takeaways"], f"{key}:takeaways"),
            "endnotes": streams.endnote_blocks(spec.get("endnotes", []), f"{key}:endnotes"),
            "pdf": self.pdf(spec, slug, "Report"),
            "citation": citation,
            "listing_image": cover,
            "social_image": cover,
        }

    def qa_fields(self, spec: dict, key: str, slug: str) -> dict:
        return {"items": streams.question_blocks(spec["items"], f"{key}:items")}

    def op_ed_fields(self, spec: dict, key: str, slug: str) -> dict:
        return {
            "outlet": self.outlets[spec["outlet"]],
            "original_url": spec["url"],
            "original_date": spec["date"],
            "reprint_mode": spec.get("reprint", "excerpt"),
        }

    def mention_fields(self, spec: dict, key: str, slug: str) -> dict:
        return {
            "outlet": self.outlets[spec["outlet"]],
            "external_url": spec["url"],
            "kind": spec.get("kind", "print"),
            "quote": spec.get("quote", ""),
        }

    def press_fields(self, spec: dict, key: str, slug: str) -> dict:
        name, email = content.PRESS_CONTACT
        return {"dateline": DATELINE, "press_contact_name": name, "press_contact_email": email}

    def event_fields(self, spec: dict, key: str, slug: str) -> dict:
        start = spec["start"].replace(tzinfo=ZoneInfo(spec["timezone"]))
        return {
            "display_date": start.date(),
            "start": start,
            "end": start + timedelta(minutes=spec["minutes"]),
            "timezone": spec["timezone"],
            "format": spec["format"],
            "venue_name": spec.get("venue_name", ""),
            "venue_address": spec.get("venue_address", ""),
            "registration_url": spec.get("registration_url", ""),
            "livestream_url": spec.get("livestream_url", ""),
            "recording_url": spec.get("recording_url", ""),
            "agenda": streams.agenda_blocks(spec.get("agenda", []), f"{key}:agenda"),
        }

    # --- featured items ------------------------------------------------------------------

    def feature_content(self, home: HomePage) -> None:
        """Lead stories and hub/program featured items, on pages created in this run only."""
        new_pages = {id(page) for page, _ in self.pending}
        if id(home) in new_pages:
            stories = []
            for section_slug, slug in articles.LEAD_STORIES:
                story = self.child(self.pages[section_slug], slug)
                if story is not None:
                    stories.append(HomePageLeadStory(story=story, sort_order=len(stories)))
            home.lead_stories = stories
        latest = ContentPage.objects.order_by("-display_date", "-pk")
        for name in content.HUB_TOPICS:
            hub = self.pages[f"policy-topics/{self.topics[name].slug}"]
            if id(hub) in new_pages:
                items = latest.filter(primary_topic=self.topics[name])[:3]
                hub.featured_items = [
                    TopicHubFeatured(item=item, sort_order=i) for i, item in enumerate(items)
                ]
        for program in self.programs.values():
            if id(program) in new_pages:
                items = latest.filter(programs=program)[:3]
                program.featured_items = [
                    ProgramFeatured(item=item, sort_order=i) for i, item in enumerate(items)
                ]

    # --- site settings -------------------------------------------------------------------

    def seed_settings(self, home: HomePage) -> None:
        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.objects.filter(site=site).first()
        if settings is not None and settings.header_menu:
            return
        settings = settings or SiteSettings(site=site)
        settings.organisation_name = content.ORGANISATION
        settings.mission = content.MISSION
        settings.donate_url = content.DONATE_URL
        for name, value in content.NEWSLETTER.items():
            setattr(settings, name, value)
        settings.header_menu = self.header_menu()
        settings.footer_links = self.footer_links()
        settings.social_links = [
            streams.block("link", {"network": network, "url": url}, f"social:{network}")
            for network, url in content.SOCIAL_LINKS
        ]
        settings.copyright_notice = content.COPYRIGHT
        settings.save()
        self.created["site settings"] += 1
        self.log("Site settings: menus, footer, newsletter and social links")

    @staticmethod
    def link(label: str, page: Page | None = None, url: str = "") -> dict:
        return {"label": label, "page": page.pk if page else None, "url": url}

    def menu_item(
        self, label: str, page: Page | None, children: Sequence[dict] = (), url: str = ""
    ) -> dict:
        item = self.link(label, page, url)
        item["children"] = streams.list_value(children, f"menu:{label}:children")
        return streams.block("item", item, f"menu:{label}")

    def header_menu(self) -> list[dict]:
        p = self.pages
        hubs = [
            self.link(name, p[f"policy-topics/{self.topics[name].slug}"])
            for name in content.MENU_HUB_TOPICS
        ]
        research = [self.link(p[s].title, p[s]) for s in ("briefs", "explainers", "reports")]
        programs = [self.link(program.title, program) for program in self.programs.values()]
        about = [
            self.link("Mission & Vision", p["about/mission-and-vision"]),
            self.link("People", p["people"]),
            self.link("Jobs", p["about/jobs"]),
            self.link("Contact", p["about/contact"]),
        ]
        return [
            self.menu_item("Policy Topics", p["policy-topics"], hubs),
            self.menu_item("Research", p["research"], research),
            self.menu_item("Programs", p["programs"], programs),
            self.menu_item("Experts", p["experts"]),
            self.menu_item("Events", p["events"]),
            self.menu_item("Media", p["in-the-media"]),
            self.menu_item("About", p["about"], about),
        ]

    def footer_links(self) -> list[dict]:
        p = self.pages
        links = [
            self.link("About", p["about"]),
            self.link("For Media", p["about/for-media"]),
            self.link("Jobs", p["about/jobs"]),
            self.link("Donate", url=content.DONATE_URL),
            self.link("Privacy Policy", p["privacy-policy"]),
            self.link("Terms and Conditions", p["terms-and-conditions"]),
            self.link("Contact", p["about/contact"]),
        ]
        return [streams.block("link", link, f"footer:{link['label']}") for link in links]


def seed_site(log: Log) -> Counter[str]:
    """Create the missing parts of the demo site; returns counts of what was created."""
    return SiteSeeder(log).run()
