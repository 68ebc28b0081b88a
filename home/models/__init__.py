"""Site-level pages, the topic taxonomy, programs, site settings and the image model.

Every public name is re-exported here, so ``from home.models import Topic`` works wherever the
class is defined.
"""

from .pages import (
    HomePage,
    HomePageLeadStory,
    MenuItemBlock,
    ProgramFeatured,
    ProgramIndexPage,
    ProgramPage,
    SearchPage,
    SiteImage,
    SiteRendition,
    SiteSettings,
    SocialLinkBlock,
    StandardPage,
    Topic,
    TopicHubFeatured,
    TopicHubIndexPage,
    TopicHubPage,
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
