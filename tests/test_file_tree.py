"""The file tree MkDocs would publish: what `check` refuses, and what a failed build keeps.

What these tests prove, with the real `python -m generator check` and `mkdocs build
--strict` on copies of the sample course, for inputs git cannot store portably (symbolic
links, names Windows or macOS cannot hold, pipes), made in tmp_path by each test:

- symbolic links out of the project (a file, `/proc/self/environ`, a folder), to hidden
  files, to nothing, and folder links that loop (to itself, to a parent, two that point
  at each other) end in exit code 1 with `path:1:1: error: ...` on the link, quickly,
  without a traceback and without touching the course files; a link that stays inside
  the project is published like any file;
- names with a `"`, a newline, a tab or a right-to-left override, Windows device names
  (`con`, `NUL`, `aux`, `com1`, `lpt9`, any extension), a trailing dot or space, two
  names in one folder that differ only by case or Unicode normalisation, and paths over
  the length limit are refused the same way, the name shown escaped on one line;
- a lesson's edit link is percent-encoded whatever its file name;
- for every family above and in `tests/malformed/` (SVG with script, non-UTF-8 page, long
  id, own assets replaced, `.YML`, a second course file, a broken link under `--strict`),
  `mkdocs build --strict` fails without a traceback and leaves the previous `site/`
  byte-identical (every file hashed), and a successful build swaps the new site in
  without leaving its staging folder behind.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from test_malformed import CORPUS, assert_no_traceback, check, fingerprint, read_case

from conftest import FIXTURES, copy_project, mkdocs_build, set_plugin_option

SECOND = "content/lessons/second-look.yml"
Maker = Callable[[Path], str]


def link(project: Path, name: str, target: str) -> str:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return name


def write(project: Path, name: str, text: str = "x\n") -> str:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return name


def hidden_target(project: Path) -> str:
    write(project, ".env", "SECRET=1\n")
    return link(project, "content/env.txt", "../.env")


def loop_of_two(project: Path) -> str:
    (project / "content" / "a").mkdir()
    (project / "content" / "c").mkdir()
    link(project, "content/a/b", "../c")
    return link(project, "content/c/d", "../a")


def fifo(project: Path) -> str:
    os.mkfifo(project / "content" / "pipe")
    return "content/pipe"


def quote_name(project: Path) -> str:
    name = 'content/lessons/x" autofocus onfocus="alert(1)" y=".yml'
    lesson = (project / SECOND).read_text(encoding="utf-8")
    write(project, name, lesson.replace("id: second-look", "id: third"))
    return name


def case_twin_folders(project: Path) -> str:
    write(project, "content/About/team.md", "# Team\n")
    return write(project, "content/about/contact.md", "# Contact\n").rsplit("/", 1)[0]


def case_twin_files(project: Path) -> str:
    write(project, "content/Notes.md", "# Notes\n")
    return write(project, "content/notes.md", "# notes\n")


def normalisation_twins(project: Path) -> str:
    names = [unicodedata.normalize(form, "content/café.md") for form in ("NFC", "NFD")]
    for name in names:
        write(project, name, "# Café\n")
    return max(names)  # the walk reports the second of the two in code-point order


def long_path(project: Path) -> str:
    folder = "content/" + "/".join(["a-rather-long-folder-name-for-notes"] * 5)
    return write(project, f"{folder}/and-a-long-file-name-as-well.png")


def long_id(project: Path) -> str:
    for lesson in (project / "content" / "lessons").iterdir():
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(text.replace("second-look", "x" * 300), encoding="utf-8")
    return SECOND


GENERATED: dict[str, Maker] = {
    "link-to-etc-passwd": lambda p: link(p, "content/leak.txt", "/etc/passwd"),
    "link-to-proc-environ": lambda p: link(p, "content/env.txt", "/proc/self/environ"),
    "link-to-outside-folder": lambda p: link(p, "content/system", "/etc"),
    "link-to-hidden-file": hidden_target,
    "link-to-nothing": lambda p: link(p, "content/gone.png", "nowhere.png"),
    "link-to-itself": lambda p: link(p, "content/self.png", "self.png"),
    "folder-link-loop": lambda p: link(p, "content/a", "."),
    "folder-link-to-parent": lambda p: link(p, "content/lessons/up", ".."),
    "folder-links-to-each-other": loop_of_two,
    "named-pipe": fifo,
    "quote-in-name": quote_name,
    "newline-in-name": lambda p: write(p, "content/new\nline.png"),
    "tab-in-name": lambda p: write(p, "content/tab\there.png"),
    "right-to-left-override": lambda p: write(p, "content/report\u202egnp.exe"),
    "device-name-con": lambda p: write(p, "content/con.txt"),
    "device-name-nul": lambda p: write(p, "content/lessons/NUL.md", "# Nul\n"),
    "device-name-aux": lambda p: write(p, "content/aux"),
    "device-name-com1": lambda p: write(p, "content/com1.tar.gz"),
    "device-name-lpt9": lambda p: write(p, "content/Lpt9.png"),
    "trailing-dot": lambda p: write(p, "content/notes."),
    "trailing-space": lambda p: write(p, "content/notes.md ", "# N\n"),
    "case-twin-folders": case_twin_folders,
    "case-twin-files": case_twin_files,
    "normalisation-twins": normalisation_twins,
    "path-too-long": long_path,
    "id-too-long": long_id,
}


def escaped(name: str) -> str:
    """A path as `check` prints it: invisible characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in name)


def reported_at(stdout: str, name: str) -> bool:
    return any(
        line.startswith(f"{escaped(name)}:") and ": error: " in line for line in stdout.split("\n")
    )


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_unsafe_trees_are_refused_by_check(case: str, tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    name = GENERATED[case](project)
    before = fingerprint(project)

    result = check(project)

    assert_no_traceback(result)
    assert result.returncode == 1, result.output
    assert reported_at(result.stdout, name), result.output
    lines = result.stdout.split("\n")
    assert all(line == "" or ": error: " in line or ": warning: " in line for line in lines)
    assert fingerprint(project) == before


def test_links_inside_the_project_are_published(sample: Path) -> None:
    shared = sample / "shared"
    shared.mkdir()
    (shared / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    link(sample, "content/images", "../shared")
    link(sample, "content/logo.png", "../shared/chart.png")

    assert check(sample).returncode == 0
    assert mkdocs_build(sample).returncode == 0
    assert (sample / "site" / "images" / "chart.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert (sample / "site" / "logo.png").is_file()


def test_edit_links_are_percent_encoded(sample: Path) -> None:
    lessons = sample / "content" / "lessons"
    (lessons / "second-look.yml").rename(lessons / "a second look é&'.yml")
    set_plugin_option(sample, "edit_links: true")

    result = mkdocs_build(sample)

    assert result.returncode == 0, result.stderr
    html = (sample / "site" / "lessons" / "second-look" / "index.html").read_text("utf-8")
    edit = "https://example.org/repo/edit/main/content/lessons/a%20second%20look%20%C3%A9&%27.yml"
    assert f'href="{edit}"' in html


# --- a failed build keeps the last good site -------------------------------------------------


def from_corpus(name: str) -> Maker:
    def make(project: Path) -> str:
        case = read_case(CORPUS / name)
        for file, data in case.files.items():
            (project / file).parent.mkdir(parents=True, exist_ok=True)
            (project / file).write_bytes(data)
        return case.problems[0].file

    return make


def broken_link_in_page(project: Path) -> str:
    return write(project, "content/notes.md", "# Notes\n\nSee [the plan](plan.md).\n")


BUILD_FAILURES: dict[str, Maker] = {
    "link-to-etc-passwd": GENERATED["link-to-etc-passwd"],
    "link-to-outside-folder": GENERATED["link-to-outside-folder"],
    "folder-link-loop": GENERATED["folder-link-loop"],
    "folder-links-to-each-other": GENERATED["folder-links-to-each-other"],
    "quote-in-name": GENERATED["quote-in-name"],
    "newline-in-name": GENERATED["newline-in-name"],
    "device-name-con": GENERATED["device-name-con"],
    "case-twin-folders": GENERATED["case-twin-folders"],
    "path-too-long": GENERATED["path-too-long"],
    "id-too-long": GENERATED["id-too-long"],
    "svg-with-script": from_corpus("svg-with-script"),
    "html-beside-lesson": from_corpus("html-beside-lesson"),
    "non-utf8-page": from_corpus("non-utf8-page"),
    "own-asset-replaced": from_corpus("own-asset-replaced"),
    "page-over-generated-by-case": from_corpus("page-over-generated-by-case"),
    "yaml-upper-case-extension": from_corpus("yaml-upper-case-extension"),
    "second-course-file": from_corpus("second-course-file"),
    "broken-link-in-page-under-strict": broken_link_in_page,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course with a good site built (copied by each test, site included)."""
    project = copy_project(FIXTURES / "sample", tmp_path_factory.mktemp("built") / "sample")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    (project / "site" / ".git").mkdir()
    (project / "site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    return project


@pytest.mark.parametrize("case", sorted(BUILD_FAILURES))
def test_a_failed_build_keeps_the_last_site(case: str, built: Path, tmp_path: Path) -> None:
    project = tmp_path / "sample"
    shutil.copytree(built, project, symlinks=True)
    site = fingerprint(project, ("site",))
    assert "site/index.html" in site and "site/.git/HEAD" in site
    BUILD_FAILURES[case](project)

    result = mkdocs_build(project)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert fingerprint(project, ("site",)) == site
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_good_build_replaces_the_site_and_keeps_hidden_files(built: Path, tmp_path: Path) -> None:
    project = tmp_path / "sample"
    shutil.copytree(built, project, symlinks=True)
    (project / "site" / "stale.html").write_text("old\n")
    write(project, "content/notes.md", "# Notes\n")

    result = mkdocs_build(project)

    assert result.returncode == 0, result.stderr
    assert (project / "site" / "notes" / "index.html").is_file()
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
