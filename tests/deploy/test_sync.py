"""Publish to live: editor actions become sync requests, and a sync brings the bucket up to date."""

import gzip
import json
import shutil
import socket
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from cms.bulk import bulk_changes
from deploy.export import search_index
from deploy.live import leases, sync
from deploy.models import SiteSync, SyncRequest, WorkerHeartbeat

from .. import factories as f
from ..base import SiteTestCase
from .s3_support import anonymous_get, live_keys, settings_for, target_for


def queued_syncs() -> int:
    return DBTaskResult.objects.filter(task_path="deploy.live.sync.sync_site").count()


class SyncRequestTests(SiteTestCase):
    def setUp(self):
        super().setUp()
        SyncRequest.objects.all().delete()  # those of the test site's own creation

    def test_publishing_records_a_request_and_queues_a_sync_after_commit(self):
        user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
        page = f.OpEdPageFactory(parent=self.op_eds, title="Draft first", publish=False, live=False)
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=user).publish(user=user)
        request = SyncRequest.objects.get()
        self.assertEqual(request.reason, f"Published 'Draft first' (page {page.pk})")
        self.assertEqual((request.page_id, request.user), (page.pk, user))
        self.assertEqual(queued_syncs(), 1)

    def test_unpublish_restriction_snippet_and_delete_each_ask_for_a_sync(self):
        page = f.OpEdPageFactory(parent=self.op_eds, title="Going away")
        SyncRequest.objects.all().delete()
        page.unpublish()
        PageViewRestriction.objects.create(
            page=self.about, restriction_type="password", password="secret"
        )  # noqa: S106
        self.grand_strategy.name = "Grand strategy and restraint"
        self.grand_strategy.save()
        page.delete()
        reasons = list(SyncRequest.objects.values_list("reason", flat=True))
        self.assertEqual(reasons[0], f"Unpublished 'Going away' (page {page.pk})")
        self.assertIn(f"Changed who may view 'About' (page {self.about.pk})", reasons)
        self.assertIn("Saved topic 'Grand strategy and restraint'", reasons)
        self.assertTrue(any(reason.startswith("Deleted 'Going away'") for reason in reasons))

    def test_bulk_changes_ask_for_nothing(self):
        with bulk_changes():
            f.OpEdPageFactory(parent=self.op_eds)
        self.assertFalse(SyncRequest.objects.exists())


class RunSyncTests(SiteTestCase):
    def setUp(self):
        super().setUp()
        SyncRequest.objects.all().delete()

    def test_nothing_waiting_means_up_to_date(self):
        self.assertEqual(sync.run_sync(), "Up to date.")

    @override_settings(SYNC_QUIET_SECONDS=30, SYNC_MAX_WAIT_SECONDS=60)
    def test_a_burst_is_waited_out_before_building(self):
        SyncRequest.objects.create(reason="first", created_at=timezone.now() - timedelta(seconds=2))
        SyncRequest.objects.create(reason="Published x")
        with mock.patch.object(sync, "perform_sync") as perform:
            self.assertEqual(sync.run_sync(), "Waiting for the burst of changes to end.")
        perform.assert_not_called()
        self.assertEqual(queued_syncs(), 1)  # it comes back when the burst is over

    @override_settings(SYNC_QUIET_SECONDS=30, SYNC_MAX_WAIT_SECONDS=60)
    def test_a_lone_change_after_a_quiet_spell_is_synced_at_once(self):
        SyncRequest.objects.create(reason="Moved x")
        SyncRequest.objects.create(reason="Changed the slug of x")  # the same action
        with mock.patch.object(sync, "perform_sync") as perform:
            perform.return_value = SiteSync(state=SiteSync.State.SUCCEEDED)
            sync.run_sync()
        perform.assert_called_once()

    @override_settings(SYNC_QUIET_SECONDS=30, SYNC_MAX_WAIT_SECONDS=60)
    def test_a_change_right_after_a_sync_waits_for_quiet(self):
        SiteSync.objects.create(trigger="previous", finished_at=timezone.now())
        SyncRequest.objects.create(reason="Published x")
        with mock.patch.object(sync, "perform_sync") as perform:
            self.assertEqual(sync.run_sync(), "Waiting for the burst of changes to end.")
        perform.assert_not_called()

    @override_settings(SYNC_QUIET_SECONDS=30, SYNC_MAX_WAIT_SECONDS=5)
    def test_a_long_burst_is_not_waited_out_forever(self):
        SyncRequest.objects.create(reason="first", created_at=timezone.now() - timedelta(seconds=6))
        SyncRequest.objects.create(reason="latest")
        with mock.patch.object(sync, "perform_sync") as perform:
            perform.return_value = SiteSync(state=SiteSync.State.SUCCEEDED)
            sync.run_sync()
        perform.assert_called_once()

    @override_settings(SYNC_QUIET_SECONDS=0)
    def test_one_sync_at_a_time_the_other_worker_tries_again_later(self):
        SyncRequest.objects.create(reason="Published x")
        self.assertTrue(leases.take(sync.SYNC_LEASE, "other-machine:1", 60))
        with mock.patch.object(sync, "perform_sync") as perform:
            self.assertIn("Another worker is syncing", sync.run_sync())
        perform.assert_not_called()
        self.assertEqual(queued_syncs(), 1)

    def test_an_expired_lease_is_taken_over(self):
        self.assertTrue(leases.take("x", "a", -1))
        self.assertTrue(leases.take("x", "b", 60))
        self.assertFalse(leases.take("x", "a", 60))

    def test_a_dead_holders_lease_is_taken_over_at_once(self):
        """A worker SIGKILLed mid-sync: on this machine its process is gone; on another, its
        heartbeat stopped. Either way its 30-minute lease does not hold up publishing."""
        dead = subprocess.Popen(["true"])  # noqa: S607
        dead.wait()
        here = f"{socket.gethostname()}:{dead.pid}"
        self.assertTrue(leases.take(sync.SYNC_LEASE, here, sync.LEASE_SECONDS))
        self.assertTrue(leases.take(sync.SYNC_LEASE, "new-worker:1", 60))

        elsewhere = "other-machine:7"
        WorkerHeartbeat.objects.create(
            worker_id=elsewhere,
            host="other-machine",
            pid=7,
            started=timezone.now(),
            seen=timezone.now(),
        )
        self.assertTrue(leases.take("y", elsewhere, sync.LEASE_SECONDS))
        self.assertFalse(leases.take("y", "new-worker:1", 60), "its heartbeat is recent")
        WorkerHeartbeat.objects.filter(worker_id=elsewhere).update(
            seen=timezone.now() - timedelta(seconds=settings.HEALTH_WORKER_SEEN_SECONDS + 1)
        )
        self.assertTrue(leases.take("y", "new-worker:1", 60))

    def test_a_starting_worker_resumes_what_a_stopped_one_left(self):
        running = SiteSync.objects.create(trigger="cut short")  # state: running
        SyncRequest.objects.create(reason="Published x")
        DBTaskResult.objects.all().delete()
        sync.resume_waiting()
        self.assertEqual(queued_syncs(), 1)
        with mock.patch.object(sync, "build_site", side_effect=RuntimeError("stop here")):
            sync.perform_sync(holder="test")
        running.refresh_from_db()
        self.assertEqual(running.state, SiteSync.State.FAILED)
        self.assertIn("Abandoned", running.error)


class SyncToBucketTests(SiteTestCase):
    """perform_sync against the real object store: build, deploy, search index."""

    @pytest.fixture(autouse=True)
    def _store(self, store):
        self.target = target_for(store)
        folder = Path(tempfile.mkdtemp(prefix="sync-build-"))
        overrides = settings_for(self.target) | {"SITE_BUILD_DIR": folder / "site"}
        with override_settings(**overrides):
            yield
        shutil.rmtree(folder, ignore_errors=True)

    def test_a_publish_reaches_the_bucket_with_its_listings_and_search(self):
        op_ed = f.OpEdPageFactory(
            parent=self.op_eds,
            title="Restraint now",
            slug="restraint-now",
            topics=[self.grand_strategy],
            authors=[self.person],
        )
        done = sync.perform_sync(holder="test")
        self.assertEqual(done.state, SiteSync.State.SUCCEEDED, done.error)
        self.assertTrue(done.release_id and done.search_indexed_at)  # the first: inline
        self.assertFalse(SyncRequest.objects.filter(sync__isnull=True).exists())
        status, body, _ = anonymous_get(self.target, "op-eds/restraint-now/index.html")
        self.assertEqual(status, 200)
        for listing in [self.grand_strategy_hub, self.person, self.op_eds]:
            page = anonymous_get(self.target, listing.url.lstrip("/") + "index.html")[1]
            self.assertIn(b"Restraint now", page, listing.url)
        self.assertIn(b"Restraint now", anonymous_get(self.target, "op-eds/feed.xml")[1])
        self.assertIn(b"/op-eds/restraint-now/", anonymous_get(self.target, "sitemap.xml")[1])
        self.assertEqual(anonymous_get(self.target, "pagefind/pagefind-entry.json")[0], 200)

        op_ed.unpublish()
        PageViewRestriction.objects.create(
            page=self.about, restriction_type="password", password="secret"
        )  # noqa: S106
        again = sync.perform_sync(holder="test")
        self.assertEqual(again.state, SiteSync.State.SUCCEEDED, again.error)
        self.assertEqual(anonymous_get(self.target, "op-eds/restraint-now/index.html")[0], 404)
        self.assertEqual(anonymous_get(self.target, "about/index.html")[0], 404)
        self.assertNotIn(b"Restraint now", anonymous_get(self.target, "op-eds/feed.xml")[1])
        self.assertNotIn(b"restraint-now", anonymous_get(self.target, "sitemap.xml")[1])

    def _indexed_urls(self) -> set[str]:
        """The URLs of every page the deployed search index holds (its fragments)."""
        return {
            json.loads(gzip.decompress(data)[len(b"pagefind_dcd") :])["url"]
            for path, data in live_keys(self.target).items()
            if path.startswith("pagefind/fragment/")
        }

    def test_an_unpublished_page_leaves_search_in_the_same_sync(self):
        op_ed = f.OpEdPageFactory(parent=self.op_eds, title="Going away", slug="going-away")
        sync.perform_sync(holder="test")  # the first sync indexes inline
        self.assertIn(op_ed.url, self._indexed_urls())
        DBTaskResult.objects.all().delete()

        op_ed.unpublish()
        done = sync.perform_sync(holder="test")

        self.assertEqual(done.state, SiteSync.State.SUCCEEDED, done.error)
        self.assertNotIn(op_ed.url, self._indexed_urls())
        self.assertIn(self.about.url, self._indexed_urls(), "the rest stays findable")
        self.assertIsNotNone(done.search_indexed_at)
        self.assertFalse(DBTaskResult.objects.filter(task_path="deploy.live.sync.index_site"))

    def test_an_index_made_before_a_page_left_is_never_installed(self):
        sync.perform_sync(holder="test")
        op_ed = f.OpEdPageFactory(parent=self.op_eds, title="Going away", slug="going-away")
        sync.perform_sync(holder="test")  # its search step follows
        real_run = search_index._run

        def pagefind(*args):
            real_run(*args)  # the index now holds the op-ed; meanwhile it is unpublished
            if op_ed.live:  # (the removing sync indexes through this too)
                op_ed.unpublish()
                removing = sync.perform_sync(holder="other")
                self.assertEqual(removing.state, SiteSync.State.SUCCEEDED, removing.error)

        with mock.patch.object(search_index, "_run", pagefind):
            message = sync.run_search(holder="test")

        self.assertIn("not installed", message)
        self.assertNotIn(op_ed.url, self._indexed_urls())
        self.assertEqual(sync.run_search(holder="test"), "Search index up to date.")

    def test_a_sync_logs_one_line_with_its_figures_and_no_title(self):
        f.OpEdPageFactory(parent=self.op_eds, title="Secret working title", slug="secret")
        with self.assertLogs("deploy", "INFO") as logs:
            done = sync.perform_sync(holder="test")
        self.assertEqual(done.state, SiteSync.State.SUCCEEDED, done.error)
        lines = [r for r in logs.records if getattr(r, "event", None) == "sync"]
        self.assertEqual(len(lines), 1)
        line = lines[0]
        self.assertEqual((line.name, line.levelname), ("deploy", "INFO"))
        self.assertEqual((line.sync_id, line.state), (done.pk, "succeeded"))
        self.assertEqual((line.rendered, line.uploaded), (done.rendered, done.uploaded))
        self.assertEqual(line.deleted, done.deleted)
        self.assertGreater(line.rendered, 0)
        self.assertGreaterEqual(line.reused, 0)
        self.assertGreater(line.seconds, 0)
        self.assertNotIn("Secret working title", line.getMessage() + repr(vars(line)))

    def test_the_search_step_follows_outside_the_sync_lease(self):
        sync.perform_sync(holder="test")  # the first sync indexes inline
        f.OpEdPageFactory(parent=self.op_eds, title="Findable", slug="findable")
        second = sync.perform_sync(holder="test")
        self.assertEqual(second.state, SiteSync.State.SUCCEEDED, second.error)
        self.assertIsNone(second.search_indexed_at)
        queued = DBTaskResult.objects.filter(task_path="deploy.live.sync.index_site")
        self.assertEqual(queued.count(), 1)
        self.assertEqual(queued.get().queue_name, "search")
        entry = anonymous_get(self.target, "pagefind/pagefind-entry.json")[1]

        real_run = search_index._run
        free_while_indexing = []

        def pagefind(*args):
            # A publish arriving now is not held up: the sync lease is free while Pagefind runs.
            free_while_indexing.append(leases.take(sync.SYNC_LEASE, "publisher", 60))
            leases.release(sync.SYNC_LEASE, "publisher")
            return real_run(*args)

        with mock.patch.object(search_index, "_run", pagefind):
            message = sync.run_search(holder="test")
        self.assertEqual(free_while_indexing, [True])
        second.refresh_from_db()
        self.assertIsNotNone(second.search_indexed_at, message)
        self.assertNotEqual(anonymous_get(self.target, "pagefind/pagefind-entry.json")[1], entry)
        self.assertEqual(sync.run_search(holder="test"), "Search index up to date.")

    def test_the_search_step_waits_for_a_sync_of_its_own_process(self):
        sync.perform_sync(holder="test")
        f.OpEdPageFactory(parent=self.op_eds, title="Findable", slug="findable")
        second = sync.perform_sync(holder="test")
        entry = anonymous_get(self.target, "pagefind/pagefind-entry.json")[1]
        # The worker's deploy-queue thread holds the sync lease under the worker's own id.
        self.assertTrue(leases.take(sync.SYNC_LEASE, sync.worker_id(), 60))
        with mock.patch.object(sync, "LEASE_WAIT_SECONDS", 0.5):
            message = sync.run_search()
        self.assertIn("lease stayed taken", message)
        second.refresh_from_db()
        self.assertIsNone(second.search_indexed_at)
        self.assertEqual(anonymous_get(self.target, "pagefind/pagefind-entry.json")[1], entry)

    def test_the_search_step_lets_a_waiting_publish_go_first(self):
        sync.perform_sync(holder="test")
        f.OpEdPageFactory(parent=self.op_eds, title="Findable", slug="findable")
        second = sync.perform_sync(holder="test")
        SyncRequest.objects.create(reason="Published another")  # its sync has not run yet
        with mock.patch.object(sync, "LEASE_WAIT_SECONDS", 0.5):
            message = sync.run_search(holder="test")
        self.assertIn("lease stayed taken", message)
        second.refresh_from_db()
        self.assertIsNone(second.search_indexed_at)

    def test_a_publish_arriving_during_the_swap_deploys_the_search_index(self):
        sync.perform_sync(holder="test")
        f.OpEdPageFactory(parent=self.op_eds, title="Findable", slug="findable")
        second = sync.perform_sync(holder="test")
        entry = anonymous_get(self.target, "pagefind/pagefind-entry.json")[1]
        real_install = sync.install_search_index

        def install(*args):
            SyncRequest.objects.create(reason="Published another")  # while the lease is held
            return real_install(*args)

        with mock.patch.object(sync, "install_search_index", install):
            message = sync.run_search(holder="test")
        self.assertIn("goes live with the waiting publish", message)
        second.refresh_from_db()
        self.assertIsNotNone(second.search_installed_at)
        self.assertIsNone(second.search_indexed_at)
        self.assertEqual(anonymous_get(self.target, "pagefind/pagefind-entry.json")[1], entry)
        # Not indexed again meanwhile: the waiting publish's sync deploys it.
        self.assertEqual(sync.run_search(holder="test"), "Search index up to date.")

        third = sync.perform_sync(holder="test")
        self.assertEqual(third.state, SiteSync.State.SUCCEEDED, third.error)
        second.refresh_from_db()
        self.assertEqual(second.search_indexed_at, third.finished_at)
        self.assertNotEqual(anonymous_get(self.target, "pagefind/pagefind-entry.json")[1], entry)
        self.assertIsNone(third.search_indexed_at)  # its own search step follows

    def test_scheduled_go_live_and_expiry_reach_the_bucket(self):
        page = f.OpEdPageFactory(
            parent=self.op_eds, title="Scheduled", slug="scheduled", publish=False, live=False
        )
        page.go_live_at = timezone.now() + timedelta(minutes=1)
        revision = page.save_revision()
        revision.publish()  # scheduled, as the editor's Publish with a go-live date does
        sync.perform_sync(holder="test")
        self.assertEqual(anonymous_get(self.target, "op-eds/scheduled/index.html")[0], 404)

        later = timezone.now() + timedelta(minutes=2)  # the minute has passed
        with mock.patch.object(timezone, "now", return_value=later):
            call_command("publish_scheduled", verbosity=0)  # the worker's every-minute tick
            self.assertTrue(SyncRequest.objects.filter(sync__isnull=True).exists())
            sync.perform_sync(holder="test")
        self.assertEqual(anonymous_get(self.target, "op-eds/scheduled/index.html")[0], 200)

        page.refresh_from_db()
        page.expire_at = timezone.now() - timedelta(seconds=1)
        page.save(update_fields=["expire_at"])
        call_command("publish_scheduled", verbosity=0)
        sync.perform_sync(holder="test")
        self.assertEqual(anonymous_get(self.target, "op-eds/scheduled/index.html")[0], 404)

    def test_a_failing_sync_is_retried_with_backoff_then_reported(self):
        deployers = Group.objects.get(name="Deployers")
        member = get_user_model().objects.create_user("ops", "ops@example.org", "x")
        member.groups.add(deployers)
        live = {path: anonymous_get(self.target, path)[0] for path in ["index.html"]}
        broken = settings_for(self.target) | {"AWS_SECRET_ACCESS_KEY": "wrong"}
        with override_settings(**broken, SYNC_MAX_ATTEMPTS=2):
            first = sync.perform_sync(holder="test")
            self.assertEqual(first.state, SiteSync.State.FAILED)
            self.assertIn("refused", first.error)
            self.assertEqual(queued_syncs(), 1)  # retried later
            self.assertEqual(len(mail.outbox), 0)
            second = sync.perform_sync(holder="test")
        self.assertEqual(second.attempt, 2)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["ops@example.org"])
        self.assertIn("Site deploys are failing", mail.outbox[0].subject)
        self.assertEqual(live, {path: anonymous_get(self.target, path)[0] for path in live})
        self.assertTrue(SyncRequest.objects.filter(sync__isnull=True).exists(), "nothing lost")


class OneTick:
    """A stop event that lets the worker's scheduled-publishing loop run exactly once."""

    def is_set(self) -> bool:
        return False

    def wait(self, seconds: float) -> bool:
        return True


class SchedulerTickTests(SiteTestCase):
    def test_the_workers_tick_publishes_due_pages_on_one_worker_at_a_time(self):
        from deploy.management.commands.worker import SCHEDULE_LEASE, Command

        page = f.OpEdPageFactory(
            parent=self.op_eds, title="Due", slug="due", publish=False, live=False
        )
        page.go_live_at = timezone.now() + timedelta(minutes=1)
        page.save_revision().publish()  # scheduled
        SyncRequest.objects.all().delete()
        later = timezone.now() + timedelta(minutes=2)
        # The tick closes stale connections between runs; not the test's, inside its transaction.
        keep_connection = mock.patch(
            "deploy.management.commands.worker.close_old_connections", lambda: None
        )
        with keep_connection, mock.patch.object(timezone, "now", return_value=later):
            self.assertTrue(leases.take(SCHEDULE_LEASE, "other-machine:1", 60))
            Command._scheduled_publishing("this-machine:1", 60, OneTick())
            page.refresh_from_db()
            self.assertFalse(page.live, "another worker holds this minute's tick")

            leases.release(SCHEDULE_LEASE, "other-machine:1")
            Command._scheduled_publishing("this-machine:1", 60, OneTick())
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertTrue(SyncRequest.objects.filter(page_id=page.pk).exists())
