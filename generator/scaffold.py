"""`servefirst init`: a new course repository that builds as it is.

Consumes a target folder and a course title; produces the files of a course of one's own
(`mkdocs.yml`, the course file, one example lesson and quiz on a neutral topic, the JSON
Schemas, a Pages workflow, a pinned requirement on this version, a `.gitignore` and a
trainer's README) and nothing of this project's own course, tests or benchmarks.

It never overwrites: a folder that holds anything is refused unless the caller allows it,
and even then no existing file is replaced (every file is opened with mode "x").
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from string import Template

from generator.schema import write_schemas

SCAFFOLD = Path(__file__).parent / "templates" / "init"

# Target path -> packaged file, and whether `$title`/`$version` are filled in. Dot files
# are stored without their dot: package data globs skip hidden files.
FILES: tuple[tuple[str, str, bool], ...] = (
    ("mkdocs.yml", "mkdocs.yml", True),
    ("requirements.txt", "requirements.txt", True),
    ("README.md", "README.md", True),
    (".gitignore", "gitignore", False),
    (".github/workflows/pages.yml", "pages.yml", False),
    ("content/course.yml", "course.yml", True),
    ("content/lessons/example-huddle.yml", "lesson.yml", False),
    ("quizzes/example-huddle.yml", "quiz.yml", False),
)


class FolderNotEmpty(Exception):
    """The target holds files and the caller did not allow adding to it."""


def servefirst_version() -> str:
    """The installed Serve First version (what a new course pins)."""
    try:
        return version("servefirst")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def init_course(target: Path, title: str, *, allow_non_empty: bool = False) -> list[Path]:
    """Write a new course into `target`; return the files written, in order.

    Raises `FolderNotEmpty` (before writing anything) when `target` holds anything and
    `allow_non_empty` is false, and `FileExistsError` rather than replace a file.
    """
    if target.exists() and any(target.iterdir()) and not allow_non_empty:
        raise FolderNotEmpty(f"{target} is not empty")
    clashes = [name for name in [*(f[0] for f in FILES), "schemas"] if (target / name).exists()]
    if clashes:
        raise FileExistsError(f"{target / clashes[0]} already exists")
    # YAML files get the title as a quoted scalar, so any title is valid YAML there.
    values = {
        "title": title,
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "version": servefirst_version(),
    }
    written = []
    for name, packaged, templated in FILES:
        text = (SCAFFOLD / packaged).read_text(encoding="utf-8")
        if templated:
            text = Template(text).substitute(values)
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    written += write_schemas(target / "schemas")
    return written
