"""Page addresses and the relative links between them, for both URL styles."""

from __future__ import annotations

import pytest

from generator.urls import page_url, relative_url

LESSON, QUIZ, HOME = "lessons/a/index.md", "lessons/a/quiz.md", "index.md"


@pytest.mark.parametrize(
    ("src", "directory", "flat"),
    [
        (HOME, "", "index.html"),
        (LESSON, "lessons/a/", "lessons/a/index.html"),
        (QUIZ, "lessons/a/quiz/", "lessons/a/quiz.html"),
        ("quizzes/final.md", "quizzes/final/", "quizzes/final.html"),
    ],
)
def test_page_url_matches_mkdocs(src: str, directory: str, flat: str) -> None:
    assert page_url(src, True) == directory
    assert page_url(src, False) == flat


@pytest.mark.parametrize(
    ("from_src", "to_src", "directory", "flat"),
    [
        (LESSON, QUIZ, "quiz/", "quiz.html"),
        (QUIZ, LESSON, "../", "index.html"),
        (LESSON, "lessons/b/index.md", "../b/", "../b/index.html"),
        (LESSON, HOME, "../../", "../../index.html"),
        (HOME, LESSON, "lessons/a/", "lessons/a/index.html"),
        (HOME, HOME, "./", "index.html"),
        (QUIZ, "progress.md", "../../../progress/", "../../progress.html"),
    ],
)
def test_relative_links_between_pages(
    from_src: str, to_src: str, directory: str, flat: str
) -> None:
    assert relative_url(from_src, page_url(to_src, True), True) == directory
    assert relative_url(from_src, page_url(to_src, False), False) == flat


def test_files_and_fragments() -> None:
    assert relative_url(LESSON, "lessons/images/chart.png", True) == "../images/chart.png"
    assert relative_url(LESSON, "lessons/b/#part", True) == "../b/#part"
