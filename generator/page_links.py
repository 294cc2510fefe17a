"""Stage 4b, the links in hand-written Markdown pages: `check` sees what the build sees.

Consumes the content folder's hand-written `.md` pages, every file the site publishes
(hand-written and generated) and the trainers' folder a published build leaves out;
produces a located error for each link or image that points at nothing the site will
have, so that a clean `servefirst check` means a clean `mkdocs build --strict` (MkDocs
reports those links only as warnings, which stop a strict build). Links with a scheme
(`https:`, `mailto:`) and same-page anchors are not followed; code blocks and code spans
are skipped, as Markdown does.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from generator.problems import Position, Problem, did_you_mean

_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_page_links(
    content_dir: Path,
    pages: Iterable[str],
    published: set[str],
    trainer_dir: str | None = None,
) -> list[Problem]:
    """Broken links in the hand-written pages `pages` (paths relative to `content_dir`)."""
    problems = []
    for src in sorted(p for p in pages if p.endswith(".md")):
        path = content_dir / src
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the file-tree stage reports these
        for position, target in _links(text):
            message = _broken(src, target, published, trainer_dir)
            if message:
                problems.append(Problem(path, position, message))
    return problems


def _links(text: str) -> Iterable[tuple[Position, str]]:
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in _LINK.finditer(visible):
            yield Position(number, match.start(1) + 1), match.group(1)


def _broken(src: str, target: str, published: set[str], trainer_dir: str | None) -> str | None:
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or _SCHEME.match(target) or target.startswith("//"):
        return None
    if path.startswith("/"):
        return f"link '{target}': use a path relative to this page (the site may move)"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    if path.endswith("/"):
        resolved = posixpath.join(resolved, "index.md")
    if resolved.startswith("../") or resolved == "..":
        return f"link '{target}': points outside the content folder"
    folder = (trainer_dir or "").strip("/")
    if folder and resolved.startswith(folder + "/") and not src.startswith(folder + "/"):
        return (
            f"link '{target}': a trainer page, which the published course leaves out "
            "(link to the repository instead, or set publish_trainer_pages: true)"
        )
    if resolved in published:
        return None
    hint = did_you_mean(resolved, published)
    return f"link '{target}': no such page or file ({resolved}){hint}"
