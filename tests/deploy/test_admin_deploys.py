"""The Site deploys admin view, its actions and audit log, and the editor's static-site status."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, Page, PageViewRestriction, Site

from deploy.live.admin_views import static_site_status
from deploy.models import SiteSync, SyncRequest, WorkerHeartbeat
from deploy.release.apply import Options, deploy_build
from deploy.release.history import ReleaseRow

from .. import factories as f
from ..base import SiteTestCase
from .s3_support import anonymous_get, settings_for, target_for

INDEX = "/admin/deploys/"
DEPLOY_NOW = "/admin/deploys/deploy/"
ROLLBACK = "/admin/deploys/rollback/"
OLD, LIVE = "20261120T090000.000000Z-aaaaaa", "20261124T090000.000000Z-bbbbbb"
RELEASES = [
    ReleaseRow(LIVE, "2026-11-24T09:00:00+00:00", "Published 'B'", 120, 4096, True, True),
    ReleaseRow(OLD, "2026-11-20T09:00:00+00:00", "Published 'A'", 118, 4000, False, True),
]


def user_in(group: str | None, username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


class AdminClientMixin:
    def sign_in(self, user: User) -> None:
        """Signed in with a second factor, as cms.twofactor requires of Deployers/Moderators."""
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        self.client.force_login(user)
        session = self.client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@mock.patch("deploy.live.admin_views.list_releases", return_value=RELEASES)
class SiteDeploysViewTests(AdminClientMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.deployer = user_in("Deployers", "deployer")
        now = timezone.now()
        cls.good = SiteSync.objects.create(
            state=SiteSync.State.SUCCEEDED,
            trigger="Published 'B'",
            started_at=now - timedelta(minutes=10),
            finished_at=now - timedelta(minutes=9, seconds=15),
            content_as_of=now - timedelta(minutes=10),
            release_id=LIVE,
            rendered=42,
            uploaded=7,
            deleted=1,
        )
        cls.failed = SiteSync.objects.create(
            state=SiteSync.State.FAILED,
            trigger="Published 'C'",
            started_at=now - timedelta(minutes=2),
            finished_at=now - timedelta(minutes=1),
            attempt=2,
            error="The store refused the upload of op-eds/c/index.html",
        )
        SyncRequest.objects.create(reason="Published 'C'")
        SyncRequest.objects.create(reason="Published 'D'")
        SyncRequest.objects.create(reason="Published 'B'", sync=cls.good)

    def test_a_deployer_sees_syncs_waiting_changes_releases_and_the_failure_banner(self, _):
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Site deploys")
        self.assertContains(response, "The last site deploy failed: the live site is unchanged.")
        self.assertContains(response, f"It still serves release {LIVE}.")
        self.assertContains(response, "The store refused the upload of op-eds/c/index.html")
        self.assertContains(response, 'data-waiting="2"')
        self.assertContains(response, "2 changes are waiting for the next deploy.")
        self.assertContains(response, "42 / 7 / 1")
        self.assertContains(response, "45 s")  # the good sync's duration
        self.assertContains(response, f'data-release="{OLD}"')
        self.assertContains(response, f"{ROLLBACK}?release_id={OLD}")
        self.assertNotContains(response, f"{ROLLBACK}?release_id={LIVE}")
        self.assertContains(response, "Roll back to the previous release")
        self.assertContains(response, "Deploy now")

    def test_no_banner_once_a_deploy_succeeds_again(self, _):
        SiteSync.objects.create(
            state=SiteSync.State.SUCCEEDED, release_id="20261124T100000.000000Z-cccccc"
        )
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertNotContains(response, "The last site deploy failed")

    def test_the_menu_item_shows_for_deployers_and_superusers(self, _):
        self.sign_in(self.deployer)
        self.assertContains(self.client.get("/admin/"), INDEX)
        self.client.logout()
        admin = User.objects.create_superuser("root", "root@example.org", "pw")
        self.client.force_login(admin)
        self.assertContains(self.client.get("/admin/"), INDEX)
        self.assertEqual(self.client.get(INDEX).status_code, 200)

    def test_editors_and_moderators_get_403_and_no_menu_item(self, _):
        for group in ("Editors", "Moderators"):
            with self.subTest(group=group):
                self.sign_in(user_in(group, f"member-{group.lower()}"))
                dashboard = self.client.get("/admin/")
                self.assertEqual(dashboard.status_code, 200)
                self.assertNotContains(dashboard, INDEX)
                refused = self.client.get(INDEX)
                self.assertContains(refused, "Only the Deployers group", status_code=403)
                self.assertEqual(self.client.post(DEPLOY_NOW).status_code, 403)
                self.assertEqual(self.client.post(ROLLBACK, {"release_id": OLD}).status_code, 403)
                self.assertEqual(self.client.get(ROLLBACK).status_code, 403)
        self.assertEqual(SyncRequest.objects.filter(sync__isnull=True).count(), 2)
        self.assertFalse(DBTaskResult.objects.filter(task_path__startswith="deploy.").exists())
        self.assertFalse(ModelLogEntry.objects.filter(action__startswith="deploy.").exists())

    def test_the_deployers_group_holds_the_permission(self, _):
        self.assertTrue(self.deployer.has_perm("deploy.deploy_site"))
        self.assertFalse(user_in("Moderators", "mod").has_perm("deploy.deploy_site"))

    def test_deploy_now_records_a_request_queues_a_sync_and_logs_it(self, _):
        self.sign_in(self.deployer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(DEPLOY_NOW, follow=True)
        self.assertRedirects(response, INDEX)
        self.assertContains(response, "Deploy queued: a worker will build and deploy the site")
        request = SyncRequest.objects.filter(sync__isnull=True).latest("pk")
        self.assertEqual(request.reason, "Deploy requested in the admin by deployer")
        self.assertEqual(request.user, self.deployer)
        self.assertTrue(
            DBTaskResult.objects.filter(task_path="deploy.live.sync.sync_site").exists()
        )
        entry = ModelLogEntry.objects.get(action="deploy.deploy_now")
        self.assertEqual(entry.user, self.deployer)
        self.assertEqual(entry.content_type.model_class(), Site)
        self.assertEqual(entry.message, "Asked the worker to deploy the static site")
        self.assertContains(response, "Asked the worker to deploy the static site")

    def test_deploy_now_is_post_only_with_csrf(self, _):
        self.sign_in(self.deployer)
        self.assertEqual(self.client.get(DEPLOY_NOW).status_code, 405)
        strict = self.client_class(enforce_csrf_checks=True)
        strict.cookies = self.client.cookies
        self.assertEqual(strict.post(DEPLOY_NOW).status_code, 403)
        self.assertFalse(ModelLogEntry.objects.filter(action="deploy.deploy_now").exists())

    def test_roll_back_asks_first_then_enqueues_the_task_and_logs_it(self, _):
        self.sign_in(self.deployer)
        confirm = self.client.get(ROLLBACK, {"release_id": OLD})
        self.assertContains(confirm, f"Roll the static site back to release <code>{OLD}</code>?")
        self.assertContains(confirm, f'name="release_id" value="{OLD}"')
        self.assertFalse(DBTaskResult.objects.exists())

        response = self.client.post(ROLLBACK, {"release_id": OLD}, follow=True)
        self.assertRedirects(response, INDEX)
        self.assertContains(response, f"Rollback to release {OLD} queued")
        task = DBTaskResult.objects.get(task_path="deploy.live.sync.rollback_site")
        self.assertEqual(task.args_kwargs, {"args": [OLD, self.deployer.pk], "kwargs": {}})
        self.assertEqual((task.backend_name, task.queue_name), ("deploys", "deploys"))
        entry = ModelLogEntry.objects.get(action="deploy.rollback")
        self.assertEqual(entry.user, self.deployer)
        self.assertEqual(entry.data, {"release_id": OLD})
        self.assertEqual(
            entry.message, f"Asked the worker to roll the static site back to release {OLD}"
        )

    def test_roll_back_to_the_previous_release(self, _):
        self.sign_in(self.deployer)
        confirm = self.client.get(ROLLBACK)
        self.assertContains(confirm, "back to the release before the live one?")
        response = self.client.post(ROLLBACK, {"release_id": ""}, follow=True)
        self.assertContains(response, "Rollback to the release before the live one queued")
        task = DBTaskResult.objects.get(task_path="deploy.live.sync.rollback_site")
        self.assertEqual(task.args_kwargs, {"args": [None, self.deployer.pk], "kwargs": {}})
        entry = ModelLogEntry.objects.get(action="deploy.rollback")
        self.assertEqual(
            entry.message, "Asked the worker to roll the static site back to the previous release"
        )

    def test_a_malformed_release_id_is_refused(self, _):
        self.sign_in(self.deployer)
        response = self.client.post(ROLLBACK, {"release_id": "../../etc"}, follow=True)
        self.assertContains(response, "That is not a release id.")
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertFalse(ModelLogEntry.objects.exists())

    def test_the_actions_appear_in_site_history(self, _):
        admin = User.objects.create_superuser("root", "root@example.org", "pw")
        self.client.force_login(admin)
        self.client.post(ROLLBACK, {"release_id": OLD})
        history = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertContains(history, "Roll back the static site")
        self.assertContains(history, f"roll the static site back to release {OLD}")


@mock.patch("deploy.live.admin_views.list_releases", return_value=RELEASES)
class OperatorBannerTests(AdminClientMixin, TestCase):
    """The banners that say the site has stopped following the CMS: no worker, a failed sync."""

    NO_WORKER = "publishes will not reach the site"

    @classmethod
    def setUpTestData(cls):
        cls.deployer = user_in("Deployers", "deployer")
        SiteSync.objects.create(
            state=SiteSync.State.SUCCEEDED,
            release_id=LIVE,
            started_at=timezone.now() - timedelta(minutes=31),
            finished_at=timezone.now() - timedelta(minutes=30),
        )

    def heartbeat(self, seconds_ago: float) -> None:
        seen = timezone.now() - timedelta(seconds=seconds_ago)
        WorkerHeartbeat.objects.create(
            worker_id="cms-1:4242", host="cms-1", pid=4242, started=seen, seen=seen
        )

    def test_no_banner_while_a_worker_beats(self, _):
        self.heartbeat(seconds_ago=3)
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertNotContains(response, 'data-deploy-banner="no-worker"')
        self.assertNotContains(response, self.NO_WORKER)
        self.assertNotContains(response, 'data-deploy-banner="failed"')

    @override_settings(HEALTH_WORKER_SEEN_SECONDS=120)
    def test_a_worker_silent_past_the_limit_is_reported_with_its_minutes(self, _):
        self.heartbeat(seconds_ago=7 * 60 + 5)
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertContains(response, 'data-deploy-banner="no-worker"')
        self.assertContains(
            response,
            "No worker has been seen for 7 minutes: publishes will not reach the site.",
        )

    def test_a_worker_never_seen_is_reported(self, _):
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertContains(response, "No worker has been seen: publishes will not reach the site.")

    def test_a_failed_last_sync_shows_its_time_and_the_first_line_of_its_error(self, _):
        self.heartbeat(seconds_ago=1)
        SiteSync.objects.create(
            state=SiteSync.State.FAILED,
            started_at=timezone.now() - timedelta(minutes=3),
            finished_at=timezone.now() - timedelta(minutes=2),
            error="Cannot reach the object store at s3://site/\nTraceback (most recent call last)",
        )
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertContains(response, 'data-deploy-banner="failed"')
        summary = response.content.decode().split("data-failure-summary", 1)[1].split("</p>")[0]
        self.assertIn("2\xa0minutes ago", summary)
        self.assertIn("Cannot reach the object store at s3://site/</code>", summary)
        self.assertNotIn("Traceback", summary)
        self.assertNotContains(response, self.NO_WORKER)


class ReleasesUnavailableTests(AdminClientMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.deployer = user_in("Deployers", "deployer")

    @override_settings(
        DEPLOY_S3_ENDPOINT_URL="http://127.0.0.1:9",
        DEPLOY_S3_BUCKET="site",
        DEPLOY_S3_RELEASE_BUCKET="releases",
        AWS_ACCESS_KEY_ID="deployer",
        AWS_SECRET_ACCESS_KEY="not-a-secret",
    )
    def test_an_unreachable_store_is_reported_not_raised(self):
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The releases cannot be read:")
        self.assertContains(response, "Cannot reach the object store at s3://site/")
        self.assertNotContains(response, "Roll back to the previous release")
        self.assertContains(response, "Deploy now")

    @override_settings(DEPLOY_S3_BUCKET="")
    def test_no_store_configured_is_reported(self):
        self.sign_in(self.deployer)
        response = self.client.get(INDEX)
        self.assertContains(response, "Set DEPLOY_S3_BUCKET to the bucket the site is deployed to.")
        self.assertContains(response, "No syncs yet.")


class StaticSiteStatusTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.now = timezone.now()
        cls.before = f.StandardPageFactory(parent=cls.home, title="Published before")
        cls.after = f.StandardPageFactory(parent=cls.home, title="Published after")
        cls.draft = f.StandardPageFactory(parent=cls.home, title="Draft", publish=False, live=False)
        cls.private = f.StandardPageFactory(parent=cls.home, title="Members only")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type="password", password="secret"
        )
        cls.set_published(cls.before, cls.now - timedelta(hours=2))
        cls.set_published(cls.after, cls.now - timedelta(minutes=5))
        cls.deploy = SiteSync.objects.create(
            state=SiteSync.State.SUCCEEDED,
            started_at=cls.now - timedelta(hours=1),
            content_as_of=cls.now - timedelta(hours=1),
            finished_at=cls.now - timedelta(minutes=59),
            release_id=LIVE,
        )
        # A later failure changes nothing on the site.
        SiteSync.objects.create(
            state=SiteSync.State.FAILED,
            started_at=cls.now - timedelta(minutes=4),
            content_as_of=cls.now - timedelta(minutes=4),
            error="boom",
        )
        cls.superuser = User.objects.create_superuser("root", "root@example.org", "pw")

    @staticmethod
    def set_published(page: Page, when) -> None:
        Page.objects.filter(pk=page.pk).update(last_published_at=when)

    def editor(self, page: Page):
        self.client.force_login(self.superuser)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        return response

    def test_published_before_the_last_successful_deploy_is_live(self):
        response = self.editor(self.before)
        self.assertContains(response, 'data-static-site-status="live"')
        self.assertContains(response, "Live on the static site")
        self.assertContains(response, f"Release {LIVE}, deployed")

    def test_published_after_it_is_waiting(self):
        response = self.editor(self.after)
        self.assertContains(response, 'data-static-site-status="waiting"')
        self.assertContains(response, "Waiting for the next site deploy")
        self.assertNotContains(response, "Live on the static site")

    def test_drafts_and_private_pages_are_not_on_the_static_site(self):
        for page in (self.draft, self.private):
            with self.subTest(page=page.title):
                response = self.editor(page)
                self.assertContains(response, 'data-static-site-status="absent"')
                self.assertContains(response, "Not on the static site")

    def test_a_draft_saved_after_publishing_does_not_hide_the_live_status(self):
        # The editor shows the latest revision, whose copy of last_published_at is stale.
        self.before.title = "Published before, edited since"
        self.before.save_revision()
        self.assertContains(self.editor(self.before), "Live on the static site")

    def test_the_status_is_cheap(self):
        page = Page.objects.get(pk=self.before.pk)
        # The visibility rule's restrictions and aliases, the page row, the live sync.
        with self.assertNumQueries(4):
            status = static_site_status(page)
        self.assertEqual(status.state, "live")
        draft = Page.objects.get(pk=self.draft.pk)
        with self.assertNumQueries(0):
            self.assertEqual(static_site_status(draft).state, "absent")

    def test_before_any_successful_deploy_everything_waits(self):
        SiteSync.objects.filter(state=SiteSync.State.SUCCEEDED).delete()
        self.assertEqual(static_site_status(self.before).state, "waiting")

    def test_a_rollback_to_an_older_release_takes_pages_off_until_the_next_deploy(self):
        SiteSync.objects.create(
            state=SiteSync.State.SUCCEEDED,
            kind=SiteSync.Kind.DEPLOY,
            started_at=self.now - timedelta(days=2),
            content_as_of=self.now - timedelta(days=2),
            finished_at=self.now - timedelta(days=2),
            release_id=OLD,
        )
        SiteSync.objects.create(
            state=SiteSync.State.SUCCEEDED,
            kind=SiteSync.Kind.ROLLBACK,
            started_at=self.now - timedelta(minutes=1),
            finished_at=self.now,
            release_id=OLD,
        )
        status = static_site_status(self.before)
        self.assertEqual(status.state, "waiting")
        self.assertIn(f"rolled back to release {OLD}", status.detail)
        self.set_published(self.before, self.now - timedelta(days=3))
        status = static_site_status(self.before)
        self.assertEqual(
            (status.state, status.detail), ("live", f"Release {OLD}, restored by a rollback")
        )


class RollbackPreviewTests(AdminClientMixin, TestCase):
    """The Roll back button shows, before anything runs, the pages it will not restore."""

    @pytest.fixture(autouse=True)
    def _releases(self, store, builds):
        self.target = target_for(store)
        pages = ["op-eds/a", "topics/nato"]
        self.v1 = deploy_build(builds("v1").write(1, pages).root, Options(), self.target)
        deploy_build(builds("v2").write(2, pages[:1]).root, Options(), self.target)
        with override_settings(**settings_for(self.target)):
            yield

    def test_the_confirmation_lists_the_pages_that_are_not_public_now(self):
        self.sign_in(user_in("Deployers", "deployer"))
        confirm = self.client.get(ROLLBACK, {"release_id": self.v1.release_id})
        self.assertContains(confirm, "This page is not public now and will not be restored:")
        self.assertContains(confirm, "<li><code>/topics/nato/</code></li>", html=True)
        self.assertEqual(anonymous_get(self.target, "topics/nato/index.html")[0], 404)
