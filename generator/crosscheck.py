"""Stage 4, cross-check: validated files -> problems that only show across files.

Consumes every validated lesson and quiz (with its document, for positions) and the list of
hand-written pages; produces located problems: duplicate ids, references that point
nowhere or disagree, scenarios without both kinds of choice, hand-written files that
would be published where another file is (by case too) or over Serve First's own
assets. Links inside Markdown are checked while rendering, because only the Markdown
parser can tell a link from text that looks like one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.assets import ASSET_DIR
from generator.document import Document, Entry, Key
from generator.models import SELF, SERVICE, Lesson, Quiz
from generator.problems import START, Problem, did_you_mean, display_path
from generator.urls import HOME, PROGRESS, REVIEW, file_url, lesson_src, quiz_src


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
        for kind in (SERVICE, SELF):
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
            named = quiz.model.lesson
            if named is not None and named not in lesson_by_id:
                continue  # the quiz's own error names the lesson it misspelled
            if named is None:
                fix = f"names no lesson; add 'lesson: {entry.model.id}' to it"
            elif lesson_by_id[named].model.quiz == wanted:
                fix = (
                    f"belongs to lesson '{named}', which names it too; a quiz belongs to one "
                    "lesson, so give this lesson a quiz of its own"
                )
            else:
                fix = f"says 'lesson: {named}'; change it to 'lesson: {entry.model.id}'"
            problems.append(
                entry.problem(("quiz",), f"quiz '{wanted}' ({_where(quiz, ('lesson',))}) {fix}")
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
            named = lesson.model.quiz
            if named is not None and named not in quiz_by_id:
                continue  # the lesson's own error names the quiz it misspelled
            if named is None:
                fix = f"names no quiz; add 'quiz: {quiz_entry.model.id}' to it"
            elif quiz_by_id[named].model.lesson == wanted:
                fix = (
                    f"has quiz '{named}', which names it too; a lesson has one quiz, so "
                    "point this quiz at another lesson"
                )
            else:
                fix = f"says 'quiz: {named}'; change it to 'quiz: {quiz_entry.model.id}'"
            problems.append(
                quiz_entry.problem(
                    ("lesson",), f"lesson '{wanted}' ({_where(lesson, ('quiz',))}) {fix}"
                )
            )
    return problems


PublishedBy = str | Entry[Lesson] | Entry[Quiz]
OWN_ASSETS = (
    f"Serve First's own scripts and styles are published under {ASSET_DIR}; a file here "
    "would replace them on every page; move it to another folder"
)


def published_file(src: str, use_directory_urls: bool) -> str:
    """The file under the site folder that the docs-relative path `src` becomes."""
    url = file_url(src, use_directory_urls)
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def _generated(
    lessons: Sequence[Entry[Lesson]], quizzes: Sequence[Entry[Quiz]], reserved: Sequence[str]
) -> dict[str, PublishedBy]:
    generated: dict[str, PublishedBy] = {
        PROGRESS: "the 'My progress' page is generated; rename this file",
        REVIEW: "the 'Review' page is generated; rename this file",
    }
    for src in reserved:
        generated[src] = "the field reference page is generated here; rename this file"
    for entry in lessons:
        generated[lesson_src(entry.model.id)] = entry
    for quiz in quizzes:
        generated[quiz_src(quiz.model.id, quiz.model.lesson)] = quiz
    return generated


def check_page_collisions(
    pages: Sequence[str],
    content_dir: Path,
    lessons: Sequence[Entry[Lesson]],
    quizzes: Sequence[Entry[Quiz]],
    reserved: Sequence[str] = (),
    use_directory_urls: bool = True,
    *,
    has_home: bool = True,
) -> list[Problem]:
    """No hand-written file may be published where another file is (pages or not).

    Paths are compared ignoring case, because a site built or checked out on macOS or
    Windows keeps only one of two names that differ by case. Serve First's own assets
    folder is reserved: MkDocs lets a docs file replace a theme file silently.
    """
    generated = _generated(lessons, quizzes, reserved)
    if has_home:
        generated[HOME] = "the home page is made from course.yml; move this text into its 'intro'"
    taken: dict[str, PublishedBy | Path] = {
        published_file(src, use_directory_urls).casefold(): owner
        for src, owner in generated.items()
    }
    folders: dict[str, str] = {}
    for src in generated:
        _claim_folders(published_file(src, use_directory_urls), folders)
    problems = []
    for src in pages:
        path = content_dir / src
        target = published_file(src, use_directory_urls)
        owner = taken.setdefault(target.casefold(), path)
        twin = _claim_folders(target, folders)
        if target.casefold().startswith(ASSET_DIR.casefold()):
            message = OWN_ASSETS
        elif isinstance(owner, str):
            message = owner
        elif isinstance(owner, Path) and owner != path:
            message = (
                f"{display_path(owner)} is published at the same place ({target}, ignoring "
                "case); rename one of them"
            )
        elif isinstance(owner, Entry):
            noun = "lesson" if isinstance(owner.model, Lesson) else "quiz"
            where = _where(owner, ("id",))
            message = f"{noun} '{owner.model.id}' ({where}) is published at this path"
        elif twin is not None:
            message = (
                f"this is published in the folder '{twin[0]}', and another file in "
                f"'{twin[1]}'; macOS and Windows keep one folder for names that differ only "
                "by case; use one spelling"
            )
        else:
            continue
        problems.append(Problem(path, START, message))
    return problems


def _claim_folders(target: str, folders: dict[str, str]) -> tuple[str, str] | None:
    """Record the folders of `target`; return one that another spelling took first."""
    parts = target.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        folder = "/".join(parts[:end])
        taken = folders.setdefault(folder.casefold(), folder)
        if taken != folder:
            return folder, taken
    return None
