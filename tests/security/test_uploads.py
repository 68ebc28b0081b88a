"""Uploads: image limits (size, pixels, formats) and the document allow-list, as an editor
meets them in the admin, and what the static site serves an uploaded file as."""

from __future__ import annotations

import io
import shutil
import struct
import tempfile
import warnings
import zlib
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from PIL import Image, ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from deploy.export.build import build_site
from deploy.export.manifest import Manifest
from deploy.export.output_policy import content_type

from .. import factories as f
from ..base import SiteTestCase

TOO_MANY_PIXELS = "This file has too many pixels (unknown number). Maximum pixels 40000000."
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ACTIVE_DOCUMENTS = {
    "page.html": b"<!DOCTYPE html><script>alert(1)</script>",
    "page.htm": b"<script>alert(1)</script>",
    "image.svg": SVG,
    "code.js": b"alert(1)",
    "data.xml": b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"/>',
    "page.xhtml": b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
    "archive.zip": b"PK\x05\x06" + b"\x00" * 18,
}


# Files whose bytes are not what their extension says, or that a reader or browser would run.
PDF_JAVASCRIPT = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n%%EOF\n"
)
PDF_LAUNCH = b"%PDF-1.4\n1 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n%%EOF\n"
PDF_HEX_ESCAPED_JS = b"%PDF-1.4\n1 0 obj\n<< /S /J#61vaScript /J#53 (x) >>\nendobj\n%%EOF\n"
OBJECT_STREAM = zlib.compress(b"2 0 << /S /JavaScript /JS (app.alert(1)) >>")
PDF_JS_IN_OBJECT_STREAM = (
    b"%PDF-1.5\n3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
    + str(len(OBJECT_STREAM)).encode()
    + b" >>\nstream\n"
    + OBJECT_STREAM
    + b"\nendstream\nendobj\n%%EOF\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
MISMATCHED_DOCUMENTS = {
    "report.pdf": (HTML, "This file&#x27;s content is not a PDF."),
    "notes.docx": (HTML, "This file&#x27;s content is not a Word document."),
    "sheet.xlsx": (b"%PDF-1.4\n", "This file&#x27;s content is not an Excel workbook."),
    "book.epub": (b"PK\x05\x06" + b"\x00" * 18, "This file&#x27;s content is not an EPUB book."),
    "notes.txt": (b"text\x00binary", "This file&#x27;s content is not plain text."),
    "page.txt": (HTML, "This text file contains HTML markup"),
    "data.csv": (b"a,b\n<script>alert(1)</script>,2\n", "This text file contains HTML markup"),
    "js.pdf": (PDF_JAVASCRIPT, "This PDF contains JavaScript or a launch action"),
    "launch.pdf": (PDF_LAUNCH, "This PDF contains JavaScript or a launch action"),
    "escaped.pdf": (PDF_HEX_ESCAPED_JS, "This PDF contains JavaScript or a launch action"),
    "objstm.pdf": (PDF_JS_IN_OBJECT_STREAM, "This PDF contains JavaScript or a launch action"),
}


def png(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, format="JPEG", comment=comment)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A decompression bomb's header: a tiny PNG (made by Pillow) whose IHDR chunk declares
    ``width`` × ``height`` pixels, with a valid CRC so decoders believe it."""
    data = bytearray(png())
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@override_settings(TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=False)
class AdminUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_superuser("editor", "editor@example.org", "x")
        cls.collection = Collection.get_first_root_node()

    def setUp(self):
        self.client.force_login(self.user)

    def add_image(self, name: str, content: bytes):
        return self.client.post(
            "/admin/images/add/",
            {
                "title": "Upload",
                "file": SimpleUploadedFile(name, content),
                "description": "A test image",
                "collection": str(self.collection.pk),
            },
        )

    def add_image_multiple(self, name: str, content: bytes) -> dict:
        """The drag-and-drop uploader most editors use: it answers in JSON."""
        response = self.client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile(name, content), "collection": str(self.collection.pk)},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def add_document(self, name: str, content: bytes):
        return self.client.post(
            "/admin/documents/add/",
            {
                "title": name,
                "file": SimpleUploadedFile(name, content),
                "collection": str(self.collection.pk),
            },
        )

    def test_the_limits_are_set_deliberately(self):
        self.assertEqual(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, 20 * 1024 * 1024)
        self.assertEqual(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, 40_000_000)
        self.assertNotIn("svg", settings.WAGTAILIMAGES_EXTENSIONS)
        for extension in ["html", "htm", "svg", "js", "xml", "xhtml", "zip"]:
            self.assertNotIn(extension, settings.WAGTAILDOCS_EXTENSIONS)
        self.assertEqual(settings.WAGTAILDOCS_SERVE_METHOD, "direct")

    def test_a_decompression_bomb_is_refused_with_a_clear_message(self):
        # Just over the limit, and far over it: 48 and 100 Mpx, each in 70 bytes.
        for width, height in [(8_000, 6_000), (10_000, 10_000)]:
            bomb = png_declaring(width, height)
            self.assertLess(len(bomb), 200)
            # Refused when Pillow opens the file, before a single pixel is decoded.
            never_decoded = mock.patch.object(
                ImageFile.ImageFile, "load", side_effect=AssertionError("the bomb was decoded")
            )
            with self.subTest(pixels=width * height), never_decoded:
                response = self.add_image("bomb.png", bomb)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, TOO_MANY_PIXELS)
                result = self.add_image_multiple("bomb.png", bomb)
                self.assertFalse(result["success"])
                self.assertIn("too many pixels", result["error_message"])
        self.assertFalse(get_image_model().objects.exists())

    def test_an_image_at_the_pixel_limit_is_accepted(self):
        # Pillow warns above half the limit; the settings silence that, but pytest resets
        # warning filters around each test.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            response = self.add_image("wide.png", png(8_000, 5_000))  # exactly 40 Mpx
        self.assertEqual(response.status_code, 302)

    def test_a_bomb_past_pillows_own_limit_is_refused_too(self):
        bomb = png_declaring(60_000, 60_000)  # 3.6 Gpx: Pillow refuses to open it at all
        response = self.add_image("huge.png", bomb)
        self.assertContains(response, TOO_MANY_PIXELS)
        self.assertFalse(get_image_model().objects.exists())

    def test_an_oversize_image_is_refused(self):
        limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        big = png() + b"\x00" * (limit + 1)  # a valid PNG with trailing bytes past the limit
        response = self.add_image("big.png", big)
        self.assertContains(response, "This file is too big (20.0\xa0MB). Maximum filesize 20.0")
        self.assertFalse(get_image_model().objects.exists())

    def test_an_svg_image_is_refused(self):
        response = self.add_image("logo.svg", SVG)
        self.assertContains(response, "Not a supported image format.")
        result = self.add_image_multiple("logo.svg", SVG)
        self.assertFalse(result["success"])
        self.assertFalse(get_image_model().objects.exists())

    def test_a_normal_image_is_accepted(self):
        response = self.add_image("photo.png", png(64, 48))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(get_image_model().objects.get().width, 64)

    def test_documents_a_browser_would_run_are_refused(self):
        for name, content in ACTIVE_DOCUMENTS.items():
            with self.subTest(name):
                response = self.add_document(name, content)
                self.assertEqual(response.status_code, 200)
                extension = name.rsplit(".", 1)[1]
                self.assertContains(response, f"File extension “{extension}” is not allowed.")
                result = self.client.post(
                    "/admin/documents/multiple/add/",
                    {"files[]": SimpleUploadedFile(name, content)},
                ).json()
                self.assertFalse(result["success"], result)
        self.assertFalse(get_document_model().objects.exists())

    def test_a_pdf_is_accepted(self):
        response = self.add_document("report.pdf", b"%PDF-1.4\n%%EOF\n")
        self.assertEqual(response.status_code, 302)
        document = get_document_model().objects.get()
        self.assertEqual(document.file_extension, "pdf")
        self.assertTrue(document.url.startswith("/media/documents/"))  # "direct": a plain file

    def test_documents_whose_content_is_not_their_extension_are_refused(self):
        for name, (content, message) in MISMATCHED_DOCUMENTS.items():
            with self.subTest(name):
                response = self.add_document(name, content)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                result = self.client.post(
                    "/admin/documents/multiple/add/",
                    {"files[]": SimpleUploadedFile(name, content)},
                ).json()
                self.assertFalse(result["success"], result)
        self.assertFalse(get_document_model().objects.exists())

    def test_documents_whose_content_matches_are_accepted(self):
        good = {
            "report.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction [3 0 R /Fit] >>\n",
            "notes.docx": b"PK\x03\x04" + b"\x00" * 26,
            "data.csv": "name,price\nCaf\u00e9 <ok>,1 < 2\n".encode(),
            "notes.txt": b"Plain notes; x < y and a <b> tag name in prose.\n",
        }
        for name, content in good.items():
            with self.subTest(name):
                self.assertEqual(self.add_document(name, content).status_code, 302)
        self.assertEqual(get_document_model().objects.count(), len(good))

    def test_a_jpeg_html_polyglot_is_refused(self):
        for polyglot in [
            jpeg(comment=b"<html><script>alert(1)</script>"),
            jpeg() + b"<svg onload=alert(1)>",
            png() + b"<SCRIPT>alert(1)</SCRIPT>",
        ]:
            name = "photo.png" if polyglot.startswith(b"\x89PNG") else "photo.jpg"
            with self.subTest(name):
                response = self.add_image(name, polyglot)
                self.assertContains(response, "This image also contains HTML or SVG markup")
                result = self.add_image_multiple(name, polyglot)
                self.assertFalse(result["success"])
                self.assertIn("HTML or SVG markup", result["error_message"])
        self.assertFalse(get_image_model().objects.exists())

    def test_a_plain_jpeg_is_accepted(self):
        self.assertEqual(self.add_image("photo.jpg", jpeg(comment=b"A caption")).status_code, 302)

    def test_every_allowed_extension_has_a_content_check(self):
        from cms.uploads import DOCUMENT_CHECKS, IMAGE_CHECKS

        self.assertLessEqual(set(settings.WAGTAILDOCS_EXTENSIONS), set(DOCUMENT_CHECKS))
        self.assertLessEqual(set(settings.WAGTAILIMAGES_EXTENSIONS), set(IMAGE_CHECKS))


class ServedTypeTests(SiteTestCase):
    """A document that is not in the allow-list (stored before it, or by code) is still never
    served as something a browser runs."""

    def test_media_outside_the_inert_formats_is_served_as_a_download(self):
        for path in ["media/documents/x.svg", "media/documents/x.html", "media/documents/x.JS"]:
            self.assertEqual(content_type(path), "application/octet-stream", path)
        self.assertEqual(content_type("media/documents/report.pdf"), "application/pdf")
        self.assertEqual(content_type("media/images/photo.fill-800x450.png"), "image/png")
        self.assertEqual(content_type("static/img/logo.svg"), "image/svg+xml")  # our own

    def test_a_linked_svg_document_is_built_as_octet_stream(self):
        svg = f.DocumentFactory(
            title="Legacy diagram", file__filename="diagram.svg", file__data=SVG
        )
        f.StandardPageFactory(
            parent=self.home,
            slug="diagram",
            body=[("document", {"document": svg, "label": "Diagram"})],
        )
        tmp = Path(tempfile.mkdtemp(prefix="uploads-test-"))
        try:
            build_site(tmp / "site")
            path = svg.url.lstrip("/")
            self.assertTrue((tmp / "site" / path).is_file(), path)
            entry = Manifest.load(tmp / "site").entries[path]
            self.assertEqual(entry.content_type, "application/octet-stream")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
