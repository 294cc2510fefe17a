"""Built pages are valid HTML (W3C Nu checker) and have no broken links (linkchecker)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, serve

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material marks its own checkboxes with `autocomplete`, which HTML allows only on some
# input types; that one theme error is the only one accepted.
THEME_ERRORS = ("Attribute “autocomplete” is only allowed when the input type is",)


def nu_errors(site: Path) -> list[str]:
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail(
            "the Nu HTML checker needs node_modules (npm ci) and Java: scripts/setup --test"
        )
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not m["message"].startswith(THEME_ERRORS)
    ]


def broken_links(url: str) -> str:
    linkchecker = Path(sys.executable).parent / "linkchecker"
    result = subprocess.run(
        [str(linkchecker), "--no-status", "--no-warnings", "-o", "failures", url],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def test_every_page_of_the_course_is_valid_html(course_site) -> None:
    assert nu_errors(course_site.site) == []


def test_the_course_has_no_broken_links(course_site) -> None:
    assert broken_links(course_site.url) == ""


def test_linkchecker_finds_a_broken_link_in_raw_html(sample: Path, tmp_path: Path) -> None:
    (sample / "content" / "notes.md").write_text(
        '# Notes\n\n<p><a href="nowhere/">a raw link strict mode does not check</a></p>\n'
    )
    assert mkdocs_build(sample).returncode == 0
    site = tmp_path / "serve-first"
    shutil.copytree(sample / "site", site)
    with serve(site) as url:
        assert "nowhere" in broken_links(url)
