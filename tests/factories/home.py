import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.rich_text import RichText

from home.models import (
    HomePage,
    ProgramIndexPage,
    ProgramPage,
    SearchPage,
    StandardPage,
    Topic,
    TopicHubIndexPage,
    TopicHubPage,
)

from .base import PublishedPageFactory, root_collection


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    description = "A person speaking at a lectern"
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=64, height=48, color="navy")


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = "Defense Priorities"
    slug = "home"


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"About us {n}")
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>We are a think tank.</p>"))])


class SearchPageFactory(PublishedPageFactory):
    class Meta:
        model = SearchPage

    title = "Search"


class TopicHubIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = TopicHubIndexPage

    title = "Policy Topics"
    slug = "policy-topics"


class TopicHubPageFactory(PublishedPageFactory):
    class Meta:
        model = TopicHubPage

    topic = factory.SubFactory(TopicFactory)
    title = factory.LazyAttribute(lambda o: o.topic.name)
    slug = factory.LazyAttribute(lambda o: o.topic.slug)


class ProgramIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ProgramIndexPage

    title = "Programs"


class ProgramPageFactory(PublishedPageFactory):
    class Meta:
        model = ProgramPage

    title = factory.Sequence(lambda n: f"Program {n}")
