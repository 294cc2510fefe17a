"""Lint: checked course -> warnings about weak content (never errors).

Consumes validated lessons and quizzes; produces `Problem`s of severity "warning". They
point at content a learner would find weak, not at content the tool cannot publish, so
`servefirst check` prints them and fails only with `--strict`, and the MkDocs plugin logs
them below warning level: a course's publishing is not held hostage to style.

Here: lessons without a quiz, and per quiz short feedback, repeated choices and text too
long for a phone; the course-wide tells that give a quiz's answers away are in
`generator.assessment` (position, length, words) and `generator.near_copies`.

Phone limits, in words, from our quiz page measured with Chromium at 390 x 844 CSS px (a
common phone): at the default text size a screen holds about 230 words of situation (7 a
line) but only about 120 words of choices (each sits in a box with a radio button and
padding); at 200% text, which readers may set and pages must support (WCAG 1.4.4), about
40 words of situation. So a situation of at most 80 words takes a third of a screen (two
at 200%), leaving the first choices in view; choices of at most 35 words let three or four
share one screen, to be compared side by side; and a prompt is one question (20 words).
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.assessment import lint_assessment
from generator.document import Entry
from generator.markdown import word_count
from generator.models import Lesson, Quiz
from generator.near_copies import lint_near_copies
from generator.problems import Problem

MIN_FEEDBACK_WORDS = 12
MAX_SITUATION_WORDS = 80
MAX_PROMPT_WORDS = 20
MAX_CHOICE_WORDS = 35
TOO_LONG = {
    "situation": "more than fits above the choices on a phone: "
    "keep who, what, when and what is at stake",
    "prompt": "more than one short question: move the detail into the situation",
    "choice": "too long to compare with the others on a phone: one or two sentences",
}


def _warning(
    entry: Entry[Lesson] | Entry[Quiz], key: tuple[str | int, ...], message: str
) -> Problem:
    return Problem(entry.path, entry.document.position(key), message, "warning")


def lint_quiz(quiz: Entry[Quiz]) -> list[Problem]:
    """Short feedback, repeated choice texts, and text too long to read on a phone."""
    warnings = []
    for s, scenario in enumerate(quiz.model.scenarios):
        for field, text, limit in (
            ("situation", scenario.situation, MAX_SITUATION_WORDS),
            ("prompt", scenario.prompt, MAX_PROMPT_WORDS),
        ):
            words = word_count(text)
            if words > limit:
                warnings.append(
                    _warning(
                        quiz,
                        ("scenarios", s, field),
                        f"scenario '{scenario.id}': the {field} has {words} words, "
                        f"{TOO_LONG[field]} (at most {limit} words)",
                    )
                )
        seen: dict[str, int] = {}
        for c, choice in enumerate(scenario.choices):
            words = word_count(choice.text)
            if words > MAX_CHOICE_WORDS:
                warnings.append(
                    _warning(
                        quiz,
                        ("scenarios", s, "choices", c, "text"),
                        f"scenario '{scenario.id}', choice {c + 1} has {words} words, "
                        f"{TOO_LONG['choice']} (at most {MAX_CHOICE_WORDS} words)",
                    )
                )
            words = word_count(choice.feedback)
            if words < MIN_FEEDBACK_WORDS:
                warnings.append(
                    _warning(
                        quiz,
                        ("scenarios", s, "choices", c, "feedback"),
                        f"scenario '{scenario.id}', choice {c + 1}: feedback has {words} words; "
                        f"say whom the choice serves and what it costs "
                        f"(at least {MIN_FEEDBACK_WORDS} words)",
                    )
                )
            text = " ".join(choice.text.lower().split())
            if text in seen:
                warnings.append(
                    _warning(
                        quiz,
                        ("scenarios", s, "choices", c, "text"),
                        f"scenario '{scenario.id}', choice {c + 1} has the same text as "
                        f"choice {seen[text] + 1}",
                    )
                )
            else:
                seen[text] = c
    return warnings


def lint_course(lessons: Sequence[Entry[Lesson]], quizzes: Sequence[Entry[Quiz]]) -> list[Problem]:
    """All content warnings for a course."""
    warnings: list[Problem] = []
    for lesson in lessons:
        if lesson.model.quiz is None:
            warnings.append(_warning(lesson, ("id",), f"lesson '{lesson.model.id}' has no quiz"))
    for quiz in quizzes:
        warnings.extend(lint_quiz(quiz))
    warnings += lint_assessment(quizzes)
    warnings += lint_near_copies(lessons, quizzes)
    return warnings
