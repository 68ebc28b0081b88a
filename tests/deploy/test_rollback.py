"""`rollback` and `releases`: restore any kept release from the bucket alone."""

import io

import pytest
from django.core.management import call_command

from deploy.errors import DeployError
from deploy.release.apply import Options, deploy_build, rollback
from deploy.release.history import list_releases

from .s3_support import live_keys, manage, settings_for

# No Django database: the same on SQLite and PostgreSQL, so run once (README, Tests).
pytestmark = pytest.mark.dbless

PAGES = ["op-eds/a", "op-eds/b", "topics/nato"]


@pytest.fixture
def three_releases(target, builds, settings):
    settings.DEPLOY_GRACE_SECONDS = 0  # no lingering assets: live keys are exactly a release
    versions = [
        builds("v1").write(1, PAGES),
        builds("v2").write(2, PAGES[:2], css="body{color:#222}"),
        builds("v3").write(3, [*PAGES, "events/x"], css="body{color:#333}"),
    ]
    ids = [
        deploy_build(v.root, Options(trigger=f"v{n}"), target).release_id
        for n, v in enumerate(versions, 1)
    ]
    return versions, ids


def test_rollback_with_include_removed_restores_a_release_exactly(target, three_releases):
    versions, ids = three_releases
    result = rollback(ids[0], Options(), target, include_removed=True)
    assert live_keys(target) == versions[0].files()
    assert result.release_id == ids[0]

    forward = rollback(ids[2], Options(), target, include_removed=True)
    assert live_keys(target) == versions[2].files()
    assert forward.uploaded > 0


def test_rollback_defaults_to_the_release_before_the_live_one(target, three_releases):
    versions, ids = three_releases
    rollback(None, Options(), target, include_removed=True)
    assert live_keys(target) == versions[1].files()
    rollback(None, Options(), target, include_removed=True)
    assert live_keys(target) == versions[0].files()
    with pytest.raises(DeployError, match="no earlier release"):
        rollback(None, Options(), target)


def test_rollback_never_publishes_again_a_page_that_is_not_public_now(target, three_releases):
    """v1 had topics/nato; v2 removed it. Rolling v2 back to v1 leaves it out, with every file
    of v1 that names it (here: the pages, the sitemap) kept at its live version, and the live
    search index."""
    versions, ids = three_releases
    rollback(ids[1], Options(), target, include_removed=True)  # the live site: v2 exactly
    live_before = live_keys(target)

    result = rollback(ids[0], Options(), target)

    assert result.left_out == ["/topics/nato/"]
    assert result.release_id != ids[0], "a release of its own: records never change"
    live = live_keys(target)
    assert "topics/nato/index.html" not in live and "topics/nato/index.json" not in live
    assert not [path for path, body in live.items() if b"topics/nato" in body]
    assert live["op-eds/a/index.json"] == versions[0].files()["op-eds/a/index.json"]
    assert live["index.html"] == live_before["index.html"], "v1's home page links the page"
    search = {path for path in live if path.startswith("pagefind/")}
    assert search == {path for path in live_before if path.startswith("pagefind/")}
    assert "left out  /topics/nato/  (not public now)" in result.plan

    with pytest.raises(DeployError, match="no earlier release"):
        rollback(None, Options(), target)  # "the one before" means before v1, not v3


def test_pages_published_since_stay_with_the_live_search_index(target, three_releases):
    versions, ids = three_releases
    before = live_keys(target)  # v3, with events/x published since v1
    result = rollback(ids[0], Options(), target)
    live = live_keys(target)
    assert result.left_out == []
    assert live["events/x/index.html"] == before["events/x/index.html"]
    assert live["op-eds/a/index.json"] == versions[0].files()["op-eds/a/index.json"]
    assert {p for p in live if p.startswith("pagefind/")} == {
        p for p in before if p.startswith("pagefind/")
    }


def test_include_removed_brings_the_page_back_and_says_so(target, three_releases):
    versions, ids = three_releases
    rollback(ids[1], Options(), target, include_removed=True)
    result = rollback(ids[0], Options(), target, include_removed=True)
    assert result.brought_back == ["/topics/nato/"] and result.left_out == []
    assert live_keys(target) == versions[0].files()
    assert "1 pages not public now brought back" in result.summary()


def test_the_rollback_command_lists_the_pages_it_leaves_out(target, three_releases):
    versions, ids = three_releases
    rollback(ids[1], Options(), target, include_removed=True)
    done = manage(["rollback", ids[0], "--dry-run"], target)
    assert done.returncode == 0, done.stderr
    assert "left out  /topics/nato/  (not public now)" in done.stdout
    done = manage(["rollback", ids[0]], target)
    assert done.returncode == 0, done.stderr
    assert "1 pages not public now left out" in done.stdout
    assert "topics/nato/index.html" not in live_keys(target)


def test_rollback_touches_only_the_keys_that_differ(target, three_releases):
    versions, ids = three_releases
    result = rollback(ids[1], Options(), target, include_removed=True)
    differing = {
        path for path, data in versions[1].files().items() if versions[2].files().get(path) != data
    }
    assert result.uploaded == len(differing)
    assert result.unchanged == len(versions[1].files()) - len(differing)


def test_rollback_to_an_unknown_release_is_refused(target, three_releases):
    with pytest.raises(DeployError, match="No release 'nope'"):
        rollback("nope", Options(), target)


def test_releases_lists_every_release_with_the_live_one_marked(target, three_releases, settings):
    versions, ids = three_releases
    rows = list_releases(target)
    assert [row.id for row in rows] == ids[::-1]
    assert [row.live for row in rows] == [True, False, False]
    assert rows[-1].trigger == "v1" and rows[-1].files == len(versions[0].files())

    for name, value in settings_for(target).items():
        setattr(settings, name, value)
    out = io.StringIO()
    call_command("releases", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1].startswith(f"* {ids[2]}") and ids[0] in lines[3]


def test_rollback_command_needs_no_database(target, three_releases):
    versions, ids = three_releases
    done = manage(["rollback", ids[0], "--include-removed"], target, DEPLOY_GRACE_SECONDS="0")
    assert done.returncode == 0, done.stderr
    assert f"Rolled back to release {ids[0]}" in done.stdout
    assert live_keys(target) == versions[0].files()

    listed = manage(["releases"], target)
    assert listed.returncode == 0 and f"* {ids[0]}" in listed.stdout

    unknown = manage(["rollback", "20200101T000000.000000Z-abcdef"], target)
    assert unknown.returncode == 1
    assert "Rollback stopped: No release" in unknown.stderr
    assert "Traceback" not in unknown.stderr
