"""Stage 5, render: the checked course -> the text of every generated page, and the nav.

Consumes a `CheckedCourse`; produces `GeneratedPage`s (a docs-relative path, the page's
Markdown text, its title and the YAML file it comes from), the navigation
(`generator.navigation`) and the problems found on the way. The functions are pure: the
same course gives the same bytes, which is what makes builds reproducible and `export`
equal to the plugin. No I/O: the templates are read once, when this module is imported,
and links are resolved as strings (`generator.links`).

Pages are Markdown with HTML blocks. Headings stay Markdown so MkDocs builds the table of
contents and anchors; everything a trainer wrote in Markdown is rendered here to safe HTML
(see `generator.markdown`) so the site's Markdown extensions never see author text.
Problems found while rendering (links and images that point nowhere, a choice that is
not a single paragraph) come back located like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.document import Entry
from generator.escape import front_matter_value, markdown_heading, theme_text
from generator.links import Links
from generator.markdown import plain_text
from generator.models import Lesson, Quiz
from generator.navigation import course_nav
from generator.page_text import PageText
from generator.problems import Problem
from generator.urls import CERTIFICATE, HOME, PROGRESS, REVIEW, lesson_src
from generator.views import (
    CheckedCourse,
    ChoiceView,
    GeneratedPage,
    LessonItem,
    NavEntry,
    QuizItem,
    ScenarioView,
    prefixed,
    quiz_version,
    reading_minutes,
)

TEMPLATES = Path(__file__).parent / "templates"


def _templates() -> dict[str, jinja2.Template]:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        extensions=["jinja2.ext.do"],
    )
    env.filters["front"] = lambda text: Markup(front_matter_value(text))
    env.filters["heading"] = markdown_heading
    env.filters["plain"] = theme_text
    return {path.name: env.get_template(path.name) for path in sorted(TEMPLATES.glob("*.md.j2"))}


_TEMPLATES = _templates()


class _Render:
    """One render: the course, its links, per-lesson and per-quiz values, the problems."""

    def __init__(self, course: CheckedCourse) -> None:
        self.course = course
        self.links = Links(course)
        self.problems: list[Problem] = []
        self.minutes = {e.model.id: reading_minutes(e.model) for e in course.lessons}
        self.versions = {e.model.id: quiz_version(e.model) for e in course.quizzes}

    def page(
        self, template: str, src: str, title: str, source: Path | None, **context: Any
    ) -> GeneratedPage:
        content = _TEMPLATES[template].render(t=self.course.words, **context)
        return GeneratedPage(src, content, title, source)

    def text(self, entry: Entry[Any], src: str) -> PageText:
        """The Markdown fields of `entry`, rendered for page `src`."""
        return PageText(self.links, self.problems, entry, src, self.course.allow_html)

    def lesson_items(self, from_src: str) -> list[LessonItem]:
        items = []
        for number, entry in enumerate(self.course.lessons, start=1):
            lesson = entry.model
            quiz = self.course.quiz_of(lesson)
            items.append(
                LessonItem(
                    number=number,
                    lesson=lesson,
                    entry=entry,
                    title=f"{number}. {lesson.title}",
                    url=self.links.link(from_src, lesson_src(lesson.id)),
                    minutes=self.minutes[lesson.id],
                    quiz=quiz.model if quiz else None,
                    version=self.versions[quiz.model.id] if quiz else "",
                    quiz_url=self.links.link(from_src, self.links.quiz_pages[quiz.model.id])
                    if quiz
                    else "",
                    summary=self.text(entry, from_src).block(("summary",))
                    if from_src == HOME
                    else Markup(""),
                )
            )
        return items

    def quiz_items(self, from_src: str, quizzes: Iterable[Entry[Quiz]]) -> list[QuizItem]:
        return [
            QuizItem(
                quiz=quiz.model,
                title=quiz.model.title,
                version=self.versions[quiz.model.id],
                url=self.links.link(from_src, self.links.quiz_pages[quiz.model.id]),
            )
            for quiz in quizzes
        ]


def render_site(course: CheckedCourse) -> tuple[list[GeneratedPage], list[NavEntry], list[Problem]]:
    """Every generated page, the course's navigation, and the problems found."""
    render = _Render(course)
    lessons = list(course.lessons)
    standalone = course.standalone_quizzes
    pages: list[GeneratedPage] = []
    for number, entry in enumerate(lessons, start=1):
        quiz = course.quiz_of(entry.model)
        pages.append(_lesson(render, entry, number, len(lessons), quiz))
        if quiz is not None:
            following = lessons[number].model if number < len(lessons) else None
            pages.append(_quiz(render, quiz, entry, number, following, standalone))
    for index, alone in enumerate(standalone):
        pages.append(_quiz(render, alone, None, None, None, standalone[index + 1 : index + 2]))
    if course.course is not None:
        pages.append(_home(render))
    pages.append(_progress(render))
    pages.append(_review(render))
    if standalone:
        pages.append(_certificate(render))
    return pages, course_nav(course, render.links), render.problems


def _description(text: str, limit: int = 160) -> str:
    words = plain_text(text)
    if len(words) <= limit:
        return words
    return words[: limit - 1].rsplit(" ", 1)[0] + "…"


def _lesson(
    render: _Render, entry: Entry[Lesson], number: int, total: int, quiz: Entry[Quiz] | None
) -> GeneratedPage:
    src = lesson_src(entry.model.id)
    links = render.links
    return render.page(
        "lesson.md.j2",
        src,
        entry.model.title,
        entry.path,
        lesson=entry.model,
        page=render.text(entry, src),
        number=number,
        total=total,
        minutes=render.minutes[entry.model.id],
        description=_description(entry.model.summary),
        callout_titles=prefixed(render.course.words, "callout."),
        quiz=quiz.model if quiz else None,
        quiz_url=links.link(src, links.quiz_pages[quiz.model.id]) if quiz else "",
    )


def _quiz(
    render: _Render,
    quiz: Entry[Quiz],
    lesson: Entry[Lesson] | None,
    lesson_number: int | None,
    following: Lesson | None,
    later_quizzes: Sequence[Entry[Quiz]],
) -> GeneratedPage:
    links, words = render.links, render.course.words
    src = links.quiz_pages[quiz.model.id]
    if following is not None:
        next_url, next_label = links.link(src, lesson_src(following.id)), words["quiz.next-lesson"]
    elif later_quizzes:
        target = later_quizzes[0].model
        next_url, next_label = links.link(src, links.quiz_pages[target.id]), target.title
    else:
        next_url, next_label = links.link(src, PROGRESS), words["quiz.see-progress"]
    page = render.text(quiz, src)
    return render.page(
        "quiz.md.j2",
        src,
        quiz.model.title,
        quiz.path,
        quiz=quiz.model,
        page=page,
        scenarios=_scenario_views(quiz.model, page),
        version=render.versions[quiz.model.id],
        description=_description(quiz.model.intro or quiz.model.title),
        lesson=lesson.model if lesson else None,
        lesson_number=lesson_number,
        lesson_url=links.link(src, lesson_src(lesson.model.id)) if lesson else "",
        next_url=next_url,
        next_label=next_label,
    )


def _scenario_views(quiz: Quiz, page: PageText) -> list[ScenarioView]:
    """A quiz's Markdown rendered up front: calling back from the template costs more."""
    views = []
    for s, scenario in enumerate(quiz.scenarios):
        key = ("scenarios", s)
        choices = [
            ChoiceView(
                choice.kind,
                page.inline((*key, "choices", c, "text")),
                page.block((*key, "choices", c, "feedback")),
            )
            for c, choice in enumerate(scenario.choices)
        ]
        situation = page.block((*key, "situation"))
        views.append(
            ScenarioView(scenario.id, scenario.title or "", scenario.prompt, situation, choices)
        )
    return views


def _home(render: _Render) -> GeneratedPage:
    course = render.course.course
    assert course is not None
    lessons = render.lesson_items(HOME)
    groups: list[dict[str, Any]] = []
    for item in lessons:
        if not groups or groups[-1]["title"] != item.lesson.module:
            groups.append({"title": item.lesson.module, "lessons": []})
        groups[-1]["lessons"].append(item)
    quizzes = render.course.quizzes
    return render.page(
        "home.md.j2",
        HOME,
        render.course.words["nav.home"],
        course.path,
        course=course.model,
        page=render.text(course, HOME),
        description=_description(course.model.tagline),
        lessons=lessons,
        groups=groups,
        quizzes=list(quizzes),
        quizzes_alone=render.quiz_items(HOME, render.course.standalone_quizzes),
        total_minutes=sum(item.minutes for item in lessons),
        scenario_count=sum(len(q.model.scenarios) for q in quizzes),
        progress_url=render.links.link(HOME, PROGRESS),
        certificate_url=render.links.link(HOME, CERTIFICATE)
        if render.course.standalone_quizzes
        else None,
    )


def _progress(render: _Render) -> GeneratedPage:
    items: list[LessonItem | QuizItem] = [*render.lesson_items(PROGRESS)]
    items += render.quiz_items(PROGRESS, render.course.standalone_quizzes)
    title = render.course.words["nav.progress"]
    review_url = render.links.link(PROGRESS, REVIEW)
    return render.page("progress.md.j2", PROGRESS, title, None, items=items, review_url=review_url)


def _review(render: _Render) -> GeneratedPage:
    quizzes = render.quiz_items(REVIEW, render.course.quizzes)
    title = render.course.words["nav.review"]
    return render.page("review.md.j2", REVIEW, title, None, quizzes=quizzes)


def _certificate(render: _Render) -> GeneratedPage:
    course = render.course.course
    return render.page(
        "certificate.md.j2",
        CERTIFICATE,
        render.course.words["nav.certificate"],
        None,
        course=course.model if course else None,
        quizzes=render.quiz_items(CERTIFICATE, render.course.standalone_quizzes),
        progress_url=render.links.link(CERTIFICATE, PROGRESS),
    )
