"""Incremental builds re-render what a change affects, and equal a full build of the same data."""

import os
import shutil
import tempfile
from pathlib import Path

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from wagtail.models import PageViewRestriction

from deploy.build import build_site

from .. import factories as f
from ..base import SiteTestCase
from .trees import snapshot

EXAMPLES = int(os.environ.get("INCREMENTAL_EXAMPLES", "4"))


class IncrementalTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_person = f.PersonPageFactory(
            parent=cls.people, first_name="Jennifer", last_name="Kavanagh", slug="jennifer"
        )
        cls.pages = [
            f.OpEdPageFactory(
                parent=cls.op_eds,
                outlet=cls.lawfare,
                title=f"Op-ed {n}",
                slug=f"op-ed-{n}",
                display_date=f"2025-0{n % 3 + 1}-1{n}",
                authors=[cls.person if n % 2 else cls.other_person],
                topics=[cls.grand_strategy] if n % 2 else [cls.americas, cls.grand_strategy],
            )
            for n in range(6)
        ]
        cls.brief = f.BriefPageFactory(
            parent=cls.briefs,
            title="A brief",
            topics=[cls.americas],
            authors=[cls.person],
            listing_image=f.ImageFactory(),
        )

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="incremental-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def assert_incremental_equals_full(self) -> int:
        result = build_site(self.tmp / "incremental")
        build_site(self.tmp / "full", full=True)
        self.assertEqual(snapshot(self.tmp / "incremental"), snapshot(self.tmp / "full"))
        return result.rendered


class ChangeKindTests(IncrementalTestCase):
    def setUp(self):
        super().setUp()
        self.total = build_site(self.tmp / "incremental").rendered

    def test_nothing_changed_renders_nothing(self):
        self.assertEqual(self.assert_incremental_equals_full(), 0)

    def check(self, change) -> None:
        change()
        rendered = self.assert_incremental_equals_full()
        self.assertGreater(rendered, 0)
        self.assertLess(rendered, self.total // 2)

    def test_publish_a_new_op_ed(self):
        self.check(
            lambda: f.OpEdPageFactory(
                parent=self.op_eds,
                outlet=self.lawfare,
                topics=[self.grand_strategy],
                authors=[self.person],
                title="Breaking",
                display_date="2025-04-01",
            )
        )

    def test_edit_a_title(self):
        def change():
            page = self.pages[2]
            page.title = "A better title"
            page.save_revision().publish()

        self.check(change)

    def test_unpublish(self):
        self.check(lambda: self.pages[3].unpublish())

    def test_slug_change(self):
        def change():
            page = self.pages[1]
            page.slug = "renamed"
            page.save_revision().publish()

        self.check(change)

    def test_move(self):
        def change():
            section = f.StandardPageFactory(parent=self.home, title="Archive", slug="old")
            self.about.move(section, pos="last-child")

        change()
        self.assert_incremental_equals_full()

    def test_restrict(self):
        self.check(
            lambda: PageViewRestriction.objects.create(
                page=self.pages[4], restriction_type="password", password="x"
            )
        )

    def test_rename_a_topic(self):
        def change():
            self.americas.name = "The Americas"
            self.americas.save()

        self.check(change)

    def test_rename_a_person(self):
        def change():
            self.other_person.title = "Jennifer L. Kavanagh"
            self.other_person.save_revision().publish()

        self.check(change)

    def test_change_an_image(self):
        def change():
            image = self.brief.listing_image
            image.description = "A new alt text"
            image.save()

        change()
        self.assert_incremental_equals_full()


class Edits(RuleBasedStateMachine):
    """Random sequences of editors' changes; after each, incremental == full."""

    case: "IncrementalStateTests"

    @initialize()
    def start(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.tmp = Path(tempfile.mkdtemp(prefix="incremental-state-"))
        self.count = 0
        build_site(self.tmp / "incremental")

    def teardown(self):
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def after_change(self):
        build_site(self.tmp / "incremental")
        build_site(self.tmp / "full", full=True)
        assert snapshot(self.tmp / "incremental") == snapshot(self.tmp / "full")

    @rule(index=st.integers(0, 5), topic=st.sampled_from(["grand_strategy", "americas"]))
    def publish(self, index, topic):
        self.count += 1
        case = self.case
        f.OpEdPageFactory(
            parent=case.op_eds,
            outlet=case.lawfare,
            title=f"New {self.count}",
            display_date=f"2025-0{index % 3 + 1}-2{index}",
            topics=[getattr(case, topic)],
            authors=[case.person],
        )
        self.after_change()

    @rule(index=st.integers(0, 5), title=st.text("abcxyz ", min_size=1, max_size=12))
    def edit(self, index, title):
        page = type(self.case.pages[index]).objects.get(pk=self.case.pages[index].pk)
        if page.live:
            page.title = title.strip() or "x"
            page.save_revision().publish()
        self.after_change()

    @rule(index=st.integers(0, 5))
    def toggle_live(self, index):
        page = type(self.case.pages[index]).objects.get(pk=self.case.pages[index].pk)
        if page.live:
            page.unpublish()
        else:
            page.save_revision().publish()
        self.after_change()

    @rule(name=st.sampled_from(["Americas", "The Americas", "Western Hemisphere"]))
    def rename_topic(self, name):
        topic = type(self.case.americas).objects.get(pk=self.case.americas.pk)
        topic.name = name
        topic.save()
        self.after_change()


class IncrementalStateTests(IncrementalTestCase):
    def test_random_edit_sequences(self):
        Edits.case = self
        run_state_machine_as_test(
            Edits,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=3,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
