"""Site-level pages, the topic taxonomy, programs, site settings and the image model.

One module a kind: ``images``, ``topics``, ``pages`` and ``site_settings``. Every public name is
re-exported here, so ``from home.models import Topic`` works wherever the class is defined.
"""

from .images import (
    SiteImage,
    SiteRendition,
)
from .pages import (
    HomePage,
    HomePageLeadStory,
    ProgramFeatured,
    ProgramIndexPage,
    ProgramPage,
    SearchPage,
    StandardPage,
    TopicHubFeatured,
    TopicHubIndexPage,
    TopicHubPage,
)
from .site_settings import (
    MenuItemBlock,
    SiteSettings,
    SocialLinkBlock,
)
from .topics import (
    Topic,
    TopicKind,
)

__all__ = [
    "HomePage",
    "HomePageLeadStory",
    "MenuItemBlock",
    "ProgramFeatured",
    "ProgramIndexPage",
    "ProgramPage",
    "SearchPage",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "SocialLinkBlock",
    "StandardPage",
    "Topic",
    "TopicHubFeatured",
    "TopicHubIndexPage",
    "TopicHubPage",
    "TopicKind",
]
