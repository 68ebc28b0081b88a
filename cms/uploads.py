"""Uploads: a file's content must be what its extension says (tests/security/test_uploads.py).

The extension allow-lists (``WAGTAILDOCS_EXTENSIONS``, ``WAGTAILIMAGES_EXTENSIONS``) decide what
a file is served as; the bytes decide what a browser or reader does with it. So the admin's
document and image forms (every upload view builds them: add, edit, the multiple uploader, the
choosers; ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` / ``WAGTAILIMAGES_IMAGE_FORM_BASE``) also check:

- the magic bytes of the extension's format (an HTML page named ``.pdf`` is refused);
- PDFs carry no JavaScript and no launch action (``/JavaScript``, ``/JS``, ``/Launch``, also
  written with ``#xx`` escapes or inside compressed streams): readers run them;
- text files are text (no NUL bytes) without HTML markup;
- images hold no HTML or SVG markup anywhere in their bytes (JPEG/HTML polyglots): Wagtail's
  own check only asks whether Pillow can decode the image.

An extension with no check here is refused: adding one to an allow-list means adding its check.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

# Markup a browser sniffing the bytes, or reading them as a page, would act on.
MARKUP = re.compile(rb"<(?:html|script|svg|iframe|body)[\s/>]|<!doctype\s+html", re.IGNORECASE)
# PDF names are ``/Name`` tokens; ``#xx`` writes any byte in hex (``/J#61vaScript``).
PDF_NAME = re.compile(rb"/([^\s/<>\[\](){}%]+)")
PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_ACTIVE_NAMES = frozenset({b"JavaScript", b"JS", b"Launch"})
PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
# Decompressed bytes inspected per PDF: a stream bomb cannot make the check use more memory.
PDF_INFLATE_LIMIT = 64 * 1024 * 1024

ZIP = b"PK\x03\x04"


def read_all(file: IO[bytes]) -> bytes:
    """The whole upload (the size limits bound it), leaving the file at its start."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def has_markup(data: bytes) -> bool:
    return MARKUP.search(data) is not None


# --- PDF -----------------------------------------------------------------------------------


def pdf_names(data: bytes) -> set[bytes]:
    """The name tokens of PDF syntax, with ``#xx`` escapes decoded."""
    return {
        PDF_HEX.sub(lambda hex_: bytes([int(hex_.group(1), 16)]), match.group(1))
        for match in PDF_NAME.finditer(data)
    }


def pdf_syntax(data: bytes) -> Iterator[bytes]:
    """The dictionaries of a PDF: its text between streams, and its object streams (where a
    PDF 1.5 hides dictionaries) inflated, up to ``PDF_INFLATE_LIMIT`` bytes in all. Other
    streams (page content, images, fonts) are skipped: read as syntax, their bytes would
    match a name by chance."""
    budget = PDF_INFLATE_LIMIT
    pos = 0
    while match := PDF_STREAM.search(data, pos):
        head = data[pos : match.start()]
        yield head
        end = data.find(b"endstream", match.end())
        end = len(data) if end < 0 else end
        header = head[max(head.rfind(b"obj"), 0) :]
        if budget > 0 and b"ObjStm" in pdf_names(header):
            try:
                inflated = zlib.decompressobj().decompress(data[match.end() : end], budget)
            except zlib.error:
                inflated = b""
            budget -= len(inflated)
            yield inflated
        pos = end + len(b"endstream")
    yield data[pos:]


def pdf_is_active(data: bytes) -> bool:
    """Whether a PDF names JavaScript or a launch action in any of its dictionaries."""
    return any(pdf_names(part) & PDF_ACTIVE_NAMES for part in pdf_syntax(data))


def check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValidationError("This file's content is not a PDF.", code="content_mismatch")
    if pdf_is_active(data):
        raise ValidationError(
            "This PDF contains JavaScript or a launch action, which a PDF reader would run. "
            "Export it again without them (for example, print it to PDF).",
            code="active_pdf",
        )


# --- Other documents -----------------------------------------------------------------------


def zip_check(label: str) -> Callable[[bytes], None]:
    """Office and e-book formats are zip archives."""

    def check(data: bytes) -> None:
        if not data.startswith(ZIP):
            raise ValidationError(f"This file's content is not {label}.", code="content_mismatch")

    return check


def text_check(label: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        if b"\x00" in data:
            raise ValidationError(f"This file's content is not {label}.", code="content_mismatch")
        if has_markup(data):
            raise ValidationError(
                "This text file contains HTML markup, which a browser could run as a page.",
                code="markup",
            )

    return check


DOCUMENT_CHECKS: dict[str, Callable[[bytes], None]] = {
    "pdf": check_pdf,
    "docx": zip_check("a Word document"),
    "xlsx": zip_check("an Excel workbook"),
    "pptx": zip_check("a PowerPoint presentation"),
    "odt": zip_check("an OpenDocument text"),
    "ods": zip_check("an OpenDocument spreadsheet"),
    "epub": zip_check("an EPUB book"),
    "txt": text_check("plain text"),
    "csv": text_check("CSV text"),
}


# --- Images --------------------------------------------------------------------------------


def is_jpeg(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff")


def is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n")


def is_gif(data: bytes) -> bool:
    return data[:6] in (b"GIF87a", b"GIF89a")


def is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def is_avif(data: bytes) -> bool:
    return data[4:12] in (b"ftypavif", b"ftypavis")


IMAGE_CHECKS: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "jpg": ("a JPEG image", is_jpeg),
    "jpeg": ("a JPEG image", is_jpeg),
    "png": ("a PNG image", is_png),
    "gif": ("a GIF image", is_gif),
    "webp": ("a WebP image", is_webp),
    "avif": ("an AVIF image", is_avif),
}


# --- Checks and forms ----------------------------------------------------------------------


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def unchecked(ext: str) -> ValidationError:
    return ValidationError(
        f"Files of type “{ext}” cannot be checked, so they cannot be uploaded.",
        code="unchecked_type",
    )


def check_document(file: UploadedFile) -> None:
    """Raise ``ValidationError`` unless ``file``'s bytes are its extension's format, inertly.

    An extension outside the allow-list is left to Wagtail's own validator, whose message
    ("File extension … is not allowed") says what to do."""
    ext = extension(file.name or "")
    check = DOCUMENT_CHECKS.get(ext)
    if check is None:
        if ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", ()):
            raise unchecked(ext)
        return
    check(read_all(file))


def check_image(file: UploadedFile) -> None:
    """Raise ``ValidationError`` unless ``file`` is its extension's format, without markup."""
    ext = extension(file.name or "")
    if ext not in IMAGE_CHECKS:
        raise unchecked(ext)
    label, matches = IMAGE_CHECKS[ext]
    data = read_all(file)
    if not matches(data):
        raise ValidationError(f"This file's content is not {label}.", code="content_mismatch")
    if has_markup(data):
        raise ValidationError(
            "This image also contains HTML or SVG markup, which a browser could run as a page.",
            code="polyglot",
        )


def checked_file(form: Any, check: Callable[[UploadedFile], None]) -> Any:
    """The form's cleaned file, checked when it is a new upload (an edit may keep the old)."""
    file = form.cleaned_data.get("file")
    if isinstance(file, UploadedFile):
        check(file)
    return file


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing a file whose content does not match its extension."""

    def clean_file(self) -> Any:
        return checked_file(self, check_document)


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, refusing a file whose content does not match its extension."""

    def clean_file(self) -> Any:
        return checked_file(self, check_image)
