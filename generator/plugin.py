"""The MkDocs adapter: runs the pipeline and hands its pages to MkDocs.

Hooks only sequence work; the course logic lives in `generator.course`.

- `on_startup` notes whether this is `mkdocs serve` (drafts are shown there only).
- `on_config` resolves the folders against `mkdocs.yml` (never the working directory)
  and adds the quizzes folder to the files `mkdocs serve` watches.
- `on_pre_build` runs the whole pipeline. It must fail here: MkDocs empties `site_dir`
  right after this hook, so failing later would wipe the last good site.
- `on_files` drops the YAML sources from the files MkDocs would copy, adds the generated
  pages (`File.generated`, with the YAML file as edit target), swaps Serve First's own
  scripts and stylesheets for minified copies and sets the navigation.
- `on_pre_page` tidies the edit link of a generated page into a clean URL.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from generator.assets import is_own_asset, minify
from generator.course import Settings, Site, build_site
from generator.discover import YAML_SUFFIXES
from generator.errors import ContentError

log = logging.getLogger("mkdocs.plugins.servefirst")


class ServeFirstConfig(Config):
    content_dir = c.Optional(c.Type(str))
    quizzes_dir = c.Type(str, default="quizzes")
    allow_html = c.Type(bool, default=False)
    field_reference = c.Optional(c.Type(str))
    minify_assets = c.Type(bool, default=True)


def settings_from(
    plugin_config: dict[str, Any], config_dir: Path, docs_dir: Path, **extra: Any
) -> Settings:
    """Plugin options as `Settings`, with folders resolved against `mkdocs.yml`'s folder."""
    content = plugin_config.get("content_dir")
    return Settings(
        content_dir=(config_dir / content) if content else docs_dir,
        quizzes_dir=config_dir / plugin_config.get("quizzes_dir", "quizzes"),
        allow_html=bool(plugin_config.get("allow_html", False)),
        field_reference=plugin_config.get("field_reference"),
        **extra,
    )


class ServeFirstPlugin(BasePlugin[ServeFirstConfig]):
    """Generates lesson, quiz, home and progress pages from the course's YAML files."""

    def __init__(self) -> None:
        self.serving = False
        self.site: Site | None = None
        self.settings: Settings | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.settings = settings_from(
            dict(self.config),
            config_dir,
            Path(config.docs_dir),
            use_directory_urls=config.use_directory_urls,
            include_drafts=self.serving,
        )
        for folder in (self.settings.quizzes_dir, self.settings.content_dir):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings is not None
        try:
            self.site = build_site(self.settings)
        except ContentError as error:
            raise PluginError(error.format()) from None
        for warning in self.site.warnings:
            log.info(warning.format())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.settings is not None
        docs_dir = os.path.abspath(config.docs_dir)
        content_dir = os.path.join(os.path.abspath(self.settings.content_dir), "")
        # The YAML sources are not published (MkDocs would copy them as static files).
        for file in [
            f
            for f in files
            if f.src_uri.endswith(YAML_SUFFIXES)
            and os.path.abspath(f.abs_src_path or "").startswith(content_dir)
        ]:
            files.remove(file)
        # Pages outside the course part of the nav sit among the hand-written ones.
        others = [f.src_uri for f in files.documentation_pages()]
        others += [page.src for page in self.site.pages if not page.in_course_nav]
        course_pages = {page.src for page in self.site.pages if page.in_course_nav}
        for page in self.site.pages:
            file = File.generated(config, page.src, content=page.content)
            file.edit_uri = (
                Path(os.path.relpath(os.path.abspath(page.source), docs_dir)).as_posix()
                if page.source is not None
                else None
            )
            files.append(file)
        if self.config.minify_assets:
            for asset in [f for f in files if is_own_asset(f.src_uri)]:
                files.remove(asset)
                files.append(
                    File.generated(
                        config, asset.src_uri, content=minify(asset.src_uri, asset.content_string)
                    )
                )
        if config.nav:
            rest = [entry for entry in config.nav if not _mentions(entry, course_pages)]
        else:
            rest = nest_paths(sorted(others, key=_nav_sort_key))
        config.nav = self.site.nav + rest
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if page.edit_url and "/../" in page.edit_url:
            page.edit_url = _clean_url(page.edit_url)
        return page


def _nav_sort_key(src: str) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' own order for pages: by folder, each folder's index first, then by name."""
    parts = PurePosixPath(src).parts
    return (parts[:-1], PurePosixPath(src).stem != "index", parts[-1])


def _mentions(entry: object, srcs: set[str]) -> bool:
    if isinstance(entry, str):
        return entry in srcs
    if isinstance(entry, dict):
        return any(_mentions(value, srcs) for value in entry.values())
    if isinstance(entry, list):
        return any(_mentions(value, srcs) for value in entry)
    return False


def _clean_url(url: str) -> str:
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path)
    return urlunsplit(parts._replace(path=path))
