"""The site's navigation: the course's own entries, and what stays of the site's.

Consumes the checked course and its page addresses; produces the course part of the
navigation in the shape of MkDocs' `nav` setting (home, lessons with their quizzes,
grouped by module, the final assessment, then the learner's own pages), titled in the
site's language. For the rest of the site it consumes the source paths of hand-written
pages and the `nav` a trainer may have written in `mkdocs.yml`, and says which entries
stay and in what order. Plain data, no MkDocs: the adapter nests the paths.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from generator.escape import theme_text
from generator.links import Links
from generator.urls import CERTIFICATE, HOME, PROGRESS, REVIEW, lesson_src
from generator.views import CheckedCourse, NavEntry


def course_nav(course: CheckedCourse, links: Links) -> list[NavEntry]:
    """The course part of the navigation."""
    words = course.words
    nav: list[NavEntry] = [{words["nav.home"]: HOME}] if course.course is not None else []
    current_module: str | None = None
    target = nav
    for number, entry in enumerate(course.lessons, start=1):
        lesson = entry.model
        if lesson.module != current_module:
            current_module = lesson.module
            if lesson.module is None:
                target = nav
            else:
                group: list[NavEntry] = []
                nav.append({theme_text(lesson.module): group})
                target = group
        title = theme_text(f"{number}. {lesson.title}")
        quiz = course.quiz_of(lesson)
        if quiz is None:
            target.append({title: lesson_src(lesson.id)})
        else:
            quiz_page = links.quiz_pages[quiz.model.id]
            target.append({title: [lesson_src(lesson.id), {words["nav.quiz"]: quiz_page}]})
    for quiz in course.standalone_quizzes:
        nav.append({theme_text(quiz.model.title): links.quiz_pages[quiz.model.id]})
    nav.extend([{words["nav.progress"]: PROGRESS}, {words["nav.review"]: REVIEW}])
    if course.standalone_quizzes:
        nav.append({words["nav.certificate"]: CERTIFICATE})
    return nav


def nav_sort_key(src: str) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' own order for pages: by folder, each folder's index first, then by name."""
    parts = PurePosixPath(src).parts
    return (parts[:-1], PurePosixPath(src).stem != "index", parts[-1])


def without_pages(nav: list[Any], srcs: set[str]) -> list[Any]:
    """The configured `nav` entries that mention none of `srcs` (the course's own pages)."""
    return [entry for entry in nav if not _mentions(entry, srcs)]


def _mentions(entry: object, srcs: set[str]) -> bool:
    if isinstance(entry, str):
        return entry in srcs
    if isinstance(entry, dict):
        return any(_mentions(value, srcs) for value in entry.values())
    if isinstance(entry, list):
        return any(_mentions(value, srcs) for value in entry)
    return False
