"""Stage 1, discover (the rules): the file tree that will be published, walked safely.

Consumes a course folder and the project folder it belongs to; produces the files MkDocs
would publish from it and the problems that make the tree unsafe or unportable to
publish. MkDocs copies every non-hidden file of its docs folder into the site and follows
folder links as it goes, so whatever this walk accepts is what the site will hold:

- symbolic links are followed only when they stay inside the project folder, point to
  nothing hidden (`.env`, `.git/`) and do not lead back into a folder they sit in. A link
  to `/etc/passwd` or `/proc/self/environ` would publish it; a loop (`a -> .`) would make
  MkDocs walk forever;
- every name must be checkout-able on Linux, macOS and Windows: no control or invisible
  characters (they split `path:line:col` lines and hide what a file is), none of
  `< > : " \\ | ? *` (Windows refuses them; `"` and `<` break HTML attributes), no `#` or
  `%` (they change a web address), no trailing dot or space, no Windows device name
  (`con`, `nul`, `aux`, `com1`... whatever the extension), no two names in one folder that
  differ only by case or Unicode normalisation (macOS and Windows keep only one);
- a name is at most 255 bytes (the per-name limit of ext4, APFS and NTFS), and a path at
  most `PATH_LIMIT` characters from the project folder (see there);
- pipes, sockets and devices are not files to publish.

`check_files` then looks inside what was found: Markdown pages must be UTF-8 (MkDocs
stops with a traceback otherwise), SVG images must be inert
(`generator.svg`), and files a browser runs as documents (HTML, XML) need `allow_html`.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import START, Position, Problem, display_path
from generator.svg import check_svg

NAME_BYTES = 255
# Windows' MAX_PATH is 260 characters for the whole path, drive and final NUL included
# (Git for Windows keeps that limit unless `core.longpaths` is set). 200 leaves 60 for the
# folder a trainer clones into, such as `C:\Users\firstname.lastname\Documents\GitHub\`.
PATH_LIMIT = 200
MAX_FILES = 20_000
UNSAFE = set('<>:"\\|?*#%')
DEVICES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{kind}{n}" for kind in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
YAML_SUFFIXES = (".yml", ".yaml")
ACTIVE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".xht", ".xml", ".xsl", ".xslt", ".svgz")


@dataclass
class Walk:
    """The files found under a folder (as MkDocs will see them) and what is wrong."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def check_name(name: str) -> str | None:
    """Why `name` cannot be a file or folder name in a portable course, or None."""
    for char in name:
        if not char.isprintable() and char != " ":
            return f"the name holds an invisible or control character ({_char_name(char)})"
        if char in UNSAFE:
            return f"the name holds '{char}', which Windows or web addresses do not allow"
    if name.endswith((".", " ")):
        return "the name ends with a dot or a space, which Windows drops; rename it"
    if name.split(".")[0].rstrip(" ").upper() in DEVICES:
        return (
            f"'{name.split('.')[0]}' is a device name on Windows (whatever the extension), "
            "so the file cannot be checked out there; rename it"
        )
    size = len(name.encode("utf-8"))
    if size > NAME_BYTES:
        return f"the name is {size} bytes long; file systems allow {NAME_BYTES}; shorten it"
    return None


def path_length(relative: str) -> int:
    """A path's length as Windows counts it (UTF-16 code units)."""
    return len(relative.encode("utf-16-le")) // 2


def _twin_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def walk_tree(folder: Path, project: Path, skip: Path | None = None) -> Walk:
    """Every file under `folder` that MkDocs would publish, sorted, and the problems.

    Folder links are followed like MkDocs does, but never out of `project`, into a
    hidden place, or back into a folder on the way (so the walk always ends). `skip` is
    a folder left out (the quizzes folder, when it sits inside the content folder).
    """
    walk = Walk()
    if not folder.is_dir():
        return walk
    project = project.resolve()
    skipped = skip.resolve() if skip is not None else None
    stack: list[tuple[Path, Path, frozenset[Path]]] = [
        (folder, folder.resolve(), frozenset({folder.resolve()}))
    ]
    seen = 0
    while stack:
        here, real, chain = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as error:
            walk.problems.append(Problem(here, START, f"cannot read this folder: {error.strerror}"))
            continue
        twins: dict[str, str] = {}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            seen += 1
            if seen > MAX_FILES:
                walk.problems.append(
                    Problem(folder, START, f"more than {MAX_FILES} files; the walk stopped here")
                )
                return walk
            path = here / entry.name
            problem = _entry_problem(path, entry.name, project, twins)
            if problem:
                walk.problems.append(Problem(path, START, problem))
            target, problem = _follow(path, entry, project, real, chain)
            if problem:
                walk.problems.append(Problem(path, START, problem))
            elif target is None or target == skipped:
                continue
            elif target.is_dir():
                stack.append((path, target, chain | {target}))
            else:
                walk.files.append(path)
    walk.files.sort(key=lambda p: p.relative_to(folder).as_posix())
    return walk


def _entry_problem(path: Path, name: str, project: Path, twins: dict[str, str]) -> str | None:
    problem = check_name(name)
    if problem:
        return problem
    twin = twins.setdefault(_twin_key(name), name)
    if twin != name:
        how = "by case" if twin.casefold() == name.casefold() else "by how accents are encoded"
        return (
            f"'{twin}' and '{name}' differ only {how}; macOS and Windows keep only one of "
            "them; rename or merge one"
        )
    relative = display_path(path, project)
    if path_length(relative) > PATH_LIMIT:
        return (
            f"the path is {path_length(relative)} characters long; the limit is {PATH_LIMIT} "
            "(Windows refuses paths over 260 characters, counting the folder of the checkout); "
            "use shorter names"
        )
    return None


def _follow(
    path: Path, entry: os.DirEntry[str], project: Path, real: Path, chain: frozenset[Path]
) -> tuple[Path | None, str | None]:
    """Where a folder entry leads: its real path, or why it must not be followed."""
    try:
        if not entry.is_symlink():
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                return path.resolve(), None
            return None, "not a regular file (a pipe, socket or device); remove it"
        target = path.resolve(strict=True)
    except RuntimeError:
        return None, "a symbolic link that loops back to itself; remove it"
    except OSError:
        return None, f"a symbolic link to nothing ({os.readlink(path)}); remove it"
    link = os.readlink(path)
    if not target.is_relative_to(project):
        return None, (
            f"a symbolic link to '{link}', outside the project folder: it would publish that "
            "file or folder; copy what the course needs into the project instead"
        )
    if any(part.startswith(".") for part in target.relative_to(project).parts):
        return None, f"a symbolic link to '{link}', a hidden file or folder; remove it"
    if target.is_dir() and (real.is_relative_to(target) or target in chain):
        return None, (
            f"a symbolic link to '{link}', a folder it sits in: a loop that would never end; "
            "remove it"
        )
    if not (target.is_dir() or target.is_file()):
        return None, "a link to something that is not a regular file; remove it"
    return target, None


def check_files(paths: Iterable[Path], allow_html: bool = False) -> list[Problem]:
    """Rules on what the files hold: UTF-8 pages, inert SVG, no HTML unless allowed."""
    problems: list[Problem] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".md":
            problems += check_utf8(path)
        elif suffix == ".svg":
            problems += check_svg(path)
        elif suffix in ACTIVE_SUFFIXES and not allow_html:
            problems.append(
                Problem(
                    path,
                    START,
                    f"a browser runs the scripts in a '{suffix}' file as part of this site; "
                    "such files are published only with the 'allow_html: true' option",
                )
            )
    return problems


_BOM = b"\xef\xbb\xbf"


def check_utf8(path: Path) -> list[Problem]:
    """A page MkDocs will read as text must be UTF-8 (a byte-order mark is fine)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [Problem(path, START, f"cannot read this file: {error.strerror}")]
    raw = raw.removeprefix(_BOM)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return [
            Problem(
                path,
                Position(line, column),
                f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
                "save it as UTF-8 in your editor",
            )
        ]
    return []
