"""Scale seeding: ``seed_demo --pages N`` adds N generated content pages in bulk.

``add_child`` + ``save_revision().publish()`` costs dozens of queries per page, so this module
writes the rows itself, in batches and inside one transaction:

1. treebeard materialised paths are computed here (``Page._get_path``: 4-character base-36 steps
   after each section's last child), with ``depth``, ``url_path`` and unique sibling slugs;
2. ``wagtailcore_page`` rows are inserted with ``Model._base_manager._insert`` (``bulk_create``
   refuses multi-table models), returning ids; then the ``publications_contentpage`` rows and
   the concrete table rows (``publications_briefpage``…) with the same ids;
3. authors, topics and program links are bulk-created;
4. one ``Revision`` per page is inserted, holding what ``save_revision`` would store
   (``page.serializable_data()`` of the page as first saved), and the pages'
   ``latest_revision``/``live_revision`` are pointed at it; pages are live with
   ``first_published_at``/``last_published_at`` set from their (fixed) dates;
5. the sections' ``numchild`` is recounted.

Search: the pages are added to Wagtail's search index (database backend) in bulk with
``backend.add_bulk(model, pages)``, the call ``update_index`` makes, but only for the new pages:
about 6 s per 10,000 pages here. A full ``manage.py update_index`` is not needed (it re-indexes
everything, ~25 s at 10,000 pages). Skipped, because no signals run: the reference index
(``manage.py rebuild_references_index`` fills it if the admin's usage counts are wanted),
audit-log entries and publish signals.

Content is generated from :mod:`.fragments` by a ``random.Random`` seeded with a fixed string
and the number of content pages that already exist, so the same N from the same starting
database gives the same pages (ids aside).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils.text import slugify
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from home.models import HomePage, ProgramPage, Topic
from people.models import PersonPage
from publications.models import (
    BriefPage,
    ContentPage,
    ContentPageAuthor,
    ContentPageTopic,
    EventPage,
    ExplainerPage,
    MediaMentionPage,
    OpEdPage,
    Outlet,
    PressReleasePage,
    QAPage,
    ReportPage,
    Series,
)

from . import content, fragments, streams

Log = Callable[[str], None]

SEED = "seed_demo/bulk/v1"
BATCH_SIZE = 1000
MAX_PAGES = 1_000_000  # well under treebeard's 36**4 - 1 children per section
EARLIEST = date(2016, 1, 4)
UPCOMING = (date(2027, 1, 4), date(2028, 12, 15))
NOTABLE_YEARS = [2001, 2003, 2008, 2011, 2014, 2017, 2020, 2022]

#: (section slug, model, share of generated pages in percent)
MIX: list[tuple[str, type[ContentPage], int]] = [
    ("op-eds", OpEdPage, 24),
    ("in-the-media", MediaMentionPage, 22),
    ("events", EventPage, 14),
    ("briefs", BriefPage, 12),
    ("press-releases", PressReleasePage, 9),
    ("explainers", ExplainerPage, 8),
    ("qa", QAPage, 6),
    ("reports", ReportPage, 5),
]


# --- Context: what the bulk pages hang off -------------------------------------------------


@dataclass
class Section:
    """A section index and the state needed to append children to it."""

    index: Page
    model: type[ContentPage]
    content_type_id: int
    next_step: int
    slugs: set[str]
    added: int = 0

    def claim(self, title: str) -> tuple[str, str]:
        """A unique slug for ``title`` and the materialised path of the next child."""
        base = slugify(title)[:80].strip("-") or "page"
        slug, suffix = base, 2
        while slug in self.slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        self.slugs.add(slug)
        path = Page._get_path(self.index.path, self.index.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return slug, path


@dataclass
class Context:
    sections: dict[str, Section]
    topics: list[Topic]
    related: dict[int, list[Topic]]
    experts: list[PersonPage]
    experts_by_topic: dict[int, list[PersonPage]]
    programs_by_topic: dict[int, list[ProgramPage]]
    outlets: list[Outlet]
    series: list[Series]
    locale_id: int
    page_type_id: int
    existing: int

    @classmethod
    def load(cls) -> Context:
        home = HomePage.objects.get()
        sections = {}
        for slug, model, _ in MIX:
            index = home.get_children().get(slug=slug)
            last = index.get_last_child()
            sections[slug] = Section(
                index=index,
                model=model,
                content_type_id=ContentType.objects.get_for_model(model).pk,
                next_step=Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1,
                slugs=set(index.get_children().values_list("slug", flat=True)),
            )
        topics = list(Topic.objects.order_by("pk"))
        programs = list(ProgramPage.objects.prefetch_related("topics").order_by("pk"))
        experts = list(
            PersonPage.objects.filter(is_expert=True).prefetch_related("expertise").order_by("pk")
        )
        programs_by_topic: dict[int, list[ProgramPage]] = {}
        for program in programs:
            for topic in program.topics.all():
                programs_by_topic.setdefault(topic.pk, []).append(program)
        experts_by_topic: dict[int, list[PersonPage]] = {}
        for person in experts:
            for topic in person.expertise.all():
                experts_by_topic.setdefault(topic.pk, []).append(person)
        return cls(
            sections=sections,
            topics=topics,
            related=related_topics(topics, programs),
            experts=experts,
            experts_by_topic=experts_by_topic,
            programs_by_topic=programs_by_topic,
            outlets=list(Outlet.objects.order_by("pk")),
            series=list(Series.objects.order_by("pk")),
            locale_id=home.locale_id,
            page_type_id=ContentType.objects.get_for_model(Page).pk,
            existing=ContentPage.objects.count(),
        )


def related_topics(topics: Sequence[Topic], programs: Sequence[ProgramPage]) -> dict[int, list]:
    """Topics that sensibly accompany each topic: parent, children, and program neighbours."""
    by_pk = {topic.pk: topic for topic in topics}
    related: dict[int, set[int]] = {topic.pk: set() for topic in topics}
    for topic in topics:
        if topic.parent_id:
            related[topic.pk].add(topic.parent_id)
            related[topic.parent_id].add(topic.pk)
    for program in programs:
        members = [topic.pk for topic in program.topics.all()]
        for pk in members:
            related[pk].update(members)
    return {pk: [by_pk[r] for r in sorted(others - {pk})] for pk, others in related.items()}


# --- Generation ----------------------------------------------------------------------------


@dataclass
class Draft:
    """One generated page with the rows that hang off it."""

    page: ContentPage
    authors: list[ContentPageAuthor] = field(default_factory=list)
    topics: list[ContentPageTopic] = field(default_factory=list)
    programs: list[ProgramPage] = field(default_factory=list)


class Generator:
    """Deterministic page drafts from phrase fragments."""

    def __init__(self, rng: random.Random, ctx: Context) -> None:
        self.rng = rng
        self.ctx = ctx
        self.kinds = [slug for slug, _, _ in MIX]
        self.weights = [share for _, _, share in MIX]
        self.fillers = {
            OpEdPage: self.fill_op_ed,
            MediaMentionPage: self.fill_mention,
            EventPage: self.fill_event,
            BriefPage: self.fill_brief,
            PressReleasePage: self.fill_press_release,
            ExplainerPage: self.fill_explainer,
            QAPage: self.fill_qa,
            ReportPage: self.fill_report,
        }

    # text ---------------------------------------------------------------------------------

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def block(self, block_type: str, value) -> dict:
        return {"type": block_type, "value": value, "id": self.uid()}

    def fill(self, template: str, words: dict[str, str]) -> str:
        text = template.format(**words)
        return text[0].upper() + text[1:]

    def sentences(self, pool: Sequence[str], count: int, words: dict[str, str]) -> list[str]:
        return [self.fill(t, words) for t in self.rng.sample(pool, count)]

    def paragraph(self, words: dict[str, str], opener: bool = False, closer: bool = False) -> str:
        parts = self.sentences(fragments.OPENERS, 1, words) if opener else []
        for argument in self.rng.sample(fragments.ARGUMENTS, self.rng.randint(2, 3)):
            parts += [self.fill(sentence, words) for sentence in argument]
        if closer:
            parts += self.sentences(fragments.CLOSERS, 1, words)
        return " ".join(parts)

    def paragraphs(
        self, words: dict[str, str], count: int, opener: bool = True, closer: bool = True
    ) -> list[dict]:
        """Paragraph blocks; the first may open the piece and the last may close it."""
        return [
            self.block(
                "paragraph",
                streams.rich(self.paragraph(words, opener and i == 0, closer and i == count - 1)),
            )
            for i in range(count)
        ]

    def sectioned(self, words: dict[str, str], sections: int, per_section: tuple[int, int]):
        """Paragraphs under h2 headings, as briefs and reports have."""
        blocks = self.paragraphs(words, 1, closer=False)
        middle = sorted(self.rng.sample(range(len(fragments.HEADINGS) - 2), sections - 2))
        headings = [fragments.HEADINGS[i] for i in middle] + fragments.HEADINGS[-2:]
        for number, heading in enumerate(headings, start=1):
            blocks.append(self.block("heading", {"text": self.fill(heading, words), "level": "h2"}))
            count = self.rng.randint(*per_section)
            blocks += self.paragraphs(words, count, opener=False, closer=number == len(headings))
        return blocks

    def points(self, words: dict[str, str], count: int, block_type: str = "point") -> list[dict]:
        return [
            self.block(block_type, streams.rich(text))
            for text in self.sentences(fragments.KEY_POINTS, count, words)
        ]

    def endnotes(self, words: dict[str, str], day: date, count: int) -> list[dict]:
        notes = []
        for _ in range(count):
            source = self.rng.choice(fragments.SOURCES)
            document = self.fill(self.rng.choice(fragments.SOURCE_DOCUMENTS), words)
            year = self.rng.randint(max(2010, day.year - 6), day.year)
            text = streams.rich(f"{source}, {document}, {year}.")
            notes.append(self.block("note", {"text": text}))
        return notes

    def summary(self, words: dict[str, str]) -> str:
        """One or two whole sentences, at most 300 characters, for listing cards."""
        first, *rest = self.rng.choice(fragments.ARGUMENTS)
        text = self.fill(first, words)
        if rest and len(text) + len(rest[0]) < 290:
            text += " " + self.fill(rest[0], words)
        return text[:300]

    def quote(self) -> str:
        prefix = self.rng.choice(fragments.QUOTE_PREFIXES)
        text = self.rng.choice(fragments.QUOTES)
        return (prefix + text)[0].upper() + (prefix + text)[1:]

    # metadata -----------------------------------------------------------------------------

    def pick_topics(self) -> list[Topic]:
        theme = self.rng.choice(self.ctx.topics)
        pool = self.ctx.related[theme.pk] or self.ctx.topics
        extra = self.rng.sample(pool, min(len(pool), self.rng.choice((0, 1, 1, 2, 2, 3))))
        return [theme, *(t for t in extra if t.pk != theme.pk)]

    def pick_experts(self, theme: Topic, count: int) -> list[PersonPage]:
        pool = self.ctx.experts_by_topic.get(theme.pk, [])
        chosen: list[PersonPage] = []
        while len(chosen) < min(count, len(self.ctx.experts)):
            source = pool if pool and self.rng.random() < 0.75 else self.ctx.experts
            person = self.rng.choice(source)
            if person not in chosen:
                chosen.append(person)
        return chosen

    def guest_name(self) -> str:
        return f"{self.rng.choice(fragments.FIRST_NAMES)} {self.rng.choice(fragments.LAST_NAMES)}"

    def words_for(self, theme: Topic, day: date) -> dict[str, str]:
        subject = self.rng.choice(fragments.SUBJECTS.get(theme.slug, [theme.name.lower()]))
        years = [year for year in NOTABLE_YEARS if year < day.year] or [2001]
        return {
            "subject": subject,
            "Subject": subject[0].upper() + subject[1:],
            "actor": (actor := self.rng.choice(fragments.ACTORS)),
            "Actor": actor[0].upper() + actor[1:],
            "region": fragments.REGIONS.get(theme.slug, "the world"),
            "year": str(self.rng.choice(years)),
        }

    def past_day(self) -> date:
        span = (content.REFERENCE_DATE - EARLIEST).days - 1
        return EARLIEST + timedelta(days=self.rng.randint(0, span))

    def published(self, day: date) -> datetime:
        moment = clock_time(self.rng.randint(12, 21), self.rng.choice((0, 15, 30, 45)))
        return datetime.combine(min(day, content.REFERENCE_DATE), moment, tzinfo=UTC)

    # drafts -------------------------------------------------------------------------------

    def draft(self) -> Draft:
        """The next generated page, placed in the tree and ready to insert."""
        section = self.ctx.sections[self.rng.choices(self.kinds, self.weights)[0]]
        topics = self.pick_topics()
        day = self.past_day()
        draft = Draft(page=section.model())
        roles = self.fillers[section.model](draft, self.words_for(topics[0], day), day, topics)
        self.place(draft.page, section, topics[0])
        self.relate(draft, topics, roles)
        return draft

    def place(self, page: ContentPage, section: Section, primary: Topic) -> None:
        """Tree position, identity and publication fields, as add_child + publish set them."""
        slug, path = section.claim(page.title)
        day = page.display_date
        if isinstance(page, EventPage):  # announced a few weeks ahead
            day -= timedelta(days=self.rng.randint(14, 45))
        at = self.published(day)
        index = section.index
        page.slug, page.path, page.depth, page.numchild = slug, path, index.depth + 1, 0
        page.url_path = f"{index.url_path}{slug}/"
        page.draft_title = page.title
        page.content_type_id = section.content_type_id
        page.locale_id = self.ctx.locale_id
        page.translation_key = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = at
        page.primary_topic_id = primary.pk

    def relate(self, draft: Draft, topics: Sequence[Topic], roles: Sequence[tuple]) -> None:
        """Author, topic and program rows; also set in memory so serialising doesn't query."""
        draft.topics = [ContentPageTopic(topic_id=t.pk, sort_order=i) for i, t in enumerate(topics)]
        draft.authors = [
            ContentPageAuthor(
                person_id=person.pk if person else None,
                name="" if person else name,
                role=role,
                title_override=title_override,
                sort_order=i,
            )
            for i, (person, name, role, title_override) in enumerate(roles)
        ]
        draft.programs = self.programs_for(topics)
        page = draft.page
        page.authors, page.topics, page.programs = draft.authors, draft.topics, draft.programs
        page.related_pages = []
        page.wagtail_admin_comments = []

    def programs_for(self, topics: Sequence[Topic]) -> list[ProgramPage]:
        programs: list[ProgramPage] = []
        for topic in topics:
            for program in self.ctx.programs_by_topic.get(topic.pk, []):
                if program not in programs:
                    programs.append(program)
        return programs[:2]

    def byline(self, theme: Topic, count: int, role: str = "author") -> list[tuple]:
        rows = [(person, "", role, "") for person in self.pick_experts(theme, count)]
        if role == "author" and self.rng.random() < 0.08:
            rows.append((None, self.guest_name(), role, ""))
        return rows

    def common(self, page: ContentPage, title: str, words: dict, day: date, body: list) -> None:
        page.title = title
        page.display_date = day
        page.body = body
        page.dek = self.fill(self.rng.choice(fragments.DEKS), words)
        page.listing_summary = self.summary(words)

    def fill_op_ed(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        outlet = self.rng.choice(self.ctx.outlets)
        title = self.fill(self.rng.choice(fragments.TITLES), w)
        self.common(d.page, title, w, day, self.paragraphs(w, self.rng.randint(6, 9)))
        d.page.outlet_id = outlet.pk
        d.page.original_url = f"{outlet.url}/{day.year}/{slugify(title)[:70]}"
        d.page.original_date = day
        d.page.reprint_mode = self.rng.choices(("excerpt", "full", "link"), (60, 25, 15))[0]
        return self.byline(topics[0], self.rng.choice((1, 1, 1, 2)))

    def fill_mention(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        outlet = self.rng.choice(self.ctx.outlets)
        rows = self.byline(topics[0], self.rng.choice((1, 1, 2)), "featuring")
        expert = rows[0][0].title
        lead = self.fill(
            self.rng.choice(fragments.MENTION_LEADS),
            {
                **w,
                "expert": expert,
                "Expert": expert,
                "outlet": outlet.name,
                "Outlet": outlet.name,
            },
        )
        body = [self.block("paragraph", streams.rich(lead + " " + self.paragraph(w)))]
        body += self.paragraphs(w, self.rng.randint(1, 2))
        self.common(d.page, self.fill(self.rng.choice(fragments.MENTION_TITLES), w), w, day, body)
        d.page.outlet_id = outlet.pk
        d.page.external_url = f"{outlet.url}/{day.year}/{slugify(d.page.title)[:70]}"
        d.page.kind = self.rng.choices(
            ("online", "print", "tv", "radio", "podcast"), (35, 25, 20, 10, 10)
        )[0]
        d.page.quote = self.quote()
        return rows

    def fill_brief(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        body = self.sectioned(w, self.rng.randint(3, 4), (2, 3))
        self.common(d.page, self.fill(self.rng.choice(fragments.TITLES), w), w, day, body)
        d.page.key_points = self.points(w, 3)
        d.page.endnotes = self.endnotes(w, day, self.rng.randint(2, 4))
        return self.byline(topics[0], self.rng.choice((1, 1, 2)))

    def fill_explainer(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        title = self.fill(self.rng.choice(fragments.EXPLAINER_TITLES), w)
        self.common(d.page, title, w, day, self.paragraphs(w, self.rng.randint(4, 6)))
        d.page.key_points = self.points(w, self.rng.randint(3, 4))
        if self.ctx.series and self.rng.random() < 0.4:
            d.page.series_id = self.rng.choice(self.ctx.series).pk
        return self.byline(topics[0], 1)

    def fill_report(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        body = self.sectioned(w, self.rng.randint(5, 7), (3, 4))
        self.common(d.page, self.fill(self.rng.choice(fragments.TITLES), w), w, day, body)
        rows = self.byline(topics[0], self.rng.choice((1, 2, 2, 3)))
        d.page.summary = streams.rich_paragraphs([self.paragraph(w), self.paragraph(w)])
        d.page.key_takeaways = self.points(w, self.rng.randint(3, 4))
        d.page.endnotes = self.endnotes(w, day, self.rng.randint(5, 10))
        names = [person.title if person else name for person, name, _, _ in rows]
        d.page.citation = (
            f"{', '.join(names[:-1]) + ' and ' if len(names) > 1 else ''}{names[-1]}, "
            f"“{d.page.title},” {content.ORGANISATION}, {day:%B} {day.day}, {day.year}."
        )
        return rows

    def fill_qa(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        title = self.fill(self.rng.choice(fragments.QA_TITLES), w)
        self.common(d.page, title, w, day, self.paragraphs(w, 2))
        d.page.items = [
            self.block(
                "item",
                {
                    "question": question,
                    "answer": streams.rich_paragraphs(
                        self.paragraph(w) for _ in range(self.rng.randint(1, 2))
                    ),
                },
            )
            for question in self.sentences(fragments.QUESTIONS, self.rng.randint(4, 6), w)
        ]
        return self.byline(topics[0], self.rng.choice((1, 1, 2)))

    def fill_press_release(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        lead = self.fill(self.rng.choice(fragments.PRESS_LEADS), w)
        body = [self.block("paragraph", streams.rich(lead + " " + self.paragraph(w)))]
        body += self.paragraphs(w, self.rng.randint(2, 3))
        self.common(d.page, self.fill(self.rng.choice(fragments.PRESS_TITLES), w), w, day, body)
        d.page.dateline = "WASHINGTON, D.C."
        d.page.press_contact_name, d.page.press_contact_email = content.PRESS_CONTACT
        return [(None, content.ORGANISATION, "author", "")]

    def fill_event(self, d: Draft, w: dict, day: date, topics: list) -> list[tuple]:
        upcoming = self.rng.random() < 0.12
        if upcoming:
            span = (UPCOMING[1] - UPCOMING[0]).days
            day = UPCOMING[0] + timedelta(days=self.rng.randint(0, span))
        zone_name, venue, address = self.rng.choice(fragments.CITIES)
        event_format = self.rng.choices(("virtual", "in_person", "hybrid"), (50, 30, 20))[0]
        if event_format == "virtual":
            zone_name, venue, address = "America/New_York", "", ""
        hour = clock_time(self.rng.randint(9, 18))
        start = datetime.combine(day, hour, tzinfo=ZoneInfo(zone_name))
        lead = self.fill(self.rng.choice(fragments.EVENT_LEADS), w)
        body = [self.block("paragraph", streams.rich(lead + " " + self.paragraph(w)))]
        body += self.paragraphs(w, self.rng.randint(1, 2))
        title = self.fill(self.rng.choice(fragments.EVENT_TITLES), w)
        self.common(d.page, title, w, day, body)
        page = d.page
        page.start, page.end = start, start + timedelta(minutes=self.rng.choice((60, 75, 90, 120)))
        page.timezone, page.format, page.venue_name, page.venue_address = (
            zone_name,
            event_format,
            venue,
            address,
        )
        slug = slugify(title)[:60]
        if upcoming:
            page.registration_url = f"https://events.example.org/{slug}"
        else:
            page.recording_url = f"https://www.youtube.com/watch?v=dp-{slug[:20]}"
        if event_format != "in_person":
            page.livestream_url = f"https://www.youtube.com/watch?v=dp-live-{slug[:20]}"
        page.agenda = self.agenda(start)
        rows = [(p, "", "speaker", "") for p in self.pick_experts(topics[0], 3)]
        moderator = rows.pop()
        if self.rng.random() < 0.4:
            guest_title = self.rng.choice(fragments.GUEST_TITLES)
            rows.append((None, self.guest_name(), "speaker", guest_title))
        return [*rows, (moderator[0], "", "moderator", "")]

    def agenda(self, start: datetime) -> list[dict]:
        items, minute = [], 0
        last = len(fragments.AGENDA) - 1
        chosen = sorted(self.rng.sample(range(1, last), self.rng.randint(1, 2)))
        for position in [0, *chosen, last]:
            title, description = fragments.AGENDA[position]
            moment = start + timedelta(minutes=minute)
            items.append(
                self.block(
                    "item",
                    {
                        "time": f"{moment:%H:%M}:00",
                        "title": title,
                        "description": description,
                    },
                )
            )
            minute += 10 if position == 0 else self.rng.choice((20, 30, 40))
        return items


# --- Writing -------------------------------------------------------------------------------


def insert_rows(model: type[Model], objs: Sequence, fields: Sequence, returning=None) -> list:
    """INSERT ``objs`` into ``model``'s own table in backend-sized batches; no signals."""
    size = max(1, connection.ops.bulk_batch_size(list(fields), objs))
    rows: list = []
    manager = model._base_manager
    for start in range(0, len(objs), size):
        result = manager._insert(
            objs[start : start + size], fields=fields, returning_fields=returning, using="default"
        )
        if returning:
            rows.extend(result)
    return rows


def concrete_fields(model: type[Model], with_pk: bool = True) -> list:
    return [f for f in model._meta.local_concrete_fields if with_pk or not f.primary_key]


def revision_content(page: ContentPage) -> dict:
    """What ``save_revision`` stores for a new page, before publishing stamps it."""
    data = page.serializable_data()
    data.update(first_published_at=None, last_published_at=None, latest_revision_created_at=None)
    return data


def index_pages(pages: Sequence[ContentPage]) -> None:
    """Add the pages to Wagtail's search index in bulk, as ``update_index`` would."""
    backend = get_search_backend()
    for model in dict.fromkeys(type(page) for page in pages):
        backend.add_bulk(model, [page for page in pages if type(page) is model])


def write_batch(drafts: Sequence[Draft], page_type_id: int) -> None:
    """Insert one batch of drafts: tree rows, child tables, relations, revisions, pointers."""
    pages = [draft.page for draft in drafts]
    path_field = Page._meta.get_field("path")
    returned = insert_rows(
        Page, pages, concrete_fields(Page, False), returning=[Page._meta.pk, path_field]
    )
    ids = {path: pk for pk, path in returned}
    for page in pages:
        page.id = page.page_ptr_id = page.contentpage_ptr_id = ids[page.path]
        page._state.adding = False
    insert_rows(ContentPage, pages, concrete_fields(ContentPage))
    for model in dict.fromkeys(type(page) for page in pages):
        insert_rows(model, [p for p in pages if type(p) is model], concrete_fields(model))

    authors, topics, links = [], [], []
    through = ContentPage.programs.through
    for draft in drafts:
        page = draft.page
        for row in (*draft.authors, *draft.topics):
            row.page_id = page.pk
        authors += draft.authors
        topics += draft.topics
        links += [through(contentpage_id=page.pk, programpage_id=p.pk) for p in draft.programs]
    ContentPageAuthor.objects.bulk_create(authors)
    ContentPageTopic.objects.bulk_create(topics)
    through.objects.bulk_create(links)

    revisions = []
    for page in pages:
        revisions.append(
            Revision(
                content_type_id=page.content_type_id,
                base_content_type_id=page_type_id,
                object_id=str(page.pk),
                created_at=page.first_published_at,
                object_str=page.title,
                content=revision_content(page),
            )
        )
    returned = insert_rows(
        Revision,
        revisions,
        concrete_fields(Revision, False),
        returning=[Revision._meta.pk, Revision._meta.get_field("object_id")],
    )
    index_pages(pages)
    table = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET latest_revision_id = %s, live_revision_id = %s WHERE id = %s",  # noqa: S608
            [(revision_id, revision_id, int(object_id)) for revision_id, object_id in returned],
        )


def seed_bulk(count: int, log: Log) -> dict[str, int]:
    """Add ``count`` generated, published content pages; returns how many per section."""
    if not isinstance(count, int) or not 1 <= count <= MAX_PAGES:
        raise ValueError(f"The number of pages must be between 1 and {MAX_PAGES:,}: {count!r}")
    started = time.perf_counter()
    ctx = Context.load()
    generator = Generator(random.Random(f"{SEED}:{ctx.existing}"), ctx)  # noqa: S311
    log(f"Adding {count:,} pages in batches of {BATCH_SIZE:,}…")
    with transaction.atomic():
        done = 0
        while done < count:
            batch = [generator.draft() for _ in range(min(BATCH_SIZE, count - done))]
            write_batch(batch, ctx.page_type_id)
            done += len(batch)
            log(f"  {done:,}/{count:,} pages ({time.perf_counter() - started:.1f}s)")
        for section in ctx.sections.values():
            index = section.index
            Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    added = {slug: section.added for slug, section in ctx.sections.items()}
    summary = ", ".join(f"{n:,} {slug}" for slug, n in added.items())
    log(f"Added {count:,} pages in {time.perf_counter() - started:.1f}s: {summary}.")
    return added
