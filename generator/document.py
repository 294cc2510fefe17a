"""The document model every stage shares: a loaded YAML file and where its values stand.

`Document` holds a file's plain data (dicts, lists, strings, `None`) and maps each value's
`Key` (its path of mapping keys and list indexes) to the line and column it was written
at, so any later stage can point a trainer at the exact place of a mistake. `Entry` pairs
a validated model with the document it came from. Nothing here reads a file: the loader
(`generator.load`) makes documents, the stages above only ask them for positions.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from generator.problems import START, Position, Problem

Key = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass
class Document:
    """A loaded YAML file: its data and where each part of it stands in the file."""

    path: Path
    data: object
    values: dict[Key, Position] = field(default_factory=dict)
    keys: dict[Key, Position] = field(default_factory=dict)
    styles: dict[Key, str] = field(default_factory=dict)
    text: str = ""
    _folded: dict[tuple[Position, int], tuple[list[int], list[tuple[int, int]]]] = field(
        default_factory=dict, repr=False
    )

    @functools.cached_property
    def lines(self) -> list[str]:
        """The file's lines; split only when a problem must be located inside a text."""
        return self.text.split("\n")

    def position(self, key: Key) -> Position:
        """Where the value at `key` starts, or its nearest written ancestor."""
        while key:
            if key in self.values:
                return self.values[key]
            key = key[:-1]
        return self.values.get((), START)

    def key_position(self, key: Key) -> Position:
        """Where the mapping key of `key` is written (falls back to the value)."""
        return self.keys.get(key) or self.position(key)

    def text_position(self, key: Key, offset: int) -> Position:
        """The position of character `offset` inside the text value at `key`.

        Exact for block scalars (`|` and `>`); for other styles the value's own position
        is returned.
        """
        start = self.position(key)
        value = _get(self.data, key)
        style = self.styles.get(key)
        if style not in {"|", ">"} or not isinstance(value, str):
            return start
        # The block's indentation is that of its first content line; a line indented
        # further keeps the extra spaces in the value.
        content = (text for text in self.lines[start.line :] if text.strip())
        first = next(content, "")
        indent = len(first) - len(first.lstrip(" "))
        if style == ">":
            return self._folded_position(start, value, offset, indent)
        # A `|` block keeps every line break (blank lines before the first line too).
        file_line = start.line + 1 + value.count("\n", 0, offset)
        column_in_value = offset - (value.rfind("\n", 0, offset) + 1)
        return Position(file_line, indent + column_in_value + 1)

    def _folded_position(self, start: Position, value: str, offset: int, indent: int) -> Position:
        """In a `>` block, line breaks between lines became spaces: map `offset` through
        where each of the block's lines stands in the value (built once per value, so
        locating many links in one block stays linear)."""
        key = (start, indent)
        if key not in self._folded:
            self._folded[key] = self._fold_map(start, value, indent)
        starts, lines = self._folded[key]
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return start
        number, length = lines[index]
        if offset - starts[index] > length and index + 1 < len(starts):
            index += 1  # in the gap after a line: the next line's start
            number, _ = lines[index]
            return Position(number, indent + 1)
        return Position(number, indent + 1 + offset - starts[index])

    def _fold_map(
        self, start: Position, value: str, indent: int
    ) -> tuple[list[int], list[tuple[int, int]]]:
        starts: list[int] = []
        lines: list[tuple[int, int]] = []
        cursor = skipped = 0
        for number in range(start.line + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if not text.strip():
                skipped += 1
                continue
            if len(text) - len(text.lstrip(" ")) < indent:
                break  # the block has ended
            content = text[indent:]
            # Folding only turns the breaks between lines into a space or "\n"s.
            at = value.find(content, cursor, cursor + len(content) + skipped + 2)
            if at < 0:
                skipped += 1
                continue
            starts.append(at)
            lines.append((number, len(content)))
            cursor, skipped = at + len(content), 0
        return starts, lines


def _get(data: object, key: Key) -> object:
    for part in key:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A validated model and the document it was read from."""

    model: M
    document: Document

    @property
    def path(self) -> Path:
        return self.document.path

    def problem(self, key: Key, message: str, *, at_key: bool = False) -> Problem:
        where = self.document.key_position(key) if at_key else self.document.position(key)
        return Problem(self.path, where, message)
