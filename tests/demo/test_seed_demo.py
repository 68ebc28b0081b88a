"""seed_demo builds a complete demo site once, and bulk pages that Wagtail considers sound."""

import io
import tomllib
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home.models import Topic
from publications.models import ContentPage, OpEdPage, Outlet

from ..cms.test_settings import PRODUCTION_ENV, manage


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "topics": Topic.objects.count(),
        "outlets": Outlet.objects.count(),
    }


class SeedDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())
        cls.after_first_run = counts()

    def test_every_page_type_exists_and_is_live(self):
        for model in apps.get_models():
            if issubclass(model, Page) and model.is_creatable and model is not Page:
                if model._meta.app_label not in {"home", "people", "publications"}:
                    continue
                with self.subTest(model=model.__name__):
                    self.assertTrue(model.objects.live().exists())
        self.assertFalse(Page.objects.filter(depth__gt=1, live_revision__isnull=True).exists())

    def test_reference_op_ed(self):
        op_ed = OpEdPage.objects.get(title="What would bombing Mexico accomplish?")
        self.assertEqual(op_ed.byline, "By Daniel DePetris")
        self.assertEqual(op_ed.outlet.name, "Lawfare")
        self.assertEqual(str(op_ed.display_date), "2025-02-16")
        self.assertEqual([t.name for t in op_ed.topic_list], ["Grand strategy", "Americas"])
        self.assertIn("Claudia Sheinbaum", str(op_ed.body))
        response = self.client.get(op_ed.url)
        self.assertContains(response, "Read at Lawfare")

    def test_second_run_changes_nothing(self):
        call_command("seed_demo", stdout=io.StringIO())
        self.assertEqual(counts(), self.after_first_run)


class BulkSeedTests(TestCase):
    def test_bulk_pages_are_live_with_revisions_and_the_tree_is_sound(self):
        call_command("seed_demo", stdout=io.StringIO())
        before = ContentPage.objects.count()
        call_command("seed_demo", pages=120, stdout=io.StringIO())
        self.assertEqual(ContentPage.objects.count(), before + 120)
        self.assertFalse(Page.objects.filter(depth__gt=1, live=False).exists())
        broken = Page.objects.filter(depth__gt=1).exclude(
            latest_revision__isnull=False, live_revision__isnull=False
        )
        self.assertFalse(broken.exists())
        problems = Page.find_problems()
        self.assertEqual([list(group) for group in problems], [[]] * len(problems))
        page = ContentPage.objects.order_by("-pk").first().specific
        self.assertEqual(page.get_latest_revision_as_object().title, page.title)
        self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_bad_page_count_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "--pages"):
            call_command("seed_demo", pages=0, stdout=io.StringIO())


def test_production_and_the_package_never_carry_the_demo():
    """The demo is an app of the development and test settings only."""
    script = "from django.conf import settings; print('demo' in settings.INSTALLED_APPS)"
    result = manage("shell", "-c", script, env_vars=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    packages = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(pattern.startswith("demo") for pattern in packages)
