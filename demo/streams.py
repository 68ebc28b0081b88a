"""Raw StreamField data (the JSON Wagtail stores) with deterministic block ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

#: Namespace for the uuid5 block ids of hand-written demo pages.
DEMO_NAMESPACE = uuid.UUID("6f1c52a4-3d7e-4c11-9a55-2d8a4e0b9c01")

Block = dict


def block_id(key: str) -> str:
    """A stable block id derived from a key such as ``"op-eds/slug:body:3"``."""
    return str(uuid.uuid5(DEMO_NAMESPACE, key))


def escape_text(text: str) -> str:
    """Escape text for an HTML text node (quotes need no escaping there)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rich(text: str) -> str:
    """One rich-text paragraph; text that already starts with a tag is kept as HTML."""
    return text if text.startswith("<") else f"<p>{escape_text(text)}</p>"


def rich_paragraphs(texts: Iterable[str]) -> str:
    return "".join(rich(text) for text in texts)


def block(block_type: str, value, key: str) -> Block:
    return {"type": block_type, "value": value, "id": block_id(key)}


def list_value(values: Sequence, key: str) -> list[Block]:
    """A ListBlock value in Wagtail's current format: items with their own ids."""
    return [block("item", value, f"{key}:{index}") for index, value in enumerate(values)]


def body_blocks(items: Sequence, key: str) -> list[Block]:
    """BodyBlock stream from the compact notation of :mod:`demo.articles`.

    ``"## text"``/``"### text"`` are headings, ``"> quote | attribution"`` a quote, a tuple
    ``("table", caption, rows)`` a table; any other string is a paragraph.
    """
    blocks = []
    for index, item in enumerate(items):
        item_key = f"{key}:{index}"
        if isinstance(item, tuple) and item[0] == "table":
            _, caption, rows = item
            cells = [list_value(row, f"{item_key}:{r}") for r, row in enumerate(rows)]
            value = {"caption": caption, "rows": list_value(cells, f"{item_key}:rows")}
            blocks.append(block("table", value, item_key))
        elif item.startswith("### "):
            blocks.append(block("heading", {"text": item[4:], "level": "h3"}, item_key))
        elif item.startswith("## "):
            blocks.append(block("heading", {"text": item[3:], "level": "h2"}, item_key))
        elif item.startswith("> "):
            quote, _, attribution = item[2:].partition(" | ")
            blocks.append(block("quote", {"quote": quote, "attribution": attribution}, item_key))
        else:
            blocks.append(block("paragraph", rich(item), item_key))
    return blocks


def point_blocks(points: Sequence[str], key: str) -> list[Block]:
    """Key points / key takeaways: one rich-text paragraph per point."""
    return [block("point", rich(point), f"{key}:{index}") for index, point in enumerate(points)]


def endnote_blocks(notes: Sequence[str], key: str) -> list[Block]:
    return [block("note", {"text": rich(note)}, f"{key}:{i}") for i, note in enumerate(notes)]


def question_blocks(items: Sequence[tuple[str, Sequence[str]]], key: str) -> list[Block]:
    return [
        block("item", {"question": question, "answer": rich_paragraphs(answer)}, f"{key}:{i}")
        for i, (question, answer) in enumerate(items)
    ]


def agenda_blocks(items: Sequence[tuple[str, str, str]], key: str) -> list[Block]:
    """Agenda items from ``(HH:MM, title, description)``."""
    return [
        block(
            "item",
            {"time": f"{time}:00" if time else None, "title": title, "description": description},
            f"{key}:{index}",
        )
        for index, (time, title, description) in enumerate(items)
    ]
