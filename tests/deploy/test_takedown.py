"""`manage.py takedown`: after it, no byte of the page is anywhere in either bucket."""

import gzip
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from deploy.live import sync
from deploy.models import SiteSync
from deploy.release.apply import Options, rollback
from deploy.release.target import s3_client

from .. import factories as f
from ..base import SiteTestCase
from .s3_support import anonymous_get, settings_for, target_for

SECRET = "Quetzalcoatlus defamation paragraph"


class TakedownTests(SiteTestCase):
    @pytest.fixture(autouse=True)
    def _store(self, store):
        self.target = target_for(store)
        folder = Path(tempfile.mkdtemp(prefix="takedown-build-"))
        overrides = settings_for(self.target) | {"SITE_BUILD_DIR": folder / "site"}
        with override_settings(**overrides):
            yield
        shutil.rmtree(folder, ignore_errors=True)

    def everything_stored(self) -> bytes:
        """Every object of both buckets under the test's prefix, decompressed where gzip."""
        client = s3_client(self.target)
        found = []
        for bucket in (self.target.bucket, self.target.release_bucket):
            pages = client.get_paginator("list_objects_v2").paginate(
                Bucket=bucket, Prefix=self.target.prefix
            )
            for item in (item for page in pages for item in page.get("Contents", [])):
                data = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
                found.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        return b"\n".join(found)

    def publish_twice(self):
        op_ed = f.OpEdPageFactory(
            parent=self.op_eds,
            title="Taken down",
            slug="taken-down",
            body=[("paragraph", RichText(f"<p>{SECRET}</p>"))],
        )
        first = sync.perform_sync(holder="test")
        f.OpEdPageFactory(parent=self.op_eds, title="Another", slug="another")
        second = sync.perform_sync(holder="test")
        sync.run_search(holder="test")  # a third release: the search index of the second
        for done in (first, second):
            self.assertEqual(done.state, SiteSync.State.SUCCEEDED, done.error)
        return op_ed, first

    def test_no_byte_of_the_page_is_left_and_no_rollback_restores_it(self):
        op_ed, first = self.publish_twice()
        self.assertIn(SECRET.encode(), self.everything_stored())
        op_ed.unpublish()

        out = io.StringIO()
        call_command("takedown", str(op_ed.pk), reason="Court order 12", stdout=out)

        self.assertIn("Took down /op-eds/taken-down/", out.getvalue())
        self.assertNotIn(SECRET.encode(), self.everything_stored())
        self.assertNotIn(b"Taken down", self.everything_stored())
        result = rollback(first.release_id, Options(), self.target, include_removed=True)
        self.assertIn("withdrawn  /op-eds/taken-down/index.html  (taken down", result.plan[0])
        self.assertEqual(anonymous_get(self.target, "op-eds/taken-down/index.html")[0], 404)
        self.assertEqual(anonymous_get(self.target, "op-eds/taken-down/index.json")[0], 404)
        self.assertNotIn(SECRET.encode(), self.everything_stored())
        entry = PageLogEntry.objects.get(page=op_ed, action="deploy.takedown")
        self.assertEqual(entry.data["reason"], "Court order 12")

    def test_a_deleted_page_is_taken_down_by_its_path(self):
        op_ed, _ = self.publish_twice()
        op_ed.delete()
        call_command("takedown", "/op-eds/taken-down/", stdout=io.StringIO())
        self.assertNotIn(SECRET.encode(), self.everything_stored())

    def test_a_published_page_is_refused_and_nothing_changes(self):
        op_ed, _ = self.publish_twice()
        before = self.everything_stored()
        with self.assertRaisesMessage(CommandError, "is published: unpublish it first"):
            call_command("takedown", str(op_ed.pk), stdout=io.StringIO())
        self.assertEqual(self.everything_stored(), before)
        with self.assertRaisesMessage(CommandError, "There is no page 999999"):
            call_command("takedown", "999999", stdout=io.StringIO())
