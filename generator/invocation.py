"""What every command starts from: the settings, the usage errors, where it may write.

Consumes the command line and `mkdocs.yml` (read by `generator.settings`, never with
MkDocs); produces `Settings`, a `UsageError` (exit code 2) for a mistake in how a command
was called, the built site or the printed course errors (exit code 1), and the guard every
writer calls before it writes: never inside the course folders, never over a file Serve
First did not write.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.pipeline import Site, build_site
from generator.problems import ContentError
from generator.settings import (
    ConfigError,
    Settings,
    plugin_options,
    read_config,
    settings_from,
    theme_language,
)
from generator.views import CheckedCourse


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


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def built(settings: Settings) -> Site | None:
    """The built site, or `None` after printing the course's errors (exit code 1)."""
    try:
        return build_site(settings)
    except ContentError as error:
        print(error.format(), file=sys.stderr)
        return None


def checked_course(settings: Settings) -> CheckedCourse | None:
    """The built site's checked course, for the commands that write it in another shape."""
    site = built(settings)
    if site is None:
        return None
    assert site.checked is not None
    return site.checked


def guard_target(
    path: Path, settings: Settings | None, ours: Callable[[Path], bool], what: str
) -> None:
    """Refuse to write `path` inside the course folders or over a file we did not write."""
    for folder in (settings.content_dir, settings.quizzes_dir) if settings else ():
        if inside(path, folder):
            raise UsageError(
                f"{what} {path} is inside the course folder {folder}; choose a path outside it"
            )
    if path.exists() and not (path.is_file() and ours(path)):
        raise UsageError(
            f"{what} {path} exists and was not written by servefirst; it was left as it is"
        )
