"""Take the course's screenshots: home, a lesson, a quiz mid-way and a result screen, at
1280 and 390 px wide, light and dark. Builds the site, serves it on a loopback port and
drives Debian's Chromium; writes every shot to --out (default: a temporary folder) and
copies the README set into screenshots/.

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
    "quiz-390-light.png",
    "result-390-dark.png",
    "quiz-1280-light.png",
    "home-390-dark.png",
]


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, height in ((1280, 860), (390, 844)):
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,
                    device_scale_factor=1,
                )
                page = context.new_page()
                name = f"{width}-{scheme}.png"
                page.goto(url)
                page.screenshot(path=out / f"home-{name}")
                page.goto(url + "lessons/who-comes-first/")
                page.locator("h2").nth(1).scroll_into_view_if_needed()
                page.wait_for_timeout(700)  # let the header finish swapping to the page title
                page.screenshot(path=out / f"lesson-{name}")
                page.goto(url + "lessons/who-comes-first/quiz/")
                scenarios = page.locator("[data-sf-scenario]")
                for index, kind in enumerate(["service-oriented", "self-serving"]):
                    scenario = scenarios.nth(index)
                    scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
                    scenario.get_by_role("button", name="Check answer").click()
                scenarios.nth(1).locator(".sf-choices__prompt").scroll_into_view_if_needed()
                page.wait_for_timeout(700)
                page.screenshot(path=out / f"quiz-{name}")
                for index in range(2, scenarios.count()):
                    scenario = scenarios.nth(index)
                    scenario.locator(".sf-choice input[data-sf-kind='service-oriented']").check()
                    scenario.get_by_role("button", name="Check answer").click()
                page.locator("[data-sf-result]").scroll_into_view_if_needed()
                page.evaluate("scrollTo(0, 0)")
                page.evaluate(
                    "scrollTo(0, document.querySelector('[data-sf-result]')"
                    ".getBoundingClientRect().top + scrollY - 64)"
                )
                page.wait_for_timeout(700)
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
