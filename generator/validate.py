"""Stage 3, validate: a loaded `Document` -> a model (`Course`, `Lesson` or `Quiz`) or problems.

Consumes the plain data from `load`, checks it against the strict models, and turns every
pydantic error into a located `Problem` worded for trainers. Messages are chosen by the
error's *type*, never by matching pydantic's own wording, and name list items by their id
("scenario 'late-report', choice 2") rather than by index, so a trainer can find them.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.document import Document, Key
from generator.models import MAX_LINE, SLUG_PATTERN
from generator.problems import MAX_PROBLEMS, Position, Problem, did_you_mean, quoted

_ITEM_NAMES = {
    "scenarios": "scenario",
    "choices": "choice",
    "sections": "section",
    "objectives": "objective",
    "takeaways": "takeaway",
    "reflection": "reflection question",
    "steps": "step",
    "sources": "source",
}


M = typing.TypeVar("M", bound=BaseModel)


def validate_document(document: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Check a document against `model`; return the model instance or the problems."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        found = error.errors(include_url=False)
        # Past MAX_PROBLEMS the rest are counted, not listed: 100,000 wrong fields (under
        # the size limit) would otherwise take minutes to word and print.
        errors = found[:MAX_PROBLEMS]
        # A misspelt key explains the "missing" error of the field it was meant to be.
        meant = {
            (tuple(e["loc"][:-1]), did_you_mean(e["loc"][-1], _fields(model, tuple(e["loc"][:-1]))))
            for e in errors
            if e["type"] == "extra_forbidden"
        }
        problems = [
            _problem(document, model, e)  # type: ignore[arg-type]
            for e in errors
            if not (
                e["type"] == "missing"
                and (tuple(e["loc"][:-1]), f" (did you mean '{e['loc'][-1]}'?)") in meant
            )
        ]
        if len(found) > MAX_PROBLEMS:
            rest = len(found) - MAX_PROBLEMS
            problems.append(
                Problem(
                    document.path,
                    _problem(document, model, found[MAX_PROBLEMS]).position,  # type: ignore[arg-type]
                    f"{rest} more problem{'s' if rest != 1 else ''} in this file not listed; "
                    "fix the ones shown, then check again",
                )
            )
        return None, _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, int, str]] = set()
    kept = []
    for problem in problems:
        key = (problem.position.line, problem.position.column, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def breadcrumbs(data: object, key: Key) -> str:
    """Name the place `key` points at in trainer terms, e.g. "scenario 'x', choice 2"."""
    parts: list[str] = []
    node = data
    parent_field: str | None = None
    for part in key:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            parts.append(item_label(parent_field, part, item))
            node = item
        else:
            if parent_field is not None and not isinstance(node, dict):
                break
            if part in ("callout", "practice"):
                parts.append(part)
            node = node.get(part) if isinstance(node, dict) else None
            parent_field = part
    return ", ".join(parts)


def item_label(field: str | None, index: int, item: object) -> str:
    """How a list item is named in messages: by id or heading when it has one."""
    name = _ITEM_NAMES.get(field or "", "item")
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip():
            return f"{name} {quoted(ident)}"
        heading = item.get("heading")
        if isinstance(heading, str) and heading.strip():
            short = heading.strip()
            return f"{name} {quoted(short, 40)}"
    return f"{name} {index + 1}"


def suggest_slug(text: object) -> str:
    """A slug close to what the trainer wrote, for messages."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return slug or "my-id"


def _model_at(model: type[BaseModel], key: Key) -> type[BaseModel] | None:
    """The model class that describes the mapping at `key`, if any."""
    current: Any = model
    for part in key:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _fields(model: type[BaseModel], key: Key) -> list[str]:
    owner = _model_at(model, key)
    return list(owner.model_fields) if owner else []


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _describe_input(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return quoted(value)


def _problem(document: Document, model: type[BaseModel], error: dict[str, Any]) -> Problem:
    loc: Key = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = loc[-1] if loc else None

    if kind == "missing":
        where = breadcrumbs(document.data, loc[:-1])
        message = f"missing required field '{field}'"
        return _located(document, loc[:-1], where, message)
    if kind == "extra_forbidden":
        where = breadcrumbs(document.data, loc[:-1])
        options = _fields(model, loc[:-1])
        hint = did_you_mean(field, options)
        allowed = f"; allowed here: {', '.join(options)}" if options and not hint else ""
        message = f"unknown field {quoted(field)}{hint}{allowed}"
        return Problem(document.path, document.key_position(loc), _join(where, message))

    where = breadcrumbs(document.data, loc[:-1] if isinstance(field, str) else loc)
    subject = f"'{field}'" if isinstance(field, str) else ""
    if not loc:
        shape = "a list" if isinstance(value, list) else "text"
        message = (
            f"the file must hold fields ('name: value' lines, like 'id: my-lesson'), not {shape}"
        )
    elif value is None and kind not in ("literal_error",):
        message = f"{subject} has no value" if subject else "this item has no value"
    elif kind == "string_type":
        message = f"{subject} must be text, not {_describe_input(value)}"
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == SLUG_PATTERN:
            message = (
                f"{subject} must be a slug (lowercase letters, digits and single hyphens, "
                f"like '{suggest_slug(value)}'), not {quoted(value)}"
            )
        elif pattern.startswith("^[hH]"):
            message = f"{subject} must be a web address starting with https:// or http://"
        else:
            message = f"{subject} is empty" if subject else "this item is empty"
    elif kind == "string_too_long":
        most = ctx.get("max_length")
        message = (
            f"{subject} is {len(str(value)):,} characters long; keep it to {most} "
            "(a one-line text: move the rest into a Markdown field)"
            if most == MAX_LINE
            else f"{subject} is {len(str(value)):,} characters long; ids have at most {most}"
        )
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = f"{subject} must be a whole number, not {_describe_input(value)}"
    elif kind in ("bool_parsing", "bool_type"):
        message = f"{subject} must be true or false, not {_describe_input(value)}"
    elif kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = (
            f"{subject} must be one of {', '.join(options)}, not {_describe_input(value)}"
            f"{did_you_mean(value, options)}"
        )
    elif kind == "too_short":
        least = ctx.get("min_length", 1)
        message = (
            f"{subject} needs at least {least} item{'s' if least != 1 else ''}; "
            f"it has {ctx.get('actual_length', 0)}"
        )
    elif kind == "too_long":
        most = ctx.get("max_length")
        message = f"{subject} allows at most {most} items; it has {ctx.get('actual_length')}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low = _range(model, loc)
        message = f"{subject} must be {low}, not {value}"
    elif kind == "list_type":
        message = f"{subject} must be a list (one '- ' line per item), not {_describe_input(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = (
            f"{subject or 'this item'} must be a group of fields ('name: value' lines "
            f"indented below it), not {_describe_input(value)}"
        )
    else:
        message = f"{subject} {error.get('msg', 'is not valid')}".strip()
    return _located(document, loc, where, message)


def _range(model: type[BaseModel], loc: Key) -> str:
    owner = _model_at(model, loc[:-1])
    low = high = None
    if owner and isinstance(loc[-1], str) and loc[-1] in owner.model_fields:
        for meta in owner.model_fields[loc[-1]].metadata:
            low = getattr(meta, "ge", low)
            high = getattr(meta, "le", high)
    if low is not None and high is not None:
        return f"between {low} and {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def _join(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def _located(document: Document, key: Key, where: str, message: str) -> Problem:
    position: Position = document.position(key)
    return Problem(document.path, position, _join(where, message))
