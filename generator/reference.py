"""The trainer's field reference page, rendered from the models' JSON Schema.

Consumes nothing but `generator.models`; produces the Markdown text of a page that lists
every field of every file kind with its type, whether it is required, its default, its
description and an example. Generating it keeps the reference complete by construction:
a field added to a model appears in the validator, the editor schema and this page at once.
"""

from __future__ import annotations

import json
from typing import Any

from generator.models import Course, Lesson, Quiz

_INTRO = """\
---
title: Field reference
description: Every field of course.yml, lesson files and quiz files.
---

# Field reference

Every field a course file may hold, generated from the same definitions the checker uses,
so this page is always complete. *Required* fields must be present and not empty; any other
field may be left out. Text marked **Markdown** may use standard Markdown (emphasis, lists,
links, block quotes, code, tables); raw HTML is shown as text unless the site allows it.
Link to a lesson with `[text](lesson:ID)` and to a quiz with `[text](quiz:ID)`; an image
kept beside a lesson's file is linked by its path, such as `![A chart](chart.png)`. A field
name not listed here is an error, with a "did you mean" hint.
"""

_FILES = (
    ("course.yml", "The course: `course.yml` at the top of `content/`.", Course),
    ("Lesson files", "Any other `*.yml` or `*.yaml` file under `content/`.", Lesson),
    ("Quiz files", "Any `*.yml` or `*.yaml` file under `quizzes/`.", Quiz),
)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "anyOf" in prop:
        kinds = [_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(kinds)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name.lower()}](#{name.lower()})"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), defs)}"
    if kind == "string":
        if prop.get("contentMediaType") == "text/markdown":
            return "Markdown"
        if prop.get("pattern", "").startswith("^[a-z0-9]"):
            return "id (a slug: `a-z`, `0-9`, `-`)"
        if prop.get("pattern", "").startswith("^[hH]"):
            return "web address"
        return "text"
    return {"integer": "whole number", "boolean": "`true` or `false`"}.get(str(kind), str(kind))


def _table(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| Field | Type | Required | Description | Example |", "|---|---|---|---|---|"]
    for name, prop in schema["properties"].items():
        example = prop.get("examples", [prop.get("default")] if "default" in prop else [None])[0]
        if example in (None, [], False):
            shown = ""
        else:
            shown = f"`{example if isinstance(example, str) else json.dumps(example)}`"
        if "default" in prop and prop["default"] not in (None, []):
            default = f" Default: `{json.dumps(prop['default'])}`."
        else:
            default = ""
        rows.append(
            f"| `{name}` | {_type(prop, defs)} | {'yes' if name in required else 'no'} "
            f"| {_cell(prop.get('description', ''))}{default} | {_cell(shown)} |"
        )
    return rows


def render_reference() -> str:
    """The field reference page as Markdown."""
    lines = [_INTRO]
    for heading, where, model in _FILES:
        schema = model.model_json_schema()
        defs = schema.get("$defs", {})
        lines += [f"## {heading}", "", where, "", *_table(schema, defs), ""]
        for name, sub in defs.items():
            lines += [f"### {name}", "", _cell(sub.get("description", "")), ""]
            lines += [*_table(sub, defs), ""]
    return "\n".join(lines)
