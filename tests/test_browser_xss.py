"""No page runs author-supplied script: every author field carries a payload, in Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Served, build_and_serve, copy_project_config

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    '<img src="https://example.invalid/x.png" onerror="window.__pwned = \'img\'">',
    "[link](javascript:window.__pwned='link')",
    "[link2](JaVaScRiPt&#58;window.__pwned='entity')",
    "</title><script>window.__pwned = 'title'</script>",
    "&lt;script&gt;window.__pwned = 'entities'&lt;/script&gt;",
    "{: onclick=\"window.__pwned = 'attr-list'\"}",
    '" onmouseover="window.__pwned = \'attribute\'" x="',
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    "<a href='javascript:window.__pwned=1'>raw</a>",
    "{: autofocus onfocus=\"window.__pwned = 'focus'\"}",
]
EVIL = "Payload: " + " ".join(PAYLOADS)
# One-line fields (titles, headings, prompts) hold at most 200 characters: each lesson
# carries one payload in all of them, so every payload reaches every one-line field.
LINES = [f"Payload {n}: {payload}" for n, payload in enumerate(PAYLOADS)]


def _evil_lesson(n: int) -> dict[str, object]:
    line = LINES[n]
    return {
        "id": f"evil-{n}",
        "title": line,
        "module": line,
        "summary": EVIL,
        "objectives": [EVIL],
        "sections": [
            {"heading": line, "body": EVIL, "callout": {"kind": "tip", "title": line, "body": EVIL}}
        ],
        "takeaways": [EVIL],
        "reflection": [EVIL],
        "practice": {"title": line, "steps": [EVIL]},
        "sources": [{"title": line, "author": line, "publication": line}],
        "quiz": f"evil-{n}",
    }


def _evil_quiz(n: int) -> dict[str, object]:
    line = LINES[n]
    choice = {"text": EVIL, "feedback": EVIL}
    return {
        "id": f"evil-{n}",
        "title": line,
        "lesson": f"evil-{n}",
        "intro": EVIL,
        "scenarios": [
            {
                "id": f"evil-one-{n}",
                "title": line,
                "situation": EVIL,
                "prompt": line,
                "choices": [
                    {**choice, "kind": "self-serving"},
                    {**choice, "kind": "service-oriented"},
                ],
            }
        ],
    }


def _evil_course(project: Path) -> None:
    content, quizzes = project / "content", project / "quizzes"
    (content / "lessons").mkdir(parents=True)
    quizzes.mkdir()
    course = {k: EVIL for k in ("audience", "intro", "license")}
    course |= {"title": LINES[4], "tagline": LINES[6]}
    final = {**_evil_quiz(4), "id": "evil-final", "title": LINES[4] + " final"}
    del final["lesson"]
    final["scenarios"][0]["id"] = "evil-final-one"  # type: ignore[index]
    files = [(content / "course.yml", course), (quizzes / "evil-final.yml", final)]
    for n in range(len(PAYLOADS)):
        files.append((content / "lessons" / f"evil-{n}.yml", _evil_lesson(n)))
        files.append((quizzes / f"evil-{n}.yml", _evil_quiz(n)))
    for path, data in files:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module", params=[False, True], ids=["escaped", "allow_html"])
def evil_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    base = tmp_path_factory.mktemp("evil")
    project = base / "project"
    project.mkdir()
    _evil_course(project)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("allow_html: false", f"allow_html: {json.dumps(request.param)}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    copy_project_config(project)
    yield from build_and_serve(project, base / "www")


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("index.html")
        if "search" not in p.parts
    )


def test_no_author_script_runs_on_any_page(evil_site: Served, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = _pages(evil_site.site)
    assert "lessons/evil-0/quiz/" in pages and "lessons/evil-10/" in pages
    for path in pages:
        page.goto(evil_site.url + path)
        # Fire the events inline handlers listen to, on every element.
        page.evaluate(
            """() => document.querySelectorAll('body *').forEach(el => {
                 for (const type of ['mouseover', 'focus', 'load', 'error'])
                   el.dispatchEvent(new Event(type));
               })"""
        )
        if page.locator("[data-sf-form]").count():
            page.locator(".sf-choice input").first.check()
            page.get_by_role("button", name=re.compile("^Check")).first.click()
        assert page.evaluate("window.__pwned") is None, path
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(el =>
                 [...el.attributes].filter(a => a.name.startsWith('on')
                   || /^\\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name))"""
        )
        assert handlers == [], (path, handlers)
        assert "window.__pwned" not in page.title() or "<" not in page.title()
    assert dialogs == []
