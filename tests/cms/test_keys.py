"""The dependency-key vocabulary: one spelling shared by what renders record and what the
state of the site names, so an edit can never miss the outputs that show it."""

import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path

from django.test import SimpleTestCase
from wagtail.models import Page

from cms import keys
from deploy.export.build import build_site
from home.models import SiteSettings, Topic
from publications.models import Outlet, Series

from .. import factories as f
from ..base import SiteTestCase

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "home", "people", "publications", "deploy")


class VocabularyTests(SimpleTestCase):
    def test_lists_are_named_by_kind_field_and_value(self):
        self.assertEqual(keys.content(), "content")
        self.assertEqual(keys.content("topic", 5), "content:topic:5")
        self.assertEqual(keys.events("parent", 12), "event:parent:12")
        self.assertEqual(keys.people("expert"), "person:expert")
        self.assertNotEqual(keys.content("topic", 5), keys.events("topic", 5))

    def test_month_and_bound_variants_name_their_list(self):
        month = keys.in_month(keys.content("parent", 3), 2025, 2)
        self.assertEqual(month, "content:parent:3@2025-02")
        bounded = keys.before(keys.content("topic", 5), keys.sort_key(dt.date(2025, 2, 1), 7))
        self.assertEqual(keys.split_bound(bounded), ("content:topic:5", "2025-02-01:000000000007"))
        self.assertIsNone(keys.split_bound(month))

    def test_sort_keys_order_like_date_then_id(self):
        pairs = [(dt.date(2025, 1, 2), 3), (dt.date(2024, 12, 31), 900), (dt.date(2025, 1, 2), 20)]
        by_key = sorted(pairs, key=lambda pair: keys.sort_key(*pair))
        self.assertEqual(by_key, sorted(pairs))

    def test_pages_by_content_or_by_url(self):
        self.assertNotEqual(keys.page(4), keys.page_url(4))


class RowRegistryTests(SiteTestCase):
    def test_every_row_model_the_site_shows_has_a_key(self):
        image = f.ImageFactory()
        rendition = image.get_rendition("fill-10x10")
        document = f.DocumentFactory()
        series = f.SeriesFactory()
        settings = SiteSettings.objects.create(site=self.home.get_site())
        found = {
            keys.row(self.americas),
            keys.row(self.lawfare),
            keys.row(series),
            keys.row(settings),
            keys.row(image),
            keys.row(rendition),
            keys.row(document),
        }
        self.assertEqual(len(found), 7 - 1)  # a rendition counts as its image
        self.assertEqual(keys.row(rendition), keys.row(image))
        self.assertEqual(keys.row(settings), keys.SETTINGS)
        self.assertIsNone(keys.row(self.home))  # pages have keys of their own
        registered = {entry.model for entry in keys.captured_rows()}
        self.assertLessEqual({Topic, Outlet, Series, SiteSettings}, registered)


class RecordedKeysTests(SiteTestCase):
    """Every key a render records has the shape of a key the site's state names."""

    def test_recorded_keys_are_keys_the_state_can_name(self):
        # A member in every kind of list, so the state names each.
        op_ed = f.OpEdPageFactory(
            parent=self.op_eds,
            outlet=self.lawfare,
            topics=[self.americas],
            authors=[self.person],
            listing_image=f.ImageFactory(),
        )
        event = f.EventPageFactory(
            parent=self.events,
            start=dt.datetime(2025, 6, 10, 16, tzinfo=dt.UTC),
            topics=[self.grand_strategy],
            authors=[self.person],
        )
        for factory, parent in (
            (f.BriefPageFactory, self.briefs),
            (f.ExplainerPageFactory, self.explainers),
            (f.ReportPageFactory, self.reports),
            (f.QAPageFactory, self.qas),
        ):
            factory(parent=parent, topics=[self.americas], authors=[self.person])
        for page in (op_ed, event):
            page.programs.add(self.program)
            page.save_revision().publish()
        person = type(self.person).objects.get(pk=self.person.pk)
        person.expertise.add(self.americas)
        person.programs.add(self.program)
        person.save_revision().publish()
        SiteSettings.objects.create(site=self.home.get_site())
        tmp = Path(tempfile.mkdtemp(prefix="keys-"))
        self.addCleanup(shutil.rmtree, tmp, True)
        build_site(tmp)
        manifest = json.loads((tmp / "manifest.json").read_text())

        def shape(key: str) -> str:
            if (bounded := keys.split_bound(key)) is not None:
                key = bounded[0]
            return re.sub(r"\d+", "N", key)

        state = manifest["state"]
        named = {shape(k) for k in state["rows"]} | {keys.CLOCK, keys.page("N")}
        named |= {keys.page_url("N")}
        for _, _, members, _ in state["pages"].values():
            named |= {shape(k) for k in members}
        recorded = {
            shape(k) for e in manifest["entries"].values() for k in e["deps"].get("keys", [])
        }
        self.assertTrue(recorded, "the build recorded no keys")
        self.assertLessEqual(recorded, named)
        self.assertGreater(Page.objects.live().count(), 10)


class NoHandSpelledKeysTests(SimpleTestCase):
    """Keys are made by ``cms.keys`` only: a string spelled by hand elsewhere could drift."""

    def test_no_key_literals_outside_the_vocabulary(self):
        literal = re.compile(
            r"""depend\(\s*f?["']|(?<![A-Za-z])f?["'](content|event|person|children|visible|[putosid]):"""
        )
        offenders = [
            f"{path.relative_to(ROOT)}:{number}"
            for app in APPS
            for path in sorted((ROOT / app).rglob("*.py"))
            if path != ROOT / "cms" / "keys.py" and "migrations" not in path.parts
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if literal.search(line)
        ]
        self.assertEqual(offenders, [])
