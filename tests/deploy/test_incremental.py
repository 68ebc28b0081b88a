"""Incremental builds re-render what a change affects, and equal a full build of the same data.

Every kind of change an editor (or the clock) can make is applied once in ``ChangeKindTests``
and at random, in sequences, by the ``Edits`` state machine; after each, the incremental build
must equal a full build of the same database. ``INCREMENTAL_EXAMPLES=50 pytest
tests/deploy/test_incremental.py`` explores more sequences than CI does.
"""

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

from deploy.export.build import build_site
from home.models import SiteSettings

from .. import factories as f
from ..base import SiteTestCase
from .trees import snapshot

EXAMPLES = int(os.environ.get("INCREMENTAL_EXAMPLES", "4"))


def assert_same_tree(incremental: dict[str, bytes], full: dict[str, bytes]) -> None:
    """Fail naming the outputs that differ (a diff of whole trees is unreadable)."""
    differ = sorted(
        p for p in incremental.keys() | full.keys() if incremental.get(p) != full.get(p)
    )
    where = {p: (p in incremental, p in full) for p in differ}
    assert not differ, f"incremental build differs from a full build in: {where}"


def fresh(page):
    """The page as stored now (class data of a test may be stale after a publish)."""
    return type(page).objects.get(pk=page.pk)


class Changes:
    """The changes editors, and the clock, make; each leaves the database in a new state."""

    def __init__(self, case: "IncrementalTestCase"):
        self.case = case

    def advance_clock(self, days: int) -> None:
        self.case.clock[0] += dt.timedelta(days=days)

    def toggle_program(self, index: int) -> None:
        page = fresh(self.case.pages[index])
        if self.case.program in page.programs.all():
            page.programs.remove(self.case.program)
        else:
            page.programs.add(self.case.program)
        page.save_revision().publish()

    def rename_program(self, title: str) -> None:
        program = fresh(self.case.program)
        program.title = title
        program.save_revision().publish()

    def set_expertise(self, is_expert: bool, topic: str) -> None:
        person = fresh(self.case.other_person)
        person.is_expert = is_expert
        person.expertise.set([getattr(self.case, topic)])
        person.save_revision().publish()

    def set_affiliation(self, affiliation: str) -> None:
        person = fresh(self.case.other_person)
        person.affiliation = affiliation
        person.save_revision().publish()

    def rename_outlet(self, name: str) -> None:
        outlet = type(self.case.lawfare).objects.get(pk=self.case.lawfare.pk)
        outlet.name = name
        outlet.save()

    def toggle_series(self, index: int) -> None:
        page = fresh(self.case.pages[index])
        page.series = None if page.series_id else self.case.series
        page.save_revision().publish()

    def rename_series(self, title: str) -> None:
        series = type(self.case.series).objects.get(pk=self.case.series.pk)
        series.title = title
        series.save()

    def edit_settings(self, name: str) -> None:
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.organisation_name = name
        site_settings.save()

    def toggle_redirect(self, index: int) -> None:
        old_path = f"/old-op-ed-{index}"
        deleted, _ = Redirect.objects.filter(old_path=old_path).delete()
        if not deleted:
            Redirect.objects.create(old_path=old_path, redirect_page=self.case.pages[index])

    def toggle_parent_restriction(self) -> None:
        deleted, _ = PageViewRestriction.objects.filter(page=self.case.op_eds).delete()
        if not deleted:
            PageViewRestriction.objects.create(
                page=self.case.op_eds, restriction_type="password", password="x"
            )

    def move(self, index: int) -> None:
        page = fresh(self.case.pages[index])
        target = self.case.about if page.get_parent().pk == self.case.op_eds.pk else None
        page.move(target or self.case.op_eds, pos="last-child")


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
        cls.series = f.SeriesFactory()
        # Two upcoming events on a topic with a speaker: the clock makes them past, one by one.
        cls.base_now = timezone.now().replace(microsecond=0)
        cls.upcoming = [
            f.EventPageFactory(
                parent=cls.events,
                title=f"Event {days}",
                slug=f"event-{days}",
                start=cls.base_now + dt.timedelta(days=days),
                topics=[cls.grand_strategy],
                authors=[cls.person],
            )
            for days in (3, 10)
        ]

    def setUp(self):
        super().setUp()
        self.clock = [self.base_now]
        patcher = mock.patch("django.utils.timezone.now", lambda: self.clock[0])
        patcher.start()
        self.addCleanup(patcher.stop)
        self.changes = Changes(self)
        self.tmp = Path(tempfile.mkdtemp(prefix="incremental-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def assert_incremental_equals_full(self) -> int:
        result = build_site(self.tmp / "incremental")
        build_site(self.tmp / "full", full=True)
        assert_same_tree(snapshot(self.tmp / "incremental"), snapshot(self.tmp / "full"))
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

    def test_unpublish_a_page_that_rich_text_links_to(self):
        """A links to B in rich text; B unpublished: A is rendered again with B's link text but
        no link (the build passes), and editing B's content alone does not re-render A."""
        about = fresh(self.about)
        about.body = [
            (
                "paragraph",
                RichText(f'<p>See <a linktype="page" id="{self.brief.pk}">the brief</a>.</p>'),
            )
        ]
        about.save_revision().publish()
        build_site(self.tmp / "incremental")
        html = (self.tmp / "incremental" / "about/index.html").read_text()
        self.assertIn(f'<a href="{self.brief.url}">the brief</a>', html)

        brief = fresh(self.brief)
        brief.dek = "Only the content changed."
        brief.save_revision().publish()
        result = build_site(self.tmp / "incremental")
        self.assertNotIn("about/index.html", result.rendered_paths)

        fresh(self.brief).unpublish()
        result = build_site(self.tmp / "incremental")
        self.assertIn("about/index.html", result.rendered_paths)
        html = (self.tmp / "incremental" / "about/index.html").read_text()
        self.assertIn("<p>See the brief.</p>", html)
        self.assertNotIn(self.brief.url, html)
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

    def test_an_event_passes(self):
        self.check(lambda: self.changes.advance_clock(4))

    def test_program_membership_and_title(self):
        self.check(lambda: self.changes.toggle_program(1))
        self.check(lambda: self.changes.rename_program("Restraint Program"))

    def test_expertise_and_affiliation(self):
        self.check(lambda: self.changes.set_expertise(True, "americas"))
        self.check(lambda: self.changes.set_expertise(False, "americas"))
        self.check(lambda: self.changes.set_affiliation("former"))

    def test_outlet_and_series(self):
        self.check(lambda: self.changes.rename_outlet("Lawfare Media"))
        self.check(lambda: self.changes.toggle_series(2))
        self.check(lambda: self.changes.rename_series("Restraint 102"))

    def test_site_settings(self):  # the organisation's name is on every page
        self.changes.edit_settings("Priorities for Defense")
        self.assertGreater(self.assert_incremental_equals_full(), 0)
        self.changes.edit_settings("Defense Priorities")
        self.assertGreater(self.assert_incremental_equals_full(), 0)

    def test_redirect(self):  # stubs are written afresh by every build, not "rendered"
        self.changes.toggle_redirect(0)
        self.assert_incremental_equals_full()
        self.assertTrue((self.tmp / "incremental/old-op-ed-0/index.html").exists())
        self.changes.toggle_redirect(0)
        self.assert_incremental_equals_full()
        self.assertFalse((self.tmp / "incremental/old-op-ed-0/index.html").exists())

    def test_restriction_on_a_parent(self):
        self.changes.toggle_parent_restriction()
        self.assert_incremental_equals_full()
        self.changes.toggle_parent_restriction()
        self.assert_incremental_equals_full()

    def test_move_a_page_out_of_its_section_and_back(self):
        self.check(lambda: self.changes.move(4))
        self.check(lambda: self.changes.move(4))


class Edits(RuleBasedStateMachine):
    """Random sequences of editors' changes; after each, incremental == full."""

    case: "IncrementalStateTests"

    @initialize()
    def start(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.tmp = Path(tempfile.mkdtemp(prefix="incremental-state-"))
        self.count = 0
        self.changes = Changes(self.case)
        self.case.clock[0] = self.case.base_now
        build_site(self.tmp / "incremental")

    def teardown(self):
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def after_change(self):
        build_site(self.tmp / "incremental")
        build_site(self.tmp / "full", full=True)
        assert_same_tree(snapshot(self.tmp / "incremental"), snapshot(self.tmp / "full"))

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

    @rule(days=st.sampled_from([0, 4, 12]))
    def advance_clock(self, days):
        self.changes.advance_clock(days)
        self.after_change()

    @rule(index=st.integers(0, 5))
    def toggle_program(self, index):
        self.changes.toggle_program(index)
        self.after_change()

    @rule(title=st.sampled_from(["Grand Strategy Program", "Restraint Program"]))
    def rename_program(self, title):
        self.changes.rename_program(title)
        self.after_change()

    @rule(is_expert=st.booleans(), topic=st.sampled_from(["grand_strategy", "americas"]))
    def set_expertise(self, is_expert, topic):
        self.changes.set_expertise(is_expert, topic)
        self.after_change()

    @rule(affiliation=st.sampled_from(["staff", "fellow", "external", "former"]))
    def set_affiliation(self, affiliation):
        self.changes.set_affiliation(affiliation)
        self.after_change()

    @rule(name=st.sampled_from(["Lawfare", "Lawfare Media", "War on the Rocks"]))
    def rename_outlet(self, name):
        self.changes.rename_outlet(name)
        self.after_change()

    @rule(index=st.integers(0, 5))
    def toggle_series(self, index):
        self.changes.toggle_series(index)
        self.after_change()

    @rule(title=st.sampled_from(["Restraint 101", "Restraint 102"]))
    def rename_series(self, title):
        self.changes.rename_series(title)
        self.after_change()

    @rule(name=st.sampled_from(["Defense Priorities", "Priorities for Defense"]))
    def edit_settings(self, name):
        self.changes.edit_settings(name)
        self.after_change()

    @rule(index=st.integers(0, 5))
    def toggle_redirect(self, index):
        self.changes.toggle_redirect(index)
        self.after_change()

    @rule()
    def toggle_parent_restriction(self):
        self.changes.toggle_parent_restriction()
        self.after_change()

    @rule(index=st.integers(0, 5))
    def move(self, index):
        self.changes.move(index)
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
