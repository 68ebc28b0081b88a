"""The floor plan: ``cms`` is the ground floor and names no app built on it; the layers and the
rule that nothing but ``deploy`` imports ``deploy`` are import-linter contracts (pyproject)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.dbless

ROOT = Path(__file__).resolve().parents[1]
HIGHER_APPS = ("home", "people", "publications", "demo", "deploy")
# apps.get_model("home", …) / ("home.Topic") and label strings such as "publications.OpEdPage".
_APPS = "|".join(HIGHER_APPS)
LOOKUP = re.compile(rf"""get_model\(\s*["'](?:{_APPS})\b|["'](?:{_APPS})\.[A-Z]\w*["']""")


def test_cms_names_no_app_built_on_it():
    """Settings name models by label (as WAGTAILIMAGES_IMAGE_MODEL does); code does not."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "cms").rglob("*.py"))
        if "migrations" not in path.parts and "settings" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if LOOKUP.search(line)
    ]
    assert offenders == []


def test_the_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
