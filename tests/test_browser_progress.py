"""A learner's progress across the course, in Chromium: persistence, results, review, moving
progress between browsers, reset, and storage that is blocked, full, corrupt or stale."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "lessons/who-comes-first/"
QUIZ = LESSON + "quiz/"


def finish_quiz(page, kinds: list[str]) -> None:
    """Answer the open quiz, scenario by scenario, with the first choice of each kind given."""
    scenarios = page.locator("[data-sf-scenario]")
    for index, kind in enumerate(kinds):
        scenario = scenarios.nth(index)
        scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
        scenario.get_by_role("button", name="Check answer").click()


SELF, SERVICE = "self-serving", "service-oriented"


def test_answers_persist_in_a_new_tab_with_feedback_and_result(course_site, context) -> None:
    page = context.new_page()
    page.goto(course_site.url + QUIZ)
    finish_quiz(page, [SERVICE, SELF, SERVICE, SERVICE, SERVICE, SERVICE])
    result = page.locator("[data-sf-result-status]").inner_text()
    assert "Service-oriented choices: 5 of 6" in result and "Passed." in result

    fresh = context.new_page()  # a new tab: no form state to restore, only storage
    fresh.goto(course_site.url + QUIZ)
    second = fresh.locator("[data-sf-scenario]").nth(1)
    assert second.locator(".sf-choice input:checked").get_attribute("data-sf-kind") == SELF
    assert second.locator(".sf-choice input").first.is_disabled()
    assert "Your choice is self-serving." in second.get_by_role("status").inner_text()
    assert (
        "Service-oriented choices: 5 of 6" in fresh.locator("[data-sf-result-status]").inner_text()
    )


def read_to_end(page, url: str) -> None:
    """Open a lesson and scroll to its end, which is when it counts as read."""
    page.goto(url)
    page.locator("[data-sf-lesson-end]").scroll_into_view_if_needed()
    page.wait_for_function("Object.keys(localStorage).some(k => k.endsWith(':lessons'))")


def test_home_and_progress_pages_show_badges_results_and_continue(course_site, page) -> None:
    read_to_end(page, course_site.url + LESSON)
    page.goto(course_site.url + QUIZ)
    finish_quiz(page, [SELF] * 6)
    page.get_by_role("button", name="Retry the quiz").click()
    finish_quiz(page, [SERVICE] * 5 + [SELF])
    page.goto(course_site.url + "lessons/red-flags/")  # opened, not read to its end

    page.goto(course_site.url)
    card = page.locator(".sf-card[data-sf-lesson='who-comes-first']")
    assert "Read" in card.inner_text() and "Quiz passed" in card.inner_text()
    assert "Read" not in page.locator(".sf-card[data-sf-lesson='red-flags']").inner_text()
    assert page.locator("[data-sf-progress-bar]").evaluate("el => [el.value, el.max]") == [2, 15]
    assert "1 of 7 lessons read" in page.locator("[data-sf-progress-text]").inner_text()
    continue_link = page.locator("[data-sf-continue] a")
    assert continue_link.inner_text() == "Three red flags"
    continue_link.click()
    page.wait_for_url("**/lessons/red-flags/")

    page.goto(course_site.url + "progress/")
    line = page.locator(".sf-card[data-sf-quiz='who-comes-first'] [data-sf-result-line]")
    assert line.inner_text() == (
        "Latest: 5 of 6 service-oriented (83.3%) · Best: 5 of 6 service-oriented (83.3%)"
    )


def test_review_gathers_missed_scenarios_across_quizzes(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    finish_quiz(page, [SELF, SERVICE, SERVICE, SERVICE, SERVICE, SELF])
    page.goto(course_site.url + "lessons/red-flags/quiz/")
    finish_quiz(page, [SERVICE, SELF])
    page.goto(course_site.url + "review/")
    page.wait_for_selector("[data-sf-review-list] [data-sf-scenario]")
    status = page.locator("[data-sf-review-status]").inner_text()
    assert status.startswith("Scenarios to try again: 3.")
    missed = page.locator("[data-sf-review-list] [data-sf-scenario]")
    assert missed.count() == 3
    assert page.locator(".sf-quiz--review > h2").all_inner_texts() == [
        "From Quiz: Who comes first?",
        "From Quiz: Three red flags",
    ]
    retry = missed.first
    retry.locator(".sf-choice input[data-sf-kind='service-oriented']").check()
    retry.get_by_role("button", name="Check answer").click()
    assert "Your choice is service-oriented." in retry.get_by_role("status").inner_text()
    page.reload()
    page.wait_for_selector("[data-sf-review-list] [data-sf-scenario]")
    assert page.locator("[data-sf-review-list] [data-sf-scenario]").count() == 2


def test_results_download_and_load_into_another_browser(
    course_site, browser, page, tmp_path
) -> None:
    page.goto(course_site.url + QUIZ)
    finish_quiz(page, [SERVICE] * 6)
    page.goto(course_site.url + "toolkit/challenge-log/")
    page.locator("textarea[data-sf-entry='monday-asked']").fill(
        "Asked Priya; she wants fewer meetings."
    )
    page.goto(course_site.url + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my results").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "servefirst-progress"
    assert "downloaded" in page.locator("[data-sf-transfer-status]").inner_text()

    other = browser.new_context()
    phone = other.new_page()
    phone.goto(course_site.url + "progress/")
    phone.locator("input[data-sf-action=import]").set_input_files(str(saved))
    expect(phone.locator("[data-sf-transfer-status]")).to_have_text(
        re.compile(r"^Loaded \d+ saved")
    )
    assert "Quiz passed" in phone.locator(".sf-card[data-sf-quiz='who-comes-first']").inner_text()
    phone.goto(course_site.url + "toolkit/challenge-log/")
    assert "fewer meetings" in phone.locator("textarea[data-sf-entry='monday-asked']").input_value()

    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"hello": "world"}')
    phone.goto(course_site.url + "progress/")
    phone.locator("input[data-sf-action=import]").set_input_files(str(wrong))
    expect(phone.locator("[data-sf-transfer-status]")).to_contain_text(
        "not a Serve First progress file"
    )
    other.close()


def test_reset_asks_in_the_page_and_clears_everything(course_site, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.goto(course_site.url + QUIZ)
    finish_quiz(page, [SERVICE] * 6)
    page.goto(course_site.url + "progress/")
    opener = page.get_by_role("button", name="Reset my progress…")
    opener.click()
    assert opener.get_attribute("aria-expanded") == "true"
    keep = page.get_by_role("button", name="Keep my progress")
    assert keep.evaluate("el => el === document.activeElement")
    keep.click()
    assert page.locator("[data-sf-reset-status]").inner_text() == "Nothing was deleted."
    assert "Quiz passed" in page.locator(".sf-card[data-sf-quiz='who-comes-first']").inner_text()
    opener.click()
    page.get_by_role("button", name="Yes, delete my progress").click()
    assert page.locator("[data-sf-reset-status]").inner_text() == "Your progress was deleted."
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('servefirst:')).length")
        == 0
    )
    assert (
        "Quiz passed" not in page.locator(".sf-card[data-sf-quiz='who-comes-first']").inner_text()
    )
    assert dialogs == []


BLOCKED = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""
FULL = """Storage.prototype.setItem = function () {
  throw new DOMException('Quota exceeded', 'QuotaExceededError'); };"""
CORRUPT = """if (!sessionStorage.getItem('seeded')) {
  sessionStorage.setItem('seeded', '1');
  const scope = '/' + location.pathname.split('/')[1] + '/';
  const entries = [['last', '{'], ['lessons', '[1,2'], ['quiz:who-comes-first:x', '7'],
                   ['journal:one-week-challenge', '"text"']];
  for (const [k, v] of entries) localStorage.setItem('servefirst:' + scope + ':' + k, v);
}"""


@pytest.mark.parametrize("script", [BLOCKED, FULL, CORRUPT], ids=["blocked", "full", "corrupt"])
def test_storage_trouble_never_breaks_a_page(course_site, context, script: str) -> None:
    context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("", LESSON, QUIZ, "progress/", "review/", "toolkit/challenge-log/"):
        page.goto(course_site.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(course_site.url + QUIZ)
    finish_quiz(page, [SERVICE] * 6)
    assert (
        "Service-oriented choices: 6 of 6" in page.locator("[data-sf-result-status]").inner_text()
    )
    page.goto(course_site.url + "progress/")
    page.get_by_role("button", name="Reset my progress…").click()
    page.get_by_role("button", name="Yes, delete my progress").click()
    assert errors == []


def test_an_edited_or_removed_quiz_sets_old_answers_aside(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    version = page.locator("[data-sf-quiz]").get_attribute("data-sf-version")
    scope = page.evaluate("new URL(__md_scope).pathname")
    old = {"picks": {"anything": 0}, "last": {}, "latest": None, "best": {"service": 1, "total": 6}}
    page.evaluate(
        """([scope, old]) => {
             const save = (name) => localStorage.setItem(`servefirst:${scope}:quiz:${name}`,
                                                         JSON.stringify(old));
             save('who-comes-first:0ld0ld0ld0ld');
             save('removed-quiz:abc');
           }""",
        [scope, old],
    )
    page.reload()
    notice = page.locator(".sf-notice").first.inner_text()
    assert notice == (
        "This quiz has changed since you last took it, so your earlier answers were set aside."
    )
    assert page.locator(".sf-choice input:checked").count() == 0
    page.goto(course_site.url + "progress/")
    notice = page.locator(".sf-notice").inner_text()
    assert notice == "Results from an older version of this course were set aside (1)."
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':quiz:'))")
    assert keys == [] or all(version in key for key in keys)


def test_print_shows_a_handout_and_a_worksheet_with_feedback_after_it(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).display") == "none"
    assert (
        page.locator(".md-sidebar").first.evaluate("el => getComputedStyle(el).display") == "none"
    )
    assert not page.get_by_role("button", name="Check answer").first.is_visible()
    last_choice = page.locator("[data-sf-scenario]").last.locator(".sf-choice").last.bounding_box()
    first_feedback = page.locator(".sf-explain").first.bounding_box()
    assert last_choice and first_feedback and first_feedback["y"] > last_choice["y"]
    assert page.locator(".sf-answer-key").is_visible()
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details[open]").count() == page.locator(".sf-explain details").count()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".sf-explain details[open]").count() == 0
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")

    page.goto(course_site.url + LESSON)
    page.emulate_media(media="print")
    assert (
        page.locator(".md-sidebar").first.evaluate("el => getComputedStyle(el).display") == "none"
    )
    assert not page.get_by_role("link", name="Take the quiz").is_visible()
    assert page.locator("h1").is_visible()


def test_visits_through_instant_navigation_are_recorded(course_site, page) -> None:
    page.goto(course_site.url)
    page.evaluate("window.__stayed = true")
    page.get_by_role("link", name="Start with lesson 1").click()
    page.wait_for_url("**/" + LESSON)
    page.wait_for_function("document.querySelector('[data-sf-lesson]')")
    page.locator("[data-sf-lesson-end]").scroll_into_view_if_needed()
    page.wait_for_function("Object.keys(localStorage).some(k => k.endsWith(':lessons'))")
    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_url(course_site.url)
    page.wait_for_selector(".sf-card[data-sf-lesson='who-comes-first'] .sf-badge")
    assert page.evaluate("window.__stayed") is True
    assert "Read" in page.locator(".sf-card[data-sf-lesson='who-comes-first']").inner_text()
