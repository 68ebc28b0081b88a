"""/healthz/live and /healthz/ready: what a load balancer and a supervisor read."""

import json

from django.test import TestCase, override_settings
from django.utils import timezone

from deploy.models import WorkerHeartbeat

STORE_UP = "tests.cms.test_health.store_up"
STORE_DOWN = "tests.cms.test_health.store_down"


def store_up() -> bool:
    return True


def store_down() -> bool:
    raise ConnectionError("Could not connect to http://10.0.0.7:8333 with key AKIA-SECRET")


def checks(object_store: str) -> dict:
    return {
        "database": "cms.health.check_database",
        "object_store": object_store,
        "worker": "deploy.health.check_worker",
    }


class HealthTests(TestCase):
    def test_live_answers_without_the_database(self):
        with self.assertNumQueries(0):
            response = self.client.get("/healthz/live")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertIn("no-cache", response.headers["Cache-Control"])

    @override_settings(HEALTH_READINESS_CHECKS=checks(STORE_UP))
    def test_ready_when_database_store_and_a_worker_answer(self):
        now = timezone.now()
        WorkerHeartbeat.objects.create(worker_id="w:1", host="w", pid=1, started=now, seen=now)
        response = self.client.get("/healthz/ready")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"database": "ok", "object_store": "ok", "worker": "ok"})

    @override_settings(HEALTH_READINESS_CHECKS=checks(STORE_DOWN), HEALTH_WORKER_SEEN_SECONDS=120)
    def test_not_ready_lists_what_failed_and_tells_nothing_else(self):
        seen = timezone.now() - timezone.timedelta(minutes=5)
        WorkerHeartbeat.objects.create(worker_id="w:1", host="w", pid=1, started=seen, seen=seen)
        with self.assertLogs("cms.health", "WARNING") as logs:
            response = self.client.get("/healthz/ready")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(
            response.json(),
            {
                "database": "ok",
                "object_store": "failed",
                "worker": "failed",
                "failed": ["object_store", "worker"],
            },
        )
        body = response.content.decode()
        for secret in ("10.0.0.7", "AKIA", "Could not connect"):
            self.assertNotIn(secret, body)
        self.assertIn("Could not connect", "\n".join(logs.output), "the reason is in the log")

    def test_only_reads_are_answered(self):
        self.assertEqual(self.client.post("/healthz/ready").status_code, 405)
        self.assertEqual(json.loads(self.client.get("/healthz/live").content)["status"], "ok")
