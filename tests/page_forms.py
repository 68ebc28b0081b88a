"""Admin form data for each page type, in the shape Wagtail's editor submits."""

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

PARAGRAPH = ("paragraph", rich_text("<p>On Nov. 27, the President-elect had his first call.</p>"))


def _page(title: str, slug: str, **fields: Any) -> dict[str, Any]:
    return {"title": title, "slug": slug, **fields}


def _content(title: str, slug: str, *, person_id: int, topic_id: int, **fields: Any) -> dict:
    return _page(
        title,
        slug,
        display_date="2025-02-16",
        dek="A standfirst.",
        authors=inline_formset([{"person": str(person_id), "name": "", "role": "author"}]),
        topics=inline_formset([{"topic": str(topic_id)}]),
        related_pages=inline_formset([]),
        body=streamfield([PARAGRAPH, ("heading", {"text": "Findings", "level": "h2"})]),
        **fields,
    )


def _points() -> dict:
    return streamfield([("point", rich_text("<p>Deterrence holds without bases.</p>"))])


def form_data_for(page, *, title: str, person_id: int, topic_id: int, outlet_id: int) -> dict:
    """POST data that edits ``page`` (a page of any of our types) to carry ``title``."""
    name = type(page).__name__
    slug = page.slug
    content = {"person_id": person_id, "topic_id": topic_id}
    data: dict[str, Any]
    if name == "HomePage":
        data = _page(title, slug, intro="Realism and restraint.", lead_stories=inline_formset([]))
    elif name == "StandardPage":
        data = _page(title, slug, body=streamfield([PARAGRAPH]))
    elif name == "TopicHubPage":
        data = _page(
            title,
            slug,
            topic=str(page.topic_id),
            intro=rich_text("<p>Our work on this topic.</p>"),
            featured_items=inline_formset([]),
        )
    elif name == "ProgramPage":
        data = _page(
            title,
            slug,
            intro=rich_text("<p>A program.</p>"),
            director=str(person_id),
            topics=[str(topic_id)],
            featured_items=inline_formset([]),
        )
    elif name == "PersonPage":
        data = _page(
            title,
            slug,
            first_name="Daniel",
            last_name="DePetris",
            job_title="Fellow",
            affiliation="fellow",
            is_expert="on",
            short_bio="Writes on grand strategy.",
            bio=rich_text("<p>A longer biography.</p>"),
            expertise=[str(topic_id)],
        )
    elif name == "BriefPage":
        data = _content(title, slug, **content, key_points=_points(), endnotes=streamfield([]))
    elif name == "ExplainerPage":
        data = _content(title, slug, **content, key_points=_points())
    elif name == "ReportPage":
        data = _content(
            title,
            slug,
            **content,
            summary=rich_text("<p>Summary.</p>"),
            key_takeaways=_points(),
            endnotes=streamfield([("note", {"text": rich_text("<p>A source.</p>")})]),
            citation="Defense Priorities, 2025.",
        )
    elif name == "QAPage":
        item = {"question": "Why restraint?", "answer": rich_text("<p>Because it works.</p>")}
        data = _content(title, slug, **content, items=streamfield([("item", item)]))
    elif name == "OpEdPage":
        data = _content(
            title,
            slug,
            **content,
            outlet=str(outlet_id),
            original_url="https://www.lawfaremedia.org/article/example",
            original_date="2025-02-16",
            reprint_mode="excerpt",
        )
    elif name == "MediaMentionPage":
        data = _content(
            title,
            slug,
            **content,
            outlet=str(outlet_id),
            external_url="https://www.bloomberg.com/news/example",
            kind="print",
            quote="Quoted words.",
        )
    elif name == "PressReleasePage":
        data = _content(title, slug, **content, dateline="WASHINGTON, D.C.")
    elif name == "EventPage":
        agenda = {"time": "10:00", "title": "Opening remarks", "description": ""}
        data = _content(
            title,
            slug,
            **content,
            start="2025-06-10 16:00",
            end="2025-06-10 17:00",
            timezone="America/New_York",
            format="virtual",
            status="scheduled",
            agenda=streamfield([("item", agenda)]),
        )
    else:  # index pages, search page
        data = _page(title, slug, intro=rich_text("<p>Intro.</p>") if _rich_intro(page) else "")
    return nested_form_data(data)


def _rich_intro(page) -> bool:
    from wagtail.fields import RichTextField

    field = next((f for f in page._meta.get_fields() if f.name == "intro"), None)
    return isinstance(field, RichTextField)
