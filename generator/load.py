"""Stage 2, load: one YAML file -> a `Document` (plain data plus where each value was written).

Consumes a path; produces a `Document` whose `data` holds only dicts, lists, strings and
`None`, and whose position maps let later stages point at the exact line and column of any
value or key. Problems come back as located `Problem`s, never as exceptions.

Why not `yaml.safe_load`: it reads `no`, `on` and `3.10` as a boolean and a number, keeps
the last of two duplicate keys without a word, and expands aliases (the "billion laughs"
file). Here the libyaml event stream is composed by hand instead, which is fast (the C
parser does the scanning) and lets every such case become a clear message:

- every scalar stays the text the trainer typed; an empty value becomes `None`;
- duplicate keys, anchors, aliases, tags and nesting deeper than `MAX_DEPTH` are refused;
- files over `MAX_BYTES` are refused before they are read, so a huge file cannot stall a build;
- text holding an invisible character that changes how a page is parsed or read (see
  `INVISIBLE`) is refused at its value, however it was written (YAML escapes included);
- UTF-8 with or without a byte-order mark and Windows line endings are accepted.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.document import Document, Key
from generator.problems import MAX_PROBLEMS, START, InternalError, Position, Problem, quoted

MAX_BYTES = 1_000_000
MAX_DEPTH = 24

# Characters no course text may hold, even written as YAML escapes ("\x7f", "\u202e"):
# C0 and C1 controls other than tab and line feed, DEL, surrogates and Unicode
# non-characters (they make the generated front matter invalid YAML, and MkDocs then shows
# it as page text), the bidirectional embeddings, overrides and isolates (they reorder
# what a reader sees, "Trojan Source"), and the zero-width spaces and invisible operators
# (they make two equal-looking titles differ). Zero-width joiners (U+200C/D, needed by
# emoji and several scripts) and the left-to-right and right-to-left marks stay allowed:
# they only join or direct the characters around them.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u180e\u200b\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_syntax(document: Document, position: Position, message: str) -> None:
    """Stop at YAML syntax a course does not use: with the advice to quote when the value
    merely starts with the character that introduces it."""
    advice = _quote_advice(document.path, document.lines, position)
    if advice is not None and advice.position == position:
        raise _Refused(advice.position, advice.message)
    raise _Refused(position, message)


class _Refused(Exception):
    """Stops composing a file that cannot be read further."""

    def __init__(self, position: Position, message: str) -> None:
        self.position = position
        self.message = message


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a course file as text: size-limited, UTF-8 (BOM allowed), `\\n` line ends."""
    size = path.stat().st_size
    if size > max_bytes:
        raise _Refused(
            START,
            f"the file is {size / 1_000_000:.1f} MB; the limit is {max_bytes / 1_000_000:g} MB "
            "(split it into smaller files)",
        )
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            raise _Refused(START, f"the file is saved as {name}; save it as UTF-8")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _Refused(
            Position(line, column),
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
            "save it as UTF-8 in your editor",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_document(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file.

    Returns the document (or `None` when it could not be read at all) and the problems
    found. A document that comes with problems should not be validated further: its data
    may be partial.
    """
    try:
        text = read_text(path, max_bytes)
    except _Refused as refused:
        return None, [Problem(path, refused.position, refused.message)]
    except OSError as error:
        return None, [Problem(path, START, f"cannot read the file: {error.strerror}")]
    document = Document(path=path, data=None, text=text)
    problems: list[Problem] = []
    marks = _Marks(text)
    try:
        _compose(text, document, problems, marks)
    except _Refused as refused:
        problems.append(Problem(path, refused.position, refused.message))
        return None, problems
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(path, document.lines, error, marks))
        return None, problems
    except yaml.reader.ReaderError as error:
        problems.append(_character_problem(path, text, error))
        return None, problems
    except yaml.YAMLError as error:  # errors without a mark (rare in libyaml)
        problems.append(Problem(path, START, f"YAML syntax error: {error}"))
        return None, problems
    if document.data is None and not problems:
        problems.append(Problem(path, START, "the file is empty"))
        return None, problems
    return document, problems


@dataclass
class _Frame:
    key: Key
    container: dict[str, object] | list[object]
    pending: str | None = None
    skip_value: bool = False  # the pending key was refused: read past its value


# libyaml also ends a line at U+0085, U+2028 and U+2029; editors and `Document.lines` do not.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


class _Marks:
    """libyaml marks -> positions on the file's own lines (split at '\\n')."""

    def __init__(self, text: str) -> None:
        self.line_count = text.count("\n") + 1
        self.last_line_length = len(text) - (text.rfind("\n") + 1)
        self.starts: list[int] | None = None
        if any(char in text for char in _OTHER_BREAKS):
            self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def __call__(self, mark: Any) -> Position:
        if self.starts is None:
            line, column = mark.line, mark.column
        else:  # count from the mark's character index instead of libyaml's line number
            line = bisect.bisect_right(self.starts, mark.index) - 1
            column = mark.index - self.starts[line]
        if line >= self.line_count:
            # libyaml ends a file without a final line break on a line of its own.
            return Position(self.line_count, self.last_line_length + 1)
        return Position(line + 1, column + 1)


def _report(problems: list[Problem], problem: Problem) -> None:
    """Keep a problem; stop reading a file that has too many to list (and to print quickly)."""
    problems.append(problem)
    if len(problems) >= MAX_PROBLEMS:
        raise _Refused(
            problem.position,
            f"this file has more than {MAX_PROBLEMS} problems; "
            "fix the ones shown, then check again",
        )


_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_PASSED = (yaml.StreamStartEvent, yaml.DocumentEndEvent)


def _compose(text: str, document: Document, problems: list[Problem], mark: _Marks) -> None:
    """Build `document.data` from libyaml events, recording positions as it goes.

    This loop runs once per value of every course file, so events are told apart by
    their exact class (libyaml makes no subclasses) rather than by chains of isinstance.
    """
    loader = _Loader(text)
    stack: list[_Frame] = []
    values, keys, styles = document.values, document.keys, document.styles
    documents = 0
    skip_depth = 0  # >0 while skipping a refused complex key
    # libyaml's own line numbers are right unless the text has other line breaks.
    direct = mark.starts is None
    last_line = mark.line_count - 1
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind in _CLOSING:
                if skip_depth:
                    skip_depth -= 1
                else:
                    stack.pop()
                continue
            if kind is not _SCALAR and kind is not _MAPPING and kind is not _SEQUENCE:
                if kind is yaml.StreamEndEvent:
                    return
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _Refused(
                            mark(event.start_mark),
                            "a second YAML document starts here ('---'); keep one per file",
                        )
                elif kind is yaml.AliasEvent:
                    _refuse_syntax(
                        document,
                        mark(event.start_mark),
                        f"aliases ('*{event.anchor}') are not supported; "
                        "write the text out in full",
                    )
                elif kind not in _PASSED:
                    raise InternalError(f"unexpected YAML event {kind.__name__}")
                continue
            if skip_depth:
                if kind is not _SCALAR:
                    skip_depth += 1
                continue
            start = event.start_mark
            if direct and start.line < last_line:
                position = Position(start.line + 1, start.column + 1)
            else:
                position = mark(start)
            if event.anchor is not None:
                _refuse_syntax(
                    document,
                    position,
                    f"anchors ('&{event.anchor}') are not supported; write the text out in full",
                )
            if event.tag is not None:
                implicit = event.implicit
                if not (any(implicit) if kind is _SCALAR else implicit):
                    _refuse_syntax(
                        document,
                        position,
                        f"YAML tags ('{event.tag}') are not supported; remove the tag",
                    )

            parent = stack[-1] if stack else None
            if parent is None:
                key: Key = ()
            elif type(parent.container) is dict:
                if parent.pending is None:
                    # This node is a mapping key.
                    if kind is not _SCALAR:
                        _report(
                            problems,
                            Problem(document.path, position, "a field name must be plain text"),
                        )
                        skip_depth = 1
                        parent.pending = "\0refused"
                        parent.skip_value = True
                        continue
                    name = event.value
                    key = (*parent.key, name)
                    if name in parent.container or key in keys:
                        first = keys.get(key)
                        where = f" (first at line {first.line})" if first else ""
                        _report(
                            problems,
                            Problem(
                                document.path,
                                position,
                                f"duplicate field {quoted(name)}{where}; keep only one",
                            ),
                        )
                        parent.pending = "\0duplicate"
                        parent.skip_value = True
                    else:
                        parent.pending = name
                        keys[key] = position
                    continue
                name = parent.pending
                parent.pending = None
                if parent.skip_value:
                    parent.skip_value = False
                    # The value of a refused key: read past it without keeping it.
                    if kind is not _SCALAR:
                        skip_depth = 1
                    continue
                key = (*parent.key, name)
            else:
                key = (*parent.key, len(parent.container))

            value: object
            if kind is _SCALAR:
                style = event.style
                text = event.value
                invisible = INVISIBLE.search(text)
                if invisible:
                    _report(problems, _invisible_problem(document, position, invisible))
                value = text
                if not style and value == "":
                    value = None
                elif style == "|" or style == ">":
                    styles[key] = style
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(
                        position,
                        f"the file is nested more than {MAX_DEPTH} levels deep; "
                        "check the indentation",
                    )
                container: dict[str, object] | list[object] = {} if kind is _MAPPING else []
                stack.append(_Frame(key, container))
                value = container

            values[key] = position
            if parent is None:
                document.data = value
            elif isinstance(parent.container, dict):
                parent.container[str(key[-1])] = value
            else:
                parent.container.append(value)
    finally:
        loader.dispose()


def _invisible_problem(document: Document, position: Position, found: re.Match[str]) -> Problem:
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


def _quote_advice(path: Path, lines: list[str], position: Position) -> Problem | None:
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


def _character_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (a control character), located."""
    if _Loader is yaml.SafeLoader:  # the pure-Python reader counts characters
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


def _syntax_problem(
    path: Path, lines: list[str], error: yaml.MarkedYAMLError, mark_position: _Marks
) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.problem == "found unexpected end of stream" and error.context_mark is not None:
        # An unclosed quote runs to the end of the file: point at where it opens.
        mark = error.context_mark
    position = mark_position(mark) if mark is not None else START
    advice = _quote_advice(path, lines, position)
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
