"""Take the course's screenshots at 1280 and 390 px wide, light and dark: the home page
and the progress page of a learner two lessons in, a lesson with its done marks, a quiz
mid-way and its result, the certificate, and the red-flags self-check with its summary.
Builds the site, serves it on a loopback port and drives Debian's Chromium; writes every
shot to --out (default: a temporary folder) and copies the README set into screenshots/.

    .venv/bin/python scripts/screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
README_SET = [
    "home-1280-light.png",
    "lesson-1280-dark.png",
    "quiz-1280-light.png",
    "result-390-dark.png",
    "progress-390-light.png",
    "certificate-1280-dark.png",
    "home-390-dark.png",
    "quiz-390-light.png",
]
SERVICE = "service-oriented"


def answer(page, scenario, kind: str) -> None:
    """Pick the first choice of `kind` in `scenario`, stepping to it in the step view."""
    if not scenario.is_visible():
        page.locator("[data-sf-do=step][data-sf-to='1']:visible").first.click()
    scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
    scenario.get_by_role("button", name="Check answer").click()


def learner(browser, url: str) -> dict:
    """The storage of a learner who read lessons 1 and 2, passed their quizzes, opened
    lesson 3, passed the final assessment, named their certificate and rated two signs."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    for lesson in ("who-comes-first", "from-star-to-servant"):
        page.goto(f"{url}lessons/{lesson}/")
        page.locator("[data-sf-lesson-end]").scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        page.goto(f"{url}lessons/{lesson}/quiz/")
        for scenario in page.locator("[data-sf-scenario]").all():
            answer(page, scenario, SERVICE)
    page.goto(url + "quizzes/final-assessment/")
    for scenario in page.locator("[data-sf-scenario]").all():
        answer(page, scenario, SERVICE)
    page.goto(url + "certificate/")
    page.get_by_label("Your name").fill("Ana María Díaz")
    page.goto(url + "toolkit/red-flags-check/")
    for question, rating in (("an idea drought", "Some signs"), ("retention", "A clear red flag")):
        group = page.get_by_role("group", name=f"How clearly do you see {question}")
        group.get_by_label(rating).check()
    page.goto(url + "lessons/knowledge-at-the-front-line/")
    state = context.storage_state()
    context.close()
    # Material keeps the palette it showed (light here) beside the progress: drop it, so
    # each shot follows its own colour scheme.
    for origin in state["origins"]:
        origin["localStorage"] = [
            item for item in origin["localStorage"] if "__palette" not in item["name"]
        ]
    return state


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        state = learner(browser, url)
        for width, height in ((1280, 860), (390, 844)):
            for scheme in ("light", "dark"):
                name = f"{width}-{scheme}.png"
                size = {"width": width, "height": height}
                context = browser.new_context(
                    viewport=size, color_scheme=scheme, device_scale_factor=1, storage_state=state
                )
                page = context.new_page()
                page.goto(url)
                page.screenshot(path=out / f"home-{name}")
                page.goto(url + "progress/")
                page.screenshot(path=out / f"progress-{name}")
                page.goto(url + "certificate/")
                page.locator("[data-sf-certificate-form]").scroll_into_view_if_needed()
                page.screenshot(path=out / f"certificate-{name}")
                page.goto(url + "toolkit/red-flags-check/")
                page.locator("[data-sf-flags]").scroll_into_view_if_needed()
                page.evaluate("scrollBy(0, 120)")
                page.wait_for_timeout(700)
                page.screenshot(path=out / f"selfcheck-{name}")
                page.goto(url + "lessons/who-comes-first/")
                page.locator("h2").nth(1).scroll_into_view_if_needed()
                page.wait_for_timeout(700)  # let the header finish swapping to the page title
                page.screenshot(path=out / f"lesson-{name}")
                context.close()

                # A quiz from scratch: two answers (the second self-serving), then the rest.
                context = browser.new_context(
                    viewport=size, color_scheme=scheme, device_scale_factor=1
                )
                page = context.new_page()
                page.goto(url + "lessons/who-comes-first/quiz/")
                scenarios = page.locator("[data-sf-scenario]")
                for index, kind in enumerate([SERVICE, "self-serving"]):
                    answer(page, scenarios.nth(index), kind)
                # The pick, its verdict and the better move, as far as the screen holds them.
                scenarios.nth(1).locator("input:checked").evaluate(
                    "e => scrollBy(0, e.closest('.sf-choice').getBoundingClientRect().top - 110)"
                )
                page.wait_for_timeout(700)
                page.screenshot(path=out / f"quiz-{name}")
                for index in range(2, scenarios.count()):
                    answer(page, scenarios.nth(index), SERVICE)
                page.wait_for_timeout(700)  # the result scrolls itself into view
                page.screenshot(path=out / f"result-{name}")
                context.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="shots-")))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="site-"))
    site = work / "serve-first"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0),
        functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(work)),
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/serve-first/"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env={"SITE_URL": url, "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        shoot(url, args.out)
    finally:
        server.shutdown()
    (ROOT / "screenshots").mkdir(exist_ok=True)
    for name in README_SET:
        shutil.copy(args.out / name, ROOT / "screenshots" / name)
    print(f"all shots in {args.out}; README set in screenshots/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
