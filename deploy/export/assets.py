"""Static assets with content-hashed names, and the media files public outputs reference."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test.utils import override_settings
from wagtail.documents import get_document_model

from deploy.errors import BuildError

HASHED_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
# A reference ends at a quote, space, bracket, query, fragment, comma or a JSON string's \".
_REFERENCE = re.compile(r"""(?:%s)?(/(?:static|media)/[^"'\s)<>?#,\\]+)""")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def static_cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "build-static"


@contextmanager
def hashed_static() -> Iterator[Path]:
    """Within the block, ``{% static %}`` gives content-hashed URLs of the site's own assets.

    Only the project's static folder is collected: admin assets can never reach the site.
    """
    root = static_cache_dir()
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": HASHED_STORAGE}}
    # DEBUG off: hashed names (ManifestStaticFilesStorage skips them in DEBUG), no debug pages.
    with override_settings(
        DEBUG=False,
        STATIC_ROOT=root,
        STORAGES=storages,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0, clear=True)
        yield root


def references(body: bytes) -> set[str]:
    """Site-relative /static/ and /media/ paths in an output (absolute site URLs included)."""
    pattern = re.compile(_REFERENCE.pattern % re.escape(settings.SITE_BASE_URL))
    return set(pattern.findall(body.decode("utf-8", "replace")))


def copy_static(paths: Iterable[str], static_root: Path, destination: Path) -> list[str]:
    """Copy referenced static files (and what their CSS references) into the build."""
    pending = sorted({p for p in paths if p.startswith(settings.STATIC_URL)})
    written: list[str] = []
    seen: set[str] = set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        source = static_root / url.removeprefix(settings.STATIC_URL)
        if not source.is_file():
            raise BuildError(f"{url} is referenced but is not a static file of the site")
        target = destination / url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(url.lstrip("/"))
        if source.suffix == ".css":
            for ref in _CSS_URL.findall(source.read_text()):
                if not ref.startswith(("data:", "http:", "https:", "#")):
                    pending.append(_resolve(url, ref))
    return written


def _resolve(base_url: str, ref: str) -> str:
    if ref.startswith("/"):
        return ref
    parts = base_url.split("/")[:-1]
    for piece in ref.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def copy_media(paths: Iterable[str], destination: Path) -> list[str]:
    """Copy the renditions and documents that public outputs reference, nothing else."""
    media = sorted({p for p in paths if p.startswith(settings.MEDIA_URL)})
    private = _private_document_files()
    written: list[str] = []
    for url in media:
        name = url.removeprefix(settings.MEDIA_URL)
        if name in private:
            raise BuildError(f"a public page links {url}, a document in a private collection")
        if not default_storage.exists(name):
            raise BuildError(f"{url} is referenced but missing from media storage")
        target = destination / url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as sink:
            shutil.copyfileobj(source, sink)
        written.append(url.lstrip("/"))
    return written


def _private_document_files() -> set[str]:
    from wagtail.models import CollectionViewRestriction

    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    names: set[str] = set()
    for path in restricted:
        documents = get_document_model().objects.filter(collection__path__startswith=path)
        names.update(documents.values_list("file", flat=True))
    return names
