"""A learner takes a quiz in Chromium: by mouse, by keyboard, with retry and persistence."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

QUIZ = "lessons/first-steps/quiz/"


def scenario(page, sid):
    return page.locator(f"[data-sf-scenario='{sid}']")


def test_mouse_learner_sees_feedback_score_and_can_retry(sample_site, page):
    page.goto(sample_site.url + QUIZ)
    first = scenario(page, "vp-request")
    first.get_by_label("Keep the one-on-one and send the slide tonight.").check()
    first.get_by_role("button", name=re.compile("^Check")).click()
    feedback = first.get_by_role("status")
    assert "Your choice is service-oriented." in feedback.inner_text()
    assert "serves Priya first" in feedback.inner_text()
    assert first.locator("input[type=radio]").first.is_disabled()

    second = scenario(page, "rep-idea")
    second.get_by_label("Take the idea to your VP as your own improvement.").check()
    second.get_by_role("button", name=re.compile("^Check")).click()
    told = second.get_by_role("status").inner_text()
    assert "Your choice is self-serving." in told
    # The better move is told at once; the remaining choice is one tap away, its kind shown.
    assert "A service-oriented move: Ask him to try it with the team next week." in told
    assert not second.locator("details").filter(has_text="Ask him to try it").is_visible()
    other = second.locator("details:visible")
    assert (
        other.locator("summary").inner_text()
        == "Say you will think about it, and keep your own format. Self-serving"
    )
    other.locator("summary").click()
    assert other.locator(".sf-explain__feedback").is_visible()

    third = scenario(page, "customer-call")
    third.get_by_label("Step out and call the customer with the rep.").check()
    third.get_by_role("button", name=re.compile("^Check")).click()

    result = page.locator("[data-sf-result-status]")
    assert "Service-oriented choices: 2 of 3" in result.inner_text()
    assert "(66.7%)" in result.inner_text()
    assert "Not passed yet" in result.inner_text()  # 66.7 < 67
    recap = page.locator("[data-sf-recap]").inner_text()
    assert "A service-oriented move: Ask him to try it with the team next week." in recap

    page.get_by_role("button", name="Retry the quiz").click()
    assert not first.locator("input[type=radio]").first.is_disabled()
    assert first.get_by_role("status").inner_text() == ""
    assert result.inner_text() == ""
