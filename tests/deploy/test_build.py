"""`build`: complete, public-only, deterministic, fail-closed."""

import io
import json
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.rich_text import RichText

from deploy.errors import BuildError
from deploy.export.build import build_site
from deploy.export.manifest import Manifest

from .. import factories as f
from ..base import SiteTestCase
from .trees import leftovers, snapshot


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def body(text: str) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>"))]


class BuildTestCase(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="build-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.output = self.tmp / "site"

    def build(self, **kwargs):
        return build_site(self.output, **kwargs)


class FullBuildTests(BuildTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            outlet=cls.lawfare,
            slug="bombing-mexico",
            authors=[cls.person],
            topics=[cls.grand_strategy],
            listing_image=f.ImageFactory(),
        )
        cls.unused_image = f.ImageFactory(title="Never referenced")
        Redirect.objects.create(old_path="/old-op-ed", redirect_page=cls.op_ed)

    def test_every_public_page_and_site_file_is_written(self):
        result = self.build()
        files = tree(self.output)
        for page in [self.home, self.op_ed, self.person, self.grand_strategy_hub, self.research]:
            path = page.url.lstrip("/")
            self.assertIn(path + "index.html", files)
            self.assertIn(path + "index.json", files)
        for name in ["sitemap.xml", "robots.txt", "404.html", "feed.xml", "op-eds/feed.xml"]:
            self.assertIn(name, files)
        self.assertIn(b"Read at Lawfare", files["op-eds/bombing-mexico/index.html"])
        self.assertIn(b"Page not found", files["404.html"])
        self.assertGreater(result.rendered, 40)
        self.assertIn("rendered", result.summary())

    def test_json_is_the_api_representation(self):
        self.build()
        data = json.loads((self.output / "op-eds/bombing-mexico/index.json").read_text())
        self.assertEqual(data["id"], self.op_ed.pk)
        self.assertEqual(data["title"], self.op_ed.title)
        self.assertEqual(data["meta"]["html_url"], "https://www.example.org/op-eds/bombing-mexico/")
        api = self.client.get(f"/api/v2/pages/{self.op_ed.pk}/")
        self.assertEqual(api.json(), data)

    def test_manifest_describes_every_output(self):
        self.build()
        manifest = Manifest.load(self.output)
        files = tree(self.output)
        self.assertEqual(set(manifest.entries), set(files) - {"manifest.json"})
        html = manifest.entries["op-eds/bombing-mexico/index.html"]
        self.assertEqual(html.content_type, "text/html; charset=utf-8")
        self.assertIn("max-age=60", html.cache_control)
        self.assertEqual(
            manifest.entries["feed.xml"].content_type, "application/rss+xml; charset=utf-8"
        )
        css = [p for p in manifest.entries if p.startswith("static/") and p.endswith(".css")]
        self.assertEqual(len(css), 1)
        self.assertRegex(css[0], r"^static/css/site\.[0-9a-f]{12}\.css$")
        self.assertIn("immutable", manifest.entries[css[0]].cache_control)

    def test_only_referenced_media_and_never_admin_assets(self):
        self.build()
        files = tree(self.output)
        media = [p for p in files if p.startswith("media/")]
        self.assertTrue(media)
        self.assertTrue(all("/images/" in p or "/documents/" in p for p in media), media)
        originals = [p for p in media if p.startswith("media/original_images/")]
        self.assertEqual(originals, [])
        self.assertFalse([p for p in files if "wagtailadmin" in p or p.startswith("admin/")])

    def test_redirect_stub(self):
        self.build()
        stub = (self.output / "old-op-ed/index.html").read_text()
        self.assertIn(
            '<link rel="canonical" href="https://www.example.org/op-eds/bombing-mexico/">', stub
        )
        self.assertIn('http-equiv="refresh"', stub)

    def test_two_full_builds_are_identical(self):
        self.build()
        first = snapshot(self.output)
        self.build(full=True)
        self.assertEqual(snapshot(self.output), first)

    def test_command_prints_a_summary(self):
        out = io.StringIO()
        call_command("build", output=str(self.output), quiet=True, stdout=out)
        self.assertRegex(out.getvalue(), r"\d+ rendered, \d+ reused, \d+ removed in [\d.]+ s")
        with self.assertRaisesMessage(CommandError, "--jobs must be at least 1"):
            call_command("build", output=str(self.output), jobs=0)


class FailClosedTests(BuildTestCase):
    def respond_for(self, url: str, response):
        """Django's handler, except that ``url`` answers with ``response``."""
        from django.core.handlers.base import BaseHandler

        original = BaseHandler.get_response

        def get_response(handler, request):
            return response if request.path == url else original(handler, request)

        return mock.patch.object(BaseHandler, "get_response", get_response)

    def test_a_server_error_aborts_with_the_page_named(self):
        from django.http import HttpResponseServerError

        with (
            self.respond_for(self.about.url, HttpResponseServerError("oops")),
            self.assertRaisesMessage(BuildError, f"{self.about.url}: HTTP 500"),
        ):
            self.build()
        self.assertFalse(self.output.exists())
        self.assertEqual(leftovers(self.tmp), [])

    def test_private_cache_control_aborts_and_leaves_the_previous_build(self):
        from django.http import HttpResponse

        self.build()
        before = tree(self.output)
        response = HttpResponse("<p>hi</p>")
        response["Cache-Control"] = "private"
        with (
            self.respond_for(self.about.url, response),
            self.assertRaisesMessage(BuildError, "Cache-Control: private"),
        ):
            self.build(full=True)
        self.assertEqual(tree(self.output), before)
        self.assertEqual(leftovers(self.tmp), ["site"])

    def test_a_login_form_aborts(self):
        from django.http import HttpResponse

        form = HttpResponse('<form method="post"><input type="password" name="password"></form>')
        with (
            self.respond_for(self.about.url, form),
            self.assertRaisesMessage(BuildError, "password or login form"),
        ):
            self.build()

    def test_a_password_form_aborts_even_if_visibility_were_wrong(self):
        secret = f.StandardPageFactory(parent=self.home, title="Board minutes", slug="board")
        PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
        # Were the visibility rule ever wrong, Wagtail's password page must still stop the build.
        with (
            mock.patch("deploy.export.plan.visible", side_effect=lambda qs: qs.live()),
            self.assertRaisesMessage(BuildError, "/board/: response"),
        ):
            self.build()
        self.assertFalse(self.output.exists())

    def test_a_broken_internal_link_aborts_with_the_page_named(self):
        from django.http import HttpResponse

        page = HttpResponse('<!doctype html><html><body><a href="/nowhere/">x</a></body></html>')
        with (
            self.respond_for(self.about.url, page),
            self.assertRaisesMessage(
                BuildError,
                f"{self.about.url.lstrip('/')}index.html: broken internal link /nowhere/index.html",
            ),
        ):
            self.build()
        self.assertFalse(self.output.exists())

    def test_reused_pages_are_checked_again_when_an_output_they_link_is_removed(self):
        page = f.StandardPageFactory(parent=self.home, title="Linked", slug="linked")
        linking = f.StandardPageFactory(
            parent=self.home, title="Linking", slug="linking", body=body("see")
        )
        linking.body = [("paragraph", RichText(f'<p><a linktype="page" id="{page.pk}">x</a></p>'))]
        linking.save_revision().publish()
        self.build()
        page.unpublish()
        # Were a dependency ever missed, the linking page would be reused as it is.
        with (
            mock.patch("deploy.export.state.Changes.affects", return_value=False),
            self.assertRaisesMessage(BuildError, "linking/index.html: broken internal link"),
        ):
            self.build()
        self.assertIn(b"/linked/", (self.output / "linking/index.html").read_bytes())
        self.assertTrue((self.output / "linked/index.html").exists())  # the last good build


class ContentNeverStopsTheSiteTests(BuildTestCase):
    """One page's rich text cannot fail the whole build."""

    def test_a_link_to_an_unpublished_page_builds_as_text(self):
        target = f.StandardPageFactory(parent=self.home, title="Target", slug="target")
        text = f'<p>Read <a linktype="page" id="{target.pk}">the target</a>.</p>'
        f.StandardPageFactory(
            parent=self.home, slug="linking", body=[("paragraph", RichText(text))]
        )
        target.unpublish()
        result = self.build()
        html = (self.output / "linking/index.html").read_text()
        self.assertIn("<p>Read the target.</p>", html)
        self.assertNotIn("/target/", html)
        self.assertEqual(result.dead_editor_links, [])

    def test_a_dead_link_an_editor_typed_is_a_warning(self):
        text = (
            '<p><a href="/briefs/does-not-exist/">gone</a> <a href="/about/">fine</a>'
            ' <a href="/nowhere/#x">also gone</a></p>'
        )
        f.StandardPageFactory(
            parent=self.home, slug="linking", body=[("paragraph", RichText(text))]
        )
        result = self.build()
        self.assertEqual(
            result.dead_editor_links,
            [
                "linking/index.html: editor link to /briefs/does-not-exist/index.html",
                "linking/index.html: editor link to /nowhere/index.html",
            ],
        )
        self.assertIn(
            "Warning: 2 editor links point nowhere (see the admin's Broken links report).",
            result.summary(),
        )
        html = (self.output / "linking/index.html").read_text()
        self.assertIn('<a href="/briefs/does-not-exist/" data-rich-text-link="">gone</a>', html)
        # Reused by an incremental build, the page is still reported.
        self.assertEqual(self.build().dead_editor_links, result.dead_editor_links)

    def test_the_build_command_prints_the_warning(self):
        text = '<p><a href="/briefs/does-not-exist/">gone</a></p>'
        f.StandardPageFactory(
            parent=self.home, slug="linking", body=[("paragraph", RichText(text))]
        )
        out = io.StringIO()
        call_command("build", output=str(self.output), stdout=out)
        self.assertIn("1 editor link points nowhere", out.getvalue())
        self.assertIn("linking/index.html: editor link to /briefs/does-not-exist/", out.getvalue())


class VisibilityMatrixTests(BuildTestCase):
    """A unique canary in each non-public page: none may reach any output file."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {
            "parent": cls.op_eds,
            "outlet": cls.lawfare,
            "topics": [cls.grand_strategy],
            "authors": [cls.person],
        }
        cls.public = f.OpEdPageFactory(title="Public op-ed", body=body("public-text"), **common)

        draft = f.OpEdPageFactory(
            title="CANARY-DRAFT", body=body("CANARY-DRAFT"), publish=False, **common
        )
        draft.live = False
        draft.save()

        newer_draft = f.OpEdPageFactory(title="Live title", body=body("live-text"), **common)
        newer_draft.title = "CANARY-NEWER-DRAFT"
        newer_draft.body = body("CANARY-NEWER-DRAFT")
        newer_draft.save_revision()
        cls.live_with_draft = newer_draft

        scheduled = f.OpEdPageFactory(title="CANARY-SCHEDULED", publish=False, **common)
        scheduled.live = False
        scheduled.save()
        scheduled.go_live_at = timezone.now() + timezone.timedelta(days=1)
        scheduled.save_revision().publish()

        expired = f.OpEdPageFactory(title="CANARY-EXPIRED", body=body("CANARY-EXPIRED"), **common)
        type(expired).objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - timezone.timedelta(minutes=5)
        )

        unpublished = f.OpEdPageFactory(title="CANARY-UNPUBLISHED", **common)
        unpublished.unpublish()

        f.OpEdPageFactory(title="CANARY-DELETED", **common).delete()

        for kind in ("password", "login", "groups"):
            section = f.StandardPageFactory(
                parent=cls.home, title=f"CANARY-{kind}-SECTION", slug=f"private-{kind}"
            )
            restriction = PageViewRestriction.objects.create(
                page=section, restriction_type=kind, password="secret" if kind == "password" else ""
            )
            if kind == "groups":
                restriction.groups.add(Group.objects.get(name="Editors"))
            f.StandardPageFactory(
                parent=section, title=f"CANARY-{kind}-CHILD", slug=f"child-{kind}"
            )

        private_parent = cls.home.get_children().get(slug="private-password")
        moved = f.StandardPageFactory(parent=cls.home, title="CANARY-MOVED", slug="moved")
        moved.move(private_parent, pos="last-child")

        private_page = private_parent.get_children().get(slug="child-password").specific
        private_page.create_alias(parent=cls.home, update_slug="alias-of-private")
        private_source = f.StandardPageFactory(
            parent=cls.home, title="CANARY-ALIAS-SOURCE", slug="alias-source-parent"
        )
        PageViewRestriction.objects.create(page=private_source, restriction_type="login")
        hidden_child = f.StandardPageFactory(
            parent=private_source, title="CANARY-UNDER-PRIVATE", slug="under-private"
        )
        hidden_child.create_alias(parent=cls.home, update_slug="alias-of-hidden-child")

        private_collection = Collection.get_first_root_node().add_child(name="Board papers")
        CollectionViewRestriction.objects.create(
            collection=private_collection, restriction_type="login"
        )
        get_document_model().objects.create(
            title="CANARY-PRIVATE-DOC",
            collection=private_collection,
            file=ContentFile(b"%PDF-1.4 CANARY-PRIVATE-DOC-BYTES", name="board.pdf"),
        )

    def test_no_canary_in_any_output_and_every_public_page_present(self):
        self.build()
        files = tree(self.output)
        leaks = {path: c for path, data in files.items() for c in [b"CANARY"] if c in data}
        self.assertEqual(leaks, {})
        self.assertIn(self.public.url.lstrip("/") + "index.html", files)
        live = files[self.live_with_draft.url.lstrip("/") + "index.html"]
        self.assertIn(b"live-text", live)
        self.assertIn(b"Live title", live)
        for path in [
            "private-password/index.html",
            "alias-of-private/index.html",
            "alias-of-hidden-child/index.html",
            "moved/index.html",
        ]:
            self.assertNotIn(path, files)

    def test_a_public_page_linking_a_private_document_fails_closed(self):
        document = get_document_model().objects.get(title="CANARY-PRIVATE-DOC")
        page = f.StandardPageFactory(
            parent=self.home,
            slug="links-private-doc",
            body=[("document", {"document": document, "label": "Board papers"})],
        )
        self.assertTrue(page.live)
        with self.assertRaisesMessage(BuildError, "private collection"):
            self.build()
        self.assertFalse(self.output.exists())


class BuildQueryTests(BuildTestCase):
    """What a page costs in SQL does not grow with the site: rows are loaded per chunk."""

    def add_op_eds(self, count: int, start: int, *, monthly: bool = False) -> None:
        """``count`` op-eds by one person, this month or (``monthly``) a month apart each."""
        first = timezone.localdate().replace(day=1)
        for number in range(start, start + count):
            months_back = number if monthly else 0
            year, month = divmod(first.year * 12 + first.month - 1 - months_back, 12)
            f.OpEdPageFactory(
                parent=self.op_eds,
                title=f"Op-ed {number}",
                slug=f"op-ed-{number}",
                outlet=self.lawfare,
                display_date=first.replace(year=year, month=month + 1),
                authors=[self.person],
                topics=[self.grand_strategy],
            )

    def queries_of_a_full_build(self, name: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            build_site(self.tmp / name, full=True)
        return len(captured)

    def test_an_added_article_costs_a_query_or_so_not_nineteen(self):
        self.add_op_eds(5, start=0)
        before = self.queries_of_a_full_build("small")
        self.add_op_eds(40, start=5)
        after = self.queries_of_a_full_build("large")
        # 40 more pages, each an HTML page and a JSON document, and two more listing pages:
        # rendered one request at a time they cost 19 queries each.
        self.assertLess((after - before) / 40, 1.5, (before, after))

    def test_a_month_archive_costs_its_cards_not_its_breadcrumb_and_sidebars_again(self):
        self.add_op_eds(2, start=0, monthly=True)
        before = self.queries_of_a_full_build("small")
        self.add_op_eds(12, start=2, monthly=True)
        after = self.queries_of_a_full_build("large")
        # Each op-ed opens a month: its section's archive month and its author's. Each month
        # loads its cards (rows, topics, authors); the breadcrumb and the author's sidebars
        # ("In the media", events) are the same for every month and loaded once per build.
        self.assertLess((after - before) / 12, 10, (before, after))
