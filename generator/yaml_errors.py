"""What went wrong in a YAML file, in a trainer's words.

Consumes what the loader met (a libyaml error with its marks, an invisible character, a
value that starts with YAML syntax) and produces one located `Problem` whose message
says what to change: "put it in quotes", "replace the tab with spaces", instead of
libyaml's own wording. Kept apart from the loader so the composer reads as a composer,
and so every message a trainer can get from a YAML file is in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.document import Document
from generator.problems import START, Position, Problem


def invisible_problem(document: Document, position: Position, found: re.Match[str]) -> Problem:
    """An invisible character in a value, located at the character where it is written
    as itself, else at the value (a YAML escape such as `\\x7f` spells it differently)."""
    char = found.group()
    line_start = position.line
    for offset, line in enumerate(document.lines[line_start - 1 : line_start + 200]):
        column = line.find(char, position.column - 1 if offset == 0 else 0)
        if column >= 0:
            position = Position(line_start + offset, column + 1)
            break
    name = unicodedata.name(char, "a control character")
    return Problem(
        document.path,
        position,
        f"this text holds U+{ord(char):04X} ({name}), an invisible character that can "
        "change how the page is read or built; delete it",
    )


_FRIENDLY = {
    "mapping values are not allowed": (
        "unexpected ':' here; text that contains ': ' must be put in quotes or in a block (|)"
    ),
    "could not find expected ':'": (
        "expected 'field: value' here; check this line's indentation and its ':'"
    ),
    "did not find expected key": (
        "expected a field ('name: value') here; check the indentation of this line"
    ),
    "did not find expected '-' indicator": (
        "expected a list item ('- ...') here; check the indentation of this line"
    ),
    "found unexpected end of stream": (
        "the file ends inside quoted text or brackets; close the quote or bracket"
    ),
    "found character that cannot start any token": (
        "this character cannot start a value; put the text in quotes"
    ),
    "found undefined alias": "aliases ('*name') are not supported; write the text out in full",
    "found unexpected ':'": (
        "unexpected ':' here; text that contains ': ' must be put in quotes or in a block (|)"
    ),
    "control characters are not allowed": (
        "the file contains a control character; it may not be a text file"
    ),
}


# A value (after any list dashes and `key:`) that starts with a character YAML reads as
# syntax; trainers write such text ("*Quietly* send", "[Optional] ask") meaning words.
_SPECIAL_START = re.compile(
    r"^ *(?:- +)*(?:(?:\"[^\"]*\"|'[^']*'|[^\s#'\"][^:#]*?): +)?(?:- +)*(?P<char>[*&!%@`\[{])"
)
_SPECIAL_MEANING = {
    "*": "the start of an alias",
    "&": "the start of an anchor",
    "!": "the start of a tag",
    "%": "a directive",
    "@": "a reserved character",
    "`": "a reserved character",
    "[": "the start of a list",
    "{": "the start of a group of fields",
}


def quote_advice(path: Path, lines: list[str], position: Position) -> Problem | None:
    """The problem to show when the value on `position`'s line starts with a character
    YAML reads specially: the advice to quote it, at that character."""
    source = lines[position.line - 1] if 0 < position.line <= len(lines) else ""
    match = _SPECIAL_START.match(source)
    if match is None:
        return None
    char = match.group("char")
    after = source[match.start("char") + 1 :]
    if char in "&!" and " " in after.strip():
        return None  # `&name value` and `!tag value` are real YAML; their messages say more
    if char in "[{" and not after[:1].isalnum():
        return None  # a real (if broken) flow list or mapping
    return Problem(
        path,
        Position(position.line, match.start("char") + 1),
        f"this text starts with '{char}', which YAML reads as {_SPECIAL_MEANING[char]}; "
        'put the whole text in quotes ("...")',
    )


def character_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (a control character), located."""
    if not hasattr(yaml, "CSafeLoader"):  # the pure-Python reader counts characters
        before = text[: error.position]
    else:  # libyaml counts UTF-8 bytes
        before = text.encode("utf-8")[: error.position].decode("utf-8", "replace")
    line_start = before.rfind("\n") + 1
    return Problem(
        path,
        Position(before.count("\n") + 1, len(before) - line_start + 1),
        f"this character is not allowed in a YAML file (U+{error.character:04X}, an invisible "
        "control character, often pasted from another program); delete it",
    )


def syntax_problem(
    path: Path,
    lines: list[str],
    error: yaml.MarkedYAMLError,
    mark_position: Callable[[yaml.Mark], Position],
) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.problem == "found unexpected end of stream" and error.context_mark is not None:
        # An unclosed quote runs to the end of the file: point at where it opens.
        mark = error.context_mark
    position = mark_position(mark) if mark is not None else START
    advice = quote_advice(path, lines, position)
    if advice is not None and "tab" not in (error.problem or ""):
        return advice
    source = lines[position.line - 1] if 0 < position.line <= len(lines) else ""
    indent = source[: len(source) - len(source.lstrip(" \t"))]
    problem = (error.problem or "").strip()
    if "\t" in indent or "'\\t'" in problem or "tab" in problem:
        tab = source.find("\t")
        column = tab + 1 if tab >= 0 else position.column
        return Problem(
            path,
            Position(position.line, column),
            "this line is indented with a tab; YAML needs spaces (replace the tab with spaces)",
        )
    for prefix, message in _FRIENDLY.items():
        if problem.startswith(prefix):
            return Problem(path, position, message)
    context = f" ({error.context.strip()})" if error.context else ""
    return Problem(path, position, f"YAML syntax error: {problem}{context}")
