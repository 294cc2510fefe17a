"""The MkDocs adapter: runs the pipeline and hands its pages to MkDocs.

Hooks only sequence work: the course logic lives in `generator.pipeline`, what a published
build leaves out (trainer pages, edit links) and the site's navigation in
`generator.publishing`, the all-or-nothing swap of a build in `generator.staging`.
`on_pre_build` runs every stage before MkDocs reads a file and fails with the located
problems; under `mkdocs serve` it keeps the last good pages and `on_post_page` shows the
problems on every page instead, until a save fixes them (a failed build would stall the
preview). `on_post_page` also gives each page the wording catalogue for the browser code.
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
from generator.pipeline import Site, build_site
from generator.problems import ContentError, Problem
from generator.publishing import failed_build_page, is_trainer_page, site_nav
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
    trainer_dir = c.Type(str, default="trainers")
    publish_trainer_pages = c.Type(bool, default=False)
    edit_links = c.Type(bool, default=False)


class ServeFirstPlugin(BasePlugin[ServeFirstConfig]):
    """Generates lesson, quiz, home and progress pages from the course's YAML files."""

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.site: Site | None = None
        self.settings: Settings | None = None
        self.staged: StagedBuild | None = None
        self.failed: list[Problem] = []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_from(
            dict(self.config),
            Path(config.config_file_path or ".").resolve().parent,
            Path(config.docs_dir),
            include_drafts=self.serving,
            use_directory_urls=config.use_directory_urls,
            language=config.theme.get("language") or "en",
            **({"trainer_dir": None} if self.serving else {}),
        )
        folders = (self.settings.quizzes_dir, self.settings.content_dir)
        config.watch += [str(f) for f in folders if f.is_dir() and str(f) not in config.watch]
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
            self.site, self.failed = build_site(self.settings), []
        except ContentError as error:
            if not self.serving or self.site is None:
                raise PluginError(error.format()) from None
            self.failed = list(error.problems)
            log.error(error.format())
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
        content_dir = os.path.join(os.path.abspath(self.settings.content_dir), "")
        trainers = self.settings.trainer_dir
        for file in list(files):
            source = os.path.abspath(file.abs_src_path or "")
            yaml = source.startswith(content_dir) and file.src_uri.endswith(YAML_SUFFIXES)
            if yaml or is_trainer_page(file.src_uri, trainers):
                files.remove(file)
        others = [f.src_uri for f in files.documentation_pages()]
        for page in [p for p in self.site.pages if not is_trainer_page(p.src, trainers)]:
            file = File.generated(config, page.src, content=page.content)
            if page.source is not None:
                file.edit_uri = Path(os.path.relpath(page.source, config.docs_dir)).as_posix()
            files.append(file)
            others += [] if page.in_course_nav else [page.src]
        for uri, text in own_assets(self.config.minify_assets).items():
            files.append(File.generated(config, uri, content=text))
        course = {page.src for page in self.site.pages if page.in_course_nav}
        config.nav = site_nav(self.site.nav, config.nav, course, others, nest_paths)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        shown = self.serving or self.config.edit_links
        page.edit_url = safe_url(page.edit_url) if page.edit_url and shown else None
        return page

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.settings is not None
        if self.failed:
            return failed_build_page(self.failed, config.site_name)
        words = catalogue(self.settings.language, self.settings.strings)
        words |= {"site.name": config.site_name, "site.url": config.site_url or ""}
        head, end, tail = output.rpartition("</body>")
        return f"{head}{script_tag(words)}{end}{tail}" if end else output
