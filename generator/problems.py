"""Problems found in course files, shared by every stage.

Every stage reports what is wrong with the trainer's files as `Problem` values (a file, a
line, a column and a message in the trainer's words) and keeps going, so one run shows
every mistake at once. `ContentError` carries a batch of them to an adapter, which prints
them without a traceback. `InternalError` is kept apart: it means a bug in Serve First,
never a mistake in a course.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]

# Past this many problems in one file the rest are counted, not listed: a trainer fixes
# the first screenful, and printing 20,000 lines helps no one.
MAX_PROBLEMS = 100


class Position(NamedTuple):
    """A place in a file, counted from 1 like editors do (a tuple: one is made per value)."""

    line: int
    column: int


START = Position(1, 1)


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as a trainer would type it: relative to `base` (default: cwd) if inside it.

    Control and invisible characters are shown escaped (`\\n`), so a file name can never
    split or disguise a `path:line:col` line.
    """
    base = (base or Path.cwd()).resolve()
    try:
        # The folder is resolved, not the name: a link is shown as itself.
        shown = (path.parent.resolve() / path.name).relative_to(base).as_posix()
    except ValueError:
        shown = os.fspath(path)
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in shown
    )


@dataclass(frozen=True)
class Problem:
    """One located problem in a course file."""

    path: Path
    position: Position
    message: str
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.position.line, self.position.column, self.message)

    def display_path(self, base: Path | None = None) -> str:
        return display_path(self.path, base)

    def format(self, style: Literal["text", "github"] = "text", base: Path | None = None) -> str:
        """`path:line:col: error: message`, or a GitHub workflow annotation."""
        path = self.display_path(base)
        line, col = self.position.line, self.position.column
        if style == "github":
            # Annotation values are escaped as the GitHub runner expects.
            message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            file = path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
            return f"::{self.severity} file={file},line={line},col={col}::{message}"
        return f"{path}:{line}:{col}: {self.severity}: {self.message}"


def capped(problems: Iterable[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """`problems` sorted, at most `limit` of each severity per file, and for a file with
    more, one closing problem that counts the rest (one more is simply listed)."""
    kept: list[Problem] = []
    counts: dict[tuple[Path, Severity], int] = {}
    every = sorted(problems, key=Problem.sort_key)
    for problem in every:
        group = (problem.path, problem.severity)
        counts[group] = counts.get(group, 0) + 1
    if all(count <= limit + 1 for count in counts.values()):
        return every
    seen: dict[tuple[Path, Severity], int] = {}
    for problem in every:
        group = (problem.path, problem.severity)
        seen[group] = seen.get(group, 0) + 1
        if seen[group] <= limit or counts[group] == limit + 1:
            kept.append(problem)
    for (path, severity), count in counts.items():
        if count > limit + 1:
            last = max(p.position for p in kept if p.path == path and p.severity == severity)
            kept.append(
                Problem(
                    path,
                    Position(last.line, last.column + 1),  # sorts after the last one shown
                    f"{count - limit} more {severity}s in this file are not listed; "
                    "fix the ones shown, then check again",
                    severity,
                )
            )
    return sorted(kept, key=Problem.sort_key)


class ContentError(Exception):
    """Problems in the trainer's files; shown as a list, never as a traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.format())

    def format(self, style: Literal["text", "github"] = "text", base: Path | None = None) -> str:
        lines = [p.format(style, base) for p in self.problems]
        errors = sum(p.severity == "error" for p in self.problems)
        if style == "text":
            lines.append(f"{errors} error{'s' if errors != 1 else ''} in the course files.")
        return "\n".join(lines)


class InternalError(Exception):
    """A bug in Serve First itself (never a content mistake)."""


def quoted(value: object, limit: int = 80) -> str:
    """`value` in single quotes for a one-line message: line breaks and other invisible
    characters escaped (a message must stay on its `path:line:col:` line), long text cut."""
    text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in str(value))
    return f"'{text[:limit]}...'" if len(text) > limit else f"'{text}'"


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint, or an empty string."""
    if not isinstance(word, str):
        return ""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not matches:
        matches = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
