"""`search_index`: a Pagefind index of the public build only, recorded in the manifest, stable
from run to run, and usable from the static files in a browser."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from cms.security_headers import static_site_headers
from deploy.errors import BuildError
from deploy.export.build import build_site
from deploy.export.manifest import MANIFEST_NAME, Manifest
from deploy.export.pagefind_format import UnknownFormat, canonicalise
from deploy.export.pagefind_format import _read as read_pagefind_file
from deploy.export.search_index import build_search_index
from publications.models import OpEdPage

from .. import factories as f
from ..base import SiteTestCase
from ..static_server import serve
from ..wagtail_roots import ensure_wagtail_roots
from .trees import leftovers


def body(text: str) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def bundle_files(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in (output / "pagefind").rglob("*")
        if p.is_file()
    }


def fragments(output: Path) -> list[dict]:
    """Every indexed page as Pagefind stores it: gzip, a signature, then JSON."""
    pages = []
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        pages.append(json.loads(data[len(b"pagefind_dcd") :]))
    return pages


def filters(output: Path) -> dict[str, set[str]]:
    """Each filter's values, from the filter files the language's meta file names."""
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    found: dict[str, set[str]] = {}
    for language in entry["languages"].values():
        meta = read_pagefind_file(output / "pagefind" / f"pagefind.{language['hash']}.pf_meta")
        for name, file_hash in meta[3]:
            data = read_pagefind_file(output / "pagefind" / "filter" / f"{file_hash}.pf_filter")
            found.setdefault(name, set()).update(value for value, _pages in data[1])
    return found


class SearchIndexTests(SiteTestCase):
    """One build of a small site with public, draft and password-protected pages, indexed once."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            title="Restraint in the Americas",
            slug="restraint-americas",
            outlet=cls.lawfare,
            authors=[cls.person, "Jane Freelance"],
            topics=[cls.grand_strategy, cls.americas],
            body=body("The word quetzalcoatlus is only in the public op-ed."),
        )
        draft = f.OpEdPageFactory(
            parent=cls.op_eds,
            title="Draft op-ed",
            outlet=cls.lawfare,
            body=body("CANARYDRAFTWORD"),
            publish=False,
        )
        draft.live = False
        draft.save()
        board = f.StandardPageFactory(
            parent=cls.home, title="Board", slug="board", body=body("CANARYPASSWORDWORD")
        )
        PageViewRestriction.objects.create(page=board, restriction_type="password", password="x")
        cls.tmp = Path(tempfile.mkdtemp(prefix="search-test-"))
        cls.output = cls.tmp / "site"
        build_site(cls.output, jobs=1)
        cls.result = build_search_index(cls.output)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def copy(self) -> Path:
        """A copy of the indexed build, for tests that change it."""
        folder = Path(tempfile.mkdtemp(prefix="search-test-", dir=self.tmp)) / "site"
        shutil.copytree(self.output, folder)
        return folder

    def test_the_bundle_is_written_and_recorded_in_the_manifest(self):
        files = bundle_files(self.output)
        for name in ["pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"]:
            self.assertIn(f"pagefind/{name}", files)
        self.assertTrue([p for p in files if p.startswith("pagefind/index/")])
        self.assertTrue([p for p in files if p.startswith("pagefind/fragment/")])
        self.assertTrue([p for p in files if p.endswith(".pf_meta")])
        manifest = Manifest.load(self.output)
        recorded = {p: e for p, e in manifest.entries.items() if p.startswith("pagefind/")}
        self.assertEqual(set(recorded), set(files))
        for path, data in files.items():
            self.assertEqual(recorded[path].sha256, hashlib.sha256(data).hexdigest(), path)
            self.assertEqual(recorded[path].size, len(data), path)
            self.assertTrue(recorded[path].cache_control, path)
        types = {path: entry.content_type.split(";")[0] for path, entry in recorded.items()}
        self.assertEqual(types["pagefind/pagefind.js"], "text/javascript")
        self.assertEqual(types["pagefind/pagefind-ui.css"], "text/css")
        fragment = next(p for p in recorded if p.endswith(".pf_fragment"))
        self.assertEqual(recorded[fragment].content_type, "application/octet-stream")
        # The rest of the manifest is the build's, untouched.
        self.assertIn(self.op_ed.url.lstrip("/") + "index.html", manifest.entries)
        self.assertEqual(sorted(self.result.files), sorted(files))
        self.assertRegex(self.result.summary(), r"Indexed \d+ pages for search .* in [\d.]+ s\.$")
        self.assertNotIn("Warning", self.result.summary())

    def test_the_search_page_loads_the_bundle_and_a_hashed_script(self):
        html = (self.output / self.search.url.lstrip("/") / "index.html").read_text()
        self.assertIn('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">', html)
        self.assertIn('<script src="/pagefind/pagefind-ui.js" defer></script>', html)
        self.assertRegex(html, r'<script src="/static/js/search\.[0-9a-f]{12}\.js" defer>')
        self.assertIn("<noscript>", html)
        inline = re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", html)
        self.assertEqual(inline, [])  # the Content-Security-Policy allows no inline script
        scripts = [p for p in Manifest.load(self.output).entries if p.startswith("static/js/")]
        self.assertRegex(scripts[0], r"^static/js/search\.[0-9a-f]{12}\.js$")

    def test_only_pages_with_a_body_are_indexed_with_their_filters(self):
        urls = {page["url"] for page in fragments(self.output)}
        self.assertIn(self.op_ed.url, urls)
        self.assertIn(self.person.url, urls)
        self.assertIn(self.about.url, urls)
        listings = [self.home, self.op_eds, self.research, self.grand_strategy_hub, self.search]
        for listing in listings:
            self.assertNotIn(listing.url, urls)
        page = next(p for p in fragments(self.output) if p["url"] == self.op_ed.url)
        self.assertEqual(page["meta"]["title"], "Restraint in the Americas")
        self.assertIn("quetzalcoatlus", page["content"])
        self.assertEqual(page["filters"]["type"], ["op-ed"])
        self.assertEqual(sorted(page["filters"]["topic"]), ["Americas", "Grand strategy"])
        self.assertEqual(sorted(page["filters"]["author"]), ["Daniel DePetris", "Jane Freelance"])
        self.assertEqual(page["meta"]["date"], "February 16, 2025")
        found = filters(self.output)
        self.assertLessEqual({"op-ed", "person"}, found["type"])
        self.assertIn("Grand strategy", found["topic"])

    def test_no_page_that_is_not_public_is_findable(self):
        compressed = [d for d in bundle_files(self.output).values() if d[:2] == b"\x1f\x8b"]
        text = b"".join(gzip.decompress(data) for data in compressed)
        self.assertIn(b"quetzalcoatlus", text)  # the check can see words
        self.assertNotIn(b"CANARYDRAFTWORD", text)
        self.assertNotIn(b"CANARYPASSWORDWORD", text)
        for path in self.result.files:
            self.assertNotIn(b"CANARY", (self.output / path).read_bytes())

    def test_a_second_run_over_the_same_build_gives_the_same_files(self):
        folder = self.copy()
        before = bundle_files(folder)
        manifest = (folder / MANIFEST_NAME).read_text()
        for _ in range(2):
            result = build_search_index(folder)
            self.assertEqual(bundle_files(folder), before)
            self.assertEqual((folder / MANIFEST_NAME).read_text(), manifest)
            self.assertEqual(result.removed, 0)

    def test_a_full_build_keeps_the_index_without_reading_the_previous_manifest(self):
        folder = self.copy()
        indexed = {p: e for p, e in Manifest.load(folder).entries.items() if "pagefind/" in p}
        # The previous manifest of a 10,000-page build is ~200 MB once parsed.
        with (
            mock.patch("deploy.export.manifest._last", None),  # not even this process's parsed copy
            mock.patch.object(Manifest, "from_json", side_effect=AssertionError("read")),
        ):
            build_site(folder, jobs=1, full=True)
        kept = {p: e for p, e in Manifest.load(folder).entries.items() if "pagefind/" in p}
        self.assertEqual(kept, indexed)
        self.assertEqual(bundle_files(folder), {p: (folder / p).read_bytes() for p in indexed})

    def test_a_bundle_in_an_unknown_format_is_left_as_pagefind_wrote_it(self):
        folder = self.copy()
        meta = next((folder / "pagefind").glob("*.pf_meta"))
        meta.write_bytes(gzip.compress(b"pagefind_dcd\xff"))
        before = bundle_files(folder)
        with self.assertRaises(UnknownFormat):
            canonicalise(folder / "pagefind")
        self.assertEqual(bundle_files(folder), before)
        with mock.patch(
            "deploy.export.search_index.canonicalise", side_effect=UnknownFormat("CBOR tag")
        ):
            result = build_search_index(folder)
        self.assertIn("Warning: index not byte-stable (CBOR tag)", result.summary())

    def test_stale_bundle_files_are_removed_from_disk_and_manifest(self):
        folder = self.copy()
        stale = folder / "pagefind" / "fragment" / "en_0000000.pf_fragment"
        stale.write_bytes(b"old")
        manifest = Manifest.load(folder)
        manifest.entries["pagefind/fragment/en_0000000.pf_fragment"] = manifest.entries[
            "pagefind/pagefind.js"
        ]
        (folder / MANIFEST_NAME).write_text(manifest.to_json())
        result = build_search_index(folder)
        self.assertFalse(stale.exists())
        self.assertNotIn("pagefind/fragment/en_0000000.pf_fragment", Manifest.load(folder).entries)
        self.assertEqual(result.removed, 1)
        self.assertEqual(leftovers(folder.parent), ["site"])  # no staging left

    def test_the_folders_of_a_killed_search_step_are_cleared_by_the_next(self):
        folder = self.copy()
        dead = subprocess.Popen(["true"])  # noqa: S607 — a process id that is surely gone
        dead.wait()
        killed = [
            folder.parent / f".site.pagefind-{kind}-{dead.pid}"
            for kind in ("snapshot", "staging", "old")
        ]
        running = folder.parent / f".site.pagefind-snapshot-{os.getppid()}"
        for leftover in [*killed, running]:
            (leftover / "op-eds").mkdir(parents=True)
            (leftover / "op-eds" / "index.html").write_text("a copy of a page")
        build_search_index(folder)
        self.assertEqual(leftovers(folder.parent), sorted(["site", running.name]))

    def test_html_that_is_not_a_build_output_is_never_indexed(self):
        folder = self.copy()
        (folder / "leftover.html").write_text("<body data-pagefind-body>STRAYWORD</body>")
        result = build_search_index(folder)
        compressed = [(folder / p).read_bytes() for p in result.files]
        text = b"".join(gzip.decompress(d) for d in compressed if d[:2] == b"\x1f\x8b")
        self.assertIn(b"quetzalcoatlus", text)  # the check can see words
        self.assertNotIn(b"STRAYWORD", text)

    def test_errors_are_clear(self):
        with self.assertRaisesMessage(BuildError, "run `manage.py build` first"):
            build_search_index(self.tmp / "missing")
        folder = self.copy()
        (folder / MANIFEST_NAME).unlink()
        with self.assertRaisesMessage(BuildError, "no readable manifest.json"):
            build_search_index(folder)
        with (
            mock.patch.dict("os.environ", {"PAGEFIND_BINARY_PATH": str(self.tmp / "nope")}),
            self.assertRaisesMessage(BuildError, "Pagefind binary was not found"),
        ):
            build_search_index(self.output)

    def test_command(self):
        folder = self.copy()
        out = io.StringIO()
        call_command("search_index", output=str(folder), stdout=out)
        self.assertRegex(out.getvalue(), r"Indexed \d+ pages for search")
        with self.assertRaisesMessage(CommandError, "Search index failed"):
            call_command("search_index", output=str(self.tmp / "missing"))


# --- in a browser, from the static files alone ----------------------------------------------


# The policy the site is meant to be served with: no inline script; WebAssembly for Pagefind.
@pytest.fixture
def served_demo_build(tmp_path: Path) -> Iterator[str]:
    """The seeded demo site, built and indexed, served as plain files from 127.0.0.1."""
    ensure_wagtail_roots()
    call_command("seed_demo", verbosity=0)
    output = tmp_path / "site"
    build_site(output, jobs=1)
    build_search_index(output)
    with serve(output, static_site_headers()) as base:  # under the site's real CSP
        yield base


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_page_finds_the_reference_op_ed_and_filters_by_type(browser, served_demo_build):
    op_ed = OpEdPage.objects.get(title="What would bombing Mexico accomplish?")
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # Failed loads are reported by URL below (Chromium's own /favicon.ico request aside).
    tab.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(f"console: {message.text}")
        ),
    )
    tab.on(
        "response",
        lambda r: (
            r.status >= 400
            and not r.url.endswith("/favicon.ico")
            and problems.append(f"{r.status} {r.url}")
        ),
    )
    try:
        tab.goto(served_demo_build + "/search/")
        tab.fill(".pagefind-ui__search-input", "Sheinbaum")
        link = tab.locator(".pagefind-ui__result-link", has_text=op_ed.title)
        link.wait_for()
        assert link.get_attribute("href") == op_ed.url
        assert "Sheinbaum" in tab.locator(".pagefind-ui__result-excerpt").first.inner_text()

        # The type filter offers op-ed; choosing it leaves only op-eds.
        tab.fill(".pagefind-ui__search-input", "Mexico")
        tab.locator(".pagefind-ui__message", has_text="Mexico").wait_for()
        types = tab.locator("input.pagefind-ui__filter-checkbox[name='type']")
        assert "op-ed" in [types.nth(i).get_attribute("value") for i in range(types.count())]
        tab.locator("label[for='type-op-ed']").click()
        # Results, and only op-eds: an empty list (the filtered results still loading on a
        # busy machine) is not yet the answer.
        tab.wait_for_function(
            "() => { const links = [...document.querySelectorAll('.pagefind-ui__result-link')];"
            " return links.length > 0"
            " && links.every(a => a.getAttribute('href').startsWith('/op-eds/')); }"
        )
        hrefs = tab.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert op_ed.url in hrefs
        assert all(href.startswith("/op-eds/") for href in hrefs), hrefs
        assert problems == [], problems  # CSP violations show up as console errors
    finally:
        context.close()
