"""Lint, near-copies: checked quizzes and lessons -> warnings for scenarios seen before.

A scenario that repeats another scenario, or retells a lesson's worked example (a callout
of kind `example`), tests whether the learner remembers, not how they judge. Texts are
compared by their shingles: every run of three words, lowercased, taken within one field
so that no shingle spans a situation and a choice. A scenario is a near-copy when at least
`NEAR_COPY` of its shingles (situation and choices) also occur in another scenario, or
that share of its situation's shingles occurs in a worked example; and in either case at
least `MIN_SHARED` (about a sentence), so that a short text does not match on one stock
phrase. Why 40%: unrelated scenarios of our course share at most 10% of their shingles
(and a situation at most 16% with any worked example), while a copy with one word in five
changed keeps about half of them (0.8^3), and one with one word in four still keeps 42%.

Cost grows about linearly with the course, not with the number of pairs: every text's
shingles go into an inverted index (shingle -> texts). A scenario with m shingles that
shares k of them with another text shares at least one of any m - k + 1 of them
(pigeonhole), so only its m - k + 1 rarest shingles are looked up (prefix filtering),
each text found is compared once, and the search stops at the first near-copy. The cost
grows faster only where most of a scenario's shingles are shared with many other texts
(boilerplate pasted into hundreds of scenarios): every one of those texts is then compared.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from generator.assessment import words_of
from generator.document import Entry
from generator.models import Lesson, Quiz
from generator.problems import Problem, display_path

NEAR_COPY = 0.4
MIN_SHARED = 6


def shingles(*texts: str) -> frozenset[str]:
    """The three-word runs of each text, lowercased."""
    found: set[str] = set()
    for text in texts:
        words = words_of(text)
        found.update(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
    return frozenset(found)


@dataclass(frozen=True)
class _Text:
    name: str
    entry: Entry[Quiz] | Entry[Lesson]
    key: tuple[str | int, ...]
    shingles: frozenset[str]

    def where(self) -> str:
        return f"{display_path(self.entry.path)}:{self.entry.document.position(self.key).line}"


class _Index:
    """Texts and, for each shingle, the texts that hold it."""

    def __init__(self, texts: list[_Text]) -> None:
        self.texts = texts
        self.holders: dict[str, list[int]] = defaultdict(list)
        for t, text in enumerate(texts):
            for shingle in text.shingles:
                self.holders[shingle].append(t)

    def first_copy(
        self, found: frozenset[str], rank: dict[str, int], itself: int = -1
    ) -> tuple[_Text, float] | None:
        """A text holding `NEAR_COPY` of `found` (not text number `itself`), and that share.

        `rank` orders shingles rarest first, so the few texts holding rare ones come first.
        """
        needed = max(math.ceil(NEAR_COPY * len(found)), MIN_SHARED)
        if len(found) < needed:
            return None
        tried = {itself}
        for shingle in sorted(found, key=rank.__getitem__)[: len(found) - needed + 1]:
            for t in self.holders.get(shingle, ()):
                if t not in tried:
                    tried.add(t)
                    shared = len(found & self.texts[t].shingles)
                    if shared >= needed:
                        return self.texts[t], shared / len(found)
        return None


def lint_near_copies(
    lessons: Sequence[Entry[Lesson]], quizzes: Sequence[Entry[Quiz]]
) -> list[Problem]:
    """A warning at each scenario that is a near-copy of another or of a worked example."""
    scenarios: list[_Text] = []
    situations: list[frozenset[str]] = []
    for quiz in quizzes:
        for s, scenario in enumerate(quiz.model.scenarios):
            situations.append(shingles(scenario.situation))
            texts = [scenario.situation, *(c.text for c in scenario.choices)]
            name = f"scenario '{scenario.id}'"
            scenarios.append(_Text(name, quiz, ("scenarios", s, "situation"), shingles(*texts)))
    examples = [
        _Text(
            f"the worked example '{section.callout.title or 'Example'}' of lesson "
            f"'{lesson.model.id}'",
            lesson,
            ("sections", i, "callout", "body"),
            shingles(section.callout.body),
        )
        for lesson in lessons
        for i, section in enumerate(lesson.model.sections)
        if section.callout is not None and section.callout.kind == "example"
    ]
    by_scenario, by_example = _Index(scenarios), _Index(examples)
    # Rarest first; ties in a fixed order, so every run reports the same copies.
    frequency = {s: len(h) for s, h in by_scenario.holders.items()}
    rank = {s: r for r, s in enumerate(sorted(frequency, key=lambda s: (frequency[s], s)))}

    warnings = []
    for t, (text, situation) in enumerate(zip(scenarios, situations, strict=True)):
        position = text.entry.document.position(text.key)
        copy = by_scenario.first_copy(text.shingles, rank, itself=t)
        if copy is not None:
            other, share = copy
            message = (
                f"{text.name} is a near-copy of {other.name} ({other.where()}): {share:.0%} of "
                "its three-word phrases are in that one too, so a learner who has met one "
                "answers the other from memory; give it a new situation and new choices, or "
                "keep only one"
            )
            warnings.append(Problem(text.entry.path, position, message, "warning"))
        example = by_example.first_copy(situation, rank)
        if example is not None:
            other, share = example
            message = (
                f"{text.name} retells {other.name} ({other.where()}): {share:.0%} of its "
                "situation's three-word phrases are in the example, so it tests what the "
                "learner remembers from the lesson; set it in a new situation"
            )
            warnings.append(Problem(text.entry.path, position, message, "warning"))
    return warnings
