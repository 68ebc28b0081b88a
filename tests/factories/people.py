import factory

from people.models import ExpertsIndexPage, PeopleIndexPage, PersonPage

from .base import PublishedPageFactory


class PeopleIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = PeopleIndexPage

    title = "People"
    slug = "people"


class ExpertsIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ExpertsIndexPage

    title = "Experts"
    slug = "experts"


class PersonPageFactory(PublishedPageFactory):
    class Meta:
        model = PersonPage

    first_name = factory.Sequence(lambda n: f"Daniel{n}")
    last_name = "DePetris"
    title = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    job_title = "Fellow"
    short_bio = "Writes on grand strategy and the Western Hemisphere."
