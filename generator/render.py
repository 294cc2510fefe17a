"""Stage 5, render: the checked course -> the text of every generated page, and the nav.

Consumes a `CheckedCourse`; produces `GeneratedPage`s (a docs-relative path, the page's
Markdown text, its title and the YAML file it comes from) plus the navigation in the
shape of MkDocs' `nav` setting. The functions are pure: the same course gives the same
bytes, which is what makes builds reproducible and `export` equal to the plugin.

Pages are Markdown with HTML blocks. Headings stay Markdown so MkDocs builds the table of
contents and anchors; everything a trainer wrote in Markdown is rendered here to safe HTML
(see `generator.markdown`) so the site's Markdown extensions never see author text.
Problems found while rendering (links and images that point nowhere, a choice that is
not a single paragraph) come back located like any other.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from generator.document import Entry, Key
from generator.escape import front_matter_value, markdown_heading, theme_text
from generator.markdown import MarkdownRenderer, plain_text, word_count
from generator.models import Course, Lesson, Quiz
from generator.problems import Problem, did_you_mean
from generator.urls import (
    CERTIFICATE,
    HOME,
    PROGRESS,
    REVIEW,
    file_url,
    lesson_src,
    page_url,
    quiz_src,
    relative_url,
)
from generator.wording import FALLBACK, Catalogue, catalogue

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class GeneratedPage:
    """One page the generator adds to the site."""

    src: str
    content: str
    title: str
    source: Path | None = None
    in_course_nav: bool = True


@dataclass(frozen=True)
class CheckedCourse:
    """Everything the render stage needs, already validated and cross-checked."""

    course: Entry[Course] | None
    lessons: Sequence[Entry[Lesson]]
    quizzes: Sequence[Entry[Quiz]]
    content_dir: Path
    content_files: frozenset[str]
    drafts: frozenset[str] = frozenset()
    allow_html: bool = False
    use_directory_urls: bool = True
    words: Catalogue = field(default_factory=lambda: catalogue(FALLBACK))


NavEntry = dict[str, Any]


@dataclass
class RenderedSite:
    pages: list[GeneratedPage]
    nav: list[NavEntry]
    problems: list[Problem]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do"],
    )
    env.filters["front"] = lambda text: Markup(front_matter_value(text))
    env.filters["heading"] = markdown_heading
    env.filters["plain"] = theme_text
    return env


_ENV = _environment()


def quiz_version(quiz: Quiz) -> str:
    """A short fingerprint of what a learner answered: scenario ids, situations and choices.

    Saved answers are keyed by it, so editing a scenario drops the old answers to that
    quiz; fixing a typo in feedback, a title or the intro keeps them.
    """
    answered = [[s.id, s.situation, [[c.text, c.kind] for c in s.choices]] for s in quiz.scenarios]
    digest = hashlib.sha256(json.dumps(answered, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:12]


def reading_minutes(lesson: Lesson) -> int:
    """The lesson's `minutes`, or its word count at `WORDS_PER_MINUTE`, rounded up."""
    if lesson.minutes is not None:
        return lesson.minutes
    return max(1, math.ceil(lesson_word_count(lesson) / WORDS_PER_MINUTE))


def lesson_word_count(lesson: Lesson) -> int:
    return sum(word_count(text) for _, text in iter_text(lesson))


def iter_text(model: BaseModel, key: Key = ()) -> Iterable[tuple[Key, str]]:
    """Every text value in a model, with its key path (Markdown and plain fields alike)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from iter_text(value, (*key, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_text(item, (*key, name, index))
                elif isinstance(item, str):
                    yield (*key, name, index), item
        elif isinstance(value, str) and name not in ("id", "quiz", "lesson", "kind", "url"):
            yield (*key, name), value


def _value_at(model: object, key: Key) -> object:
    for part in key:
        model = model[part] if isinstance(part, int) else getattr(model, part)  # type: ignore[index]
    return model


class PageText:
    """Renders the Markdown fields of one YAML file into one page, collecting problems."""

    def __init__(self, site: _Site, entry: Entry[Any], src: str) -> None:
        self.site = site
        self.entry = entry
        self.markdown = MarkdownRenderer(
            site.resolver(entry.path, src), allow_html=site.course.allow_html
        )

    def _report(self, key: Key, text: str) -> None:
        if self.markdown.refused:
            self.site.problems.append(
                Problem(self.entry.path, self.entry.document.position(key), self.markdown.refused)
            )
        searched_from: dict[str, int] = {}
        for url in self.markdown.broken:
            offset = text.find(url, searched_from.get(url, 0))
            searched_from[url] = offset + 1 if offset >= 0 else 0
            position = self.entry.document.text_position(key, max(offset, 0))
            self.site.problems.append(
                Problem(self.entry.path, position, self.site.explain_broken(self.entry.path, url))
            )

    def block(self, key: Key) -> Markup:
        text = str(_value_at(self.entry.model, key))
        html = self.markdown.block(text)
        self._report(key, text)
        return Markup(html)

    def inline(self, key: Key) -> Markup:
        text = str(_value_at(self.entry.model, key))
        html = self.markdown.inline(text)
        self._report(key, text)
        if html is None:
            self.site.problems.append(
                Problem(
                    self.entry.path,
                    self.entry.document.position(key),
                    f"'{key[-1]}' must be a single paragraph (no blank lines, lists or headings)",
                )
            )
            return Markup("")
        return Markup(html)

    def inline_or_block(self, key: Key) -> Markup:
        """A list item: inline when it is one paragraph, blocks otherwise."""
        text = str(_value_at(self.entry.model, key))
        html = self.markdown.inline(text)
        if html is None:
            html = self.markdown.block(text)
        self._report(key, text)
        return Markup(html)


@dataclass
class _Site:
    course: CheckedCourse
    lesson_pages: dict[str, str] = field(default_factory=dict)
    quiz_pages: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _minutes: dict[str, int] = field(default_factory=dict)
    _versions: dict[str, str] = field(default_factory=dict)

    def minutes(self, lesson: Lesson) -> int:
        """Reading time, computed once per lesson (the home and progress pages reuse it)."""
        if lesson.id not in self._minutes:
            self._minutes[lesson.id] = reading_minutes(lesson)
        return self._minutes[lesson.id]

    def version(self, quiz: Quiz) -> str:
        if quiz.id not in self._versions:
            self._versions[quiz.id] = quiz_version(quiz)
        return self._versions[quiz.id]

    def url(self, src: str) -> str:
        return page_url(src, self.course.use_directory_urls)

    def link(self, from_src: str, to_src: str) -> str:
        return relative_url(from_src, self.url(to_src), self.course.use_directory_urls)

    def resolver(self, yaml_path: Path, page: str) -> Any:
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
        content = self.course.content_dir.resolve()
        candidate = (yaml_path.parent / target).resolve()
        try:
            relative = candidate.relative_to(content).as_posix()
        except ValueError:
            return None
        return relative if relative in self.course.content_files else None

    def explain_broken(self, yaml_path: Path, url: str) -> str:
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


def render_site(course: CheckedCourse) -> RenderedSite:
    """Render every generated page and the navigation."""
    site = _Site(course)
    lessons = list(course.lessons)
    quiz_by_id = {entry.model.id: entry for entry in course.quizzes}
    for entry in lessons:
        site.lesson_pages[entry.model.id] = lesson_src(entry.model.id)
    for entry_quiz in course.quizzes:
        site.quiz_pages[entry_quiz.model.id] = quiz_src(
            entry_quiz.model.id, entry_quiz.model.lesson
        )

    def quiz_of(lesson: Lesson) -> Entry[Quiz] | None:
        return quiz_by_id.get(lesson.quiz) if lesson.quiz else None

    pages: list[GeneratedPage] = []
    total = len(lessons)
    standalone = [q for q in course.quizzes if q.model.lesson is None]
    for number, entry in enumerate(lessons, start=1):
        quiz = quiz_of(entry.model)
        pages.append(_render_lesson(site, entry, number, total, quiz))
        if quiz is not None:
            following = lessons[number].model if number < total else None
            pages.append(_render_quiz(site, quiz, entry, number, following, standalone))
    for index, alone in enumerate(standalone):
        later = standalone[index + 1 : index + 2]
        pages.append(_render_quiz(site, alone, None, None, None, later))
    if course.course is not None:
        pages.append(_render_home(site))
    pages.append(_render_progress(site))
    pages.append(_render_review(site))
    if any(q.model.lesson is None for q in course.quizzes):
        pages.append(_render_certificate(site))
    return RenderedSite(pages=pages, nav=_nav(site), problems=site.problems)


def _prefixed(words: Catalogue, prefix: str) -> dict[str, Any]:
    """The catalogue's entries under `prefix`, named without it."""
    return {k.removeprefix(prefix): v for k, v in words.items() if k.startswith(prefix)}


def _description(text: str, limit: int = 160) -> str:
    words = plain_text(text)
    if len(words) <= limit:
        return words
    return words[: limit - 1].rsplit(" ", 1)[0] + "…"


def _render_lesson(
    site: _Site, entry: Entry[Lesson], number: int, total: int, quiz: Entry[Quiz] | None
) -> GeneratedPage:
    src = lesson_src(entry.model.id)
    page = PageText(site, entry, src)
    content = _ENV.get_template("lesson.md.j2").render(
        t=site.course.words,
        lesson=entry.model,
        page=page,
        number=number,
        total=total,
        minutes=site.minutes(entry.model),
        description=_description(entry.model.summary),
        callout_titles=_prefixed(site.course.words, "callout."),
        quiz=quiz.model if quiz else None,
        quiz_url=site.link(src, site.quiz_pages[quiz.model.id]) if quiz else "",
    )
    return GeneratedPage(src, content, entry.model.title, entry.path)


def _render_quiz(
    site: _Site,
    quiz: Entry[Quiz],
    lesson: Entry[Lesson] | None,
    lesson_number: int | None,
    following: Lesson | None,
    later_quizzes: Sequence[Entry[Quiz]],
) -> GeneratedPage:
    src = site.quiz_pages[quiz.model.id]
    if following is not None:
        next_url, next_label = site.link(src, lesson_src(following.id)), "Next lesson"
    elif later_quizzes:
        target = later_quizzes[0]
        next_url, next_label = site.link(src, site.quiz_pages[target.model.id]), target.model.title
    else:
        next_url, next_label = site.link(src, PROGRESS), "See my progress"
    page = PageText(site, quiz, src)
    content = _ENV.get_template("quiz.md.j2").render(
        t=site.course.words,
        quiz=quiz.model,
        page=page,
        scenarios=_scenario_views(quiz.model, page),
        version=site.version(quiz.model),
        description=_description(quiz.model.intro or quiz.model.title),
        lesson=lesson.model if lesson else None,
        lesson_number=lesson_number,
        lesson_url=site.link(src, lesson_src(lesson.model.id)) if lesson else "",
        kind_labels=_prefixed(site.course.words, "kind."),
        say=_prefixed(site.course.words, "quiz."),
        next_url=next_url,
        next_label=next_label,
    )
    return GeneratedPage(src, content, quiz.model.title, quiz.path)


@dataclass(frozen=True)
class _ChoiceView:
    kind: str
    text: Markup
    feedback: Markup


@dataclass(frozen=True)
class _ScenarioView:
    id: str
    title: str
    prompt: str
    situation: Markup
    choices: list[_ChoiceView]


def _scenario_views(quiz: Quiz, page: PageText) -> list[_ScenarioView]:
    """A quiz's Markdown rendered up front: calling back from the template costs more."""
    views = []
    for s, scenario in enumerate(quiz.scenarios):
        key = ("scenarios", s)
        choices = [
            _ChoiceView(
                choice.kind,
                page.inline((*key, "choices", c, "text")),
                page.block((*key, "choices", c, "feedback")),
            )
            for c, choice in enumerate(scenario.choices)
        ]
        views.append(
            _ScenarioView(
                scenario.id,
                scenario.title or "",
                scenario.prompt,
                page.block((*key, "situation")),
                choices,
            )
        )
    return views


def _lesson_items(site: _Site, from_src: str) -> list[dict[str, Any]]:
    quiz_by_id = {q.model.id: q for q in site.course.quizzes}
    items = []
    for number, entry in enumerate(site.course.lessons, start=1):
        lesson = entry.model
        quiz = quiz_by_id.get(lesson.quiz) if lesson.quiz else None
        items.append(
            {
                "number": number,
                "lesson": lesson,
                "entry": entry,
                "title": f"{number}. {lesson.title}",
                "url": site.link(from_src, lesson_src(lesson.id)),
                "minutes": site.minutes(lesson),
                "quiz": quiz.model if quiz else None,
                "version": site.version(quiz.model) if quiz else "",
                "quiz_url": site.link(from_src, site.quiz_pages[quiz.model.id]) if quiz else "",
            }
        )
    return items


def _quiz_items(site: _Site, from_src: str, quizzes: Iterable[Entry[Quiz]]) -> list[dict[str, Any]]:
    return [
        {
            "quiz": quiz.model,
            "lesson": None,
            "title": quiz.model.title,
            "version": site.version(quiz.model),
            "url": site.link(from_src, site.quiz_pages[quiz.model.id]),
        }
        for quiz in quizzes
    ]


def _render_home(site: _Site) -> GeneratedPage:
    course = site.course.course
    assert course is not None
    lessons = _lesson_items(site, HOME)
    for item in lessons:
        item["summary"] = PageText(site, item["entry"], HOME).block(("summary",))
    groups: list[dict[str, Any]] = []
    for item in lessons:
        module = item["lesson"].module
        if not groups or groups[-1]["title"] != module:
            groups.append({"title": module, "lessons": []})
        groups[-1]["lessons"].append(item)
    alone = _quiz_items(site, HOME, [q for q in site.course.quizzes if q.model.lesson is None])
    content = _ENV.get_template("home.md.j2").render(
        t=site.course.words,
        course=course.model,
        page=PageText(site, course, HOME),
        description=_description(course.model.tagline),
        lessons=lessons,
        groups=groups,
        quizzes=list(site.course.quizzes),
        quizzes_alone=alone,
        total_minutes=sum(item["minutes"] for item in lessons),
        scenario_count=sum(len(q.model.scenarios) for q in site.course.quizzes),
        progress_url=site.link(HOME, PROGRESS),
    )
    return GeneratedPage(HOME, content, "Home", course.path)


def _render_progress(site: _Site) -> GeneratedPage:
    alone = [q for q in site.course.quizzes if q.model.lesson is None]
    items = _lesson_items(site, PROGRESS) + _quiz_items(site, PROGRESS, alone)
    content = _ENV.get_template("progress.md.j2").render(
        t=site.course.words, items=items, review_url=site.link(PROGRESS, REVIEW)
    )
    return GeneratedPage(PROGRESS, content, "My progress", None)


def _render_review(site: _Site) -> GeneratedPage:
    content = _ENV.get_template("review.md.j2").render(
        t=site.course.words, quizzes=_quiz_items(site, REVIEW, site.course.quizzes)
    )
    return GeneratedPage(REVIEW, content, "Review missed scenarios", None)


def _render_certificate(site: _Site) -> GeneratedPage:
    alone = [q for q in site.course.quizzes if q.model.lesson is None]
    content = _ENV.get_template("certificate.md.j2").render(
        t=site.course.words,
        course=site.course.course.model if site.course.course else None,
        quizzes=_quiz_items(site, CERTIFICATE, alone),
        progress_url=site.link(CERTIFICATE, PROGRESS),
    )
    return GeneratedPage(CERTIFICATE, content, "Certificate", None)


def _nav(site: _Site) -> list[NavEntry]:
    """The course part of the navigation, in MkDocs' `nav` format."""
    nav: list[NavEntry] = [{"Home": HOME}] if site.course.course is not None else []
    quiz_by_id = {q.model.id: q for q in site.course.quizzes}
    current_module: str | None = None
    target = nav
    for number, entry in enumerate(site.course.lessons, start=1):
        lesson = entry.model
        module = lesson.module
        if module != current_module:
            current_module = module
            if module is None:
                target = nav
            else:
                group: list[NavEntry] = []
                nav.append({theme_text(module): group})
                target = group
        title = theme_text(f"{number}. {lesson.title}")
        quiz = quiz_by_id.get(lesson.quiz) if lesson.quiz else None
        if quiz is None:
            target.append({title: lesson_src(lesson.id)})
        else:
            target.append(
                {title: [lesson_src(lesson.id), {"Quiz": site.quiz_pages[quiz.model.id]}]}
            )
    for quiz in site.course.quizzes:
        if quiz.model.lesson is None:
            nav.append({theme_text(quiz.model.title): site.quiz_pages[quiz.model.id]})
    nav.extend([{"My progress": PROGRESS}, {"Review missed scenarios": REVIEW}])
    if any(q.model.lesson is None for q in site.course.quizzes):
        nav.append({"Certificate": CERTIFICATE})
    return nav
