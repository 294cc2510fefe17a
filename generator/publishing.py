"""What the published course holds, and what only the trainer's preview shows.

Consumes the docs-relative paths of the site's files, the course's navigation and the
site's own `nav`; produces the files to leave out of a published build, the navigation
of the whole site, and the page shown in place of every page while a preview's last
build failed. Plain data, no MkDocs.

Trainer pages (the `trainer_dir` folder of the content, `trainers/` by default) are left
out of `mkdocs build`: learners never meet them in the navigation, the search index or a
"next" link. They stay where trainers work: in `mkdocs serve`, the preview every trainer
runs, and in the repository, where GitHub renders the Markdown. A site that wants them
published says `publish_trainer_pages: true`. Edit links follow the same rule: a pencil
in the preview, none on the published course unless `edit_links: true`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from generator.navigation import nav_sort_key, without_pages
from generator.problems import Problem
from generator.urls import HOME
from generator.views import NavEntry


def is_trainer_page(src: str, trainer_dir: str | None) -> bool:
    """True for a file in the trainers' folder (`src` is docs-relative); never when
    `trainer_dir` is None (trainer pages are shown)."""
    folder = (trainer_dir or "").strip("/")
    return bool(folder) and (src == folder or src.startswith(folder + "/"))


def site_nav(
    course: list[NavEntry],
    configured: list[Any] | None,
    course_srcs: set[str],
    other_srcs: Sequence[str],
    nest: Callable[[list[str]], list[Any]],
) -> list[Any]:
    """The whole site's navigation: the course's entries, then the site's own pages.

    With a `nav` in `mkdocs.yml`, the site's entries that do not name a course page are
    kept as written; without one, its pages follow in MkDocs' own order (`nest` folds
    paths into sections). A site without a course file keeps its own home page first.
    """
    if configured:
        return course + without_pages(configured, course_srcs)
    rest = nest(sorted(other_srcs, key=nav_sort_key))
    if HOME in other_srcs and not any(HOME in entry.values() for entry in course):
        return rest[:1] + course + rest[1:]
    return course + rest


def failed_build_page(problems: Sequence[Problem], site_name: str) -> str:
    """A whole HTML page listing the problems, shown by `mkdocs serve` in place of every
    page until a save fixes them (the preview reloads itself then)."""
    items = "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)
    count = len(problems)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Build failed · {html.escape(site_name)}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
        "padding:0 1rem;color:#1b1b1b}h1{color:#8a1c00}li{margin:.4rem 0}"
        "code{white-space:pre-wrap;word-break:break-word}</style></head><body>"
        f"<h1>The course did not build</h1><p>Serve First found {count} "
        f"problem{'s' * (count != 1)} in the course files. Fix {('them' if count != 1 else 'it')}"
        " and save: this page reloads by itself, and the course comes back once the files "
        f"are clean.</p><ol>{items}</ol></body></html>"
    )
