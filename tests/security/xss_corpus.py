"""The XSS corpus, the code that writes it into every editable field, and the checks of the
HTML that comes out (used by test_xss.py and test_csp.py).

Every payload that would run calls ``__xss(n)`` or ``alert(n)``: the browser tests define a
``__xss`` trap and listen for dialogs, so anything that fires is reported with its number.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

from django.db import models
from playwright.sync_api import Browser, sync_playwright
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import RichText

T = TypeVar("T")

# --- Payloads ------------------------------------------------------------------------------

# Markup that must come out as text wherever an editor types text.
TEXT_PAYLOADS = [
    "<script>__xss(1)</script>",
    '"><img src=x onerror=__xss(2)>',
    "'><svg onload=__xss(3)>",
    "<svg><script>__xss(4)</script></svg>",
    "</title><script>__xss(5)</script>",
    "</script><script>__xss(6)</script>",
    "'-__xss(7)-'",
    '";__xss(8);//',
    "<img src=x onerror=alert(9)>",
    "<details open ontoggle=__xss(10)>",
    '<iframe srcdoc="<script>parent.__xss(11)</script>"></iframe>',
    "</textarea></style></noscript><script>__xss(12)</script>",
    "<!--<script>__xss(13)</script>-->",
    "\u2028\u2029</script><script>__xss(14)</script>",
    '<a href="javascript:__xss(15)">link</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(16)>",
    "<input autofocus onfocus=__xss(17)>",
    '<object data="javascript:__xss(18)"></object>',
    '<base href="javascript:__xss(19)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss(20)">',
    "{{ request.META }}{% debug %}",
    "]]><script>__xss(21)</script>",
]

# Values that must never reach a browser as the target of a link or a form.
SCRIPT_URLS = [
    "javascript:__xss(30)",
    "JaVaScRiPt:__xss(31)",
    "java\tscript:__xss(32)",
    "java&#x09;script:__xss(33)",
    "&#106;avascript:__xss(34)",
    " javascript:__xss(35)",
    "data:text/html,<script>__xss(36)</script>",
    "vbscript:__xss(37)",
    "jav&#x0A;ascript:__xss(38)",
]

# URLs that pass URL validation but try to break out of the attribute they are written into.
BREAKOUT_URLS = [
    'https://example.org/"><script>__xss(40)</script>',
    "https://example.org/'onmouseover='__xss(41)'",
    "https://example.org/?q=</script><script>__xss(42)</script>",
]

# Raw HTML written into rich text without the editor: the rendering side must clean it.
RAW_RICH_TEXT = (
    "<p>Rich text with <b>bold</b> and a "
    '<a href="https://example.com/ok">safe link</a>.</p>'
    + "".join(f'<p><a href="{url}">script link {n}</a></p>' for n, url in enumerate(SCRIPT_URLS))
    + '<p onclick="__xss(50)" style="x:expression(__xss(51))">handler</p>'
    + '<a linktype="page" id="1" onmouseover="__xss(52)">page link</a>'
    + '<img src="x" onerror="__xss(53)" alt="broken">'
    + '<img src="javascript:__xss(54)" alt="js">'
    + "<svg><animate onbegin=__xss(55) attributeName=x dur=1s></svg>"
    + '<form action="javascript:__xss(56)"><button formaction="javascript:__xss(57)">go</button>'
    + "</form></div></main></body><script>__xss(58)</script>"
    + "<style>body{background:url(javascript:__xss(59))}</style>"
    + "<p>&lt;script&gt;__xss(60)&lt;/script&gt; stays text</p>"
    # Last: a payload opening an element that is never closed may swallow what follows.
    + "".join(f"<p>{payload}</p>" for payload in TEXT_PAYLOADS)
)
# The words of the corpus that must still be on the page, as text, after cleaning.
RICH_TEXT_SURVIVOR = "stays text"


def text_payload(max_length: int | None, start: int = 0) -> str:
    """As many text payloads as fit in ``max_length``, starting at ``start`` (so short fields
    together still cover the whole corpus)."""
    limit = max_length or 10_000
    chosen = ""
    for offset in range(len(TEXT_PAYLOADS)):
        payload = TEXT_PAYLOADS[(start + offset) % len(TEXT_PAYLOADS)]
        if len(chosen) + len(payload) + 1 > limit:
            continue
        chosen = f"{chosen} {payload}" if chosen else payload
    return chosen or "<b>"[:limit]


# --- Filling every editable field ----------------------------------------------------------

OUR_APPS = {"cms", "home", "people", "publications"}
PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}
# Text fields whose value the code interprets rather than shows (an IANA zone name).
NOT_FREE_TEXT = {"timezone"}


class Poisoner:
    """Writes the corpus into fields, with a counter so neighbouring fields get different
    payloads; ``image``/``document``/``page`` fill chooser blocks and foreign keys."""

    def __init__(self, image: Any, document: Any, page: Page | None = None) -> None:
        self.image = image
        self.document = document
        self.page = page
        self.counter = 0

    def text(self, max_length: int | None) -> str:
        self.counter += 3
        return text_payload(max_length, self.counter)

    def url(self, max_length: int | None) -> str:
        self.counter += 1
        url = BREAKOUT_URLS[self.counter % len(BREAKOUT_URLS)]
        return url[: max_length or len(url)]

    def email(self) -> str:
        return '"><script>__xss(43)</script>@example.org'

    def block_value(self, block: blocks.Block) -> Any:
        """A value for any block: every child of a stream, every field of a struct."""
        if isinstance(block, blocks.StreamBlock):
            return [(name, self.block_value(child)) for name, child in block.child_blocks.items()]
        if isinstance(block, blocks.StructBlock):
            return {name: self.block_value(child) for name, child in block.child_blocks.items()}
        if isinstance(block, blocks.ListBlock):
            return [self.block_value(block.child_block)]
        if isinstance(block, blocks.RichTextBlock):
            return RichText(RAW_RICH_TEXT)
        if isinstance(block, blocks.URLBlock):
            return self.url(None)
        if isinstance(block, blocks.ChoiceBlock):
            # Written without the form's validation: the template must not trust the choice.
            return self.text(None)
        if isinstance(block, blocks.CharBlock | blocks.TextBlock):
            return self.text(block.field.max_length)
        if isinstance(block, ImageChooserBlock):
            return self.image
        if isinstance(block, DocumentChooserBlock):
            return self.document
        if isinstance(block, blocks.PageChooserBlock):
            return None  # LinkBlock: the URL is used instead
        if isinstance(block, blocks.TimeBlock):
            return dt.time(10, 30)
        return block.get_default()

    def stream(self, field: StreamField) -> list:
        return self.block_value(field.stream_block)

    def fill(self, obj: models.Model, *, page_fields: bool = False) -> list[str]:
        """Every free-text, URL, e-mail, rich-text and stream field of ``obj`` from our apps
        (plus Wagtail's page title, SEO title and search description); returns their names."""
        filled = []
        for field in obj._meta.concrete_fields:
            ours = field.model._meta.app_label in OUR_APPS
            if not ours and not (page_fields and field.name in PAGE_TEXT_FIELDS):
                continue
            if isinstance(field, models.ForeignKey):
                if field.related_model is type(self.image):
                    setattr(obj, field.attname, self.image.pk)
                elif field.related_model is type(self.document):
                    setattr(obj, field.attname, self.document.pk)
                else:
                    continue
            elif isinstance(field, StreamField):
                setattr(obj, field.name, self.stream(field))
            elif isinstance(field, RichTextField):
                setattr(obj, field.name, RAW_RICH_TEXT)
            elif isinstance(field, models.URLField):
                setattr(obj, field.name, self.url(field.max_length))
            elif isinstance(field, models.EmailField):
                setattr(obj, field.name, self.email())
            elif (
                isinstance(field, models.SlugField) or field.choices or field.name in NOT_FREE_TEXT
            ):
                continue
            elif isinstance(field, models.CharField | models.TextField):
                setattr(obj, field.name, self.text(field.max_length))
            else:
                continue
            filled.append(field.name)
        if isinstance(obj, Page):
            obj.draft_title = obj.title
        return filled


# --- Checking HTML ---------------------------------------------------------------------------

URL_ATTRIBUTES = {
    "action",
    "background",
    "cite",
    "data",
    "formaction",
    "href",
    "icon",
    "manifest",
    "poster",
    "src",
    "xlink:href",
}
SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# <style> too: none of our templates write one, and a parser reads what follows it as CSS.
DANGEROUS_ELEMENTS = {
    "applet",
    "base",
    "embed",
    "frame",
    "iframe",
    "math",
    "object",
    "style",
    "svg",
}
# The only scripts our templates write: the search page's two files (no inline code).
OUR_SCRIPT_SRC = re.compile(r"^/(pagefind/pagefind-ui\.js|static/js/search(\.[0-9a-f]{12})?\.js)$")


def script_url(value: str) -> bool:
    """Whether a browser would run ``value`` (already entity-decoded) as script when it is
    followed: browsers drop ASCII whitespace and control characters inside a scheme."""
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value)
    return bool(SCRIPT_SCHEME.match(squeezed)) and not squeezed.lower().startswith("data:image/")


class HtmlAudit(HTMLParser):
    """What a page contains that our templates never write: scripts other than our files and
    JSON-LD, event-handler attributes, script URLs, embedding elements."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems: list[str] = []
        self.in_json_ld = False
        self.json_ld: list[str] = []
        self.json_ld_blocks = 0

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.name}: {text}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for attribute, value in attrs:
            if attribute.startswith("on"):
                self.problem(f"<{tag} {attribute}={value!r}>")
            if attribute in URL_ATTRIBUTES and value and script_url(value):
                self.problem(f"<{tag} {attribute}={value!r}>")
            if attribute == "srcdoc":
                self.problem(f"<{tag} srcdoc>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = (values.get("content") or "").partition("url=")[2]
            if script_url(target):
                self.problem(f"meta refresh to {target!r}")
        if tag in DANGEROUS_ELEMENTS:
            self.problem(f"<{tag}> element")
        if tag == "script":
            if values.get("type") == "application/ld+json" and set(values) == {"type"}:
                self.in_json_ld = True
                self.json_ld = []
            elif set(values) <= {"src", "defer"} and OUR_SCRIPT_SRC.match(values.get("src") or ""):
                pass
            else:
                self.problem(f"<script {values}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.in_json_ld:
            self.in_json_ld = False
            self.json_ld_blocks += 1
            text = "".join(self.json_ld)
            if "<" in text or ">" in text:
                self.problem("JSON-LD with an unescaped < or >")
            try:
                json.loads(text)
            except ValueError as exc:
                self.problem(f"JSON-LD that is not JSON ({exc})")


def audit_html(name: str, html: str) -> list[str]:
    audit = HtmlAudit(name)
    audit.feed(html)
    audit.close()
    if audit.in_json_ld:
        audit.problem("unterminated JSON-LD script")
    return audit.problems


def audit_tree(root: Path) -> tuple[int, list[str]]:
    """Audit every HTML file of a build; XML, JSON and calendars must at least parse as such."""
    from xml.etree import ElementTree

    checked, problems = 0, []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        if name.startswith("pagefind/"):
            continue
        if path.suffix == ".html":
            problems += audit_html(name, path.read_text("utf-8"))
            checked += 1
        elif path.suffix == ".json":
            json.loads(path.read_text("utf-8"))
        elif path.suffix == ".xml":
            for element in ElementTree.fromstring(path.read_bytes()).iter():  # noqa: S314 - ours
                if element.tag.rpartition("}")[2].lower() == "script":
                    problems.append(f"{name}: a <script> element in XML")
    return checked, problems


# --- Serving a build to the browser --------------------------------------------------------


def in_chromium(work: Callable[[Browser], T]) -> T:
    """``work(browser)`` in a thread of its own with its own Playwright and Chromium.

    Playwright's sync API switches greenlets, and Django's connections are per context: started
    from a Django TestCase's thread, the test's teardown would get a second connection to the
    in-memory test database, locked out by the first one's open transaction.
    """
    from ..conftest import CHROMIUM, CHROMIUM_ARGS

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    outcome["value"] = work(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# Run before any page script: records payloads that fire instead of letting them do anything.
TRAP_SCRIPT = """
window.__fired = [];
window.__xss = function (n) { window.__fired.push(String(n)); };
"""
# Looks at the live DOM, after the browser's own parsing: scripts, handlers, script URLs.
DOM_AUDIT = """
() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) problems.push(`${el.tagName} ${attr.name}`);
    }
  }
  const ours = /^\\/(pagefind\\/pagefind-ui\\.js|static\\/js\\/search(\\.[0-9a-f]{12})?\\.js)$/;
  for (const script of document.scripts) {
    const type = script.getAttribute('type');
    if (type === 'application/ld+json') continue;
    const src = script.getAttribute('src') || '';
    if (!ours.test(src)) {
      problems.push(`script ${src || script.textContent.slice(0, 60)}`);
    }
  }
  const urls = document.querySelectorAll('[href],[src],[action],[formaction],[data]');
  for (const el of urls) {
    for (const name of ['href', 'src', 'action', 'formaction', 'data']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let protocol = '';
      try { protocol = new URL(value, document.baseURI).protocol; } catch (e) { continue; }
      // Pagefind's own search form: submitting it is prevented by its script.
      if (el.matches('form.pagefind-ui__form') && value === 'javascript:void(0);') continue;
      if (['javascript:', 'vbscript:'].includes(protocol)
          || (protocol === 'data:' && !value.trim().toLowerCase().startsWith('data:image/'))) {
        problems.push(`${el.tagName} ${name}=${value}`);
      }
    }
  }
  for (const tag of ['iframe', 'object', 'embed', 'base', 'frame']) {
    if (document.querySelector(tag)) problems.push(`<${tag}>`);
  }
  return problems;
}
"""
