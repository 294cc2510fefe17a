"""The commands that write the course in other shapes: `export` (a docs folder plain MkDocs
builds, or a GIFT question bank) and `scorm` (a package for a learning system).

Consumes the settings and the built site; produces files outside the course folders only,
each marked so a later run may replace what it wrote and nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from generator.assets import ASSET_DIR, SCRIPT, STYLESHEET, own_assets
from generator.invocation import (
    UsageError,
    built,
    checked_course,
    guard_target,
    inside,
    load_settings,
)
from generator.settings import Settings
from generator.wording import catalogue

EXPORT_MARKER = ".servefirst-export"
# The wording catalogue for a plain-MkDocs build, which has no plugin to put it on pages.
WORDS = ASSET_DIR + "words.js"
CONFIG_MARKER = "# Made by 'servefirst export': builds the exported pages with plain MkDocs."


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "gift":
        return cmd_export_gift(args)
    settings, config, base = load_settings(args)
    out = Path(args.out)
    for folder in (settings.content_dir, settings.quizzes_dir):
        if inside(out, folder) or inside(folder, out):
            raise UsageError(f"--out {out} overlaps the course folder {folder}; choose another")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; it was left as it is")
    if args.mkdocs_config:
        guard_target(Path(args.mkdocs_config), settings, _is_export_config, "--mkdocs-config")
    if out.exists() and any(out.iterdir()):
        if not (out / EXPORT_MARKER).exists():
            raise UsageError(f"{out} is not empty and was not made by 'servefirst export'")
        shutil.rmtree(out)
    site = built(settings)
    if site is None:
        return 1
    out.mkdir(parents=True, exist_ok=True)
    (out / EXPORT_MARKER).write_text("Made by 'servefirst export'; rewritten on every export.\n")
    for source in site.sources.pages:
        target = out / source.relative_to(settings.content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    words = catalogue(settings.language, settings.strings) | {
        "site.name": str(config.get("site_name") or ""),
        "site.url": str(config.get("site_url") or ""),
    }
    written = {page.src: page.content for page in site.pages} | own_assets(minified=True)
    written[WORDS] = f"globalThis.SERVEFIRST_STRINGS = {json.dumps(words, sort_keys=True)};\n"
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
            WORDS,
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


def _is_export_config(path: Path) -> bool:
    return _first_line(path) == CONFIG_MARKER


def _output_file(args: argparse.Namespace, settings: Settings, suffix: str) -> Path:
    """`--out` as a file path: outside the course folders, not a folder, with `suffix`."""
    out = Path(args.out)
    if out.suffix.lower() != suffix:
        raise UsageError(f"--out {out} must end in {suffix}")
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; name the {suffix} file to write")
    for folder in (settings.content_dir, settings.quizzes_dir):
        if inside(out, folder):
            raise UsageError(f"--out {out} is inside the course folder {folder}; choose another")
    return out


def cmd_export_gift(args: argparse.Namespace) -> int:
    from generator.gift import render_gift

    settings, config, _ = load_settings(args)
    out = _output_file(args, settings, ".gift")
    course = checked_course(settings)
    if course is None:
        return 1
    title = str(config.get("site_name") or "Course")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_gift(course, title), encoding="utf-8", newline="\n")
    scenarios = sum(len(q.model.scenarios) for q in course.quizzes)
    print(f"Exported {scenarios} questions from {len(course.quizzes)} quizzes to {out}.")
    return 0


def cmd_scorm(args: argparse.Namespace) -> int:
    from generator.scorm import PackageError, default_assessment, write_package

    if not Path(args.config).is_file():
        raise UsageError(f"no {args.config} here: run this in the course folder, or pass --config")
    settings, _, _ = load_settings(args)
    out = _output_file(args, settings, ".zip")
    course = checked_course(settings)
    if course is None:
        return 1
    quizzes = [q.model.id for q in course.quizzes]
    assessment = default_assessment(course) if args.assessment is None else args.assessment
    if assessment == "none":
        assessment = None
    if assessment is not None and assessment not in quizzes:
        raise UsageError(
            f"--assessment {assessment}: this course has no such quiz; "
            f"choose one of {', '.join(quizzes) or '(none)'}, or 'none'"
        )
    try:
        package = write_package(course, Path(args.config), out, assessment)
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


def cmd_blind_read(args: argparse.Namespace) -> int:
    from generator.blind_read import KEY_MARKER, SHEET_MARKER, blind_sheet, format_key

    settings, _, _ = load_settings(args)
    out = _output_file(args, settings, ".md")
    key_path = out.with_suffix(".key.txt")
    guard_target(out, settings, lambda p: _first_line(p) == SHEET_MARKER, "--out")
    guard_target(key_path, settings, lambda p: _first_line(p) == KEY_MARKER, "the key")
    course = checked_course(settings)
    if course is None:
        return 1
    known = [q.model.id for q in course.quizzes]
    unknown = [q for q in args.quiz if q not in known]
    if unknown:
        raise UsageError(
            f"--quiz {unknown[0]}: this course has no such quiz; choose from {', '.join(known)}"
        )
    sheet, key = blind_sheet(course, args.quiz)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(sheet, encoding="utf-8", newline="\n")
    key_path.write_text(format_key(key), encoding="utf-8", newline="\n")
    print(
        f"Wrote {len(key)} scenarios to {out} and the key to {key_path}. Give the sheet alone "
        f"to a reader who has not taken the course; then run "
        f"'servefirst blind-score ANSWERS --key {key_path}'."
    )
    return 0


def cmd_blind_score(args: argparse.Namespace) -> int:
    from generator.blind_read import parse_key, score

    texts = {}
    for what, path in (("--key", Path(args.key)), ("answers", Path(args.answers))):
        try:
            texts[what] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{what} {path}: cannot read it ({error})") from None
    try:
        key = parse_key(texts["--key"])
    except ValueError as error:
        raise UsageError(f"--key {args.key}: {error}") from None
    if not key:
        raise UsageError(f"--key {args.key}: no key rows; write one with 'servefirst blind-read'")
    print(score(key, texts["answers"]))
    return 0


def _first_line(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.readline().decode("utf-8", "replace").rstrip("\r\n")
