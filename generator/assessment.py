"""Lint, assessment tells: checked quizzes -> warnings where the choices give the answer away.

A scenario quiz tests judgement only if a learner who has not weighed the situation cannot
find the service-oriented choice from surface cues. This measures three cues:

- position: where the service-oriented choice stands, per quiz and across the course;
- length: how often it is the longest, or the shortest, choice (across the course);
- words: words and two-word phrases found in choices of one kind only, across scenarios.

The thresholds are what chance allows, not fixed shares. The chance model is that the kinds
were dealt at random over each scenario's choices as written: with n choices of which s
are service-oriented, a service-oriented choice stands at a given place with chance s/n;
it is the longest with the chance found by trying every way to deal the s kinds over the
n lengths; and a word found in c of the choices is only in service-oriented ones with
chance C(s, c) / C(n, c), and only in self-serving ones with chance C(n - s, c) / C(n, c),
multiplied over the scenarios it appears in. A count is a tell when chance would reach
it at most `ALPHA` of the time, once the number of things tested is allowed for (each
place of a quiz: Bonferroni; the words: Tarone's rule, which counts only the words whose
chance is small enough to matter, so that the thousands of words in few scenarios do not
drown the few in many). A course whose answers fall where chance puts them therefore
passes, with about one chance in a hundred of a false warning per test.

Produces warnings located at the choice that shows the tell (for a course-wide count, one
per quiz, at its first scenario concerned), never errors: see `generator.lint`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.chance import alone_chances, length_chances, odds, tail
from generator.document import Entry
from generator.models import SELF, SERVICE, Quiz
from generator.problems import Problem

ALPHA = 0.01
ALPHA_WORDS = 0.05
# Up to this many scenarios the chance of a count is summed exactly; past it the normal
# approximation (with continuity correction) is used, far cheaper and, near the 1%
# threshold, within about a tenth of the exact value.
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


@dataclass(frozen=True)
class _Scenario:
    quiz: Entry[Quiz]
    index: int
    service: tuple[bool, ...]

    @property
    def id(self) -> str:
        return self.quiz.model.scenarios[self.index].id

    @property
    def chance(self) -> float:
        """The chance that a given place holds a service-oriented choice."""
        return sum(self.service) / len(self.service)

    def warning(self, choice: int, message: str, offset: int = 0) -> Problem:
        key = ("scenarios", self.index, "choices", choice, "text")
        return Problem(
            self.quiz.path, self.quiz.document.text_position(key, offset), message, "warning"
        )


@dataclass(frozen=True)
class _Count:
    """How many scenarios show a cue, against what chance gives."""

    hits: list[_Scenario]
    total: int
    expected: float
    chance: float

    def describe(self, scenarios: str = "scenarios") -> str:
        return (
            f"{len(self.hits)} of {self.total} {scenarios} (chance would give about "
            f"{self.expected:.0f}; it gives {len(self.hits)} or more {odds(self.chance)})"
        )


def lint_assessment(quizzes: Sequence[Entry[Quiz]]) -> list[Problem]:
    """Position, length and word tells of the course's quizzes, as located warnings."""
    scenarios = [
        _Scenario(quiz, s, tuple(c.kind == SERVICE for c in scenario.choices))
        for quiz in quizzes
        for s, scenario in enumerate(quiz.model.scenarios)
        # A scenario with one kind of choice only is an error of its own (cross-check).
        if len({c.kind for c in scenario.choices}) == 2
    ]
    return _position(quizzes, scenarios) + _length(scenarios) + _words(scenarios)


def _count(scenarios: Sequence[_Scenario], hit: list[bool], chances: list[float]) -> _Count:
    hits = [s for s, h in zip(scenarios, hit, strict=True) if h]
    return _Count(hits, len(scenarios), sum(chances), tail(chances, len(hits)))


def _listed(items: list[str]) -> str:
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else items[0]


def _ids(scenarios: Sequence[_Scenario]) -> str:
    return ", ".join(f"'{s.id}'" for s in scenarios)


def _by_quiz(scenarios: Sequence[_Scenario]) -> Iterator[list[_Scenario]]:
    quizzes: dict[int, list[_Scenario]] = defaultdict(list)
    for scenario in scenarios:
        quizzes[id(scenario.quiz)].append(scenario)
    yield from quizzes.values()


def _place_tells(scenarios: Sequence[_Scenario]) -> Iterator[tuple[int, int, _Count]]:
    """(choices, place, count) for each place that holds the answer more than chance allows."""
    by_size: dict[int, list[_Scenario]] = defaultdict(list)
    for scenario in scenarios:
        by_size[len(scenario.service)].append(scenario)
    for size, group in sorted(by_size.items()):
        chances = [s.chance for s in group]
        for place in range(size):
            count = _count(group, [s.service[place] for s in group], chances)
            if count.chance <= ALPHA / size:
                yield size, place, count


def _position(quizzes: Sequence[Entry[Quiz]], scenarios: list[_Scenario]) -> list[Problem]:
    warnings = []
    reported: set[tuple[int, int]] = set()
    for group in _by_quiz(scenarios):
        for size, place, count in _place_tells(group):
            reported.add((id(group[0].quiz), size))
            warnings.append(
                count.hits[0].warning(
                    place,
                    f"in this quiz, the service-oriented choice is choice {place + 1} in "
                    f"{count.describe(f'scenarios with {size} choices')}, so "
                    "learners can pick it by its place: move it to other places",
                )
            )
    rest = [s for s in scenarios if (id(s.quiz), len(s.service)) not in reported]
    for size, place, count in _place_tells(rest):
        for hits in _by_quiz(count.hits):
            warnings.append(
                hits[0].warning(
                    place,
                    f"across the course, the service-oriented choice is choice {place + 1} in "
                    f"{count.describe(f'scenarios with {size} choices')}, so learners can "
                    f"pick it by its place; here in {_ids(hits)}: move some to other places",
                )
            )
    return warnings


def _length(scenarios: Sequence[_Scenario]) -> list[Problem]:
    longest: list[bool] = []
    shortest: list[bool] = []
    chances: list[tuple[float, float]] = []
    for scenario in scenarios:
        choices = scenario.quiz.model.scenarios[scenario.index].choices
        lengths = [len(" ".join(c.text.split())) for c in choices]
        mine = [n for n, good in zip(lengths, scenario.service, strict=True) if good]
        others = [n for n, good in zip(lengths, scenario.service, strict=True) if not good]
        longest.append(max(mine) > max(others))
        shortest.append(min(mine) < min(others))
        chances.append(length_chances(tuple(sorted(lengths)), len(mine)))
    warnings = []
    for which, hit, nth, fix in (
        ("longest", longest, 0, "shorten it or lengthen a self-serving choice"),
        ("shortest", shortest, 1, "give it the detail the others have, or trim a self-serving one"),
    ):
        count = _count(scenarios, hit, [c[nth] for c in chances])
        if count.chance > ALPHA / 2:
            continue
        for hits in _by_quiz(count.hits):
            warnings.append(
                hits[0].warning(
                    hits[0].service.index(True),
                    f"across the course, the service-oriented choice is the {which} choice in "
                    f"{count.describe()}, so learners can pick it by its length; here in "
                    f"{_ids(hits)}: {fix}",
                )
            )
    return warnings


def words_of(text: str) -> list[str]:
    """The words of a text, lowercased, with curly apostrophes made straight."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _tokens(text: str) -> frozenset[str]:
    """The words and two-word phrases of a choice."""
    words = words_of(text)
    return frozenset([*words, *(f"{a} {b}" for a, b in pairwise(words))])


def _offset(text: str, token: str) -> int:
    """Where `token` (from `_tokens`) first stands in `text`."""
    pattern = r"[\W_]+".join(re.escape(w).replace("'", "['\u2019]") for w in token.split())
    found = re.search(rf"(?<![^\W_]){pattern}(?![^\W_])", text, re.IGNORECASE)
    return found.start() if found else 0


def _words(scenarios: Sequence[_Scenario]) -> list[Problem]:
    places: list[tuple[int, int, frozenset[str]]] = []
    in_self: set[str] = set()
    in_service: set[str] = set()
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (scenario, choices holding it)
    for i, scenario in enumerate(scenarios):
        held: Counter[str] = Counter()
        choices = scenario.quiz.model.scenarios[scenario.index].choices
        for c, (choice, is_service) in enumerate(zip(choices, scenario.service, strict=True)):
            tokens = _tokens(choice.text)
            places.append((i, c, tokens))
            (in_service if is_service else in_self).update(tokens)
            held.update(tokens)
        for token, holding in held.items():
            seen[token].append((i, holding))

    # For each kind (0 service-oriented, 1 self-serving) and number of scenarios k: the
    # chance, summed over tokens, that some token found in k or more scenarios stays in
    # that kind only (a bound on the chance that any does).
    by_spread: tuple[dict[int, float], dict[int, float]] = (defaultdict(float), defaultdict(float))
    for found in seen.values():
        alone = [1.0, 1.0]
        for i, holding in found:
            kinds = scenarios[i].service
            service_only, self_only = alone_chances(len(kinds), sum(kinds), holding)
            alone[0] *= service_only
            alone[1] *= self_only
            if alone == [0.0, 0.0]:
                break
        by_spread[0][len(found)] += alone[0]
        by_spread[1][len(found)] += alone[1]
    beyond: list[dict[int, float]] = [{}, {}]
    for kind, sums in enumerate(by_spread):
        total = 0.0
        for spread in sorted(sums, reverse=True):
            total += sums[spread]
            beyond[kind][spread] = total

    tells: dict[str, tuple[int, int, float]] = {}
    for token, found in seen.items():
        for kind, other in ((0, in_self), (1, in_service)):
            chance = beyond[kind][len(found)]
            if chance <= ALPHA_WORDS / 2 and token not in other:
                tells[token] = (kind, len(found), chance)
    for token in [t for t in tells if " " in t]:
        if any(word in tells for word in token.split()):
            del tells[token]

    warnings = []
    for i, c, tokens in places:
        if tokens.isdisjoint(tells):
            continue
        text = scenarios[i].quiz.model.scenarios[scenarios[i].index].choices[c].text
        in_order = words_of(text)
        in_order += [f"{a} {b}" for a, b in pairwise(in_order)]
        words = list(dict.fromkeys(t for t in in_order if t in tells))
        kind = tells[words[0]][0]
        one = len(words) == 1
        named = _listed([f"'{t}'" for t in words])
        counts = _listed([str(tells[t][1]) for t in words])
        rarity = odds(max(tells[t][2] for t in words))
        act, them = ("rule out", SELF) if kind else ("pick", SERVICE)
        warnings.append(
            scenarios[i].warning(
                c,
                f"{named} {'is' if one else 'are'} in {them} choices only, in {counts} "
                f"scenarios across the course (chance keeps a word to one kind that widely "
                f"{rarity}), so learners can {act} this choice by "
                f"{'that word' if one else 'those words'} alone: reword it, or use "
                f"{'the word' if one else 'them'} in choices of both kinds",
                _offset(text, words[0]),
            )
        )
    return warnings
