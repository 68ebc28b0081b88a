"""`manage.py backup` and `restore`: what they refuse, and that they refuse before changing
anything. The full round trip (a restored site builds byte-identically) is
tests/deploy/test_backup_restore.py, in processes of its own."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Locale, Page

# transaction=True: the backup reads committed data (pg_dump is another process; SQLite's
# backup API waits for a transaction of the same connection to end).
pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7 annual report"


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("documents/annual-report.pdf", ContentFile(PDF))
    default_storage.save("original_images/cover.png", ContentFile(b"png"))
    return settings.MEDIA_ROOT


@pytest.fixture
def backup_dir(media: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "backup"
    call_command("backup", str(folder), verbosity=0)
    return folder


def test_the_backup_records_every_media_file_with_its_sha256(backup_dir: Path):
    manifest = json.loads((backup_dir / "backup.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert (backup_dir / manifest["database"]["file"]).stat().st_size > 0
    assert manifest["database"]["migrations"]["latest"]["wagtailcore"]
    assert manifest["media"]["sha256"] == {
        "documents/annual-report.pdf": hashlib.sha256(PDF).hexdigest(),
        "original_images/cover.png": hashlib.sha256(b"png").hexdigest(),
    }
    assert (manifest["media"]["files"], manifest["media"]["bytes"]) == (2, len(PDF) + 3)
    assert (backup_dir / "media/documents/annual-report.pdf").read_bytes() == PDF


def test_restore_refuses_a_database_with_pages_unless_forced(backup_dir: Path):
    if not Page.objects.exists():  # Wagtail's migrations make one; a flush removes it
        locale = Locale.objects.get_or_create(language_code="en")[0]
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    default_storage.delete("documents/annual-report.pdf")
    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", str(backup_dir), verbosity=0)
    assert not default_storage.exists("documents/annual-report.pdf"), "nothing restored"


def test_a_corrupted_media_file_stops_the_restore_before_anything_changes(backup_dir: Path):
    (backup_dir / "media/documents/annual-report.pdf").write_bytes(b"%PDF-1.7 tampered")
    default_storage.delete("documents/annual-report.pdf")
    with (
        mock.patch("cms.backup._load_database") as load_database,
        pytest.raises(CommandError, match=r"documents/annual-report.pdf is corrupted: sha256"),
    ):
        call_command("restore", str(backup_dir), "--force", verbosity=0)
    load_database.assert_not_called()
    assert not default_storage.exists("documents/annual-report.pdf")


def test_a_media_file_missing_from_the_backup_stops_the_restore(backup_dir: Path):
    (backup_dir / "media/original_images/cover.png").unlink()
    with pytest.raises(CommandError, match="cover.png is missing from the backup"):
        call_command("restore", str(backup_dir), "--force", verbosity=0)


def test_restore_names_a_missing_folder_and_an_unfinished_backup(tmp_path: Path):
    with pytest.raises(CommandError, match="No backup folder"):
        call_command("restore", str(tmp_path / "nowhere"), verbosity=0)
    with pytest.raises(CommandError, match="no backup.json: not a backup"):
        call_command("restore", str(tmp_path), verbosity=0)


def test_restore_refuses_a_backup_of_the_other_database_vendor(backup_dir: Path):
    manifest = json.loads((backup_dir / "backup.json").read_text())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest["database"]["vendor"] = other
    (backup_dir / "backup.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=f"is a {other} backup"):
        call_command("restore", str(backup_dir), "--force", verbosity=0)


def test_backup_refuses_a_folder_that_is_not_empty(backup_dir: Path):
    with pytest.raises(CommandError, match="not empty: back up into a new folder"):
        call_command("backup", str(backup_dir), verbosity=0)


def test_missing_postgresql_client_tools_are_a_command_error(media: Path, tmp_path: Path):
    with (
        mock.patch("cms.backup.shutil.which", return_value=None),
        mock.patch.object(connection, "vendor", "postgresql"),
        pytest.raises(CommandError, match="pg_dump is not installed"),
    ):
        call_command("backup", str(tmp_path / "backup"), verbosity=0)
