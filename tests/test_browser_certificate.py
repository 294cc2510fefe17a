"""The certificate of completion, in Chromium: a status with a link until the final
assessment is passed, then the learner's name (typed, kept across reloads and in the
progress file), the date, the score; one printed page on A4 and on Letter; axe-clean."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from test_browser_a11y import violations

pytestmark = pytest.mark.browser

FINAL = "quizzes/final-assessment/"


def take(page, url: str, kind: str) -> None:
    """Open the quiz at `url` and pick the first choice of `kind` in every scenario."""
    page.goto(url)
    for scenario in page.locator("[data-sf-scenario]").all():
        scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
        scenario.get_by_role("button", name="Check answer").click()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_until_the_assessment_is_passed_the_page_says_how_to_earn_it(course_site, page) -> None:
    page.goto(course_site.url + "certificate/")
    status = page.locator("[data-sf-certificate-status]")
    expect(status).to_contain_text("once you have passed")
    status.get_by_role("link", name="Final assessment").click()
    page.wait_for_url("**/" + FINAL)
    take(page, course_site.url + FINAL, "self-serving")
    page.goto(course_site.url + "certificate/")
    expect(page.locator("[data-sf-certificate]")).to_be_hidden()
    expect(page.get_by_label("Your name")).to_be_hidden()
    assert violations(page) == []


def test_after_a_pass_the_certificate_has_name_date_and_score_and_prints_on_one_page(
    course_site, browser, tmp_path
) -> None:
    context = browser.new_context()
    page = context.new_page()
    take(page, course_site.url + FINAL, "service-oriented")
    total = page.locator("[data-sf-scenario]").count()
    page.goto(course_site.url + "progress/")
    page.get_by_role("link", name="see your certificate").click()
    page.wait_for_url("**/certificate/")
    sheet = page.locator("[data-sf-certificate]")
    expect(sheet).to_be_visible()
    expect(page.locator("[data-sf-certificate-status]")).to_contain_text("You passed.")
    page.get_by_label("Your name").fill("Ana María Díaz-Okafor")
    page.reload()
    expect(page.get_by_label("Your name")).to_have_value("Ana María Díaz-Okafor")
    expect(sheet.locator("[data-sf-certificate-name]")).to_have_text("Ana María Díaz-Okafor")
    expect(sheet.locator("[data-sf-certificate-course]")).to_have_text("Serve First")
    expect(sheet.locator("[data-sf-certificate-scores]")).to_have_text(
        f"Final assessment: {total} of {total} service-oriented choices (100%)"
    )
    today = page.evaluate("new Intl.DateTimeFormat('en', {dateStyle: 'long'}).format(new Date())")
    expect(sheet.locator("[data-sf-certificate-date]")).to_have_text(f"Completed on {today}")
    assert violations(page) == []

    page.emulate_media(media="print")
    expect(page.get_by_label("Your name")).to_be_hidden()
    expect(page.locator(".md-sidebar").first).to_be_hidden()
    for paper in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=paper, print_background=True)) == 1, paper

    # The name and the date travel with the progress file.
    page.emulate_media(media="screen")
    page.goto(course_site.url + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my results").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "serve-first-progress.json"
    assert json.loads(saved.read_text())["data"]["certificate"]["name"] == "Ana María Díaz-Okafor"
    context.close()

    other = browser.new_context(color_scheme="dark")
    phone = other.new_page()
    phone.goto(course_site.url + "progress/")
    phone.locator("input[data-sf-action=import]").set_input_files(str(saved))
    expect(phone.locator("[data-sf-transfer-status]")).to_have_text(re.compile(r"^Loaded \d+"))
    phone.goto(course_site.url + "certificate/")
    expect(phone.locator("[data-sf-certificate-name]")).to_have_text("Ana María Díaz-Okafor")
    expect(phone.locator("[data-sf-certificate-date]")).to_have_text(f"Completed on {today}")
    assert violations(phone) == []
    other.close()


def test_a_hand_edited_name_or_date_is_kept_in_bounds(course_site, page, tmp_path) -> None:
    take(page, course_site.url + FINAL, "service-oriented")
    scope = page.evaluate("new URL(__md_scope).pathname")
    page.evaluate(
        """scope => localStorage.setItem(`servefirst:${scope}:certificate`,
             JSON.stringify({name: '<img src=x onerror=alert(1)>' + 'x'.repeat(200),
                             date: 'yesterday'}))""",
        scope,
    )
    page.goto(course_site.url + "certificate/")
    name = page.locator("[data-sf-certificate-name]")
    expect(name).to_contain_text("<img src=x")
    assert name.locator("img").count() == 0
    assert len(name.inner_text()) == 80
    expect(page.locator("[data-sf-certificate-date]")).not_to_contain_text("yesterday")
