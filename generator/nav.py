"""The site's navigation around the course: which configured entries stay, in what order.

Consumes the source paths of pages (the course's and the hand-written ones) and the
`nav` a trainer may have written in `mkdocs.yml`; produces what the MkDocs adapter puts
after the course's own entries. Plain data, no MkDocs: the adapter nests the paths.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any


def nav_sort_key(src: str) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' own order for pages: by folder, each folder's index first, then by name."""
    parts = PurePosixPath(src).parts
    return (parts[:-1], PurePosixPath(src).stem != "index", parts[-1])


def without_pages(nav: list[Any], srcs: set[str]) -> list[Any]:
    """The configured `nav` entries that mention none of `srcs` (the course's own pages)."""
    return [entry for entry in nav if not _mentions(entry, srcs)]


def _mentions(entry: object, srcs: set[str]) -> bool:
    if isinstance(entry, str):
        return entry in srcs
    if isinstance(entry, dict):
        return any(_mentions(value, srcs) for value in entry.values())
    if isinstance(entry, list):
        return any(_mentions(value, srcs) for value in entry)
    return False
