"""Where generated pages go, and how one page links to another.

Every generated page has a fixed source path inside the docs folder (`src`), from which
MkDocs derives its address exactly as `page_url` does here. Keeping the scheme in one
place lets the renderer write links that are correct for both `use_directory_urls`
settings without asking MkDocs.

    index.md                      home page (from course.yml)
    lessons/ID/index.md           a lesson
    lessons/ID/quiz.md            that lesson's quiz
    quizzes/ID.md                 a quiz without a lesson (e.g. a final assessment)
    progress.md, review.md        the learner's progress and missed scenarios
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, unquote, urlsplit, urlunsplit

HOME = "index.md"
PROGRESS = "progress.md"
REVIEW = "review.md"
CERTIFICATE = "certificate.md"


def lesson_src(lesson_id: str) -> str:
    return f"lessons/{lesson_id}/index.md"


def quiz_src(quiz_id: str, lesson_id: str | None) -> str:
    if lesson_id is not None:
        return f"lessons/{lesson_id}/quiz.md"
    return f"quizzes/{quiz_id}.md"


def page_url(src: str, use_directory_urls: bool) -> str:
    """The site-relative address MkDocs gives the page at `src` (as `File.url` does)."""
    stem, _ = posixpath.splitext(src)
    directory, name = posixpath.split(stem)
    if name == "index" and use_directory_urls:
        return f"{directory}/" if directory else ""
    if use_directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def file_url(src: str, use_directory_urls: bool) -> str:
    """The address of any file in the docs folder: pages as MkDocs maps them, others as is."""
    if src.endswith(".md"):
        return page_url(src, use_directory_urls)
    return src


def relative_url(from_src: str, to_url: str, use_directory_urls: bool) -> str:
    """A link from the page at `from_src` to the site-relative address `to_url`."""
    here = page_url(from_src, use_directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    target, _, fragment = to_url.partition("#")
    relative = _relpath(target, base)
    if (target == "" or target.endswith("/")) and not relative.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


def _relpath(target: str, base: str) -> str:
    """`posixpath.relpath` for URL paths, without asking the filesystem for a cwd."""
    to = [part for part in target.split("/") if part]
    start = [part for part in base.split("/") if part]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts) or "."


URL_SAFE = "/:@!$&()*+,;=~"


def safe_url(url: str) -> str:
    """`url` without `..` steps, every character an HTML attribute could break on
    (quotes, `<`, `>`, spaces, controls, non-ASCII) percent-encoded.

    For edit links: the theme writes them into an attribute unescaped, and they are made
    from file names.
    """
    parts = urlsplit(url)
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(
        parts._replace(
            path=quote(path, safe=URL_SAFE),
            query=quote(parts.query, safe=URL_SAFE + "%?"),
            fragment=quote(parts.fragment, safe=URL_SAFE + "%?"),
        )
    )
