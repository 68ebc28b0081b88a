"""Outlets, series, the ContentPage family and the section indexes that hold them.

One module a kind: ``snippets``, ``content`` (ContentPage and its rows), ``articles`` (the
content types besides events), ``events`` and ``indexes``. Every public name is re-exported
here, so ``from publications.models import EventPage`` works wherever the class is defined.
"""

from .articles import (
    BriefPage,
    ExplainerPage,
    MediaKind,
    MediaMentionPage,
    OpEdPage,
    PressReleasePage,
    QAPage,
    ReportPage,
    ReprintMode,
)
from .content import (
    WORDS_PER_MINUTE,
    AuthorRole,
    ContentPage,
    ContentPageAuthor,
    ContentPageRelated,
    ContentPageTopic,
    content_panels_for,
)
from .events import (
    ICS_ROUTE,
    ICS_STATUS,
    EventFormat,
    EventPage,
    EventStatus,
    timezone_choices,
)
from .indexes import (
    SECTION_TEMPLATE,
    BriefIndexPage,
    EventIndexPage,
    ExplainerIndexPage,
    MediaMentionIndexPage,
    OpEdIndexPage,
    PressReleaseIndexPage,
    PublicationIndexPage,
    QAIndexPage,
    ReportIndexPage,
    ResearchIndexPage,
    SectionIndexPage,
)
from .snippets import (
    Outlet,
    Series,
)

__all__ = [
    "AuthorRole",
    "BriefIndexPage",
    "BriefPage",
    "ContentPage",
    "ContentPageAuthor",
    "ContentPageRelated",
    "ContentPageTopic",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventStatus",
    "ExplainerIndexPage",
    "ExplainerPage",
    "ICS_ROUTE",
    "ICS_STATUS",
    "MediaKind",
    "MediaMentionIndexPage",
    "MediaMentionPage",
    "OpEdIndexPage",
    "OpEdPage",
    "Outlet",
    "PressReleaseIndexPage",
    "PressReleasePage",
    "PublicationIndexPage",
    "QAIndexPage",
    "QAPage",
    "ReportIndexPage",
    "ReportPage",
    "ReprintMode",
    "ResearchIndexPage",
    "SECTION_TEMPLATE",
    "SectionIndexPage",
    "Series",
    "WORDS_PER_MINUTE",
    "content_panels_for",
    "timezone_choices",
]
