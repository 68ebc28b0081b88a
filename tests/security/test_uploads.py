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


def png(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="PNG")
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
