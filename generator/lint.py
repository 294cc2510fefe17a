"""Lint: checked course -> warnings about weak content (never errors).

Consumes validated lessons and quizzes; produces `Problem`s of severity "warning". They
point at content a learner would find weak, not at content the tool cannot publish, so
`servefirst check` prints them and fails only with `--strict`, and the MkDocs plugin logs
them below warning level: a course's publishing is not held hostage to style.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.check import Entry
from generator.errors import Problem
from generator.markdown import word_count
from generator.models import Lesson, Quiz

MIN_FEEDBACK_WORDS = 12


def _warning(
    entry: Entry[Lesson] | Entry[Quiz], key: tuple[str | int, ...], message: str
) -> Problem:
    return Problem(entry.path, entry.document.position(key), message, "warning")


def lint_quiz(quiz: Entry[Quiz]) -> list[Problem]:
    """Short feedback, a predictable answer position, and repeated choice texts."""
    warnings = []
    positions: list[int | None] = []
    for s, scenario in enumerate(quiz.model.scenarios):
        service = [
            c for c, choice in enumerate(scenario.choices) if choice.kind == "service-oriented"
        ]
        positions.append(service[0] if len(service) == 1 else None)
        seen: dict[str, int] = {}
        for c, choice in enumerate(scenario.choices):
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
    if len(positions) >= 3 and positions[0] is not None and len(set(positions)) == 1:
        warnings.append(
            _warning(
                quiz,
                ("scenarios",),
                f"the service-oriented choice is choice {positions[0] + 1} in every scenario; "
                "vary its position so it cannot be guessed",
            )
        )
    return warnings


def lint_course(lessons: Sequence[Entry[Lesson]], quizzes: Sequence[Entry[Quiz]]) -> list[Problem]:
    """All content warnings for a course."""
    warnings: list[Problem] = []
    for lesson in lessons:
        if lesson.model.quiz is None:
            warnings.append(_warning(lesson, ("id",), f"lesson '{lesson.model.id}' has no quiz"))
    for quiz in quizzes:
        warnings.extend(lint_quiz(quiz))
    return warnings
