"""``clean_rich_text`` on arbitrary and hostile input: never raises, never lets code through,
and is idempotent (its output is a fixed point, so cleaning at save and at render agree)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cms.sanitize import clean_rich_text

pytestmark = pytest.mark.dbless

# html.parser raised AssertionError on this (a 500 on the page, a failed build).
KNOWN_PAYLOAD = '<![><img src="]><img src=x onerror=alert(39)//">'

FRAGMENTS = [
    "<script>",
    "</script>",
    "<script src=//x>",
    "<img",
    "<img src=x onerror=alert(1)>",
    "<svg",
    "<svg onload=alert(2)>",
    "</svg>",
    "<iframe",
    "<iframe srcdoc='<script>alert(3)</script>'>",
    "<a",
    "<a href=",
    '<a href="javascript:alert(4)">',
    "<a href='jav&#x09;ascript:alert(5)'>",
    '<a linktype="page" id="3">',
    '<a href="/x/" data-page-link>',
    " data-page-link",
    " data-rich-text-link",
    "<br/>",
    "<hr>",
    "</a>",
    "<p>",
    "</p>",
    "<b>",
    "<style>",
    "</style>",
    "<math><mtext><table><mglyph><style>",
    "<![",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<!",
    "<?",
    " onerror=",
    " onclick=alert(6)",
    " ONLOAD=",
    " src=",
    " href=",
    "javascript:",
    " data-block-key=k",
    '"',
    "'",
    ">",
    "<",
    "/",
    "=",
    "&",
    "&lt;",
    "&#",
    "alert(7)",
    "text",
    " ",
    "\n",
    "\x00",
]

html_ish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=30).map("".join)


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser-like tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


# Ammonia writes text `<` as `&lt;` and every attribute value double-quoted: so a tag in its
# output is exactly this, and anything else starting `<` + letter would be a bug.
_TAG = re.compile(r'<([a-z][a-z0-9]*)((?:\s[^\s="<>]+="[^"]*")*)\s*/?>')
_ATTR_NAME = re.compile(r'\s([^\s="<>]+)="[^"]*"')


def assert_safe(cleaned: str) -> None:
    assert "<script" not in cleaned.lower()
    # No event handler attribute in any tag (" onerror=" in text or in a value is only text).
    starts = [m.start() for m in re.finditer(r"<[a-zA-Z]", cleaned)]
    tags = list(_TAG.finditer(cleaned))
    assert starts == [m.start() for m in tags], cleaned
    for tag in tags:
        names = _ATTR_NAME.findall(tag.group(2))
        assert not [n for n in names if n.lower().startswith("on")], tag.group(0)
    parser = _Tags()
    parser.feed(cleaned)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag != "script"
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src"} and value:
                squashed = re.sub(r"[\x00-\x20]+", "", value).lower()
                assert not squashed.startswith(("javascript:", "data:", "vbscript:")), value


def check(html: str) -> None:
    cleaned = clean_rich_text(html)
    assert_safe(cleaned)
    assert clean_rich_text(cleaned) == cleaned
    marked = clean_rich_text(html, mark_links=True)
    assert_safe(marked)
    # Marks are only added: without them, the same HTML (marked output is final, not re-cleaned).
    assert clean_rich_text(marked) == cleaned


@settings(max_examples=400, deadline=None)
@given(st.text())
@example(KNOWN_PAYLOAD)
def test_arbitrary_text(html: str) -> None:
    check(html)


@settings(max_examples=1500, deadline=None)
@given(html_ish)
@example(KNOWN_PAYLOAD)
@example('<a href="javascript:alert(1)">x</a>')
@example("<a>x<a href='/y'>y</a></a>")
def test_html_fragments(html: str) -> None:
    check(html)


def test_known_payload_is_cleaned_not_raised() -> None:
    cleaned = clean_rich_text(KNOWN_PAYLOAD)
    assert cleaned == '<img src="]&gt;&lt;img src=x onerror=alert(39)//">'
    assert_safe(cleaned)


def test_ordinary_rich_text_is_unchanged() -> None:
    html = (
        '<p data-block-key="a1">Read <a href="/briefs/b/" title="T">the brief</a>,'
        " <b>bold</b> &amp; <i>more</i>.<br/></p><hr/><ul><li>one</li></ul>"
        '<img alt="x" class="richtext-image left" height="10" src="/media/x.png" width="20">'
    )
    assert clean_rich_text(html) == html


def test_links_without_href_become_text() -> None:
    """Wagtail renders a link to a page the public cannot see as ``<a>``; so is a link whose
    URL was unsafe once its ``href`` is dropped."""
    html = '<p><a>hidden page</a> and <a href="javascript:alert(1)">bad</a></p>'
    assert clean_rich_text(html) == "<p>hidden page and bad</p>"


def test_the_html_site_marks_the_site_links_editors_typed() -> None:
    html = (
        '<p><a href="/briefs/x/">typed</a> <a href="https://example.com/">away</a>'
        ' <a href="/briefs/y/" data-page-link="">page</a></p>'
    )
    assert clean_rich_text(html, mark_links=True) == (
        '<p><a href="/briefs/x/" data-rich-text-link="">typed</a>'
        ' <a href="https://example.com/">away</a> <a href="/briefs/y/">page</a></p>'
    )
    # Elsewhere (the API) no marks, and a page link's attribute is not kept either.
    assert clean_rich_text(html) == (
        '<p><a href="/briefs/x/">typed</a> <a href="https://example.com/">away</a>'
        ' <a href="/briefs/y/">page</a></p>'
    )


def test_a_sanitiser_failure_renders_escaped_text(monkeypatch, caplog) -> None:
    import cms.sanitize

    class Broken:
        def clean(self, html: str) -> str:
            raise RuntimeError("boom")

    monkeypatch.setattr(cms.sanitize, "_cleaner", Broken())
    assert clean_rich_text("<p>a <b>b</b> &lt;c&gt;</p>") == "a b &lt;c&gt;"
    assert "could not be sanitised" in caplog.text
