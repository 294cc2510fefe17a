"""The browser never trusts stored or loaded state, in Chromium: ids that every JavaScript
object inherits, prototype keys, impossible numbers, links out of the course, storage that
will not save, and script in every string of a loaded progress file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from test_browser_xss import PAYLOADS

pytestmark = pytest.mark.browser

QUIZ = "lessons/who-comes-first/quiz/"
SELF = "self-serving"


def load_progress(page, url: str, data: dict[str, Any], tmp_path: Path) -> None:
    """Load `data` as a progress file through the progress page, as a learner does."""
    path = tmp_path / "progress.json"
    path.write_text(
        json.dumps({"format": "servefirst-progress", "version": 1, "scope": "/", "data": data}),
        encoding="utf-8",
    )
    page.goto(url + "progress/")
    page.locator("input[data-sf-action=import]").set_input_files(str(path))
    expect(page.locator("[data-sf-transfer-status]")).to_have_text(re.compile(r"^Loaded"))


def quiz_cards(page, url: str) -> dict[str, dict[str, str]]:
    page.goto(url + "progress/")
    return {
        card.get_attribute("data-sf-quiz") or "": {
            "version": card.get_attribute("data-sf-version") or "",
            "total": card.get_attribute("data-sf-total") or "",
        }
        for card in page.locator(".sf-card[data-sf-quiz]").all()
    }


def test_a_lesson_named_constructor_is_new_until_it_is_read(tricky_site, page) -> None:
    card = page.locator(".sf-card[data-sf-lesson='constructor']")
    page.goto(tricky_site.url)
    assert "Read" not in card.inner_text()
    page.goto(tricky_site.url + "lessons/constructor/")
    # A lesson this short has its end on screen at once, which is when it counts as read.
    page.wait_for_function(
        "Object.keys(localStorage).some(k => k.endsWith(':lessons')"
        " && JSON.parse(localStorage.getItem(k)).constructor === 1)"
    )
    page.goto(tricky_site.url)
    expect(card.locator(".sf-badge")).to_have_text(["Read"])


def test_prototype_keys_and_false_claims_in_a_loaded_file_change_nothing(
    course_site, page, tmp_path
) -> None:
    page.goto(course_site.url + QUIZ)
    version = page.locator("[data-sf-quiz]").get_attribute("data-sf-version")
    missed = page.locator("[data-sf-scenario]").first
    sid = missed.get_attribute("data-sf-scenario")
    pick = int(missed.locator(f"input[data-sf-kind='{SELF}']").first.get_attribute("value") or "")
    # The file also claims misses the quiz contradicts: a service-oriented pick, no such choice.
    second, third = (page.locator("[data-sf-scenario]").nth(n) for n in (1, 2))
    service = second.locator("input[data-sf-kind='service-oriented']").first.get_attribute("value")
    claims = {
        second.get_attribute("data-sf-scenario"): {"c": int(service or ""), "k": SELF},
        third.get_attribute("data-sf-scenario"): {"c": 5, "k": SELF},
    }
    assert third.locator(".sf-choice input").count() < 6
    junk = {"c": 0, "k": SELF}
    load_progress(
        page,
        course_site.url,
        {
            f"quiz:who-comes-first:{version}": {
                "picks": {"__proto__": 0, "constructor": 1, "hasOwnProperty": 0},
                "last": {
                    "__proto__": junk,
                    "constructor": junk,
                    "toString": junk,
                    sid: {"c": pick, "k": SELF},
                    **claims,
                },
                "latest": None,
                "best": {"__proto__": {"service": 6, "total": 6, "passed": True}},
            },
            "lessons": {"__proto__": {"who-comes-first": 1}, "constructor": 1},
        },
        tmp_path,
    )
    page.goto(course_site.url + "review/")
    expect(page.locator("[data-sf-review-status]")).to_have_text(
        re.compile(r"^Scenarios to try again: 1\.")
    )
    assert page.locator("[data-sf-review-list] [data-sf-scenario]").count() == 1
    page.goto(course_site.url)
    assert re.match(r"0 of \d+ lessons read", page.locator("[data-sf-progress-text]").inner_text())
    card = page.locator(".sf-card[data-sf-quiz='who-comes-first']").inner_text()
    assert "Quiz passed" not in card
    page.goto(course_site.url + QUIZ)
    assert page.locator(".sf-choice input:checked").count() == 0


def test_numbers_in_a_loaded_file_are_checked_against_the_course(
    course_site, page, tmp_path
) -> None:
    cards = quiz_cards(page, course_site.url)
    assert len(cards) >= 3
    (a, first), (b, second), (c, third) = list(cards.items())[:3]
    total = int(third["total"])
    huge = {"service": 1e308, "total": 1, "passed": True}
    over = {"service": int(second["total"]) + 1, "total": int(second["total"]), "passed": True}
    claimed = {"service": 1, "total": total, "passed": True}
    load_progress(
        page,
        course_site.url,
        {
            f"quiz:{a}:{first['version']}": {"picks": {}, "last": {}, "latest": huge, "best": huge},
            f"quiz:{b}:{second['version']}": {
                "picks": {},
                "last": {},
                "latest": over,
                "best": over,
            },
            f"quiz:{c}:{third['version']}": {
                "picks": {},
                "last": {},
                "latest": claimed,
                "best": claimed,
            },
        },
        tmp_path,
    )
    page.goto(course_site.url + "progress/")
    text = page.locator(".sf-cards").inner_text()
    assert "Infinity" not in text and "e+" not in text
    for quiz in (a, b):
        assert "Quiz passed" not in page.locator(f".sf-card[data-sf-quiz='{quiz}']").inner_text()
    line = page.locator(f".sf-card[data-sf-quiz='{c}'] [data-sf-result-line]").inner_text()
    assert line.startswith(f"Latest: 1 of {total} service-oriented")
    assert "Quiz not passed yet" in page.locator(f".sf-card[data-sf-quiz='{c}']").inner_text()
    assert "1 passed" not in page.locator("[data-sf-progress-text]").inner_text()


@pytest.mark.parametrize(
    "path",
    [
        "/elsewhere/",
        "../../elsewhere/",
        "//example.invalid/x/",
        "https://example.invalid/",
        "javascript:alert(1)",
        "/serve-first-other/",
    ],
)
def test_a_loaded_continue_link_never_leaves_the_course(
    course_site, page, tmp_path, path: str
) -> None:
    load_progress(page, course_site.url, {"last": {"path": path, "title": "Trap"}}, tmp_path)
    page.goto(course_site.url)
    assert page.locator("[data-sf-continue] a").count() == 0
    load_progress(
        page,
        course_site.url,
        {"last": {"path": "lessons/red-flags/", "title": "Three red flags"}},
        tmp_path,
    )
    page.goto(course_site.url)
    expect(page.locator("[data-sf-continue] a")).to_have_text("Three red flags")


FULL = """Storage.prototype.setItem = function () {
  throw new DOMException('Quota exceeded', 'QuotaExceededError'); };"""


def test_an_answer_that_could_not_be_saved_says_so(course_site, context) -> None:
    context.add_init_script(FULL)
    page = context.new_page()
    page.goto(course_site.url + QUIZ)
    scenario = page.locator("[data-sf-scenario]").first
    scenario.locator(".sf-choice input").first.check()
    scenario.get_by_role("button", name="Check answer").click()
    status = scenario.get_by_role("status")
    assert status.get_attribute("aria-live") in (None, "polite")
    expect(status).to_contain_text("Your choice is")
    expect(status).to_contain_text("could not be saved")
    assert status.locator(".sf-notice").is_visible()


EVIL = " ".join([*PAYLOADS, "<img src=x onerror=alert('pwned')>", "javascript:alert('pwned')"])


def test_script_in_every_string_of_a_loaded_file_never_runs(course_site, page, tmp_path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    cards = quiz_cards(page, course_site.url)
    version = cards["who-comes-first"]["version"]
    page.goto(course_site.url + QUIZ)
    sids = page.locator("[data-sf-scenario]").evaluate_all(
        "els => els.map(el => el.dataset.sfScenario)"
    )
    evil_pick = {"c": 0, "k": EVIL}
    record = {
        "picks": {EVIL: 0, **{sid: 0 for sid in sids}},
        "last": {EVIL: evil_pick, **{sid: {"c": 0, "k": SELF} for sid in sids}},
        "latest": {"service": EVIL, "total": EVIL, "passed": EVIL},
        "best": EVIL,
    }
    load_progress(
        page,
        course_site.url,
        {
            f"quiz:who-comes-first:{version}": record,
            "last": {"path": EVIL, "title": EVIL},
            "lessons": {EVIL: EVIL, "who-comes-first": EVIL},
            "journal:one-week-challenge": {EVIL: EVIL, "monday-asked": EVIL},
            "seed": EVIL,
        },
        tmp_path,
    )
    for path in ("", "progress/", "review/", QUIZ, "toolkit/challenge-log/"):
        page.goto(course_site.url + path)
        page.wait_for_load_state("networkidle")
        page.evaluate(
            """() => document.querySelectorAll('body *').forEach(el => {
                 for (const type of ['mouseover', 'focus', 'load', 'error'])
                   el.dispatchEvent(new Event(type));
               })"""
        )
        assert page.evaluate("window.__pwned") is None, path
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('.md-content *')].flatMap(el =>
                 [...el.attributes].filter(a => a.name.startsWith('on')
                   || /^\\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name))"""
        )
        assert handlers == [], (path, handlers)
    assert dialogs == []
