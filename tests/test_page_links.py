"""`servefirst check` sees the links in hand-written Markdown pages, as the build does."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, run
from generator.page_links import check_page_links

PUBLISHED = {"index.md", "about.md", "lessons/x/index.md", "img/a.png", "trainers/index.md"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[a](lessons/x/index.md)", None),
        ("[a](lessons/x/index.md#part)", None),
        ("![a](img/a.png)", None),
        ("[a](https://example.org/x.md) [b](mailto:a@b.c) [c](#top)", None),
        ("`[a](missing.md)`", None),
        ("[a](lessons/y/index.md)", "1:5: error: link 'lessons/y/index.md': no such page or file"),
        ("[a](lessons/x/)", None),
        ("[a](/about.md)", "use a path relative to this page"),
        ("[a](../outside.md)", "points outside the content folder"),
        ("[a](trainers/index.md)", "a trainer page, which the published course leaves out"),
        ("[a](abuot.md)", "(did you mean 'about.md'?)"),
    ],
)
def test_each_kind_of_link(tmp_path: Path, line: str, message: str | None) -> None:
    (tmp_path / "page.md").write_text(f"# Page\n\n{line}\n", encoding="utf-8")
    found = check_page_links(tmp_path, ["page.md"], PUBLISHED | {"page.md"}, "trainers")
    if message is None:
        assert found == []
    else:
        assert len(found) == 1
        shown = found[0].format(base=tmp_path)
        assert message.replace("1:5", "3:5") in shown, shown


def test_code_blocks_are_not_followed(tmp_path: Path) -> None:
    text = "# Page\n\n```md\n[a](missing.md)\n```\n\n~~~\n![b](gone.png)\n~~~\n"
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    assert check_page_links(tmp_path, ["page.md"], {"page.md"}) == []


def test_deleting_every_lesson_names_each_dangling_link_as_the_build_would(
    tmp_path: Path,
) -> None:
    course = tmp_path / "course"
    for name in ("content", "quizzes", "site_overrides", "schemas"):
        shutil.copytree(ROOT / name, course / name)
    shutil.copy(ROOT / "mkdocs.yml", course / "mkdocs.yml")
    for folder in (course / "content" / "lessons", course / "quizzes"):
        for path in folder.glob("*.yml"):
            path.unlink()
    checked = run([sys.executable, "-m", "generator", "check"], course)
    assert checked.returncode == 1
    errors = [line for line in checked.stdout.splitlines() if ": error: link " in line]
    assert errors, checked.stdout + checked.stderr
    for line in errors:
        path, number = line.split(":")[:2]
        assert path.startswith("content/") and path.endswith(".md") and number.isdigit(), line
    built = mkdocs_build(course)
    assert built.returncode != 0
    for line in errors:
        target = line.split("link '", 1)[1].split("'", 1)[0]
        assert target in built.stderr + built.stdout, target
