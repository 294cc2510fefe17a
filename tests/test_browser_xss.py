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
]
EVIL = "Payload: " + " ".join(PAYLOADS)


def _evil_course(project: Path) -> None:
    content, quizzes = project / "content", project / "quizzes"
    (content / "lessons").mkdir(parents=True)
    quizzes.mkdir()
    course = {k: EVIL for k in ("title", "tagline", "audience", "intro", "license")}
    lesson = {
        "id": "evil",
        "title": EVIL,
        "module": EVIL,
        "summary": EVIL,
        "objectives": [EVIL],
        "sections": [
            {"heading": EVIL, "body": EVIL, "callout": {"kind": "tip", "title": EVIL, "body": EVIL}}
        ],
        "takeaways": [EVIL],
        "reflection": [EVIL],
        "practice": {"title": EVIL, "steps": [EVIL]},
        "sources": [{"title": EVIL, "author": EVIL, "publication": EVIL}],
        "quiz": "evil",
    }
    choice = {"text": EVIL, "feedback": EVIL}
    quiz = {
        "id": "evil",
        "title": EVIL,
        "lesson": "evil",
        "intro": EVIL,
        "scenarios": [
            {
                "id": "evil-one",
                "title": EVIL,
                "situation": EVIL,
                "prompt": EVIL,
                "choices": [
                    {**choice, "kind": "self-serving"},
                    {**choice, "kind": "service-oriented"},
                ],
            }
        ],
    }
    final = {**quiz, "id": "evil-final", "title": EVIL + " final"}
    del final["lesson"]
    for path, data in (
        (content / "course.yml", course),
        (content / "lessons" / "evil.yml", lesson),
        (quizzes / "evil.yml", quiz),
        (quizzes / "evil-final.yml", final),
    ):
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
    assert "lessons/evil/quiz/" in pages
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
