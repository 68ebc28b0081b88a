"""A real SeaweedFS (authentication on) for the deploy tests, on free loopback ports."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.localstore import LocalStore
from deploy.target import Target

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
    running.stop()


@pytest.fixture
def target(store: LocalStore) -> Target:
    return target_for(store)


@pytest.fixture
def builds(tmp_path: Path):
    """``builds(name)``: a synthetic build folder of the test's own."""
    return lambda name: SyntheticBuild(tmp_path / name)
