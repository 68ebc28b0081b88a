import datetime as dt

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.rich_text import RichText

from publications.models import (
    BriefIndexPage,
    BriefPage,
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

from .base import PublishedPageFactory, root_collection


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Report {n} (PDF)")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n%%EOF\n")


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = "Lawfare"
    url = "https://www.lawfaremedia.org/"


class SeriesFactory(DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("slug",)

    title = "Restraint 101"
    slug = "restraint-101"


def _paragraphs(count: int = 3) -> list:
    text = (
        "<p>U.S. military action against the cartels inside Mexico is now a mainstream option.</p>"
    )
    return [("paragraph", RichText(text)) for _ in range(count)]


class ContentPageFactory(PublishedPageFactory):
    """Content pages: pass ``authors=[person_or_name, ...]`` and ``topics=[topic, ...]``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"What would bombing Mexico accomplish? {n}")
    display_date = dt.date(2025, 2, 16)
    dek = "The question is how the spats between two nationalist leaders are managed."
    body = factory.LazyFunction(_paragraphs)

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):  # noqa: N805
        for sort_order, author in enumerate(extracted or []):
            row = ContentPageAuthor(
                page=obj, sort_order=sort_order, role=kwargs.get("role", "author")
            )
            if isinstance(author, str):
                row.name = author
            else:
                row.person = author
            row.save()

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):  # noqa: N805
        for sort_order, topic in enumerate(extracted or []):
            ContentPageTopic.objects.create(page=obj, topic=topic, sort_order=sort_order)


def _index(model, title: str, slug: str):
    return type(
        f"{model.__name__}Factory",
        (PublishedPageFactory,),
        {"Meta": type("Meta", (), {"model": model}), "title": title, "slug": slug},
    )


BriefIndexPageFactory = _index(BriefIndexPage, "Briefs", "briefs")
ExplainerIndexPageFactory = _index(ExplainerIndexPage, "Explainers", "explainers")
ReportIndexPageFactory = _index(ReportIndexPage, "Reports", "reports")
QAIndexPageFactory = _index(QAIndexPage, "Q&As", "qa")
OpEdIndexPageFactory = _index(OpEdIndexPage, "Op-eds", "op-eds")
MediaMentionIndexPageFactory = _index(MediaMentionIndexPage, "In the media", "in-the-media")
PressReleaseIndexPageFactory = _index(PressReleaseIndexPage, "Press releases", "press-releases")
EventIndexPageFactory = _index(EventIndexPage, "Events", "events")
ResearchIndexPageFactory = _index(ResearchIndexPage, "Research", "research")


class BriefPageFactory(ContentPageFactory):
    class Meta:
        model = BriefPage

    key_points = factory.LazyFunction(lambda: [("point", RichText("<p>Deterrence holds.</p>"))])


class ExplainerPageFactory(ContentPageFactory):
    class Meta:
        model = ExplainerPage

    key_points = factory.LazyFunction(
        lambda: [("point", RichText("<p>Restraint is a strategy.</p>"))]
    )
    series = factory.SubFactory(SeriesFactory)


class ReportPageFactory(ContentPageFactory):
    class Meta:
        model = ReportPage

    summary = "<p>A summary of the report.</p>"
    pdf = factory.SubFactory(DocumentFactory)
    body = factory.LazyFunction(
        lambda: [("heading", {"text": "Findings", "level": "h2"}), *_paragraphs(2)]
    )


class QAPageFactory(ContentPageFactory):
    class Meta:
        model = QAPage

    items = factory.LazyFunction(
        lambda: [("item", {"question": "Why restraint?", "answer": RichText("<p>Because.</p>")})]
    )


class OpEdPageFactory(ContentPageFactory):
    class Meta:
        model = OpEdPage

    outlet = factory.SubFactory(OutletFactory)
    original_url = "https://www.lawfaremedia.org/article/what-would-bombing-mexico-accomplish"


class MediaMentionPageFactory(ContentPageFactory):
    class Meta:
        model = MediaMentionPage

    outlet = factory.SubFactory(OutletFactory, name="Bloomberg", url="https://www.bloomberg.com/")
    external_url = "https://www.bloomberg.com/news/aukus"
    quote = "The pact deserves a hard look."


class PressReleasePageFactory(ContentPageFactory):
    class Meta:
        model = PressReleasePage

    dateline = "WASHINGTON, D.C."


class EventPageFactory(ContentPageFactory):
    class Meta:
        model = EventPage

    start = factory.LazyFunction(lambda: dt.datetime(2025, 6, 10, 16, 0, tzinfo=dt.UTC))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1))
    timezone = "America/New_York"
    format = "virtual"
