"""Where each generated page lives, and what a link written in a course file points to.

Consumes the checked course (its lessons, quizzes, hand-written files and URL style);
produces relative URLs between pages, the resolver the Markdown renderer calls for every
link and image a trainer wrote (`lesson:ID`, `quiz:ID`, or a path relative to the YAML
file), and the message for one that points nowhere, with the fix. Paths are joined as
strings against the content folder resolved once, so resolving links touches no disk:
the file-tree stage has already refused symbolic links and anything outside the folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from generator.problems import did_you_mean
from generator.urls import file_url, lesson_src, page_url, quiz_src, relative_url
from generator.views import CheckedCourse

Resolver = Callable[[str], "str | None"]


class Links:
    """The course's page addresses and link resolution, computed once per render."""

    def __init__(self, course: CheckedCourse) -> None:
        self.course = course
        self.lesson_pages = {e.model.id: lesson_src(e.model.id) for e in course.lessons}
        self.quiz_pages = {e.model.id: quiz_src(e.model.id, e.model.lesson) for e in course.quizzes}
        self._content = os.path.abspath(course.content_dir)
        self._folders: dict[Path, str] = {}

    def url(self, src: str) -> str:
        return page_url(src, self.course.use_directory_urls)

    def link(self, from_src: str, to_src: str) -> str:
        """The URL of page `to_src` relative to page `from_src`."""
        return relative_url(from_src, self.url(to_src), self.course.use_directory_urls)

    def resolver(self, yaml_path: Path, page: str) -> Resolver:
        """What the Markdown renderer calls for each link or image in `yaml_path`'s text,
        shown on `page`: the URL to write, `""` for a draft (link dropped), `None` if
        broken."""

        def resolve(url: str) -> str | None:
            target, hash_, fragment = url.partition("#")
            suffix = hash_ + fragment
            scheme, colon, rest = target.partition(":")
            if colon and scheme.lower() in ("lesson", "quiz"):
                pages = self.lesson_pages if scheme.lower() == "lesson" else self.quiz_pages
                if rest in pages:
                    return self.link(page, pages[rest]) + suffix
                if f"{scheme.lower()}:{rest}" in self.course.drafts:
                    return ""
                return None
            if colon or target.startswith("/"):
                return None
            relative = self._content_path(yaml_path, target)
            if relative is None:
                return None
            to_url = file_url(relative, self.course.use_directory_urls)
            return relative_url(page, to_url, self.course.use_directory_urls) + suffix

        return resolve

    def _content_path(self, yaml_path: Path, target: str) -> str | None:
        folder = self._folders.get(yaml_path.parent)
        if folder is None:
            folder = self._folders[yaml_path.parent] = os.path.abspath(yaml_path.parent)
        candidate = os.path.normpath(os.path.join(folder, target))
        if os.path.commonpath([candidate, self._content]) != self._content:
            return None
        relative = PurePosixPath(*Path(os.path.relpath(candidate, self._content)).parts)
        return relative.as_posix() if relative.as_posix() in self.course.content_files else None

    def explain_broken(self, yaml_path: Path, url: str) -> str:
        """Why `url` in `yaml_path` points nowhere, and what to write instead."""
        target = url.partition("#")[0]
        scheme, colon, rest = target.partition(":")
        if colon and scheme.lower() in ("lesson", "quiz"):
            known = self.lesson_pages if scheme.lower() == "lesson" else self.quiz_pages
            hint = did_you_mean(rest, known)
            return f"link '{url}': no {scheme.lower()} has id '{rest}'{hint}"
        if target.startswith("/"):
            return (
                f"link '{url}': use a path relative to this file, or 'lesson:ID', "
                "so the site works under any address"
            )
        if colon:
            return f"link '{url}': only http, https, mailto and tel addresses are allowed"
        named = PurePosixPath(target.rstrip("/")).name
        for suffix in (".yml", ".yaml", ".md", ".html"):
            named = named.removesuffix(suffix)
        for scheme, pages in (("lesson", self.lesson_pages), ("quiz", self.quiz_pages)):
            if named in pages:
                return (
                    f"link '{url}': a {scheme} is linked by its id, not by its file or page: "
                    f"write '{scheme}:{named}'"
                )
        return (
            f"link '{url}': no such file in the content folder (paths are relative to "
            f"{yaml_path.parent.name}/)"
        )
