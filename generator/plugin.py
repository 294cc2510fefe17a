"""The MkDocs adapter: runs the pipeline and hands its pages to MkDocs.

Hooks only sequence work; the course logic lives in `generator.pipeline`.

- `on_startup` notes whether this is `mkdocs serve` (drafts are shown there only).
- `on_config` resolves the folders against `mkdocs.yml` (never the working directory),
  adds the quizzes folder to the files `mkdocs serve` watches and, for a build, points
  `site_dir` at a staging folder (`generator.staging`) and starts counting warnings.
- `on_pre_build` runs the whole pipeline, file-tree rules included, and fails there with
  the located problems: before MkDocs reads a file or empties anything.
- `on_files` drops the YAML sources from the files MkDocs would copy, adds the generated
  pages (`File.generated`, with the YAML file as edit target) and Serve First's own
  scripts and stylesheet (minified; `on_config` linked them on every page) and sets the
  navigation.
- `on_pre_page` makes every edit link a clean, percent-encoded URL: the theme puts it in
  an attribute unescaped, so a `"` in a file name must not reach it as it is.
- `on_post_build` (last of all plugins) swaps the staged build into `site_dir`, unless a
  warning was logged under `--strict` (MkDocs then aborts the build); `on_build_error`
  throws the staged build away. Either way a failed build leaves the last site as it was.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from generator.assets import SCRIPT, STYLESHEET, own_assets
from generator.discover import YAML_SUFFIXES
from generator.navigation import nav_sort_key, without_pages
from generator.pipeline import Site, build_site
from generator.problems import ContentError
from generator.settings import Settings, settings_from
from generator.staging import StagedBuild
from generator.urls import safe_url
from generator.wording import catalogue, script_tag

log = logging.getLogger("mkdocs.plugins.servefirst")


class ServeFirstConfig(Config):
    content_dir = c.Optional(c.Type(str))
    quizzes_dir = c.Type(str, default="quizzes")
    allow_html = c.Type(bool, default=False)
    field_reference = c.Optional(c.Type(str))
    minify_assets = c.Type(bool, default=True)
    strings = c.Type(dict, default={})


class ServeFirstPlugin(BasePlugin[ServeFirstConfig]):
    """Generates lesson, quiz, home and progress pages from the course's YAML files."""

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.site: Site | None = None
        self.settings: Settings | None = None
        self.staged: StagedBuild | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.settings = settings_from(
            dict(self.config),
            config_dir,
            Path(config.docs_dir),
            use_directory_urls=config.use_directory_urls,
            include_drafts=self.serving,
            language=config.theme.get("language") or "en",
        )
        for folder in (self.settings.quizzes_dir, self.settings.content_dir):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in [str(script) for script in config.extra_javascript]:
            script = ExtraScriptValue(SCRIPT)
            script.type = "module"
            config.extra_javascript.append(script)
        if not self.serving:
            self.staged = StagedBuild(Path(config.site_dir), logging.getLogger("mkdocs"))
            config.site_dir = str(self.staged.staging)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings is not None
        try:
            self.site = build_site(self.settings)
        except ContentError as error:
            raise PluginError(error.format()) from None
        for warning in self.site.warnings:
            log.info(warning.format())
        if self.staged is not None:
            self.staged.prepare(self.dirty)

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.staged is not None:
            self.staged.finish(config.strict)
            config.site_dir = str(self.staged.site)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self.staged.abandon()

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
        for page in self.site.pages:
            file = File.generated(config, page.src, content=page.content)
            file.edit_uri = (
                Path(os.path.relpath(os.path.abspath(page.source), docs_dir)).as_posix()
                if page.source is not None
                else None
            )
            files.append(file)
        for uri, text in own_assets(self.config.minify_assets).items():
            files.append(File.generated(config, uri, content=text))
        if config.nav:
            course = {page.src for page in self.site.pages if page.in_course_nav}
            rest = without_pages(config.nav, course)
        else:
            rest = nest_paths(sorted(others, key=nav_sort_key))
        config.nav = self.site.nav + rest
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.settings is not None
        words = catalogue(config.theme.get("language") or "en", self.settings.strings)
        words |= {"site.name": config.site_name, "site.url": config.site_url or ""}
        head, end, tail = output.rpartition("</body>")
        return f"{head}{script_tag(words)}{end}{tail}" if end else output

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if page.edit_url:
            page.edit_url = safe_url(page.edit_url)
        return page
