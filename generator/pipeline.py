"""The whole pipeline, framework-free: folders -> generated pages, nav and problems.

    discover -> load -> validate -> cross-check -> render  (+ lint)

`build_site` is what both adapters call: the MkDocs plugin turns its pages into
`File.generated` objects, and the CLI writes them to a folder or only reports problems.
Every stage keeps going past a bad file, so one run reports every problem in every file;
a file that could not be read or validated is left out of later stages, and references
to its id are not reported again as missing (its own errors say what to fix).
"""

from __future__ import annotations

import contextlib
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.crosscheck import (
    check_page_collisions,
    check_references,
    check_scenarios,
    check_unique_ids,
)
from generator.decode import MAX_BYTES
from generator.discover import Sources, discover_sources
from generator.document import Document, Entry
from generator.lint import lint_course
from generator.load import load_document
from generator.models import Course, Lesson, Quiz
from generator.page_links import check_page_links
from generator.problems import START, ContentError, Problem, capped
from generator.reference import render_reference
from generator.render import render_site
from generator.settings import Settings
from generator.tree import check_files
from generator.urls import HOME
from generator.validate import validate_document
from generator.views import CheckedCourse, GeneratedPage, NavEntry
from generator.wording import catalogue

M = TypeVar("M", bound=BaseModel)
Identified = TypeVar("Identified", Lesson, Quiz)


@dataclass
class Site:
    """The generator's output for one build."""

    pages: list[GeneratedPage]
    nav: list[NavEntry]
    sources: Sources
    warnings: list[Problem] = field(default_factory=list)
    # What the pages were rendered from, for other outputs (the SCORM package, GIFT).
    checked: CheckedCourse | None = None


_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)


@dataclass
class _Loaded(Generic[M]):
    """The files of one kind: the valid ones, and the ids claimed by the invalid ones."""

    entries: list[Entry[M]] = field(default_factory=list)
    invalid: list[Document] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def invalid_ids(self) -> set[str]:
        """Ids of files that failed: references to them are not reported a second time."""
        ids = {ident for _, ident in _claimed_ids(self.invalid)}
        for path in self.unreadable:
            # A file YAML could not read may still show its id on a line of its own.
            with contextlib.suppress(OSError), path.open("rb") as handle:
                head = handle.read(MAX_BYTES).decode("utf-8", "replace")
                ids.update(_ID_LINE.findall(head))
        return ids


def _claimed_ids(documents: list[Document]) -> list[tuple[Document, str]]:
    claimed = []
    for document in documents:
        data: Any = document.data
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            claimed.append((document, data["id"]))
    return claimed


def _load_all(paths: tuple[Path, ...], model: type[M]) -> _Loaded[M]:
    loaded: _Loaded[M] = _Loaded()
    for path in paths:
        document, found = load_document(path)
        loaded.problems.extend(found)
        if document is None or found:
            loaded.unreadable.append(path)
            continue
        value, found = validate_document(document, model)
        loaded.problems.extend(found)
        if value is None:
            loaded.invalid.append(document)
        else:
            loaded.entries.append(Entry(value, document))
    return loaded


def _lesson_order(entry: Entry[Lesson]) -> tuple[int, int, str]:
    order = entry.model.order
    return (order is None, order or 0, entry.path.as_posix())


def run_pipeline(settings: Settings) -> tuple[Site, list[Problem]]:
    """Run every stage; return the site (possibly partial) and all problems found."""
    sources = discover_sources(settings.content_dir, settings.quizzes_dir, settings.project_dir)
    problems: list[Problem] = [*sources.problems, *check_files(sources.pages, settings.allow_html)]

    course: Entry[Course] | None = None
    own = {p.relative_to(settings.content_dir).as_posix() for p in sources.pages}
    if sources.course is None and HOME not in own:
        problems.append(
            Problem(
                settings.content_dir / "course.yml",
                START,
                "the course file is missing: create course.yml with title, tagline, "
                "audience, intro and license (it makes the home page), or write your own "
                "index.md",
            )
        )
    if sources.course is not None:
        courses = _load_all((sources.course,), Course)
        problems.extend(courses.problems)
        course = courses.entries[0] if courses.entries else None

    loaded_lessons = _load_all(sources.lessons, Lesson)
    loaded_quizzes = _load_all(sources.quizzes, Quiz)
    problems += loaded_lessons.problems + loaded_quizzes.problems
    lessons, quizzes = loaded_lessons.entries, loaded_quizzes.entries
    problems += check_unique_ids(_claims(loaded_lessons), "lesson")
    problems += check_unique_ids(_claims(loaded_quizzes), "quiz")

    unavailable = {f"lesson:{i}" for i in loaded_lessons.invalid_ids()}
    unavailable |= {f"quiz:{i}" for i in loaded_quizzes.invalid_ids()}
    if not settings.include_drafts:
        unavailable |= {f"lesson:{e.model.id}" for e in lessons if e.model.draft}
        unavailable |= {f"quiz:{e.model.id}" for e in quizzes if e.model.draft}
        lessons = [e for e in lessons if not e.model.draft]
        quizzes = [e for e in quizzes if not e.model.draft]
        # A quiz whose lesson is a draft waits for its lesson.
        quizzes = [e for e in quizzes if f"lesson:{e.model.lesson}" not in unavailable]
    lessons.sort(key=_lesson_order)

    for quiz in quizzes:
        problems += check_scenarios(quiz)
    problems += check_references(lessons, quizzes, unavailable)
    pages = [p.relative_to(settings.content_dir).as_posix() for p in sources.pages]
    reserved = [settings.field_reference] if settings.field_reference else []
    problems += check_page_collisions(
        pages,
        settings.content_dir,
        lessons,
        quizzes,
        reserved,
        settings.use_directory_urls,
        has_home=sources.course is not None,
    )

    # Ids must be unique before pages can be placed by id.
    lessons = _first_of_each_id(lessons)
    quizzes = _first_of_each_id(quizzes)
    quiz_ids = {q.model.id for q in quizzes}
    lesson_ids = {e.model.id for e in lessons}
    # Lint the lessons as written: a lesson whose quiz has errors still names a quiz.
    declared = lessons
    lessons = [
        e if e.model.quiz is None or e.model.quiz in quiz_ids else _without_quiz(e) for e in lessons
    ]
    quizzes = [q for q in quizzes if q.model.lesson is None or q.model.lesson in lesson_ids]
    warnings = lint_course(declared, quizzes)

    checked = CheckedCourse(
        course=course,
        lessons=lessons,
        quizzes=_quiz_order(quizzes, lessons),
        content_dir=settings.content_dir,
        content_files=frozenset(pages),
        drafts=frozenset(unavailable),
        allow_html=settings.allow_html,
        use_directory_urls=settings.use_directory_urls,
        words=catalogue(settings.language, settings.strings),
    )
    generated, nav, rendering_problems = render_site(checked)
    problems += rendering_problems
    published = set(pages) | {page.src for page in generated}
    if settings.field_reference:
        published.add(settings.field_reference)
    problems += check_page_links(settings.content_dir, pages, published, settings.trainer_dir)
    if settings.field_reference:
        generated.append(
            GeneratedPage(
                settings.field_reference, render_reference(), "Field reference", in_course_nav=False
            )
        )
    site = Site(
        pages=generated,
        nav=nav,
        sources=sources,
        warnings=capped(warnings),
        checked=checked,
    )
    # A text rendered on two pages (a summary on its lesson and on the home page) is
    # reported once.
    return site, capped(dict.fromkeys(problems))


def _claims(loaded: _Loaded[Identified]) -> list[tuple[Document, str]]:
    """Every id claim, valid file or not, in file order: for duplicate-id checks."""
    claims = [(entry.document, entry.model.id) for entry in loaded.entries]
    claims += _claimed_ids(loaded.invalid)
    return sorted(claims, key=lambda claim: claim[0].path.as_posix())


def _first_of_each_id(entries: list[Entry[Identified]]) -> list[Entry[Identified]]:
    seen: set[str] = set()
    kept = []
    for entry in entries:
        ident = entry.model.id
        if ident not in seen:
            seen.add(ident)
            kept.append(entry)
    return kept


def _without_quiz(entry: Entry[Lesson]) -> Entry[Lesson]:
    return Entry(entry.model.model_copy(update={"quiz": None}), entry.document)


def _quiz_order(quizzes: list[Entry[Quiz]], lessons: list[Entry[Lesson]]) -> list[Entry[Quiz]]:
    """Lesson quizzes in lesson order, then quizzes without a lesson in file order."""
    rank = {e.model.id: i for i, e in enumerate(lessons)}
    return sorted(
        quizzes,
        key=lambda q: (
            q.model.lesson is None,
            rank.get(q.model.lesson or "", 0),
            q.path.as_posix(),
        ),
    )


def build_site(settings: Settings) -> Site:
    """Run the pipeline; raise `ContentError` with every error if there is any."""
    # The pipeline makes hundreds of thousands of small containers that all live until
    # it ends; the cyclic garbage collector would scan them over and over for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        site, problems = run_pipeline(settings)
    finally:
        if collecting:
            gc.enable()
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return site
