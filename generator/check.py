"""Stage 4, cross-check: validated files -> problems that only show across files.

Consumes every validated lesson and quiz (with its document, for positions) and the list of
hand-written pages; produces located problems: duplicate ids, references that point
nowhere or disagree, scenarios without both kinds of choice, and hand-written pages that
would collide with generated ones. Links inside Markdown are checked while rendering,
because only the Markdown parser can tell a link from text that looks like one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.errors import START, Problem, display_path
from generator.load import Document, Key
from generator.models import Lesson, Quiz
from generator.plan import HOME, PROGRESS, REVIEW, lesson_src, page_url, quiz_src
from generator.validate import did_you_mean

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A validated model and the document it was read from."""

    model: M
    document: Document

    @property
    def path(self) -> Path:
        return self.document.path

    def problem(self, key: Key, message: str, *, at_key: bool = False) -> Problem:
        where = self.document.key_position(key) if at_key else self.document.position(key)
        return Problem(self.path, where, message)


def _where(entry: Entry[Any], key: Key) -> str:
    position = entry.document.position(key)
    return f"{display_path(entry.path)}:{position.line}"


def check_unique_ids(claims: Sequence[tuple[Document, str]], noun: str) -> list[Problem]:
    """Each id may be used by one file only (`claims`: documents and the id each claims)."""
    problems = []
    first: dict[str, Document] = {}
    for document, ident in claims:
        if ident in first:
            earlier = first[ident]
            where = f"{display_path(earlier.path)}:{earlier.position(('id',)).line}"
            problems.append(
                Problem(
                    document.path,
                    document.position(("id",)),
                    f"{noun} id '{ident}' is already used by {where}",
                )
            )
        else:
            first[ident] = document
    return problems


def check_scenarios(quiz: Entry[Quiz]) -> list[Problem]:
    """Scenario ids are unique within a quiz; every scenario has both kinds of choice."""
    problems = []
    seen: dict[str, int] = {}
    for index, scenario in enumerate(quiz.model.scenarios):
        if scenario.id in seen:
            problems.append(
                quiz.problem(
                    ("scenarios", index, "id"),
                    f"scenario id '{scenario.id}' is already used by scenario "
                    f"{seen[scenario.id] + 1} of this quiz",
                )
            )
        else:
            seen[scenario.id] = index
        kinds = {choice.kind for choice in scenario.choices}
        for kind in ("service-oriented", "self-serving"):
            if kind not in kinds:
                problems.append(
                    quiz.problem(
                        ("scenarios", index, "choices"),
                        f"scenario '{scenario.id}' needs at least one {kind} choice",
                    )
                )
    return problems


def check_references(
    lessons: Sequence[Entry[Lesson]],
    quizzes: Sequence[Entry[Quiz]],
    drafts: set[str] | None = None,
) -> list[Problem]:
    """A lesson's `quiz` and a quiz's `lesson` exist and name each other.

    `drafts` holds "lesson:ID" and "quiz:ID" of drafts left out of this build: a reference
    to one of them is not an error (the link is simply not shown).
    """
    drafts = drafts or set()
    problems = []
    lesson_by_id = {entry.model.id: entry for entry in lessons}
    quiz_by_id = {entry.model.id: entry for entry in quizzes}
    for entry in lessons:
        wanted = entry.model.quiz
        if wanted is None or f"quiz:{wanted}" in drafts:
            continue
        quiz = quiz_by_id.get(wanted)
        if quiz is None:
            problems.append(
                entry.problem(
                    ("quiz",),
                    f"no quiz has id '{wanted}'{did_you_mean(wanted, quiz_by_id)}",
                )
            )
        elif quiz.model.lesson != entry.model.id:
            said = f"names lesson '{quiz.model.lesson}'" if quiz.model.lesson else "names no lesson"
            problems.append(
                entry.problem(
                    ("quiz",),
                    f"quiz '{wanted}' ({_where(quiz, ('id',))}) {said}; "
                    f"add 'lesson: {entry.model.id}' to it",
                )
            )
    for quiz_entry in quizzes:
        wanted = quiz_entry.model.lesson
        if wanted is None or f"lesson:{wanted}" in drafts:
            continue
        lesson = lesson_by_id.get(wanted)
        if lesson is None:
            problems.append(
                quiz_entry.problem(
                    ("lesson",),
                    f"no lesson has id '{wanted}'{did_you_mean(wanted, lesson_by_id)}",
                )
            )
        elif lesson.model.quiz != quiz_entry.model.id:
            said = f"names quiz '{lesson.model.quiz}'" if lesson.model.quiz else "names no quiz"
            problems.append(
                quiz_entry.problem(
                    ("lesson",),
                    f"lesson '{wanted}' ({_where(lesson, ('id',))}) {said}; "
                    f"add 'quiz: {quiz_entry.model.id}' to it",
                )
            )
    return problems


def check_page_collisions(
    pages: Sequence[str],
    content_dir: Path,
    lessons: Sequence[Entry[Lesson]],
    quizzes: Sequence[Entry[Quiz]],
    reserved: Sequence[str] = (),
) -> list[Problem]:
    """Hand-written pages may not take the place of a generated one."""
    generated: dict[str, str | Entry[Lesson] | Entry[Quiz]] = {
        HOME: "the home page is made from course.yml; move this text into its 'intro'",
        PROGRESS: "the 'My progress' page is generated; rename this file",
        REVIEW: "the 'Review' page is generated; rename this file",
    }
    for src in reserved:
        generated[src] = "the field reference page is generated here; rename this file"
    for entry in lessons:
        generated[lesson_src(entry.model.id)] = entry
    for quiz in quizzes:
        generated[quiz_src(quiz.model.id, quiz.model.lesson)] = quiz
    taken = {page_url(src, True): owner for src, owner in generated.items()}
    problems = []
    for src in pages:
        owner = taken.get(page_url(src, True)) if src.endswith(".md") else None
        if isinstance(owner, str):
            problems.append(Problem(content_dir / src, START, owner))
        elif owner is not None:
            noun = "lesson" if isinstance(owner.model, Lesson) else "quiz"
            problems.append(
                Problem(
                    content_dir / src,
                    START,
                    f"{noun} '{owner.model.id}' ({_where(owner, ('id',))}) "
                    "is published at this path",
                )
            )
    return problems
