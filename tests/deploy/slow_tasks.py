"""A task for the worker's stop tests: a search-queue step that takes a few seconds."""

import time
from pathlib import Path

from django_tasks import task


@task(backend="deploys", queue_name="search")
def slow_search_step(seconds: float, started: str) -> str:
    Path(started).write_text("started")
    time.sleep(seconds)
    return "finished"
