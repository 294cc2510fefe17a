"""Bad input never crashes, hangs or loses anything.

What these tests prove, by running the real `python -m generator check` (and `mkdocs build`)
on copies of the sample course:

- every case of the malformed corpus in `tests/malformed/` (plus three generated ones: a
  10 MB file, 10,000 nested brackets and a file with 100,000 unknown fields) ends with exit
  code 1 and a `path:LINE:COL: error: message` line naming the right file, line and column,
  prints no traceback, finishes well within the time limit and leaves every course file
  byte-for-byte as it was;
- the "must work" cases of the corpus (Windows line endings, a UTF-8 byte-order mark, words
  such as `no`, `off`, `3.10` and `null`) check cleanly, and the loaded model keeps the text
  exactly as written;
- a failed `mkdocs build` leaves the last good `site/` untouched;
- one `check` run reports the problems of every file at once, sorted by file and line.

The property-based tests (hypothesis) live in `test_malformed_fuzz.py`.

The corpus format is described in `tests/malformed/README.md`: each case is a folder that
mirrors the sample course (the files it replaces or adds) and a `case.yml` that says what
the case is and what must be reported.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, copy_project, mkdocs_build, run
from generator.load import load_document
from generator.models import Course, Lesson, Quiz
from generator.validate import validate_document

CORPUS = Path(__file__).resolve().parent / "malformed"
SPEC = "case.yml"
TIME_LIMIT = 10.0
LOCATED = re.compile(
    r"^(?P<file>[^\n:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
    r"(?P<message>.*)$"
)
SAMPLE_LESSON = "content/lessons/first-steps.yml"
SAMPLE_QUIZ = "quizzes/first-steps.yml"
SAMPLE_COURSE = "content/course.yml"
SECOND_LESSON = "content/lessons/second-look.yml"


@dataclass(frozen=True)
class Expected:
    """A problem `check` must print: `file:line:column: error: ...message...`."""

    file: str
    line: int
    message: str
    column: int | None = None


@dataclass(frozen=True)
class Kept:
    """A text the loaded model must hold exactly as written (for cases that must work)."""

    file: str
    field: str
    text: str


@dataclass(frozen=True)
class Case:
    """One input: files written over a copy of the sample course, and what must happen."""

    name: str
    about: str
    files: dict[str, bytes] = field(default_factory=dict)
    remove: tuple[str, ...] = ()
    problems: tuple[Expected, ...] = ()
    keeps: tuple[Kept, ...] = ()

    @property
    def must_work(self) -> bool:
        return not self.problems


# --- reading the corpus ------------------------------------------------------------------


def _transform(data: bytes, options: dict[str, object]) -> bytes:
    """Apply a case's byte-level changes: `replace`, then `newline`, then `encoding`."""
    text = data.decode("utf-8")
    replace = options.get("replace") or {}
    assert isinstance(replace, dict)
    for placeholder, value in replace.items():
        text = text.replace(placeholder, value)
    if options.get("newline") == "crlf":
        text = text.replace("\n", "\r\n")
    return text.encode(str(options.get("encoding", "utf-8")))


def read_case(folder: Path) -> Case:
    """A corpus folder: its files (except `case.yml`) plus the expectations in `case.yml`."""
    spec = yaml.safe_load((folder / SPEC).read_text(encoding="utf-8"))
    files = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != SPEC
    }
    for name, options in (spec.get("transform") or {}).items():
        source = files.get(name) or (FIXTURES / "sample" / name).read_bytes()
        files[name] = _transform(source, options)
    return Case(
        name=folder.name,
        about=spec["about"],
        files=files,
        remove=tuple(spec.get("remove") or ()),
        problems=tuple(Expected(**item) for item in spec.get("problems") or ()),
        keeps=tuple(Kept(**item) for item in spec.get("keeps") or ()),
    )


def huge_file() -> Case:
    """A 10 MB lesson: refused by the size limit before it is read."""
    data = (b"id: second-look\n" + b"# all work and no play\n" * 500_000)[:10_000_000]
    return Case(
        "generated-10-mb-file",
        "A 10 MB lesson file.",
        files={SECOND_LESSON: data},
        problems=(Expected(SECOND_LESSON, 1, "the file is 10.0 MB; the limit is 1 MB", 1),),
    )


def deep_nesting() -> Case:
    """10,000 opening brackets: refused without a recursion error."""
    return Case(
        "generated-deep-nesting",
        "10,000 levels of '['.",
        files={SECOND_LESSON: b"[" * 10_000 + b"\n"},
        problems=(Expected(SECOND_LESSON, 1, "nesting depth"),),
    )


def many_problems() -> Case:
    """Just under the size limit, with 100,000 unknown fields: still quick."""
    data = b"".join(b"k%d: v\n" % n for n in range(100_000))
    assert len(data) < 1_000_000
    return Case(
        "generated-100000-unknown-fields",
        "A lesson of 100,000 unknown fields.",
        files={SECOND_LESSON: data},
        problems=(
            Expected(SECOND_LESSON, 1, "unknown field 'k0'", 1),
            # 4 missing fields and 96 unknown ones are listed; the rest are counted.
            Expected(SECOND_LESSON, 97, "99904 more problems in this file not listed", 1),
        ),
    )


def many_duplicates() -> Case:
    """Just under the size limit, with 190,000 duplicate fields: the loader stops at 100."""
    return Case(
        "generated-190000-duplicate-fields",
        "A lesson of 190,000 duplicate fields.",
        files={SECOND_LESSON: b"a: 1\n" * 190_000},
        problems=(
            Expected(SECOND_LESSON, 2, "duplicate field 'a' (first at line 1)", 1),
            Expected(SECOND_LESSON, 101, "this file has more than 100 problems", 1),
        ),
    )


GENERATED: dict[str, Callable[[], Case]] = {
    "generated-10-mb-file": huge_file,
    "generated-deep-nesting": deep_nesting,
    "generated-100000-unknown-fields": many_problems,
    "generated-190000-duplicate-fields": many_duplicates,
}


def corpus_names() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob(f"*/{SPEC}"))


def get_case(name: str) -> Case:
    if name in GENERATED:
        return GENERATED[name]()
    return read_case(CORPUS / name)


MALFORMED = [n for n in corpus_names() if not n.startswith("ok-")] + sorted(GENERATED)
MUST_WORK = [n for n in corpus_names() if n.startswith("ok-")]


# --- running a case ----------------------------------------------------------------------


def make_project(case: Case, tmp_path: Path) -> Path:
    """A copy of the sample course with the case's files written over it."""
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    for name in case.remove:
        (project / name).unlink()
    for name, data in case.files.items():
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return project


def fingerprint(folder: Path, parts: tuple[str, ...] = ("content", "quizzes")) -> dict[str, str]:
    """The SHA-256 of every file under the given subfolders, by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for part in parts
        for path in sorted((folder / part).rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def check(project: Path) -> Run:
    """`python -m generator check` in `project`, timed."""
    start = time.monotonic()
    result = run([sys.executable, "-m", "generator", "check"], project, timeout=20)
    return Run(result.returncode, result.stdout, result.stderr, time.monotonic() - start)


def located(stdout: str) -> list[dict[str, str]]:
    """Every line of `check`'s stdout, parsed; fails on a line that is not located."""
    found = []
    for line in stdout.splitlines():
        match = LOCATED.match(line)
        assert match, f"not a 'path:line:col: severity: message' line: {line!r}"
        found.append(match.groupdict())
    return found


def errors(stdout: str) -> list[dict[str, str]]:
    return [p for p in located(stdout) if p["severity"] == "error"]


def is_reported(expected: Expected, problems: list[dict[str, str]]) -> bool:
    return any(
        p["file"] == expected.file
        and int(p["line"]) == expected.line
        and (expected.column is None or int(p["column"]) == expected.column)
        and expected.message in p["message"]
        for p in problems
    )


def assert_no_traceback(result: Run) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.output
    assert "internal error" not in result.stderr, result.output


def check_case(name: str, tmp_path: Path) -> tuple[Case, Path, Run]:
    """`check` over the named case: never a traceback, never a write to the course."""
    case = get_case(name)
    project = make_project(case, tmp_path)
    before = fingerprint(project)
    result = check(project)
    assert_no_traceback(result)
    assert fingerprint(project) == before
    return case, project, result


def model_for(name: str) -> type[Course] | type[Lesson] | type[Quiz]:
    if name.startswith("quizzes/"):
        return Quiz
    return Course if name == SAMPLE_COURSE else Lesson


def field_value(model: object, dotted: str) -> object:
    for part in dotted.split("."):
        model = model[int(part)] if part.isdigit() else getattr(model, part)  # type: ignore[index]
    return model


# --- the corpus ----------------------------------------------------------------------------


def test_corpus_is_large_and_well_formed() -> None:
    assert len(MALFORMED) >= 32
    for name in corpus_names():
        case = read_case(CORPUS / name)
        assert case.about
        assert case.must_work == name.startswith("ok-"), name
        assert case.files or case.remove, name


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_input_is_located_not_crashed(name: str, tmp_path: Path) -> None:
    case, _, result = check_case(name, tmp_path)
    assert result.returncode == 1, result.output
    assert result.seconds < TIME_LIMIT, f"{result.seconds:.1f} s"
    reported = errors(result.stdout)
    for expected in case.problems:
        assert is_reported(expected, reported), f"{expected} not in\n{result.output}"


@pytest.mark.parametrize("name", MUST_WORK)
def test_unusual_but_valid_input_works(name: str, tmp_path: Path) -> None:
    case, project, result = check_case(name, tmp_path)
    assert result.returncode == 0, result.output
    assert errors(result.stdout) == []
    for kept in case.keeps:
        document, problems = load_document(project / kept.file)
        assert document is not None and problems == [], problems
        model, problems = validate_document(document, model_for(kept.file))
        assert model is not None, problems
        assert field_value(model, kept.field) == kept.text, kept


# --- whole runs ----------------------------------------------------------------------------


def test_failed_build_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    good = mkdocs_build(project)
    assert good.returncode == 0, good.stderr
    site = fingerprint(project, ("site",))
    assert "site/index.html" in site and len(site) > 10

    quiz = project / SAMPLE_QUIZ
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("pass_percent: 67", "pass_percent: 0"),
        encoding="utf-8",
    )
    failed = mkdocs_build(project)

    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Traceback" not in output
    assert (
        "quizzes/first-steps.yml:6:15: error: 'pass_percent' must be between 1 and 100, not 0"
        in output
    )
    assert fingerprint(project, ("site",)) == site


def _replace_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def test_one_check_reports_every_file_sorted(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    _replace_line(project / SAMPLE_QUIZ, 13, "        kind: selfish")
    _replace_line(project / SAMPLE_COURSE, 3, "tagline: [a, list]")
    _replace_line(project / SECOND_LESSON, 2, 'title: "A second look')
    wanted = [
        Expected(SAMPLE_COURSE, 3, "'tagline' must be text, not a list", 10),
        Expected(SECOND_LESSON, 2, "the file ends inside quoted text", 8),
        Expected(SAMPLE_QUIZ, 13, "'kind' must be one of self-serving, service-oriented", 15),
    ]

    result = check(project)

    assert_no_traceback(result)
    assert result.returncode == 1, result.output
    reported = errors(result.stdout)
    for expected in wanted:
        assert is_reported(expected, reported), f"{expected} not in\n{result.output}"
    places = [(p["file"], int(p["line"]), int(p["column"])) for p in located(result.stdout)]
    assert places == sorted(places)


def test_corpus_folders_only_hold_course_files() -> None:
    """A case may only replace or add files where the sample course keeps them."""
    for folder in CORPUS.iterdir():
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.is_file() and path.name != SPEC:
                relative = path.relative_to(folder).as_posix()
                assert relative.startswith(("content/", "quizzes/")), relative
