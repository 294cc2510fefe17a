"""JSON Schemas for editors, generated from the same models the validator uses.

Consumes the models in `generator.models`; produces one JSON Schema document per file kind
(course, lesson, quiz). Every course YAML file points at its schema on its first line
(`# yaml-language-server: $schema=...`), so editors with the YAML language server
autocomplete field names and underline mistakes while the trainer types. A test fails
when the committed schemas differ from what the models produce.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.models import MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(kind: str) -> str:
    return f"{kind}.schema.json"


def render_schema(kind: str) -> str:
    """The JSON Schema text for `kind` ("course", "lesson" or "quiz")."""
    model = MODELS[kind]
    schema = {"$schema": SCHEMA_DIALECT, **model.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def is_schema_file(path: Path) -> bool:
    """Whether `path` holds one of our schemas (so `servefirst schema` may rewrite it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    titles = {model.__name__ for model in MODELS.values()}
    return (
        isinstance(data, dict)
        and data.get("$schema") == SCHEMA_DIALECT
        and data.get("title") in titles
    )


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = folder / schema_name(kind)
        path.write_text(render_schema(kind), encoding="utf-8", newline="\n")
        written.append(path)
    return written
