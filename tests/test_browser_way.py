"""The learner's way through the course, in Chromium: "Continue" to the first unfinished
step, a lesson read only once its end was on screen, done marks in the navigation (also
after instant navigation), the banner's links, and a lesson printed as a handout that
names the course."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_browser_a11y import violations

pytestmark = pytest.mark.browser

LESSONS = ["who-comes-first", "from-star-to-servant", "knowledge-at-the-front-line"]


def read_to_end(page, url: str, lesson: str) -> None:
    """Open a lesson and scroll until its end is on screen; wait until it counts as read."""
    page.goto(f"{url}lessons/{lesson}/")
    page.locator("[data-sf-lesson-end]").scroll_into_view_if_needed()
    page.wait_for_function(
        """id => Object.keys(localStorage).some(k => k.endsWith(':lessons')
             && JSON.parse(localStorage.getItem(k))[id] === 1)""",
        arg=lesson,
    )


def pass_quiz(page, url: str) -> None:
    """Open a quiz and take the service-oriented choice in every scenario."""
    page.goto(url)
    for scenario in page.locator("[data-sf-scenario]").all():
        scenario.locator(".sf-choice input[data-sf-kind='service-oriented']").first.check()
        scenario.get_by_role("button", name="Check answer").click()


def read_lessons(page) -> dict[str, int]:
    return page.evaluate(
        """() => { const k = Object.keys(localStorage).find(k => k.endsWith(':lessons'));
                   return k ? JSON.parse(localStorage.getItem(k)) : {}; }"""
    )


def test_after_passing_quiz_2_the_main_action_leads_to_lesson_3(course_site, page) -> None:
    page.goto(course_site.url)
    start = page.locator("[data-sf-forward]")
    expect(start).to_have_text("Start with lesson 1")
    for lesson in LESSONS[:2]:
        read_to_end(page, course_site.url, lesson)
        pass_quiz(page, f"{course_site.url}lessons/{lesson}/quiz/")
    page.goto(course_site.url)
    expect(start).to_have_text("Continue: Lesson 3 – The knowledge at the front line")
    assert start.get_attribute("href", timeout=2000).endswith(f"lessons/{LESSONS[2]}/")
    # The last page opened (quiz 2) is where the next step is not, so it is offered too.
    left_off = page.locator("[data-sf-continue]")
    expect(left_off).to_have_text("Where you left off: Quiz: From star seller to servant manager")
    start.click()
    page.wait_for_url(f"**/lessons/{LESSONS[2]}/")

    # Lesson 3 read: the next step is its quiz; progress shows the same way forward.
    read_to_end(page, course_site.url, LESSONS[2])
    page.goto(course_site.url + "progress/")
    forward = page.locator("[data-sf-forward]")
    expect(forward).to_have_text("Continue: the quiz for lesson 3")
    assert forward.get_attribute("href", timeout=2000).endswith(f"lessons/{LESSONS[2]}/quiz/")


def test_a_lesson_opened_and_left_before_its_end_is_not_read(course_site, page) -> None:
    page.goto(course_site.url + "lessons/red-flags/")
    page.wait_for_selector("[data-sf-lesson-end]", state="attached")
    page.wait_for_timeout(300)
    page.goto(course_site.url)
    card = page.locator(".sf-card[data-sf-lesson='red-flags']")
    expect(card.locator(".sf-badge")).to_have_count(0)
    assert "red-flags" not in read_lessons(page)
    # Opened, the page still counts as where the learner left off.
    expect(page.locator("[data-sf-forward]")).to_have_text("Continue: Lesson 1 – Who comes first?")
    expect(page.locator("[data-sf-continue] a")).to_have_text("Three red flags")

    read_to_end(page, course_site.url, "red-flags")
    page.goto(course_site.url)
    expect(card.locator(".sf-badge")).to_have_text(["Read"])


def test_the_navigation_marks_finished_pages_for_eyes_and_screen_readers(course_site, page) -> None:
    read_to_end(page, course_site.url, LESSONS[0])
    nav = page.locator(".md-nav--primary")
    lesson_link = nav.get_by_role("link", name="1. Who comes first? done")
    expect(lesson_link).to_be_visible()
    expect(nav.get_by_role("link", name="Quiz", exact=True)).to_be_visible()  # not passed yet
    pass_quiz(page, f"{course_site.url}lessons/{LESSONS[0]}/quiz/")
    expect(nav.get_by_role("link", name="Quiz done", exact=True)).to_be_visible()

    # Instant navigation keeps the page and the marks stay right on the new page.
    page.goto(course_site.url)
    page.evaluate("window.__stayed = true")
    nav.get_by_role("link", name="2. From star seller to servant manager").click()
    page.wait_for_url(f"**/lessons/{LESSONS[1]}/")
    page.wait_for_selector("[data-sf-lesson-end]", state="attached")
    assert page.evaluate("window.__stayed") is True, "a full page load happened"
    expect(nav.get_by_role("link", name="1. Who comes first? done")).to_be_visible()
    expect(nav.locator(".sf-done")).to_have_count(1)
    page.locator("[data-sf-lesson-end]").scroll_into_view_if_needed()
    expect(
        nav.get_by_role("link", name="2. From star seller to servant manager done")
    ).to_be_visible()

    # A reset on the progress page takes the marks away.
    page.goto(course_site.url + "progress/")
    page.get_by_role("button", name="Reset my progress…").click()
    page.get_by_role("button", name="Yes, delete my progress").click()
    expect(nav.locator(".sf-done")).to_have_count(0)


def test_the_banner_links_are_underlined_and_pass_axe(course_site, browser) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(course_site.url + "lessons/red-flags/")
        page.goto(course_site.url)
        link = page.locator("[data-sf-continue] a")
        expect(link).to_be_visible()
        assert "underline" in link.evaluate("el => getComputedStyle(el).textDecorationLine")
        assert violations(page) == []
        read_to_end(page, course_site.url, LESSONS[0])
        pass_quiz(page, f"{course_site.url}lessons/{LESSONS[0]}/quiz/")
        page.goto(course_site.url + f"lessons/{LESSONS[1]}/")
        assert violations(page) == [], scheme  # the navigation with its marks
        for path in ("", "progress/"):
            page.goto(course_site.url + path)
            expect(page.locator("[data-sf-forward]")).to_contain_text("Continue:")
            assert violations(page) == [], (scheme, path)
        context.close()


def test_a_printed_lesson_names_the_course_and_its_address_first(course_site, page) -> None:
    page.goto(course_site.url + f"lessons/{LESSONS[0]}/")
    handout = page.locator(".sf-handout")
    expect(handout).to_be_hidden()
    page.emulate_media(media="print")
    expect(handout).to_have_text(f"Serve First: {course_site.url}")
    first = page.locator(".md-content__inner > :visible").first
    assert first.evaluate("el => el.classList.contains('sf-handout')")
    box, title = handout.bounding_box(), page.locator("h1").bounding_box()
    assert box and title and box["y"] < title["y"]


PASS_HERE = """() => {
  const quiz = document.querySelector('[data-sf-quiz]');
  const n = Number(quiz.dataset.sfTotal);
  const result = {service: n, total: n, passed: true};
  const { sfQuiz, sfVersion } = quiz.dataset;
  const key = `servefirst:${new URL(__md_scope).pathname}:quiz:${sfQuiz}:${sfVersion}`;
  localStorage.setItem(key, JSON.stringify({picks: {}, last: {}, latest: result, best: result}));
}"""


@pytest.mark.parametrize("path", ["", f"lessons/{LESSONS[0]}/", "progress/", "certificate/"])
def test_no_horizontal_scroll_at_320_px(course_site, browser, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for quiz in (f"lessons/{LESSONS[0]}/quiz/", "quizzes/final-assessment/"):
        page.goto(course_site.url + quiz)
        page.evaluate(PASS_HERE)
    page.goto(course_site.url + f"lessons/{LESSONS[1]}/")  # Continue and left-off both show
    page.goto(course_site.url + path)
    if path == "certificate/":
        page.get_by_label("Your name").fill("Maximiliana Wolfeschlegelsteinhausenbergerdorff")
        expect(page.locator("[data-sf-certificate]")).to_be_visible()
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


def test_with_every_step_done_the_main_action_leads_to_the_certificate(course_site, page) -> None:
    page.goto(course_site.url)
    page.evaluate(
        """() => {
          const base = `servefirst:${new URL(__md_scope).pathname}:`;
          const lessons = {};
          for (const card of document.querySelectorAll('.sf-card')) {
            const d = card.dataset;
            if (d.sfLesson) lessons[d.sfLesson] = 1;
            if (!d.sfQuiz) continue;
            const n = Number(d.sfTotal);
            const result = {service: n, total: n, passed: true};
            localStorage.setItem(`${base}quiz:${d.sfQuiz}:${d.sfVersion}`,
              JSON.stringify({picks: {}, last: {}, latest: result, best: result}));
          }
          localStorage.setItem(`${base}lessons`, JSON.stringify(lessons));
        }"""
    )
    page.reload()
    forward = page.locator("[data-sf-forward]")
    expect(forward).to_have_text("Course complete: get your certificate")
    forward.click()
    page.wait_for_url("**/certificate/")
    expect(page.locator("[data-sf-certificate]")).to_be_visible()
    page.goto(course_site.url + "progress/")
    expect(page.locator("[data-sf-forward]")).to_be_hidden()
    expect(page.locator("[data-sf-progress-text]")).to_have_text(
        "7 of 7 lessons read · 8 of 8 quizzes finished (8 passed)."
    )
