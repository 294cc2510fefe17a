"""Stage 1, discover: folders -> the sorted list of course files, without parsing them.

Consumes the content and quizzes folders and the project folder holding them; produces
`Sources`: the course file, the lesson and quiz YAML files, the hand-written files of the
content folder (pages, images), and the problems of the file tree itself. The folders are
walked by `generator.tree`, which sees what MkDocs would publish and refuses what must
not be (links out of the project, loops, names other systems cannot hold). Paths are
sorted so every later stage, and every build, sees them in the same order. Hidden files
and folders (a leading dot) are skipped, as MkDocs does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.problems import START, Problem, display_path
from generator.tree import YAML_SUFFIXES, walk_tree

__all__ = ["COURSE_NAMES", "YAML_SUFFIXES", "Sources", "discover_sources"]

COURSE_NAMES = ("course.yml", "course.yaml")


@dataclass(frozen=True)
class Sources:
    """Every file a course is made of, by role, and what is wrong with the tree."""

    content_dir: Path
    quizzes_dir: Path
    course: Path | None
    lessons: tuple[Path, ...]
    quizzes: tuple[Path, ...]
    pages: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()

    def yaml_files(self) -> tuple[Path, ...]:
        return ((self.course,) if self.course else ()) + self.lessons + self.quizzes


def discover_sources(content_dir: Path, quizzes_dir: Path, project: Path | None = None) -> Sources:
    """List the course files under `content_dir` and `quizzes_dir`.

    No link may leave `project` (widened to hold both folders; by default, the folder
    holding both).
    """
    project = Path(_common(content_dir, quizzes_dir, *([project] if project else [])))
    lessons: list[Path] = []
    pages: list[Path] = []
    content = walk_tree(content_dir, project, skip=quizzes_dir)
    quizzes = walk_tree(quizzes_dir, project)
    problems = content.problems + quizzes.problems
    for path in content.files + quizzes.files:
        if path.suffix.lower() in YAML_SUFFIXES and path.suffix not in YAML_SUFFIXES:
            problems.append(
                Problem(
                    path,
                    START,
                    f"the extension '{path.suffix}' is not read as a course file (it would be "
                    f"published as it is, comments included); rename it to "
                    f"'{path.suffix.lower()}'",
                )
            )
    named = {path.relative_to(content_dir).as_posix(): path for path in content.files}
    course = next((named[name] for name in COURSE_NAMES if name in named), None)
    for path in content.files:
        if path == course:
            continue
        if path.relative_to(content_dir).as_posix() in COURSE_NAMES:
            problems.append(
                Problem(
                    path,
                    START,
                    f"a second course file: {display_path(course or path)} is the course file; "
                    "merge this one into it and remove it",
                )
            )
        elif path.suffix in YAML_SUFFIXES:
            lessons.append(path)
        elif path.suffix.lower() not in YAML_SUFFIXES:
            pages.append(path)
    return Sources(
        content_dir=content_dir,
        quizzes_dir=quizzes_dir,
        course=course,
        lessons=tuple(lessons),
        quizzes=tuple(path for path in quizzes.files if path.suffix in YAML_SUFFIXES),
        pages=tuple(pages),
        problems=tuple(problems),
    )


def _common(*folders: Path) -> str:
    return os.path.commonpath([str(folder.resolve()) for folder in folders])
