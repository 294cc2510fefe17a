"""The SCORM package in an LMS, in Chromium: the launcher talks to a real SCORM 1.2 runtime.

The test LMS (tests/fixtures/scorm-host/) is a page that sets up scorm-again's SCORM 1.2
runtime (npm, MIT) as `window.API`, records every call with its result and error code, and
opens the package's launch page in a frame, all served from 127.0.0.1. The learner then
works in the course, two frames down, as in an LMS.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Frame, Page, expect

from conftest import CONSTRUCTOR_LESSON, FIXTURES, ROOT, copy_course, copy_project, run, serve

pytestmark = pytest.mark.browser

SELF, SERVICE = "self-serving", "service-oriented"
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"


def under_lms(project: Path, base: Path) -> contextlib.AbstractContextManager[str]:
    """Package `project`, unzip it under the test LMS in `base` and serve them."""
    if not RUNTIME.is_file():
        pytest.fail("scorm-again is missing: run `npm ci` (scripts/setup --test does)")
    result = run(["servefirst", "scorm", "--out", str(base / "course.zip")], project)
    assert result.returncode == 0, result.stderr
    host = base / "www" / "lms"
    shutil.copytree(ROOT / "tests" / "fixtures" / "scorm-host", host)
    shutil.copy(RUNTIME, host / "scorm12.js")
    with zipfile.ZipFile(base / "course.zip") as archive:
        archive.extractall(host / "pkg")
    return serve(host)


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real course as a package under a test LMS; yields the LMS's address."""
    base = tmp_path_factory.mktemp("scorm")
    with under_lms(copy_course(base / "project"), base) as url:
        yield url


@pytest.fixture(scope="module")
def reading_lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample course (no quiz without a lesson, so no assessment) plus a lesson, quiz
    and scenario all named `constructor`, a name every JavaScript object inherits."""
    base = tmp_path_factory.mktemp("scorm-reading")
    project = copy_project(FIXTURES / "sample", base / "project")
    lesson = dict(CONSTRUCTOR_LESSON)
    choices = [
        {"text": f"Choice {n}.", "kind": kind, "feedback": f"Feedback on choice {n}."}
        for n, kind in enumerate([SELF, SERVICE, SELF], start=1)
    ]
    quiz = {
        "id": "constructor",
        "title": "Quiz: Built from parts",
        "lesson": "constructor",
        "scenarios": [{"id": "constructor", "situation": "Parts arrive.", "choices": choices}],
    }
    for path, data in (
        (project / "content" / "lessons" / "constructor.yml", lesson),
        (project / "quizzes" / "constructor.yml", quiz),
    ):
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with under_lms(project, base) as url:
        yield url


def launcher_frame(page: Page) -> Frame:
    frame = page.locator("#sco").element_handle().content_frame()
    assert frame is not None
    return frame


def start(page: Page, url: str, cmi: dict[str, str] | None = None) -> Frame:
    """Open the package in the test LMS; return the frame the course runs in."""
    page.goto(url)
    page.evaluate("cmi => startSession(cmi)", cmi)
    inner = page.frame_locator("#sco").frame_locator("iframe")
    expect(inner.locator("h1").first).to_be_visible()
    frame = launcher_frame(page).locator("iframe").element_handle().content_frame()
    assert frame is not None
    return frame


def go(frame: Frame, path: str) -> None:
    """Open a page of the course in its frame, as a link would; on a lesson, read to its
    end (a lesson counts as read only when its end has been reached)."""
    frame.goto(frame.url.rsplit("/pkg/", 1)[0] + "/pkg/" + path)
    expect(frame.locator("h1").first).to_be_visible()
    end = frame.locator("[data-sf-lesson-end]")
    if end.count():
        end.scroll_into_view_if_needed()
        lesson = str(frame.locator("[data-sf-lesson]").first.get_attribute("data-sf-lesson"))
        frame.wait_for_function(
            "id => Object.keys(localStorage).some(k => k.endsWith('lessons')"
            " && (localStorage.getItem(k) || '').includes(JSON.stringify(id)))",
            arg=lesson,
        )


def answer_all(frame: Frame, kind: str) -> int:
    """Answer every scenario of the quiz open in `frame` with a choice of `kind`."""
    scenarios = frame.locator("[data-sf-scenario]")
    for index in range(scenarios.count()):
        scenario = scenarios.nth(index)
        scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
        scenario.get_by_role("button", name="Check answer").click()
    expect(frame.locator("[data-sf-result-status]")).to_contain_text("Service-oriented choices")
    return scenarios.count()


def sets(page: Page) -> dict[str, str]:
    """The last value the launcher set for each element."""
    values: dict[str, str] = {}
    for call in page.evaluate("calls"):
        if call["name"] == "LMSSetValue":
            values[call["args"][0]] = call["args"][1]
    return values


def count(page: Page, name: str) -> int:
    return sum(call["name"] == name for call in page.evaluate("calls"))


def interactions(page: Page) -> list[dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for element, value in sets(page).items():
        parts = element.split(".")
        if parts[:2] == ["cmi", "interactions"] and parts[2].isdigit():
            found.setdefault(int(parts[2]), {})[".".join(parts[3:])] = value
    return [found[n] for n in sorted(found)]


def leave(page: Page) -> None:
    page.evaluate("closeSession()")
    page.wait_for_function("calls.some(c => c.name === 'LMSFinish')")


def test_a_whole_course_in_one_session_is_reported_and_resumes_elsewhere(
    lms: str, context: Any, browser: Any
) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    frame = start(page, lms)
    assert frame.url.endswith("/pkg/index.html")
    course = launcher_frame(page).evaluate(
        "JSON.parse(document.querySelector('[data-sf-scorm]').dataset.sfScorm)"
    )
    lessons = len(course["lessons"])
    quizzes = {q["id"] for q in course["quizzes"]}

    answered: list[tuple[str, str]] = []
    for target in course["pages"]:
        go(frame, target["path"])
        quiz = frame.locator("[data-sf-quiz]")
        if quiz.count():
            ids = frame.locator("[data-sf-scenario]").evaluate_all(
                "nodes => nodes.map(n => n.dataset.sfScenario)"
            )
            answer_all(frame, SERVICE)
            answered += [(str(quiz.get_attribute("data-sf-quiz")), sid) for sid in ids]
    assert {q for q, _ in answered} == quizzes
    go(frame, "index.html")
    expect(frame.locator("[data-sf-progress-text]")).to_contain_text(
        f"{lessons} of {lessons} lessons read"
    )

    # One session over every page change, with the assessment passed.
    assert count(page, "LMSInitialize") == 1
    values = sets(page)
    assert values["cmi.core.lesson_status"] == "passed"
    assert (values["cmi.core.score.raw"], values["cmi.core.score.min"]) == ("100", "0")
    assert values["cmi.core.score.max"] == "100"
    # One interaction per answered scenario, every one right.
    reported = interactions(page)
    assert [r["id"] for r in reported] == [f"{q}.{s}" for q, s in answered]
    assert {(r["type"], r["result"]) for r in reported} == {("choice", "correct")}
    for r in reported:
        right = [v for k, v in r.items() if k.startswith("correct_responses.")]
        assert r["student_response"] in right
    suspend = values["cmi.suspend_data"]
    print(f"suspend_data for the finished course: {len(suspend)} characters")
    assert 0 < len(suspend) < 4096

    assert [url for url in requests if not url.startswith(lms)] == []

    leave(page)
    values = sets(page)
    names = [call["name"] for call in page.evaluate("calls")]
    assert names[-2:] == ["LMSCommit", "LMSFinish"]
    assert values["cmi.core.exit"] == "logout"
    assert values["cmi.core.session_time"].count(":") == 2
    assert page.evaluate("apiErrors") == []

    # Another computer (a new browser profile), the LMS hands the suspend data back.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        second = other.new_page()
        frame = start(
            second,
            lms,
            {"cmi.suspend_data": suspend, "cmi.core.entry": "resume"},
        )
        expect(frame.locator("[data-sf-progress-text]")).to_contain_text(
            f"{lessons} of {lessons} lessons read · {len(quizzes)} of {len(quizzes)} "
            f"quizzes finished ({len(quizzes)} passed)"
        )
        expect(frame.locator("[data-sf-continue]")).to_be_visible()
        go(frame, "quizzes/final-assessment.html")
        expect(frame.locator("[data-sf-result-status]")).to_contain_text("Passed.")
        first = frame.locator("[data-sf-scenario]").first
        expect(first.locator(".sf-choice input:checked")).to_have_attribute("data-sf-kind", SERVICE)
        # Nothing was answered in this session, so nothing new is reported.
        assert interactions(second) == []
        assert count(second, "LMSInitialize") == 1
        leave(second)
        assert second.evaluate("apiErrors") == []
    finally:
        other.close()


def test_a_failed_assessment_is_reported_as_failed_with_each_wrong_choice(
    lms: str, page: Page
) -> None:
    frame = start(page, lms)
    go(frame, "quizzes/final-assessment.html")
    answered = answer_all(frame, SELF)
    go(frame, "index.html")

    values = sets(page)
    assert values["cmi.core.lesson_status"] == "failed"
    assert values["cmi.core.score.raw"] == "0"
    reported = interactions(page)
    assert len(reported) == answered
    assert {(r["type"], r["result"]) for r in reported} == {("choice", "wrong")}
    assert all(r["id"].startswith("final-assessment.") for r in reported)
    assert count(page, "LMSInitialize") == 1

    leave(page)
    assert sets(page)["cmi.core.exit"] == "suspend"
    assert page.evaluate("apiErrors") == []


def test_progress_from_another_learner_in_this_browser_is_not_carried_over(
    lms: str, page: Page
) -> None:
    frame = start(page, lms)
    go(frame, "lessons/who-comes-first/quiz.html")
    answer_all(frame, SERVICE)
    leave(page)

    # The next learner on this computer: the LMS has no suspend data for them.
    frame = start(page, lms)
    expect(frame.locator("[data-sf-course-progress]")).to_be_hidden()
    go(frame, "lessons/who-comes-first/quiz.html")
    expect(frame.locator("[data-sf-scenario] .sf-choice input:checked")).to_have_count(0)
    assert sets(page)["cmi.core.lesson_status"] == "incomplete"
    assert page.evaluate("apiErrors") == []


def test_outside_an_lms_the_package_opens_as_a_plain_course(lms: str, page: Page) -> None:
    page.goto(lms + "pkg/launch.html")
    page.wait_for_url("**/pkg/index.html")
    expect(page.locator("h1").first).to_be_visible()
    # Search works from the package's files (typing before the index is built is dropped).
    page.locator(".md-search__input").focus()
    expect(page.locator(".md-search-result__meta")).to_have_text(
        "Type to start searching", timeout=60_000
    )
    page.locator(".md-search__input").press_sequentially("customer")
    page.locator(".md-search-result__item a").first.click()
    expect(page).to_have_url(re.compile(r"/pkg/.+\.html"))
    page.goto(lms + "pkg/lessons/who-comes-first/quiz.html")
    answer_all(page.main_frame, SERVICE)
    page.reload()
    expect(page.locator("[data-sf-result-status]")).to_contain_text("Passed.")


def test_without_an_assessment_reading_every_lesson_completes_the_course(
    reading_lms: str, page: Page
) -> None:
    frame = start(page, reading_lms)
    go(frame, "lessons/first-steps/index.html")
    go(frame, "lessons/second-look/index.html")
    assert sets(page)["cmi.core.lesson_status"] == "incomplete"
    go(frame, "lessons/constructor/index.html")
    go(frame, "lessons/constructor/quiz.html")
    answer_all(frame, SERVICE)
    go(frame, "index.html")
    values = sets(page)
    assert values["cmi.core.lesson_status"] == "completed"
    assert "cmi.core.score.raw" not in values
    (reported,) = interactions(page)
    assert (reported["id"], reported["student_response"], reported["result"]) == (
        "constructor.constructor",
        "b",
        "correct",
    )
    leave(page)
    assert sets(page)["cmi.core.exit"] == "logout"
    assert page.evaluate("apiErrors") == []
    suspend = sets(page)["cmi.suspend_data"]

    frame = start(page, reading_lms, {"cmi.suspend_data": suspend})
    expect(frame.locator("[data-sf-progress-text]")).to_contain_text("3 of 3 lessons read")
    go(frame, "lessons/constructor/quiz.html")
    expect(frame.locator("[data-sf-result-status]")).to_contain_text("Passed.")
    assert interactions(page) == []
