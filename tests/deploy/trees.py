"""Comparing build folders."""

import json
from pathlib import Path


def snapshot(root: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    # The manifest must describe the same outputs; what each was rendered from may be recorded
    # by an earlier build, so dependency lists are compared through later builds' outputs.
    entries = json.loads(files.pop("manifest.json"))["entries"]
    for entry in entries.values():
        entry.pop("deps")
    files["manifest.json"] = json.dumps(entries, sort_keys=True).encode()
    return files


def leftovers(folder: Path) -> list[str]:
    """What a build left in ``folder`` besides the lock file beside each build folder."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))
