"""Rendered pages: golden files for the sample lesson and quiz, and pure-function facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.models import Quiz
from generator.pipeline import build_site
from generator.settings import Settings
from generator.views import quiz_version
from golden import assert_golden


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    sample = FIXTURES / "sample"
    site = build_site(Settings(sample / "content", sample / "quizzes"))
    return {page.src: page.content for page in site.pages}


@pytest.mark.parametrize(
    ("src", "golden"),
    [
        ("lessons/first-steps/index.md", "sample-lesson.md"),
        ("lessons/first-steps/quiz.md", "sample-quiz.md"),
        ("index.md", "sample-home.md"),
    ],
)
def test_rendered_pages_match_their_golden_files(
    pages: dict[str, str], src: str, golden: str, update_goldens: bool
) -> None:
    assert_golden(golden, pages[src], update_goldens)


def test_rendering_is_deterministic() -> None:
    sample = FIXTURES / "sample"
    first = build_site(Settings(sample / "content", sample / "quizzes"))
    second = build_site(Settings(sample / "content", sample / "quizzes"))
    assert [(p.src, p.content) for p in first.pages] == [(p.src, p.content) for p in second.pages]


def _quiz(**changes: object) -> Quiz:
    data: dict[str, object] = {
        "id": "q",
        "title": "Q",
        "scenarios": [
            {
                "id": "s",
                "situation": "A moment.",
                "choices": [
                    {"text": "Serve", "kind": "service-oriented", "feedback": "Good for the rep."},
                    {"text": "Self", "kind": "self-serving", "feedback": "Good for you."},
                ],
            }
        ],
    }
    data.update(changes)
    return Quiz.model_validate(data)


def test_quiz_version_changes_with_what_was_answered_only() -> None:
    base = quiz_version(_quiz())
    assert quiz_version(_quiz(title="Renamed", intro="New intro")) == base
    edited = _quiz().model_dump()
    edited["scenarios"][0]["choices"][0]["feedback"] = "Fixed a typo."
    assert quiz_version(Quiz.model_validate(edited)) == base
    edited["scenarios"][0]["situation"] = "A different moment."
    assert quiz_version(Quiz.model_validate(edited)) != base


def test_generated_pages_never_land_in_the_source_folders(tmp_path: Path) -> None:
    sample = FIXTURES / "sample"
    before = sorted(p.as_posix() for p in sample.rglob("*"))
    build_site(Settings(sample / "content", sample / "quizzes"))
    assert sorted(p.as_posix() for p in sample.rglob("*")) == before
