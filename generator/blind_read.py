"""Blind read: the checked course's quizzes -> a sheet a colleague answers with no lessons, and
its key; then their answers -> a score per quiz.

A quiz that a reader who never opened a lesson answers nearly perfectly tests good sense,
not the course (the trainer's guide, "Let the lesson break the tie"). The sheet holds
what a learner sees before answering (situation, prompt, choices) and nothing else: no
kinds, no feedback, no titles, which often name the idea. Choices are lettered in an order
shuffled per scenario, seeded by its quiz and id, so the sheet is the same on every run
and the written position of the answer tells the reader nothing; a scenario or quiz with
`shuffle: false` keeps its written order, as it does for learners.

Pure functions; `cli.py` reads and writes the files.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.models import SERVICE, Quiz
from generator.views import CheckedCourse

LETTERS = "ABCDEF"
SHEET_MARKER = "<!-- Blind-read sheet made by 'servefirst blind-read'. -->"
KEY_MARKER = "# Blind-read key by 'servefirst blind-read': number, right letters, quiz/scenario."
# The share a reader without the lessons should stay at or under (see the trainer's guide).
AIM = 0.70
ANSWER = re.compile(r"^\s*(\d+)\s*[:.)]\s*([A-Fa-f])\b\s*(\w*)")
KEY_LINE = re.compile(r"^(\d+): ([A-F]+) (\S+)/(\S+)$")


@dataclass(frozen=True)
class KeyRow:
    number: int
    right: str
    quiz: str
    scenario: str


def _order(quiz: Quiz, index: int) -> list[int]:
    scenario = quiz.scenarios[index]
    order = list(range(len(scenario.choices)))
    if quiz.shuffle and scenario.shuffle:
        random.Random(f"{quiz.id}/{scenario.id}").shuffle(order)
    return order


def blind_sheet(course: CheckedCourse, quiz_ids: Iterable[str] = ()) -> tuple[str, list[KeyRow]]:
    """The sheet (Markdown) and its key for the named quizzes, or all, numbered across them."""
    wanted = set(quiz_ids)
    lines = [
        SHEET_MARKER,
        "",
        "# Blind read",
        "",
        "Each scenario below is a moment in a new sales manager's week. For each one, pick the "
        "move that best serves the reps, the customers and the team. Write one line per "
        "scenario, such as `7: B high`: the number, your letter, and how sure you are "
        "(high, medium or low).",
        "",
    ]
    key: list[KeyRow] = []
    for entry in course.quizzes:
        quiz = entry.model
        if wanted and quiz.id not in wanted:
            continue
        lines += [f"## {quiz.title}", ""]
        for index, scenario in enumerate(quiz.scenarios):
            number = len(key) + 1
            lines += [f"### {number}", "", scenario.situation.strip(), ""]
            lines += [f"**{scenario.prompt}**", ""]
            right = ""
            for letter, position in zip(LETTERS, _order(quiz, index), strict=False):
                choice = scenario.choices[position]
                lines.append(f"{letter}. {' '.join(choice.text.split())}")
                right += letter if choice.kind == SERVICE else ""
            lines.append("")
            key.append(KeyRow(number, right, quiz.id, scenario.id))
    return "\n".join(lines), key


def format_key(key: list[KeyRow]) -> str:
    rows = (f"{r.number}: {r.right} {r.quiz}/{r.scenario}" for r in key)
    return "\n".join([KEY_MARKER, *rows]) + "\n"


def parse_key(text: str) -> list[KeyRow]:
    """The rows of a key file; ValueError names the first line that is not one."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = KEY_LINE.match(line.strip())
        if not match:
            raise ValueError(f"line {number} is not a key row ('12: B quiz/scenario')")
        rows.append(KeyRow(int(match[1]), match[2], match[3], match[4]))
    return rows


def score(key: list[KeyRow], answers: str) -> str:
    """A report: right answers per quiz and in all, against the aim, and what went unanswered."""
    picks: dict[int, tuple[str, str]] = {}
    for line in answers.splitlines():
        match = ANSWER.match(line)
        if match:
            picks[int(match[1])] = (match[2].upper(), match[3].lower())
    per_quiz: dict[str, list[int]] = {}
    sure = 0
    for row in key:
        pick, confidence = picks.get(row.number, ("", ""))
        hit = bool(pick) and pick in row.right
        tally = per_quiz.setdefault(row.quiz, [0, 0])
        tally[0] += hit
        tally[1] += 1
        sure += hit and confidence.startswith("h")
    width = max((len(q) for q in per_quiz), default=0)
    lines = [f"{quiz:<{width}}  {right}/{total}" for quiz, (right, total) in per_quiz.items()]
    right = sum(t[0] for t in per_quiz.values())
    total = len(key)
    share = right / total if total else 0.0
    verdict = (
        "at or under the aim: these scenarios need the lessons"
        if share <= AIM
        else "over the aim: good sense alone finds too many answers"
    )
    lines.append(
        f"Total: {right}/{total} right ({share:.0%}); aim for a reader without the lessons "
        f"{AIM:.0%} or fewer, {verdict}."
    )
    lines.append(f"Right and sure (high confidence): {sure}.")
    missing = [str(r.number) for r in key if r.number not in picks]
    if missing:
        lines.append(f"No answer for: {', '.join(missing)} (counted as wrong).")
    return "\n".join(lines)
