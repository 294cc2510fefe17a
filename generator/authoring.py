"""The commands that start course files: `new` (a lesson and its quiz, or a quiz), `init`
(a whole new course repository) and `schema` (the JSON Schemas editors use).

Consumes the settings and the command line; produces starter files, never over an
existing file and never anywhere `generator.invocation.guard_target` refuses.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from string import Template

from generator.invocation import UsageError, guard_target, load_settings
from generator.models import MODELS, SLUG_PATTERN
from generator.schema import is_schema_file, schema_name, write_schemas


def cmd_schema(args: argparse.Namespace) -> int:
    folder = Path(args.out) if args.out else Path(args.config).resolve().parent / "schemas"
    settings = None
    if Path(args.config).is_file() or args.content is not None:
        settings, _, _ = load_settings(args)
    for kind in MODELS:
        guard_target(folder / schema_name(kind), settings, is_schema_file, "--out")
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """A commented starter file; `new lesson` also starts its quiz, so that the pair
    names each other from the start (a lesson alone would begin with a warning)."""
    if not re.match(SLUG_PATTERN, args.id):
        raise UsageError(
            f"'{args.id}' is not a valid id: use lowercase letters, digits and hyphens"
        )
    settings, _, base = load_settings(args)
    lesson = settings.content_dir / "lessons" / f"{args.id}.yml"
    quiz = settings.quizzes_dir / f"{args.id}.yml"
    if args.kind == "lesson":
        target = Path(args.path) if args.path else lesson
        pair = not args.no_quiz and not quiz.exists()
        files = [(target, "lesson")] + ([(quiz, "quiz")] if pair else [])
        paired = pair or quiz.exists()
    else:
        target = Path(args.path) if args.path else quiz
        files = [(target, "quiz")]
        paired = any(p.stem == args.id for p in settings.content_dir.rglob(f"{args.id}.y*ml"))
    for path, _ in files:
        if path.exists():
            raise UsageError(f"{path} already exists; it was left as it is")
        _require_yaml_suffix(path)
    lines = {
        "quiz_line": f"quiz: {args.id}" if paired else f"# quiz: {args.id}  (once it exists)",
        "lesson_line": f"lesson: {args.id}" if paired else f"# lesson: {args.id}  (its lesson)",
    }
    for path, kind in files:
        schema = os.path.relpath(base / "schemas" / schema_name(kind), path.resolve().parent)
        text = (Path(__file__).parent / "templates" / f"starter-{kind}.yml").read_text("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(
                Template(text).substitute(
                    lines,
                    id=args.id,
                    title=args.id.replace("-", " ").capitalize(),
                    schema_path=Path(schema).as_posix(),
                )
            )
        print(f"wrote {path}")
    return 0


def _require_yaml_suffix(path: Path) -> None:
    if path.suffix not in (".yml", ".yaml"):
        raise UsageError(f"{path}: a course file must end in .yml")


def cmd_init(args: argparse.Namespace) -> int:
    from generator.scaffold import FolderNotEmpty, init_course

    target = Path(args.dir)
    title = " ".join((args.title or target.resolve().name.replace("-", " ")).split())
    if not title or len(title) > 200 or not title.isprintable():
        raise UsageError("--title must be one line of at most 200 printable characters")
    try:
        written = init_course(target, title[0].upper() + title[1:], allow_non_empty=args.force)
    except FolderNotEmpty:
        raise UsageError(
            f"{target} is not empty; choose a new folder, or pass --force to add a course "
            "beside what is there (no existing file is ever replaced)"
        ) from None
    except FileExistsError as error:
        raise UsageError(f"{error}; nothing was written") from None
    for path in written:
        print(f"wrote {path}")
    print(
        f"\nNext: cd {target} && python3 -m venv .venv && .venv/bin/pip install -r "
        "requirements.txt && .venv/bin/mkdocs serve"
    )
    return 0
