"""The command-line adapter: `servefirst check | export | schema | new | init`.

Folders and options come from the `servefirst` plugin entry in `mkdocs.yml` (read by
`generator.settings`, without importing MkDocs), resolved against that file's folder;
`--content` and `--quizzes` override them.

Exit codes: 0 all good; 1 the course has problems; 2 usage or configuration error;
3 a bug in Serve First (reported in one line, never a traceback for content problems).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from string import Template
from typing import Any

from generator.assets import SCRIPT, STYLESHEET, own_assets
from generator.models import MODELS, SLUG_PATTERN
from generator.pipeline import Site, build_site, run_pipeline
from generator.problems import ContentError
from generator.schema import is_schema_file, schema_name, write_schemas
from generator.settings import (
    ConfigError,
    Settings,
    plugin_options,
    read_config,
    settings_from,
    theme_language,
)

EXPORT_MARKER = ".servefirst-export"
CONFIG_MARKER = "# Made by 'servefirst export': builds the exported pages with plain MkDocs."


class UsageError(Exception):
    """A mistake in how the command was called or configured (exit code 2)."""


def load_settings(args: argparse.Namespace, **extra: Any) -> tuple[Settings, dict[str, Any], Path]:
    """Settings from `mkdocs.yml` and the command line."""
    config_path = Path(args.config)
    config: dict[str, Any] = {}
    if config_path.is_file():
        try:
            config = read_config(config_path)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    elif args.content is None:
        raise UsageError(
            f"no {config_path} here: run this in the course folder, or pass --config, "
            "or --content and --quizzes"
        )
    base = config_path.resolve().parent
    settings = settings_from(
        plugin_options(config),
        base,
        base / str(config.get("docs_dir", "docs")),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        language=theme_language(config),
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


def _built(settings: Settings) -> Site | None:
    """The built site, or `None` after printing the course's errors (exit code 1)."""
    try:
        return build_site(settings)
    except ContentError as error:
        print(error.format(), file=sys.stderr)
        return None


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "gift":
        return cmd_export_gift(args)
    settings, config, base = load_settings(args)
    out = Path(args.out)
    for folder in (settings.content_dir, settings.quizzes_dir):
        if _inside(out, folder) or _inside(folder, out):
            raise UsageError(f"--out {out} overlaps the course folder {folder}; choose another")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; it was left as it is")
    if args.mkdocs_config:
        _guard_target(Path(args.mkdocs_config), settings, _is_export_config, "--mkdocs-config")
    if out.exists() and any(out.iterdir()):
        if not (out / EXPORT_MARKER).exists():
            raise UsageError(f"{out} is not empty and was not made by 'servefirst export'")
        shutil.rmtree(out)
    site = _built(settings)
    if site is None:
        return 1
    out.mkdir(parents=True, exist_ok=True)
    (out / EXPORT_MARKER).write_text("Made by 'servefirst export'; rewritten on every export.\n")
    for source in site.sources.pages:
        target = out / source.relative_to(settings.content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    written = {page.src: page.content for page in site.pages} | own_assets(minified=True)
    for src, text in written.items():
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
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

    from generator.urls import HOME

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
        "extra_css": [*(config.get("extra_css") or []), STYLESHEET],
        "extra_javascript": [
            *(config.get("extra_javascript") or []),
            {"path": SCRIPT, "type": "module"},
        ],
        "nav": nav + [p for p in hand_written if p not in generated],
    }
    # MkDocs resolves an inherited custom_dir against the child file; point it back.
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        child["theme"] = {"custom_dir": os.path.relpath(base / theme["custom_dir"], here)}
    target.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(child, sort_keys=False, allow_unicode=True)
    target.write_text(f"{CONFIG_MARKER}\n{body}", encoding="utf-8")


def _srcs(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [s for value in entry.values() for s in _srcs(value)]
    if isinstance(entry, list):
        return [s for value in entry for s in _srcs(value)]
    return []


def _guard_target(
    path: Path, settings: Settings | None, ours: Callable[[Path], bool], what: str
) -> None:
    """Refuse to write `path` inside the course folders or over a file we did not write."""
    for folder in (settings.content_dir, settings.quizzes_dir) if settings else ():
        if _inside(path, folder):
            raise UsageError(
                f"{what} {path} is inside the course folder {folder}; choose a path outside it"
            )
    if path.exists() and not (path.is_file() and ours(path)):
        raise UsageError(
            f"{what} {path} exists and was not written by servefirst; it was left as it is"
        )


def _is_export_config(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.readline().rstrip(b"\r\n") == CONFIG_MARKER.encode()


def cmd_schema(args: argparse.Namespace) -> int:
    folder = Path(args.out) if args.out else Path(args.config).resolve().parent / "schemas"
    settings = None
    if Path(args.config).is_file() or args.content is not None:
        settings, _, _ = load_settings(args)
    for kind in MODELS:
        _guard_target(folder / schema_name(kind), settings, is_schema_file, "--out")
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


def _output_file(args: argparse.Namespace, settings: Settings, suffix: str) -> Path:
    """`--out` as a file path: outside the course folders, not a folder, with `suffix`."""
    out = Path(args.out)
    if out.suffix.lower() != suffix:
        raise UsageError(f"--out {out} must end in {suffix}")
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; name the {suffix} file to write")
    for folder in (settings.content_dir, settings.quizzes_dir):
        if _inside(out, folder):
            raise UsageError(f"--out {out} is inside the course folder {folder}; choose another")
    return out


def cmd_export_gift(args: argparse.Namespace) -> int:
    from generator.gift import render_gift

    settings, config, _ = load_settings(args)
    out = _output_file(args, settings, ".gift")
    site = _built(settings)
    if site is None:
        return 1
    assert site.checked is not None
    title = str(config.get("site_name") or "Course")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_gift(site.checked, title), encoding="utf-8", newline="\n")
    scenarios = sum(len(q.model.scenarios) for q in site.checked.quizzes)
    print(f"Exported {scenarios} questions from {len(site.checked.quizzes)} quizzes to {out}.")
    return 0


def cmd_scorm(args: argparse.Namespace) -> int:
    from generator.scorm import PackageError, default_assessment, write_package

    if not Path(args.config).is_file():
        raise UsageError(f"no {args.config} here: run this in the course folder, or pass --config")
    settings, _, _ = load_settings(args)
    out = _output_file(args, settings, ".zip")
    site = _built(settings)
    if site is None:
        return 1
    assert site.checked is not None
    quizzes = [q.model.id for q in site.checked.quizzes]
    assessment = default_assessment(site.checked) if args.assessment is None else args.assessment
    if assessment == "none":
        assessment = None
    if assessment is not None and assessment not in quizzes:
        raise UsageError(
            f"--assessment {assessment}: this course has no such quiz; "
            f"choose one of {', '.join(quizzes) or '(none)'}, or 'none'"
        )
    try:
        package = write_package(site.checked, Path(args.config), out, assessment)
    except PackageError as error:
        print(f"servefirst: error: the site did not build: {error}", file=sys.stderr)
        return 1
    reported = (
        f"passed or failed by the quiz '{assessment}'"
        if assessment
        else "completed once every lesson is read"
    )
    print(
        f"Wrote {out}: {package.files} files, {package.size / 1024:.0f} KB. "
        f"The LMS records the course as {reported}."
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
    export.add_argument(
        "--format",
        choices=("markdown", "gift"),
        default="markdown",
        help="markdown: the pages as a docs folder; gift: the quizzes as a Moodle question "
        "bank (--out is then the .gift file)",
    )
    export.set_defaults(run=cmd_export)

    scorm = commands.add_parser(
        "scorm", help="write the course as a SCORM 1.2 package for a learning system (LMS)"
    )
    scorm.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    scorm.add_argument("--out", required=True, help="the .zip file to write")
    scorm.add_argument(
        "--assessment",
        metavar="QUIZ_ID",
        help="the quiz whose result the LMS records as passed or failed, and the score "
        "(default: the first quiz without a lesson); 'none': completed once every lesson is read",
    )
    scorm.set_defaults(run=cmd_scorm, content=None, quizzes=None)

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
    new.add_argument("--no-quiz", action="store_true", help="a lesson without starting its quiz")
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
