"""Workers record that they are alive; the admin and /healthz/ready read it."""

from datetime import timedelta

from django.test import TestCase, override_settings
from django.utils import timezone

from deploy.live import heartbeat
from deploy.models import WorkerHeartbeat


class HeartbeatTests(TestCase):
    def test_a_beat_records_the_worker_then_refreshes_only_its_time(self):
        started = timezone.now() - timedelta(minutes=5)
        heartbeat.beat("cms-1:10", started)
        first = WorkerHeartbeat.objects.get()
        heartbeat.beat("cms-1:10", timezone.now())
        again = WorkerHeartbeat.objects.get()
        self.assertEqual(again.started, started)
        self.assertGreaterEqual(again.seen, first.seen)
        self.assertEqual(heartbeat.last_seen(), again.seen)

    def test_a_clean_stop_forgets_the_worker(self):
        heartbeat.beat("cms-1:10", timezone.now())
        heartbeat.forget("cms-1:10")
        self.assertFalse(WorkerHeartbeat.objects.exists())
        self.assertIsNone(heartbeat.last_seen())
        self.assertFalse(heartbeat.worker_seen_recently())

    @override_settings(HEALTH_WORKER_SEEN_SECONDS=120)
    def test_seen_recently_means_within_the_limit(self):
        heartbeat.beat("cms-1:10", timezone.now())
        now = timezone.now()
        self.assertTrue(heartbeat.worker_seen_recently(now + timedelta(seconds=100)))
        self.assertFalse(heartbeat.worker_seen_recently(now + timedelta(seconds=130)))
