"""Stage 1, discover: folders -> the sorted list of course files, without reading them.

Consumes the content and quizzes folders; produces `Sources`: the course file, the lesson
and quiz YAML files, and the hand-written files of the content folder (pages, images).
Paths are sorted so every later stage, and every build, sees them in the same order.
Hidden files and folders (a leading dot) are skipped, as MkDocs does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yml", ".yaml")
COURSE_NAMES = ("course.yml", "course.yaml")


@dataclass(frozen=True)
class Sources:
    """Every file a course is made of, by role."""

    content_dir: Path
    quizzes_dir: Path
    course: Path | None
    lessons: tuple[Path, ...]
    quizzes: tuple[Path, ...]
    pages: tuple[Path, ...]

    def yaml_files(self) -> tuple[Path, ...]:
        return ((self.course,) if self.course else ()) + self.lessons + self.quizzes


def _walk(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def discover_sources(content_dir: Path, quizzes_dir: Path) -> Sources:
    """List the course files under `content_dir` and `quizzes_dir`."""
    course = None
    lessons: list[Path] = []
    pages: list[Path] = []
    quizzes_inside = quizzes_dir.resolve().is_relative_to(content_dir.resolve())
    for path in _walk(content_dir):
        if quizzes_inside and path.resolve().is_relative_to(quizzes_dir.resolve()):
            continue
        relative = path.relative_to(content_dir).as_posix()
        if relative in COURSE_NAMES:
            course = path
        elif path.suffix in YAML_SUFFIXES:
            lessons.append(path)
        else:
            pages.append(path)
    quizzes = [path for path in _walk(quizzes_dir) if path.suffix in YAML_SUFFIXES]
    return Sources(
        content_dir=content_dir,
        quizzes_dir=quizzes_dir,
        course=course,
        lessons=tuple(lessons),
        quizzes=tuple(quizzes),
        pages=tuple(pages),
    )
