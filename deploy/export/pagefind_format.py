"""Make a Pagefind bundle byte-stable: the same HTML always gives the same files.

Pagefind (1.5) writes its fragments and word indexes deterministically, but each filter's
values, and the lists of filters and sorts in the language's ``pf_meta``, come out in hash-map
order, which changes from run to run; so do their content-derived file names and
``pagefind-entry.json``, which names the ``pf_meta``. This puts those lists in sorted order and
renames the files after their new content. Only lists Pagefind treats as unordered are reordered.

The files are gzip-compressed ``pagefind_dcd`` + CBOR. Anything not exactly in the expected shape
(another Pagefind version, a CBOR feature Pagefind does not use) raises UnknownFormat before a
file is changed, and the bundle stays as Pagefind wrote it: valid, only not byte-stable.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class UnknownFormat(Exception):
    """The bundle is not in the layout this module knows."""


def canonicalise(bundle: Path) -> None:
    """Rewrite the filter and meta files of every language of ``bundle`` in sorted order."""
    try:
        entry, writes, removals = _plan(bundle)
    except (KeyError, IndexError, TypeError, ValueError, EOFError, OSError) as exc:
        raise UnknownFormat(f"{type(exc).__name__}: {exc}") from exc
    for path in removals - set(writes):
        path.unlink()
    for path, raw in writes.items():
        path.write_bytes(raw)
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (bundle / ENTRY).write_text(text)


def _plan(bundle: Path) -> tuple[dict[str, Any], dict[Path, bytes], set[Path]]:
    """The new entry file, the files to write and the files to remove; nothing changed yet."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text())
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        raise UnknownFormat(f"{ENTRY} has no languages")
    writes: dict[Path, bytes] = {}
    removals: set[Path] = set()
    for language in languages.values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 4 and _is_pairs(meta[3])):
            raise UnknownFormat(f"{meta_path.name}: no filter list")
        filters = []
        for name, old_hash in meta[3]:
            filter_path = bundle / "filter" / f"{old_hash}.pf_filter"
            data = _read(filter_path)
            if not (isinstance(data, list) and len(data) == 2 and _is_pairs(data[1], list)):
                raise UnknownFormat(f"{filter_path.name}: not a filter")
            data[1].sort(key=lambda pair: pair[0])
            raw = _compress(data)
            new_hash = _hash(old_hash, raw, 7)
            writes[bundle / "filter" / f"{new_hash}.pf_filter"] = raw
            removals.add(filter_path)
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        if len(meta) > 4 and _is_pairs(meta[4], list):  # sort keys, with their page orders
            meta[4].sort(key=lambda pair: pair[0])
        raw = _compress(meta)
        language["hash"] = _hash(language["hash"], raw, 10)
        writes[bundle / f"pagefind.{language['hash']}.pf_meta"] = raw
        removals.add(meta_path)
    return entry, writes, removals


def _is_pairs(value: Any, second: type = str) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], second)
        for item in value
    )


def _hash(old: str, raw: bytes, length: int) -> str:
    """A name like Pagefind's own (``en_3f2a9c0``): language prefix, content hash."""
    prefix = old.rsplit("_", 1)[0]
    return f"{prefix}_{hashlib.sha256(raw).hexdigest()[:length]}"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnknownFormat(f"{path.name}: no {SIGNATURE.decode()} signature")
    body = data[len(SIGNATURE) :]
    value, end = _decode(body, 0)
    # Only values this codec writes back identically may be rewritten.
    if end != len(body) or _encode(value) != body:
        raise UnknownFormat(f"{path.name}: CBOR this module does not round-trip")
    return value


def _compress(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


# --- the subset of CBOR (RFC 8949) Pagefind writes: unsigned and negative integers, byte and
# text strings, arrays and maps, definite lengths, shortest encodings --------------------------


def _decode(data: bytes, i: int) -> tuple[Any, int]:
    if i >= len(data):
        raise UnknownFormat("truncated CBOR")
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise UnknownFormat("indefinite-length or reserved CBOR item")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        chunk = data[i : i + n]
        if len(chunk) != n:
            raise UnknownFormat("truncated CBOR string")
        return (chunk if major == 2 else chunk.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(n):
            key, i = _decode(data, i)
            mapping[key], i = _decode(data, i)
        return mapping, i
    raise UnknownFormat(f"CBOR major type {major}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        size = struct.calcsize(fmt)
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise UnknownFormat("integer too large for CBOR")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise UnknownFormat("CBOR simple value")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise UnknownFormat(f"cannot encode {type(value).__name__}")
