"""The command-line adapter: `servefirst check | export | schema | new | init`.

Folders and options come from the `servefirst` plugin entry in `mkdocs.yml` (read with
MkDocs' own YAML loader, which understands Material's `!!python/name:` tags and `INHERIT`),
resolved against that file's folder; `--content` and `--quizzes` override them.

Exit codes: 0 all good; 1 the course has problems; 2 usage or configuration error;
3 a bug in Serve First (reported in one line, never a traceback for content problems).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path
from string import Template
from typing import Any

from generator.course import Settings, build_site, run_pipeline, settings_from
from generator.errors import ContentError
from generator.models import SLUG_PATTERN
from generator.schema import schema_name, write_schemas

EXPORT_MARKER = ".servefirst-export"


class UsageError(Exception):
    """A mistake in how the command was called or configured (exit code 2)."""


def _read_config(path: Path) -> dict[str, Any]:
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open("rb") as handle:
            config = yaml_load(handle)
    except (OSError, ConfigurationError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    if not isinstance(config, dict):
        raise UsageError(f"{path} is not a MkDocs configuration")
    return config


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in plugins)
    )
    for name, options in entries:
        if name == "servefirst":
            return dict(options or {})
    return {}


def load_settings(args: argparse.Namespace, **extra: Any) -> tuple[Settings, dict[str, Any], Path]:
    """Settings from `mkdocs.yml` and the command line."""
    config_path = Path(args.config)
    config: dict[str, Any] = {}
    if config_path.is_file():
        config = _read_config(config_path)
    elif args.content is None:
        raise UsageError(
            f"no {config_path} here: run this in the course folder, or pass --config, "
            "or --content and --quizzes"
        )
    base = config_path.resolve().parent
    settings = settings_from(
        _plugin_options(config),
        base,
        base / str(config.get("docs_dir", "docs")),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        **extra,
    )
    if args.content is not None:
        settings = replace(settings, content_dir=Path(args.content))
    if args.quizzes is not None:
        settings = replace(settings, quizzes_dir=Path(args.quizzes))
    if not settings.content_dir.is_dir():
        raise UsageError(f"the content folder {settings.content_dir} does not exist")
    return settings, config, base


def cmd_check(args: argparse.Namespace) -> int:
    settings, _, _ = load_settings(args, include_drafts=True)
    site, problems = run_pipeline(settings)
    found = sorted(problems + site.warnings, key=lambda p: p.sort_key())
    for problem in found:
        print(problem.format(args.format))
    errors = sum(p.severity == "error" for p in found)
    warnings = len(found) - errors
    if args.format == "text":
        files = len(site.sources.yaml_files())
        print(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {files} file{'s' * (files != 1)}.",
            file=sys.stderr,
        )
    return 1 if errors or (args.strict and warnings) else 0


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def cmd_export(args: argparse.Namespace) -> int:
    settings, config, base = load_settings(args)
    out = Path(args.out)
    for folder in (settings.content_dir, settings.quizzes_dir):
        if _inside(out, folder) or _inside(folder, out):
            raise UsageError(f"--out {out} overlaps the course folder {folder}; choose another")
    if out.exists() and any(out.iterdir()):
        if not (out / EXPORT_MARKER).exists():
            raise UsageError(f"{out} is not empty and was not made by 'servefirst export'")
        shutil.rmtree(out)
    try:
        site = build_site(settings)
    except ContentError as error:
        print(error.format(), file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    (out / EXPORT_MARKER).write_text("Made by 'servefirst export'; rewritten on every export.\n")
    for source in site.sources.pages:
        target = out / source.relative_to(settings.content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for page in site.pages:
        target = out / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.content.encode("utf-8"))
    if args.mkdocs_config:
        _write_plain_config(Path(args.mkdocs_config), out, base, config, site.nav)
    print(
        f"Exported {len(site.pages)} generated pages and {len(site.sources.pages)} files to {out}."
    )
    return 0


def _write_plain_config(
    target: Path, docs: Path, base: Path, config: dict[str, Any], nav: list[Any]
) -> None:
    """A config that builds the export with plain MkDocs: the site's own, minus the plugin."""
    import yaml

    from generator.plan import HOME

    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        kept: Any = {k: v for k, v in plugins.items() if k != "servefirst"}
    else:
        kept = [
            p
            for p in plugins
            if p != "servefirst" and "servefirst" not in (p if isinstance(p, dict) else {})
        ]
    here = target.resolve().parent
    hand_written = sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )
    generated = {HOME} | {v for entry in nav for v in _srcs(entry)}
    child: dict[str, Any] = {
        "INHERIT": os.path.relpath(base / "mkdocs.yml", here),
        "docs_dir": os.path.relpath(docs.resolve(), here),
        "plugins": kept,
        "nav": nav + [p for p in hand_written if p not in generated],
    }
    # MkDocs resolves an inherited custom_dir against the child file; point it back.
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        child["theme"] = {"custom_dir": os.path.relpath(base / theme["custom_dir"], here)}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(child, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _srcs(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [s for value in entry.values() for s in _srcs(value)]
    if isinstance(entry, list):
        return [s for value in entry for s in _srcs(value)]
    return []


def cmd_schema(args: argparse.Namespace) -> int:
    folder = Path(args.out) if args.out else Path(args.config).resolve().parent / "schemas"
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    if not re.match(SLUG_PATTERN, args.id):
        raise UsageError(
            f"'{args.id}' is not a valid id: use lowercase letters, digits and hyphens"
        )
    settings, _, base = load_settings(args)
    if args.path:
        target = Path(args.path)
    elif args.kind == "lesson":
        lessons = settings.content_dir / "lessons"
        target = (lessons if lessons.is_dir() else settings.content_dir) / f"{args.id}.yml"
    else:
        target = settings.quizzes_dir / f"{args.id}.yml"
    if target.exists():
        raise UsageError(f"{target} already exists; it was left as it is")
    schema = os.path.relpath(base / "schemas" / schema_name(args.kind), target.resolve().parent)
    text = (Path(__file__).parent / "templates" / f"starter-{args.kind}.yml").read_text("utf-8")
    title = args.id.replace("-", " ").capitalize()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(
            Template(text).substitute(id=args.id, title=title, schema_path=Path(schema).as_posix())
        )
    print(f"wrote {target}")
    return 0


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="servefirst", description="Check and export a Serve First course."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    common.add_argument("--content", help="the lessons folder (default: from mkdocs.yml)")
    common.add_argument("--quizzes", help="the quizzes folder (default: from mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "check", parents=[common], help="report every problem in the course"
    )
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=cmd_check)

    export = commands.add_parser(
        "export", parents=[common], help="write the pages as a docs folder"
    )
    export.add_argument("--out", required=True, help="the folder to write (made by export only)")
    export.add_argument(
        "--mkdocs-config", help="also write a config that builds the folder with plain MkDocs"
    )
    export.set_defaults(run=cmd_export)

    schema = commands.add_parser("schema", parents=[common], help="write the JSON Schemas")
    schema.add_argument("--out", help="the folder (default: schemas/ beside mkdocs.yml)")
    schema.set_defaults(run=cmd_schema)

    init = commands.add_parser("init", help="start a new course repository in a folder")
    init.add_argument("dir", help="the folder to create (it must be empty or new)")
    init.add_argument("--title", help="the course's title (default: from the folder name)")
    init.add_argument(
        "--force", action="store_true", help="add to a non-empty folder (never replaces a file)"
    )
    init.set_defaults(run=cmd_init)

    new = commands.add_parser("new", parents=[common], help="start a lesson or quiz file")
    new.add_argument("kind", choices=("lesson", "quiz"))
    new.add_argument("id", help="the new id (a slug such as 'late-report')")
    new.add_argument("--path", help="the file to write (default: by kind and id)")
    new.set_defaults(run=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except UsageError as error:
        print(f"servefirst: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        print(
            f"servefirst: internal error: {type(error).__name__}: {error} "
            "(this is a bug in Serve First; please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
