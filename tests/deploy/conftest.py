"""A real SeaweedFS (authentication on) for the deploy tests, on free loopback ports."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local.objectstore import LocalStore
from deploy.release.target import Target

from .s3_support import SyntheticBuild, start_store, target_for


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    running = start_store(tmp_path_factory.mktemp("objectstore"))
    yield running
    running.stop()


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[LocalStore]:
    """A store of the test's own, for tests that kill it."""
    running = start_store(tmp_path / "objectstore")
    yield running
    running.kill()  # throwaway data: no need to wait for a clean shutdown


@pytest.fixture
def target(store: LocalStore) -> Target:
    return target_for(store)


@pytest.fixture
def builds(tmp_path: Path):
    """``builds(name)``: a synthetic build folder of the test's own."""
    return lambda name: SyntheticBuild(tmp_path / name)


class SeededDatabase(type(Path())):
    """A path with the environment its database was seeded with."""

    env: dict


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> SeededDatabase:
    """The demo site seeded once into a SQLite file that tests copy and share with processes."""
    import os
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("seeded")
    database = SeededDatabase(folder / "db.sqlite3")
    database.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "CMS_VAR_DIR": str(folder / "var"),
        "CMS_TEST_MEDIA_ROOT": str(folder / "media"),
    }
    root = Path(__file__).resolve().parents[2]
    for args in (["migrate", "--no-input", "-v0"], ["seed_demo"]):
        done = subprocess.run(  # noqa: S603
            [sys.executable, str(root / "manage.py"), *args],
            env=database.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    return database
