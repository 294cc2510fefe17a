"""What dealing the kinds at random would give: the chance model behind the assessment lint.

Consumes counts (choices per scenario, service-oriented choices among them, choice
lengths, how many choices hold a word); produces probabilities: of a tally at least this
high over independent scenarios (exact up to `EXACT_TRIALS` trials, a normal approximation
past that), of a service-oriented choice being the longest or the shortest, of a word
falling in one kind of choice only. `generator.assessment` turns them into warnings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from itertools import combinations
from statistics import NormalDist

EXACT_TRIALS = 300


def tail(chances: Sequence[float], at_least: int) -> float:
    """The chance of `at_least` or more successes in independent trials with these chances."""
    if at_least <= 0:
        return 1.0
    if len(chances) <= EXACT_TRIALS:
        dist = [1.0]
        for p in chances:
            dist = [a * (1 - p) + b * p for a, b in zip([*dist, 0.0], [0.0, *dist], strict=True)]
        return sum(dist[at_least:])
    mean = sum(chances)
    spread = math.sqrt(sum(p * (1 - p) for p in chances))
    if spread == 0:
        return 1.0 if mean >= at_least else 0.0
    return 1 - NormalDist(mean, spread).cdf(at_least - 0.5)


def odds(chance: float) -> str:
    if chance < 0.001:
        return "less than 1 time in 1,000"
    return f"about 1 time in {round(1 / chance):,}"


@cache
def length_chances(lengths: tuple[int, ...], service: int) -> tuple[float, float]:
    """Chances that a service-oriented choice is the longest, and the shortest, when
    `service` of the kinds are dealt at random over choices of these lengths."""
    deals = list(combinations(range(len(lengths)), service))
    longest = shortest = 0
    for deal in deals:
        mine = [lengths[i] for i in deal]
        others = [n for i, n in enumerate(lengths) if i not in deal]
        longest += max(mine) > max(others)
        shortest += min(mine) < min(others)
    return longest / len(deals), shortest / len(deals)


@cache
def alone_chances(size: int, service: int, holding: int) -> tuple[float, float]:
    """Chances that `holding` of `size` choices, `service` of them service-oriented, dealt
    at random, are all service-oriented, and all self-serving."""
    total = math.comb(size, holding)
    return math.comb(service, holding) / total, math.comb(size - service, holding) / total
