"""Demo media made on the spot: Pillow headshots and covers, and small hand-written PDF files."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

HEADSHOT_SIZE = (600, 600)
COVER_SIZE = (1200, 675)
PDF_PAGE_SIZE = (612, 792)  # US Letter, in points
PDF_CREATED = "D:20250701120000Z"  # fixed, so the files are byte-for-byte reproducible


# --- Images --------------------------------------------------------------------------------


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _centred_text(draw: ImageDraw.ImageDraw, box: tuple[int, int], text: str, size: int) -> None:
    font = ImageFont.load_default(size=size)
    draw.text((box[0] / 2, box[1] / 2), text, font=font, fill="white", anchor="mm")


def headshot_png(initials: str, colour: str) -> bytes:
    """A square placeholder portrait: the person's initials on a solid colour with a soft ring."""
    image = Image.new("RGB", HEADSHOT_SIZE, _hex_to_rgb(colour))
    draw = ImageDraw.Draw(image)
    inset = 40
    draw.ellipse(
        (inset, inset, HEADSHOT_SIZE[0] - inset, HEADSHOT_SIZE[1] - inset),
        outline=(255, 255, 255),
        width=6,
    )
    _centred_text(draw, HEADSHOT_SIZE, initials, 220)
    return _png_bytes(image)


def cover_png(title: str, label: str, colour: str) -> bytes:
    """A 16:9 listing image: a colour band, the section label and the wrapped title."""
    width, height = COVER_SIZE
    rgb = _hex_to_rgb(colour)
    image = Image.new("RGB", COVER_SIZE, rgb)
    draw = ImageDraw.Draw(image)
    hatch = tuple(min(255, channel + 28) for channel in rgb)
    for step in range(-height, width, 48):  # diagonal hatching for texture
        draw.line((step, height, step + height, 0), fill=hatch, width=3)
    draw.rectangle((0, height - 90, width, height), fill=(20, 32, 48))
    draw.text(
        (60, height - 45),
        label.upper(),
        font=ImageFont.load_default(size=34),
        fill="white",
        anchor="lm",
    )
    font = ImageFont.load_default(size=64)
    y = 90
    for line in textwrap.wrap(title, width=30)[:5]:
        draw.text((60, y), line, font=font, fill="white")
        y += 84
    return _png_bytes(image)


def save_image(title: str, filename: str, data: bytes, alt: str, credit: str, caption: str = ""):
    """Save PNG bytes as a Wagtail image with alt text (``description``) and credit."""
    image_model = get_image_model()
    image = image_model(title=title, description=alt, credit=credit, caption=caption)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image


# --- PDF -----------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi encoding, with the special characters escaped."""
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    out += b")"
    return bytes(out)


def _pdf_text_string(text: str) -> bytes:
    """A string for the document information dictionary: ASCII literal, else UTF-16BE hex."""
    if text.isascii():
        return _pdf_string(text)
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _text_lines(lines: Sequence[tuple[str, int, int]]) -> bytes:
    """A content stream drawing (text, font size, gap before) lines from the top of the page."""
    ops = [b"BT", b"72 700 Td"]
    for index, (text, size, gap) in enumerate(lines):
        if index:
            ops.append(b"0 -%d Td" % gap)
        ops.append(b"/F1 %d Tf" % size)
        ops.append(_pdf_string(text) + b" Tj")
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_bytes(title: str, subtitle: str, author: str) -> bytes:
    """A valid one-page PDF 1.4 (Helvetica, no dependencies) with a correct xref table."""
    lines: list[tuple[str, int, int]] = [("DEFENSE PRIORITIES", 12, 0)]
    for index, line in enumerate(textwrap.wrap(title, width=38)):
        lines.append((line, 24, 40 if index == 0 else 30))
    lines.append((subtitle, 13, 36))
    if author:
        lines.append((author, 13, 20))
    lines.append(("www.defensepriorities.org", 10, 48))
    stream = _text_lines(lines)
    info = b"<< /Title %s /Author %s /Producer (seed_demo) /CreationDate %s >>" % (
        _pdf_text_string(title),
        _pdf_text_string(author or "Defense Priorities"),
        _pdf_string(PDF_CREATED),
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % PDF_PAGE_SIZE,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref_at,
    )
    return bytes(out)


def save_document(title: str, filename: str, data: bytes):
    """Save PDF bytes as a Wagtail document, with its size and hash filled in."""
    document = get_document_model()(title=title)
    document.file = ContentFile(data, name=filename)
    document._set_document_file_metadata()
    document.save()
    return document
