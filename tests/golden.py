"""Golden files: compare text with a committed expected file, or rewrite it.

Run `pytest --update-goldens` to rewrite every expected file after an intended change;
review the diff in git before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str, update: bool) -> None:
    """Fail with a unified diff when `actual` differs from tests/golden/<name>."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path}: run pytest --update-goldens")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"expected {name}",
                f"actual {name}",
            )
        )
        pytest.fail(f"{name} differs from its golden file (pytest --update-goldens):\n{diff}")
