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
- the bytes are decoded by `generator.decode` (size limit, UTF-8 only) and the messages
  for YAML mistakes are worded in `generator.yaml_errors`;
- text holding an invisible character that changes how a page is parsed or read (see
  `generator.decode.INVISIBLE`) is refused at its value, however it was written (YAML
  escapes included);
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.decode import INVISIBLE, MAX_BYTES, Unreadable, read_text
from generator.document import Document, Key
from generator.problems import MAX_PROBLEMS, START, InternalError, Position, Problem, quoted
from generator.yaml_errors import (
    character_problem,
    invisible_problem,
    quote_advice,
    syntax_problem,
)

MAX_DEPTH = 24

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_syntax(document: Document, position: Position, message: str) -> None:
    """Stop at YAML syntax a course does not use: with the advice to quote when the value
    merely starts with the character that introduces it."""
    advice = quote_advice(document.path, document.lines, position)
    if advice is not None and advice.position == position:
        raise _Refused(advice.position, advice.message)
    raise _Refused(position, message)


class _Refused(Exception):
    """Stops composing a file that cannot be read further."""

    def __init__(self, position: Position, message: str) -> None:
        self.position = position
        self.message = message


def load_document(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file.

    Returns the document (or `None` when it could not be read at all) and the problems
    found. A document that comes with problems should not be validated further: its data
    may be partial.
    """
    try:
        text = read_text(path, max_bytes)
    except Unreadable as refused:
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
        problems.append(syntax_problem(path, document.lines, error, marks))
        return None, problems
    except yaml.reader.ReaderError as error:
        problems.append(character_problem(path, text, error))
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
                    _report(problems, invisible_problem(document, position, invisible))
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
