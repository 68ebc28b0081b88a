"""Rich text is cleaned again when it is rendered, not only when the admin saves it.

Wagtail sanitises rich text on the way in (the Draftail editor's contentstate converter keeps
only the enabled features) but renders whatever HTML the database holds. Anything that writes
rich text without the editor (a content import, a data migration, ``seed_demo``, a script)
could otherwise put a ``<script>`` or an ``onerror=`` on the public site. ``clean_rich_text``
re-serialises the HTML from its parse: only allow-listed elements and attributes are written,
every text and attribute value is escaped again, links keep only safe schemes, and elements
are balanced so rich text cannot close the template's own elements.

What the editor produces comes out unchanged (same elements, attributes and escaping), so the
filter costs nothing in the output of ordinary content.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from wagtail.whitelist import check_url

# Everything the rich-text features of cms.blocks can produce, after Wagtail expands its
# <a linktype> and <embed> placeholders.
ALLOWED_ELEMENTS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "s",
        "strong",
        "sub",
        "sup",
        "u",
        "ul",
    }
)
VOID_ELEMENTS = frozenset({"br", "hr", "img"})
# Elements whose content is code, not text for readers: dropped with their content. Any other
# element that is not allowed (svg, iframe, textarea…) loses its tags and attributes but keeps
# its text, which is escaped like all text.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "width", "height", "class"}),
}
GLOBAL_ATTRIBUTES = frozenset({"data-block-key"})
URL_ATTRIBUTES = frozenset({"href", "src"})


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping: list[str] = []  # open elements dropped with their content

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset()) | GLOBAL_ATTRIBUTES
        written = []
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            if name in URL_ATTRIBUTES and check_url(value) is None:
                continue
            written.append(f' {name}="{escape(value, quote=True)}"')
        return "".join(written)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.skipping:
            if tag in DROPPED_WITH_CONTENT and not closed:
                self.skipping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            if not closed and tag not in VOID_ELEMENTS:
                self.skipping.append(tag)
            return
        if tag not in ALLOWED_ELEMENTS:
            return
        slash = "/" if closed else ""
        self.out.append(f"<{tag}{self._attributes(tag, attrs)}{slash}>")
        if tag not in VOID_ELEMENTS and not closed:
            self.open.append(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=tag in VOID_ELEMENTS)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag not in self.open:
            return
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return "".join(self.out)


def clean_rich_text(html: str) -> str:
    """``html`` with only the allow-listed elements, attributes and URL schemes, re-escaped."""
    if not html:
        return ""
    cleaner = _Cleaner()
    cleaner.feed(html)
    return cleaner.result()
