"""Choices in an order of each learner's own, in Chromium: kept across visits and pages,
graded and saved by the choice itself, the written order in print, without JavaScript and
where the author asks for it, and nothing for axe to find."""

from __future__ import annotations

import json
import re

import pytest
from test_browser_a11y import violations

pytestmark = pytest.mark.browser

QUIZ = "lessons/who-comes-first/quiz/"
SAMPLE_QUIZ = "lessons/first-steps/quiz/"
ORDERS = """() => Object.fromEntries([...document.querySelectorAll('[data-sf-scenario]')].map(s => [
  s.closest('[data-sf-quiz]').dataset.sfQuiz + '/' + s.dataset.sfScenario,
  [...s.querySelectorAll('.sf-choice input')].map(i => i.value).join(' ')]))"""
IN_WRITTEN_ORDER = """() => [...document.querySelectorAll('[data-sf-scenario]')].every(s =>
  [...s.querySelectorAll('.sf-choice input')].every((input, n) => input.value === String(n)))"""
EXPLAINED = """() => [...document.querySelectorAll('[data-sf-scenario]')].every(s =>
  [...s.querySelectorAll('.sf-choice input')].map(i => i.value).join() ===
  [...s.querySelectorAll('details[data-sf-choice]')].map(d => d.dataset.sfChoice).join())"""


def orders(page) -> dict[str, str]:
    """Each scenario's choices as shown, by their written index: {"quiz/scenario": "2 0 1"}."""
    found: dict[str, str] = page.evaluate(ORDERS)
    assert page.evaluate(EXPLAINED), "the explanations follow the choices' order"
    return found


def written(order: str) -> bool:
    return order == " ".join(str(n) for n in range(len(order.split())))


def quiz_pages(served) -> list[str]:
    return sorted(
        p.parent.relative_to(served.site).as_posix() + "/"
        for p in served.site.rglob("index.html")
        if 'class="sf-quiz"' in p.read_text(encoding="utf-8")
    )


def seed_until_shuffled(page, url: str) -> dict[str, str]:
    """Give the learner seeds until the open quiz shows some choices out of written order."""
    key = page.evaluate("`servefirst:${new URL(__md_scope).pathname}:seed`")
    for n in range(1, 50):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(f"{n:016}")])
        page.goto(url)
        found = orders(page)
        if not all(written(order) for order in found.values()):
            return found
    pytest.fail("no seed shuffled this quiz")


def test_each_learner_has_an_order_kept_across_reloads_and_tabs(course_site, browser) -> None:
    pages = quiz_pages(course_site)
    assert len(pages) >= 3
    learners = [browser.new_context() for _ in range(2)]
    seen = []
    for context in learners:
        tab = context.new_page()
        found: dict[str, str] = {}
        for path in pages:
            tab.goto(course_site.url + path)
            found |= orders(tab)
        seen.append(found)
    first, second = seen
    assert first.keys() == second.keys()
    assert first != second
    assert not all(written(order) for order in first.values())

    tab = learners[0].pages[0]
    tab.goto(course_site.url + QUIZ)
    before = orders(tab)
    tab.reload()
    assert orders(tab) == before
    other = learners[0].new_page()
    other.goto(course_site.url + QUIZ)
    assert orders(other) == before
    for context in learners:
        context.close()


def test_the_review_page_shows_the_learners_order(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    shown = orders(page)
    for scenario in page.locator("[data-sf-scenario]").all():
        scenario.locator(".sf-choice input[data-sf-kind='self-serving']").first.check()
        scenario.get_by_role("button", name="Check answer").click()
    page.goto(course_site.url + "review/")
    page.wait_for_selector("[data-sf-review-list] [data-sf-scenario]")
    reviewed = orders(page)
    assert reviewed and reviewed == {key: shown[key] for key in reviewed}


def test_grading_recap_and_saved_answers_follow_the_choice_not_its_place(
    tricky_site, context
) -> None:
    page = context.new_page()
    page.goto(tricky_site.url + SAMPLE_QUIZ)
    shown = seed_until_shuffled(page, tricky_site.url + SAMPLE_QUIZ)
    assert shown["first-steps/rep-idea"] == "0 1 2", "this scenario has shuffle: false"

    picks = {
        "vp-request": "Keep the one-on-one and send the slide tonight.",
        "rep-idea": "Take the idea to your VP as your own improvement.",
        "customer-call": "Step out and call the customer with the rep.",
    }
    for sid, label in picks.items():
        scenario = page.locator(f"[data-sf-scenario='{sid}']")
        scenario.get_by_label(label).check()
        scenario.get_by_role("button", name=re.compile("^Check")).click()
    assert (
        "self-serving" in page.locator("[data-sf-scenario='rep-idea'] [role=status]").inner_text()
    )
    result = page.locator("[data-sf-result-status]").inner_text()
    assert "Service-oriented choices: 2 of 3" in result and "Not passed yet" in result
    recap = page.locator("[data-sf-recap]").inner_text()
    assert "Your choice: Take the idea to your VP as your own improvement." in recap
    assert "A service-oriented move: Ask him to try it with the team next week." in recap

    scope = page.evaluate("new URL(__md_scope).pathname")
    version = page.locator("[data-sf-quiz]").get_attribute("data-sf-version")
    saved = json.loads(
        page.evaluate(f"localStorage.getItem('servefirst:{scope}:quiz:first-steps:{version}')")
    )
    assert saved["picks"] == {"vp-request": 1, "rep-idea": 2, "customer-call": 0}

    fresh = context.new_page()
    fresh.goto(tricky_site.url + SAMPLE_QUIZ)
    assert orders(fresh) == shown
    for sid, label in picks.items():
        assert fresh.locator(f"[data-sf-scenario='{sid}']").get_by_label(label).is_checked()


def test_shuffle_false_keeps_the_written_order_for_every_learner(tricky_site, context) -> None:
    page = context.new_page()
    key = None
    for n in range(1, 13):
        page.goto(tricky_site.url + "lessons/constructor/quiz/")
        key = key or page.evaluate("`servefirst:${new URL(__md_scope).pathname}:seed`")
        assert orders(page) == {"constructor/constructor": "0 1 2 3 4 5"}
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(f"{n:016}")])


def test_print_and_no_javascript_show_the_written_order(course_site, browser, page) -> None:
    page.goto(course_site.url + QUIZ)
    shuffled = seed_until_shuffled(page, course_site.url + QUIZ)
    radio = page.locator("[data-sf-scenario] .sf-choice input").first
    radio.focus()
    # Media query listeners hear of the change at the next rendering step: wait for it.
    page.emulate_media(media="print")
    page.wait_for_function(IN_WRITTEN_ORDER)
    page.emulate_media(media="screen")
    page.wait_for_function(f"!({IN_WRITTEN_ORDER})()")
    assert orders(page) == shuffled
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert all(written(order) for order in orders(page).values())
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert orders(page) == shuffled
    assert radio.evaluate("el => el === document.activeElement"), "focus stays on the choice"

    without = browser.new_context(java_script_enabled=False)
    plain = without.new_page()
    plain.goto(course_site.url + QUIZ)
    values = plain.locator("[data-sf-scenario]").first.locator(".sf-choice input")
    assert [values.nth(i).get_attribute("value") for i in range(values.count())] == [
        str(i) for i in range(values.count())
    ]
    without.close()


def test_axe_finds_nothing_on_a_shuffled_quiz(course_site, page) -> None:
    page.goto(course_site.url + QUIZ)
    seed_until_shuffled(page, course_site.url + QUIZ)
    scenario = page.locator("[data-sf-scenario]").first
    scenario.locator(".sf-choice input").nth(1).check()
    scenario.get_by_role("button", name="Check answer").click()
    assert violations(page) == []
