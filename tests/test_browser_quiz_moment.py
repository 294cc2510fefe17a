"""The quiz at the learner's moment, in Chromium (issue 11): the better move told at once,
a result that is brought into view and told in words, and on a phone one scenario at a
time under a progress bar that stays in view, resuming where the learner stopped.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUIZ = "lessons/who-comes-first/quiz/"
SELF, SERVICE = "self-serving", "service-oriented"
PHONE = {"width": 390, "height": 844}
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def pick(scenario, kind: str) -> None:
    scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
    scenario.get_by_role("button", name="Check answer").click()


def take(page, kinds: list[str]) -> None:
    """Answer the scenarios in order; in the step view, move on with Next."""
    for number, kind in enumerate(kinds):
        scenario = page.locator("[data-sf-scenario]").nth(number)
        expect(scenario).to_be_visible()
        pick(scenario, kind)
        if number < len(kinds) - 1 and page.locator(".sf-steps").count():
            page.locator(".sf-stepnav").get_by_role("button", name="Next").click()


def current(page):
    return page.locator("[data-sf-scenario]:visible")


def phone_page(browser, **options):
    context = browser.new_context(viewport=PHONE, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def violations(page) -> list[str]:
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    found = Axe().run(page, options=WCAG).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def test_a_self_serving_pick_shows_the_better_move_at_once(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    scenario = page.locator("[data-sf-scenario]").first
    service = scenario.locator(f".sf-choice input[data-sf-kind='{SERVICE}']")
    wanted = [
        (
            scenario.locator(f"label[for='{choice.get_attribute('id')}']").inner_text().strip(),
            scenario.locator(
                f"details[data-sf-choice='{choice.get_attribute('value')}'] .sf-explain__feedback"
            )
            .text_content()
            .strip(),
        )
        for choice in service.all()
    ]
    pick(scenario, SELF)
    region = scenario.get_by_role("status")
    told = region.inner_text()
    assert told.startswith("Your choice is self-serving.")
    for text, why in wanted:
        assert f"A service-oriented move: {text}" in told
        assert why[:60] in told
    expect(region.locator(".sf-better").first).to_be_visible()
    # The remaining choices stay one tap away, each with its text and kind in view.
    others = scenario.locator("details:visible")
    count = scenario.locator(".sf-choice").count() - 1 - len(wanted)
    expect(others).to_have_count(count)
    for summary in others.locator("summary").all():
        assert re.search(r"\S.+ Self-serving$", summary.inner_text())
    # ...and a keyboard reaches them from the Check button.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Answer checked"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("SUMMARY", "A")


def test_a_service_oriented_pick_says_so_and_keeps_the_others_a_tap_away(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    scenario = page.locator("[data-sf-scenario]").first
    pick(scenario, SERVICE)
    told = scenario.get_by_role("status").inner_text()
    assert told.startswith("Your choice is service-oriented.")
    assert "A service-oriented move:" not in told
    expect(scenario.locator("details:visible")).to_have_count(
        scenario.locator(".sf-choice").count() - 1
    )


@pytest.mark.parametrize(
    ("misses", "verdict", "first_action"),
    [
        (0, "Perfect score.", "Next lesson"),
        (1, "Passed.", "Next lesson"),
        (2, "Not passed yet.", "Review 2 missed scenarios"),
    ],
)
def test_the_last_check_brings_a_result_told_in_words_into_view_and_focus(
    course_site, browser, misses: int, verdict: str, first_action: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(course_site.url + QUIZ)
    take(page, [SELF] * misses + [SERVICE] * (6 - misses))
    heading = page.get_by_role("heading", name="Your result")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    status = page.locator("[data-sf-result-status]")
    text = status.inner_text()
    assert text.startswith(verdict)
    assert f"Service-oriented choices: {6 - misses} of 6" in text
    assert ("Passed." in text) == (misses < 2)
    assert status.locator(".sf-result__verdict strong").inner_text() == verdict
    assert "best so far" not in text
    expect(status.locator(".sf-meter")).to_be_visible()
    actions = page.locator(".sf-result__actions > *")
    expect(actions.first).to_have_text(first_action)
    assert "md-button--primary" in (actions.first.get_attribute("class") or "")
    expect(actions.nth(1)).to_have_text("Retry the quiz")
    # The next step and Retry come before the recap.
    recap = page.locator("[data-sf-recap]").bounding_box()
    assert recap and actions.first.bounding_box()["y"] < recap["y"]
    if misses > 1:
        actions.first.click()
        missed = page.locator(".sf-recap__item--self-serving").first
        expect(missed).to_be_focused()
        assert "A service-oriented move:" in missed.inner_text()
    context.close()


def test_a_lower_score_after_a_retry_shows_the_best_so_far(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    take(page, [SERVICE] * 6)
    page.get_by_role("button", name="Retry the quiz").click()
    take(page, [SELF] * 2 + [SERVICE] * 4)
    text = page.locator("[data-sf-result-status]").inner_text()
    assert text.startswith("Not passed yet.")
    assert text.rstrip().endswith("Your best so far: 6 of 6.")
    assert "null" not in page.locator("[data-sf-result]").inner_text()


def test_on_a_phone_one_scenario_at_a_time_under_a_bar_that_stays(course_site, browser) -> None:
    context, page, errors = phone_page(browser, reduced_motion="reduce")
    page.goto(course_site.url + QUIZ)
    bar = page.locator(".sf-stepbar")
    expect(current(page)).to_have_count(1)
    expect(bar.locator("p")).to_have_text("Scenario 1 of 6")
    expect(page.get_by_role("button", name="Check answer")).to_have_count(1)
    pick(current(page), SELF)
    # Scrolled to the end of the step, the bar is still in view, just under the header.
    page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    header = page.locator(".md-header").bounding_box()
    box = bar.bounding_box()
    assert header and box
    assert header["y"] + header["height"] - 1 <= box["y"] <= header["y"] + header["height"] + 1
    on_top = page.evaluate(
        """() => { const r = document.querySelector('.sf-stepbar').getBoundingClientRect();
            return document.elementFromPoint(r.x + 4, r.y + r.height / 2).closest('.sf-stepbar')
                !== null; }"""
    )
    assert on_top, "something covers the progress bar"
    assert bar.locator("progress").evaluate("el => [el.value, el.max]") == [1, 6]
    # Back to top is hidden on quiz pages: it covered scenario titles while scrolling up.
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(300)
    expect(page.locator(".md-top")).to_be_hidden()
    page.locator(".sf-stepnav").get_by_role("button", name="Next").click()
    expect(bar.locator("p")).to_have_text("Scenario 2 of 6")
    expect(current(page)).to_have_count(1)
    second = page.locator("[data-sf-scenario]").nth(1)
    expect(second.locator("h2")).to_be_focused()
    expect(second.locator("h2")).to_be_in_viewport()
    page.locator(".sf-stepnav").get_by_role("button", name="Back").click()
    expect(bar.locator("p")).to_have_text("Scenario 1 of 6")
    assert errors == []
    context.close()


def test_a_new_tab_a_reload_and_instant_navigation_resume_at_the_first_open_step(
    course_site, browser
) -> None:
    context, page, errors = phone_page(browser)
    page.goto(course_site.url + QUIZ)
    take(page, [SERVICE, SELF])
    fresh = context.new_page()
    fresh.goto(course_site.url + QUIZ)
    expect(fresh.locator(".sf-stepbar p")).to_have_text("Scenario 3 of 6")
    expect(current(fresh)).to_have_attribute("data-sf-scenario", re.compile(".+"))
    assert current(fresh).get_attribute("data-sf-answered") is None
    expect(fresh.locator("[data-sf-scenario]").nth(2)).to_be_visible()
    fresh.reload()
    expect(fresh.locator(".sf-stepbar p")).to_have_text("Scenario 3 of 6")
    # Instant navigation: from the lesson, the quiz page is swapped in without a load.
    fresh.goto(course_site.url + "lessons/who-comes-first/")
    fresh.evaluate("window.__kept = 1")
    fresh.locator(".md-content a[href$='quiz/']").first.click()
    expect(fresh.locator(".sf-stepbar p")).to_have_text("Scenario 3 of 6")
    assert fresh.evaluate("window.__kept") == 1, "the page was reloaded, not swapped in"
    take_rest = fresh.locator("[data-sf-scenario]")
    for number in range(2, 6):
        pick(take_rest.nth(number), SERVICE)
        if number < 5:
            fresh.locator(".sf-stepnav").get_by_role("button", name="Next").click()
    expect(fresh.get_by_role("heading", name="Your result")).to_be_focused()
    expect(current(fresh)).to_have_count(0)
    fresh.reload()
    expect(fresh.get_by_role("heading", name="Your result")).to_be_visible()
    expect(fresh.locator("[data-sf-result-status]")).to_contain_text("5 of 6")
    assert errors == []
    context.close()


def test_a_quiz_in_step_view_can_be_completed_by_keyboard_alone(course_site, browser) -> None:
    context, page, errors = phone_page(browser)
    page.goto(course_site.url + QUIZ)
    page.locator("h1").click()
    active = "document.activeElement"
    for number in range(6):
        scenario = page.locator("[data-sf-scenario]").nth(number)
        radio = scenario.locator(".sf-choice input").first
        for _ in range(30):
            page.keyboard.press("Tab")
            if radio.evaluate(f"el => el === {active}"):
                break
        else:
            pytest.fail(f"scenario {number + 1}: Tab never reached the choices")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate(f"{active}.textContent.trim()") == "Check answer"
        page.keyboard.press("Enter")
        told = scenario.locator("[data-sf-feedback]").text_content() or ""
        assert told.startswith("Your choice is")
        if number == 5:
            break
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate(f"{active}.textContent.trim()") == "Next":
                break
        else:
            pytest.fail(f"scenario {number + 1}: Tab never reached Next")
        page.keyboard.press("Enter")
        heading = page.locator("[data-sf-scenario]").nth(number + 1).locator("h2")
        expect(heading).to_be_focused()
        assert f"Scenario {number + 2} of 6" in (heading.text_content() or "")
    expect(page.get_by_role("heading", name="Your result")).to_be_focused()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(f"{active}.textContent.trim()") == "Retry the quiz":
            break
    else:
        pytest.fail("Retry is not reachable with Tab from the result")
    page.keyboard.press("Enter")
    expect(page.locator(".sf-stepbar p")).to_have_text("Scenario 1 of 6")
    assert errors == []
    context.close()


def test_the_view_is_the_learners_choice_and_is_kept(course_site, browser) -> None:
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    page = wide.new_page()
    page.goto(course_site.url + QUIZ)
    expect(current(page)).to_have_count(6)
    page.get_by_role("button", name="One at a time").click()
    expect(current(page)).to_have_count(1)
    page.reload()
    expect(current(page)).to_have_count(1)
    page.get_by_role("button", name="All on one page").click()
    expect(current(page)).to_have_count(6)
    wide.close()
    context, phone, _ = phone_page(browser)
    phone.goto(course_site.url + QUIZ)
    expect(current(phone)).to_have_count(1)
    phone.get_by_role("button", name="All on one page").click()
    expect(current(phone)).to_have_count(6)
    phone.reload()
    expect(current(phone)).to_have_count(6)
    context.close()


def test_printing_the_step_view_gives_the_whole_worksheet(course_site, browser) -> None:
    context, page, _ = phone_page(browser)
    page.goto(course_site.url + QUIZ)
    expect(current(page)).to_have_count(1)
    page.emulate_media(media="print")
    expect(current(page)).to_have_count(6)
    expect(page.locator(".sf-stepbar")).to_be_hidden()
    expect(page.locator(".sf-stepnav")).to_be_hidden()
    context.close()


def test_focus_in_step_view_is_never_under_the_header_or_the_bar(course_site, browser) -> None:
    context, page, _ = phone_page(browser)
    page.set_viewport_size({"width": 390, "height": 600})
    page.goto(course_site.url + QUIZ)
    pick(current(page), SELF)
    page.evaluate("scrollTo(0, 0)")
    hidden = []
    for _ in range(40):
        page.keyboard.press("Tab")
        box = page.evaluate(
            """() => { const el = document.activeElement;
                if (!el.closest('.sf-quiz') || el.closest('.sf-stepbar')) return null;
                const bar = document.querySelector('.sf-stepbar').getBoundingClientRect();
                const r = el.getBoundingClientRect();
                return r.top < bar.bottom - 1 ? (el.textContent || el.id).trim().slice(0, 40)
                    : null; }"""
        )
        if box:
            hidden.append(box)
    assert hidden == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_new_quiz_states(course_site, browser, scheme: str) -> None:
    problems = {}
    context, page, _ = phone_page(browser, color_scheme=scheme)
    page.goto(course_site.url + QUIZ)
    pick(current(page), SELF)
    problems["step view, better move"] = violations(page)
    page.locator("[data-sf-scenario]").first.locator("details:visible summary").first.click()
    problems["step view, another choice opened"] = violations(page)
    take_rest = page.locator("[data-sf-scenario]")
    for number in range(1, 6):
        page.locator(".sf-stepnav").get_by_role("button", name="Next").click()
        pick(take_rest.nth(number), SELF if number < 3 else SERVICE)
    problems["step view, result (not yet)"] = violations(page)
    context.close()
    wide = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = wide.new_page()
    page.goto(course_site.url + QUIZ)
    take(page, [SERVICE] * 6)
    problems["page view, perfect result"] = violations(page)
    wide.close()
    assert {state: found for state, found in problems.items() if found} == {}


def test_no_horizontal_scroll_at_320_px_in_the_new_states(course_site, browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(course_site.url + QUIZ)
    widths = {}
    pick(current(page), SELF)
    widths["better move"] = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    take_rest = page.locator("[data-sf-scenario]")
    for number in range(1, 6):
        page.locator(".sf-stepnav").get_by_role("button", name="Next").click()
        pick(take_rest.nth(number), SELF)
    widths["result"] = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    context.close()
    assert widths == {"better move": 0, "result": 0}
