"""Property-based: whatever a course file holds, reading it ends in a model or in problems.

What these tests prove, with hypothesis generating the inputs:

- for random YAML documents (nested mappings, lists and scalars, dumped by
  `yaml.safe_dump`), random text and random bytes, and for the sample course's own files
  after random edits (a line deleted, duplicated or swapped, characters inserted, the file
  cut short), `load_document` + `validate_document` against `Course`, `Lesson` and `Quiz`
  either give a model and no problems, or no model and at least one `Problem`; no
  exception escapes;
- every such problem is located inside the file (line and column from 1, the line within
  the file) and its message is one non-empty line;
- a link inside a `|` or `>` block is located on the line and column where it is written,
  whatever the blank lines before it, the folding and the extra indentation;
- the whole pipeline (`run_pipeline`) on sample projects with such edited files finishes
  with located problems, never an exception, and does not touch the course files.

The corpus-based tests of named malformed inputs are in `test_malformed.py`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import FIXTURES
from generator.load import load_document
from generator.models import (
    Callout,
    Choice,
    Course,
    Lesson,
    Practice,
    Quiz,
    Scenario,
    Section,
    Source,
)
from generator.pipeline import run_pipeline
from generator.problems import Problem
from generator.settings import Settings
from generator.validate import validate_document

SAMPLE = FIXTURES / "sample"
SAMPLE_FILES: dict[str, type[BaseModel]] = {
    "content/course.yml": Course,
    "content/lessons/first-steps.yml": Lesson,
    "content/lessons/second-look.yml": Lesson,
    "quizzes/first-steps.yml": Quiz,
}
TOP_MODELS: tuple[type[BaseModel], ...] = (Course, Lesson, Quiz)
ALL_MODELS = (*TOP_MODELS, Section, Callout, Practice, Source, Scenario, Choice)
FIELD_NAMES = sorted({name for model in ALL_MODELS for name in model.model_fields})
TRICKY_TEXT = [
    "no", "off", "yes", "3.10", "null", "~", "", " ", "0", "80", "101", "self-serving",
    "service-oriented", "first-steps", "second-look", "lesson:second-look", "https://x.org",
    "javascript:alert(1)", "a: b", "- item", "[x](lesson:nowhere)", "line\nbreak", "\t",
]  # fmt: skip
YAML_CHARACTERS = [*":-#&*!|>'\"[]{},?%@`\t\n\r ", "\ufeff", "\u2028", "\x85", "\x00"]

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- strategies ------------------------------------------------------------------------------

scalars = st.one_of(
    st.text(max_size=20),
    st.sampled_from(TRICKY_TEXT),
    st.integers(),
    st.booleans(),
    st.none(),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=25,
)
dumped_yaml = st.builds(
    lambda data, flow, unicode: yaml.safe_dump(
        data, default_flow_style=flow, allow_unicode=unicode
    ).encode("utf-8"),
    documents,
    st.booleans(),
    st.booleans(),
)
yamlish_text = st.text(st.sampled_from([*YAML_CHARACTERS, *"ab1 \n"]), max_size=60)
raw_inputs = st.one_of(
    st.text().map(lambda text: text.encode("utf-8")),
    yamlish_text.map(lambda text: text.encode("utf-8")),
    st.binary(),
)


@st.composite
def edited_lines(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """One random edit of a file's lines (each line keeps its own line ending)."""
    if not lines:
        return lines
    lines = list(lines)
    at = draw(st.integers(0, len(lines) - 1))
    edit = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]))
    if edit == "delete":
        del lines[at]
    elif edit == "duplicate":
        lines.insert(at, lines[at])
    elif edit == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif edit == "insert":
        column = draw(st.integers(0, len(lines[at])))
        added = draw(
            st.text(
                st.sampled_from(YAML_CHARACTERS) | st.characters(exclude_categories=("Cs",)),
                max_size=5,
            )
        )
        lines[at] = lines[at][:column] + added + lines[at][column:]
    else:
        text = "".join(lines)
        cut = draw(st.integers(0, len(text)))
        lines = text[:cut].splitlines(keepends=True)
    return lines


@st.composite
def edited_sample_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A sample course file (its path in the project) after one to three random edits."""
    name = draw(st.sampled_from(sorted(SAMPLE_FILES)))
    lines = (SAMPLE / name).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(edited_lines(lines))
    return name, "".join(lines).encode("utf-8")


# --- checks -----------------------------------------------------------------------------------


def line_count(data: bytes) -> int:
    """How many lines an editor shows for `data` (the loader's own line splitting)."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


def assert_located(problem: Problem, lines: int) -> None:
    assert isinstance(problem, Problem)
    assert 1 <= problem.position.line <= lines, problem
    assert problem.position.column >= 1, problem
    assert problem.message.strip(), problem
    assert "\n" not in problem.message and "\r" not in problem.message, problem


def assert_model_or_problems(path: Path, model: type[BaseModel]) -> None:
    """Loading and validating `path` gives a model, or no model and located problems."""
    document, problems = load_document(path)
    value = None
    if document is not None and not problems:
        value, problems = validate_document(document, model)
    if value is not None:
        assert isinstance(value, model)
        assert problems == []
        return
    assert problems, "no model and no problem"
    lines = line_count(path.read_bytes())
    for problem in problems:
        assert problem.path == path
        assert_located(problem, lines)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "file.yml"


def check_all_models(scratch: Path, data: bytes) -> None:
    scratch.write_bytes(data)
    for model in TOP_MODELS:
        assert_model_or_problems(scratch, model)


# --- single files -----------------------------------------------------------------------------


@FUZZ
@given(data=dumped_yaml)
def test_random_yaml_documents(scratch: Path, data: bytes) -> None:
    check_all_models(scratch, data)


@FUZZ
@given(data=raw_inputs)
def test_random_text_and_bytes(scratch: Path, data: bytes) -> None:
    check_all_models(scratch, data)


@FUZZ
@given(edited=edited_sample_file())
def test_edited_sample_files(scratch: Path, edited: tuple[str, bytes]) -> None:
    name, data = edited
    scratch.write_bytes(data)
    assert_model_or_problems(scratch, SAMPLE_FILES[name])


def test_the_unedited_sample_files_are_valid(scratch: Path) -> None:
    """The edits above start from files that are valid, so each failure is the edit's."""
    for name, model in SAMPLE_FILES.items():
        document, problems = load_document(SAMPLE / name)
        assert document is not None and problems == []
        value, problems = validate_document(document, model)
        assert value is not None, problems


@st.composite
def block_with_link(draw: st.DrawFn) -> tuple[str, int, int]:
    """A `body:` block scalar (`|` or `>`) with one link target on a random line.

    Returns the YAML text and the line and column where `lesson:target` is written.
    """
    style = draw(st.sampled_from("|>"))
    words = st.text(st.sampled_from("abc ."), min_size=1, max_size=12).map(str.strip).filter(bool)
    lines = draw(st.lists(words, min_size=1, max_size=6))
    at = draw(st.integers(0, len(lines) - 1))
    column = draw(st.integers(0, len(lines[at])))
    parts = (lines[at][:column].strip(), "[x](lesson:target)", lines[at][column:].strip())
    lines[at] = " ".join(part for part in parts if part)
    extra = draw(st.lists(st.integers(0, 3), min_size=len(lines), max_size=len(lines)))
    # Only lines after the first may be indented further (the first sets the indentation).
    body = [f"{' ' * (4 + (n and extra[n]))}{line}" for n, line in enumerate(lines)]
    blank = draw(st.integers(0, 2))
    text = f"id: x\nbody: {style}\n" + "\n" * blank + "\n".join(body) + "\nend: here\n"
    line = 3 + blank + at
    return text, line, text.split("\n")[line - 1].index("lesson:target") + 1


@FUZZ
@given(block=block_with_link())
def test_text_positions_in_blocks_point_at_the_link(
    scratch: Path, block: tuple[str, int, int]
) -> None:
    text, line, column = block
    scratch.write_text(text, encoding="utf-8")
    document, problems = load_document(scratch)
    assert document is not None and problems == []
    value = document.data["body"]  # type: ignore[index]
    position = document.text_position(("body",), value.index("lesson:target"))
    assert (position.line, position.column) == (line, column)


# --- whole projects ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzz-projects")


def fingerprint(project: Path) -> dict[str, str]:
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.rglob("*"))
        if path.is_file()
    }


@settings(FUZZ, max_examples=25)
@given(edits=st.lists(edited_sample_file(), min_size=1, max_size=3))
def test_pipeline_on_edited_projects(projects: Path, edits: list[tuple[str, bytes]]) -> None:
    project = Path(tempfile.mkdtemp(dir=projects))
    shutil.copytree(SAMPLE / "content", project / "content")
    shutil.copytree(SAMPLE / "quizzes", project / "quizzes")
    for name, data in edits:
        (project / name).write_bytes(data)
    before = fingerprint(project)

    site, problems = run_pipeline(
        Settings(project / "content", project / "quizzes", include_drafts=True)
    )

    for problem in problems + site.warnings:
        assert problem.path.is_relative_to(project), problem
        lines = line_count(problem.path.read_bytes()) if problem.path.is_file() else 1
        assert_located(problem, lines)
    if not any(p.severity == "error" for p in problems):
        assert site.pages
    assert fingerprint(project) == before
    shutil.rmtree(project)


# --- file names and links ----------------------------------------------------------------------

LETTERS = "abcdefghij"
# No Windows device name can be spelt from these letters, and none is unsafe anywhere.
safe_names = (
    st.text(st.sampled_from(LETTERS + "0123456789-_ "), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
invisible = st.characters(categories=("Cc", "Cf", "Zl", "Zp"), exclude_characters="\x00/")
DEVICE_NAMES = ["con", "PRN", "Aux", "nul", "COM1", "com9", "lpt1", "LPT3", "com¹"]


@st.composite
def unsafe_names(draw: st.DrawFn) -> str:
    """A name no portable course may hold (each kind built, not filtered for)."""
    name = draw(safe_names)
    kind = draw(st.sampled_from(["invisible", "reserved", "device", "trailing"]))
    at = draw(st.integers(0, len(name)))
    if kind == "invisible":
        return name[:at] + draw(invisible) + name[at:]
    if kind == "reserved":
        return name[:at] + draw(st.sampled_from('<>:"\\|?*#%')) + name[at:]
    if kind == "device":
        extension = draw(st.sampled_from(["", ".txt", ".md", ".tar.gz", ".png"]))
        return draw(st.sampled_from(DEVICE_NAMES)) + extension
    return name + draw(st.sampled_from([".", " "]))


LINKS = {  # target (from content/) -> may the link be published?
    "/etc/passwd": False,
    "/proc/self/environ": False,
    "/etc": False,
    ".": False,
    "..": False,
    "../..": False,
    "../.env": False,
    "missing.png": False,
    "pic.png": True,
    "../shared": True,
}


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[str, str | None, bool]]:
    """Entries to add under content/: (name, link target or None for a file, allowed)."""
    entries: list[tuple[str, str | None, bool]] = []
    for name in draw(st.lists(safe_names, max_size=3, unique=True)):
        entries.append((f"f-{name}.png", None, True))
    for name in draw(st.lists(unsafe_names(), max_size=3, unique=True)):
        entries.append((name, None, False))
    twin = draw(st.one_of(st.none(), safe_names.filter(lambda n: any(c in LETTERS for c in n))))
    if twin:
        # The second of two twins in code-point order is reported ('T' sorts before 't').
        entries += [(f"T-{twin.upper()}", None, True), (f"t-{twin}", None, False)]
    if draw(st.booleans()):
        entries.append(("/".join(["d" * 60] * 3) + "/long-enough.png", None, False))
    for number, target in enumerate(draw(st.lists(st.sampled_from(sorted(LINKS)), max_size=3))):
        entries.append((f"link-{number}", target, LINKS[target]))
    return entries


def regular_files(project: Path) -> dict[str, bytes]:
    """Every regular file under `project`, links not followed."""
    found = {}
    for folder, _, names in os.walk(project):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(project).as_posix()] = path.read_bytes()
    return found


@settings(FUZZ, max_examples=60)
@given(entries=trees())
def test_file_names_and_links(projects: Path, entries: list[tuple[str, str | None, bool]]) -> None:
    project = Path(tempfile.mkdtemp(dir=projects))
    shutil.copytree(SAMPLE / "content", project / "content")
    shutil.copytree(SAMPLE / "quizzes", project / "quizzes")
    (project / "content" / "pic.png").write_bytes(b"png")
    (project / "shared").mkdir()
    (project / "shared" / "chart.png").write_bytes(b"png")
    (project / ".env").write_text("SECRET=1\n")
    for name, target, _ in entries:
        path = project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if target is None:
            path.write_bytes(b"x")
        else:
            path.symlink_to(target)
    before = regular_files(project)

    _, problems = run_pipeline(Settings(project / "content", project / "quizzes"))

    errors = {p.path for p in problems if p.severity == "error"}
    for name, _, allowed in entries:
        assert (project / "content" / name in errors) != allowed, (name, problems)
    for problem in problems:
        assert "\n" not in problem.format() and "\r" not in problem.format(), problem
    assert regular_files(project) == before
    shutil.rmtree(project)
