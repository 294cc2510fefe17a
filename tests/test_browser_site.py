"""The published site in Chromium: own-origin requests only, 404 page, instant navigation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "lessons/who-comes-first/",
    "lessons/who-comes-first/quiz/",
    "quizzes/final-assessment/",
    "progress/",
    "review/",
    "toolkit/challenge-log/",
    "about/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_make_no_third_party_requests(course_site, page, path: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(course_site.url + path, wait_until="networkidle")
    if path == "":
        # Typing before the search worker has built its index is dropped, so wait for it.
        page.locator(".md-search__input").focus()
        expect(page.locator(".md-search-result__meta")).to_have_text(
            "Type to start searching", timeout=60_000
        )
        page.locator(".md-search__input").press_sequentially("serve")
        page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    origin = urlsplit(course_site.url).netloc
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != origin
    ]
    assert foreign == []
    assert any(url.endswith("assets/servefirst/servefirst.js") for url in requests)


def test_the_published_course_has_no_edit_button_or_repository_widget(course_site, page) -> None:
    page.goto(course_site.url + "lessons/who-comes-first/")
    assert page.locator("h1").count() == 1
    assert page.locator("a.md-content__button").count() == 0
    assert page.locator(".md-source").count() == 0


def test_the_404_page_works_under_the_project_path(course_site, page) -> None:
    # Settle first: a request still in flight when the reload starts is aborted.
    response = page.goto(course_site.url + "no/such/page/", wait_until="networkidle")
    assert response is not None and response.status == 404
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.reload(wait_until="networkidle")
    assert "404" in page.locator("h1").inner_text()
    header = page.locator(".md-header").evaluate("el => getComputedStyle(el).position")
    assert header in ("sticky", "fixed"), "the theme's stylesheet did not load"
    assert failed == []
    page.get_by_role("link", name="Serve First").first.click()
    page.wait_for_url(course_site.url)


def test_instant_navigation_keeps_the_page_and_sets_up_the_quiz(course_site, page) -> None:
    page.goto(course_site.url + "lessons/who-comes-first/")
    page.evaluate("window.__stayed = true")
    page.get_by_role("link", name="Take the quiz").click()
    page.wait_for_url("**/lessons/who-comes-first/quiz/")
    page.wait_for_selector(".sf-quiz[data-sf-ready]")
    assert page.evaluate("window.__stayed") is True, "a full page load happened"
    scenario = page.locator("[data-sf-scenario]").first
    scenario.locator(".sf-choice input").first.check()
    scenario.get_by_role("button", name="Check answer").click()
    assert "Your choice is" in scenario.get_by_role("status").inner_text()
    page.go_back()
    page.wait_for_url("**/lessons/who-comes-first/")
    page.get_by_role("link", name="Take the quiz").click()
    page.wait_for_selector(".sf-quiz[data-sf-ready]")
    assert page.evaluate("window.__stayed") is True
    restored = page.locator("[data-sf-scenario]").first.get_by_role("status")
    assert "Your choice is" in restored.inner_text()
