"""The red-flags self-check in Chromium: answers and ratings saved as the learner types,
a summary of the flags they raised, kept across reloads and through download and load."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_browser_a11y import violations

pytestmark = pytest.mark.browser

CHECK = "toolkit/red-flags-check/"


def rate(page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer).check()


def test_the_self_check_keeps_answers_and_sums_up_the_flags(course_site, browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(course_site.url + CHECK)
    summary = page.locator("[data-sf-flags]")
    expect(summary).to_have_text("Rate each warning sign above, and your summary appears here.")
    page.get_by_label("In the last month, how many improvement ideas came from reps?").fill(
        "Two ideas, both from Marisol"
    )
    rate(page, "How clearly do you see an idea drought on your team?", "Some signs")
    rate(page, "How clearly do you see retention problems on your team?", "A clear red flag")
    expect(page.locator("[data-sf-journal-status]")).to_have_text("Saved in this browser.")
    expected = [
        "An idea drought: Some signs",
        "Retention problems: A clear red flag",
    ]
    expect(summary.locator("li")).to_have_text(expected)
    expect(summary.locator("p")).to_have_text(
        "Start with the sign you rated most serious: Retention problems."
    )

    page.reload()
    expect(summary.locator("li")).to_have_text(expected)
    drought = page.get_by_role("group", name="How clearly do you see an idea drought on your team?")
    expect(drought.get_by_label("Some signs")).to_be_checked()
    expect(page.get_by_label(re.compile("^In the last month, how many"))).to_have_value(
        "Two ideas, both from Marisol"
    )
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert violations(page) == [], scheme

    page.goto(course_site.url + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my results").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    context.close()

    other = browser.new_context()
    phone = other.new_page()
    phone.goto(course_site.url + "progress/")
    phone.locator("input[data-sf-action=import]").set_input_files(str(saved))
    expect(phone.locator("[data-sf-transfer-status]")).to_have_text(re.compile(r"^Loaded \d+"))
    phone.goto(course_site.url + CHECK)
    expect(phone.locator("[data-sf-flags] li")).to_have_text(expected)
    rate(phone, "How clearly do you see retention problems on your team?", "Not at all")
    rate(phone, "How clearly do you see an idea drought on your team?", "Not at all")
    expect(phone.locator("[data-sf-flags] p")).to_have_text(
        "You saw no sign of trouble anywhere. Take this check again in a month."
    )
    other.close()


def test_the_self_check_fits_a_320_px_screen(course_site, browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(course_site.url + CHECK)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()
