"""A page factory that publishes a revision, as an editor's Publish does."""

import factory
import wagtail_factories
from wagtail.models import Collection


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Publishes after every post-generation hook ran; ``publish=False`` leaves a bare page."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    publish = factory.PostGeneration(
        lambda obj, create, extracted, **kwargs: extracted is not False
    )

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and (results or {}).get("publish", True):
            instance.save_revision().publish()


def root_collection() -> Collection:
    return Collection.get_first_root_node()
