"""What the page templates are given: the checked course in, plain view models out.

Consumes validated models; produces the values templates show (reading minutes, a quiz's
version fingerprint, the lesson and quiz items of the home, progress and review pages,
a quiz's scenarios with their Markdown already rendered). Every view model is a frozen
dataclass, so a template reads `item.url` the same way everywhere. No I/O and no
Markdown parsing here: the renderer passes rendered fields in.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from generator.document import Entry, Key
from generator.markdown import word_count
from generator.models import Course, Lesson, Quiz
from generator.wording import FALLBACK, Catalogue, catalogue

WORDS_PER_MINUTE = 200

NavEntry = dict[str, Any]


@dataclass(frozen=True)
class CheckedCourse:
    """Everything the render stage needs, already validated and cross-checked."""

    course: Entry[Course] | None
    lessons: Sequence[Entry[Lesson]]
    quizzes: Sequence[Entry[Quiz]]
    content_dir: Path
    content_files: frozenset[str]
    drafts: frozenset[str] = frozenset()
    allow_html: bool = False
    use_directory_urls: bool = True
    words: Catalogue = field(default_factory=lambda: catalogue(FALLBACK))

    @cached_property
    def quiz_by_id(self) -> dict[str, Entry[Quiz]]:
        return {entry.model.id: entry for entry in self.quizzes}

    def quiz_of(self, lesson: Lesson) -> Entry[Quiz] | None:
        """The quiz a lesson names, if it was checked."""
        return self.quiz_by_id.get(lesson.quiz) if lesson.quiz else None

    @cached_property
    def standalone_quizzes(self) -> list[Entry[Quiz]]:
        """Quizzes of the whole course (a final assessment), in course order."""
        return [q for q in self.quizzes if q.model.lesson is None]


@dataclass(frozen=True)
class GeneratedPage:
    """One page the generator adds to the site."""

    src: str
    content: str
    title: str
    source: Path | None = None
    in_course_nav: bool = True


@dataclass(frozen=True)
class ChoiceView:
    kind: str
    text: Markup
    feedback: Markup


@dataclass(frozen=True)
class ScenarioView:
    id: str
    title: str
    prompt: str
    situation: Markup
    choices: list[ChoiceView]


@dataclass(frozen=True)
class LessonItem:
    """A lesson as the home, progress and certificate pages list it."""

    number: int
    lesson: Lesson
    entry: Entry[Lesson]
    title: str
    url: str
    minutes: int
    quiz: Quiz | None
    version: str
    quiz_url: str
    summary: Markup = field(default_factory=Markup)


@dataclass(frozen=True)
class QuizItem:
    """A quiz as the progress, review and certificate pages list it."""

    quiz: Quiz
    title: str
    version: str
    url: str
    lesson: None = None


def quiz_version(quiz: Quiz) -> str:
    """A short fingerprint of what a learner answered: scenario ids, situations and choices.

    Saved answers are keyed by it, so editing a scenario drops the old answers to that
    quiz; fixing a typo in feedback, a title or the intro keeps them.
    """
    answered = [[s.id, s.situation, [[c.text, c.kind] for c in s.choices]] for s in quiz.scenarios]
    digest = hashlib.sha256(json.dumps(answered, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:12]


def reading_minutes(lesson: Lesson) -> int:
    """The lesson's `minutes`, or its word count at `WORDS_PER_MINUTE`, rounded up."""
    if lesson.minutes is not None:
        return lesson.minutes
    return max(1, math.ceil(lesson_word_count(lesson) / WORDS_PER_MINUTE))


def lesson_word_count(lesson: Lesson) -> int:
    return sum(word_count(text) for _, text in iter_text(lesson))


def iter_text(model: BaseModel, key: Key = ()) -> Iterable[tuple[Key, str]]:
    """Every text value in a model, with its key path (Markdown and plain fields alike)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from iter_text(value, (*key, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_text(item, (*key, name, index))
                elif isinstance(item, str):
                    yield (*key, name, index), item
        elif isinstance(value, str) and name not in ("id", "quiz", "lesson", "kind", "url"):
            yield (*key, name), value


def value_at(model: object, key: Key) -> object:
    """The value at `key` in a model (attribute names and list indexes)."""
    for part in key:
        model = model[part] if isinstance(part, int) else getattr(model, part)  # type: ignore[index]
    return model


def prefixed(words: Catalogue, prefix: str) -> dict[str, Any]:
    """The catalogue's entries under `prefix`, named without it."""
    return {k.removeprefix(prefix): v for k, v in words.items() if k.startswith(prefix)}
