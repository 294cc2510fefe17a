"""The trainer's rough edges (issue 15), each with the exact message or behaviour, and the
writers that must never write into the course or over a file they did not make."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, copy_project, run
from generator.load import load_document
from generator.schema import render_schema

SERVEFIRST = [sys.executable, "-m", "generator"]
QUOTE = 'put the whole text in quotes ("...")'


@pytest.mark.parametrize(
    ("value", "char", "meaning"),
    [
        ("*Quietly send the report", "*", "the start of an alias"),
        ("**Quietly** send the report", "*", "the start of an alias"),
        ("*Quietly* send the report", "*", "the start of an alias"),
        ("[Optional] ask the rep first", "[", "the start of a list"),
        ("{Optional} ask the rep first", "{", "the start of a group of fields"),
        ("@Priya asks for the slide", "@", "a reserved character"),
        ("&Quietly", "&", "the start of an anchor"),
    ],
)
@pytest.mark.parametrize("shape", ["field", "list item"])
def test_text_starting_with_a_yaml_character_gets_the_advice_to_quote(
    tmp_path: Path, value: str, char: str, meaning: str, shape: str
) -> None:
    path = tmp_path / "lesson.yml"
    line = f"title: {value}" if shape == "field" else f"takeaways:\n  - {value}"
    path.write_text(f"id: x\n{line}\n", encoding="utf-8")
    _, problems = load_document(path)
    assert [(tuple(p.position), p.message) for p in problems] == [
        (
            (2, 8) if shape == "field" else (3, 5),
            f"this text starts with '{char}', which YAML reads as {meaning}; {QUOTE}",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x hi\nb: x\n", "anchors ('&x') are not supported"),
        ("a: !tag hi\n", "YAML tags ('!tag') are not supported"),
        ("a: [1, 2\nb: c\n", "did not find expected ',' or ']'"),
    ],
)
def test_real_yaml_syntax_keeps_its_own_message(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "lesson.yml"
    path.write_text(text, encoding="utf-8")
    _, problems = load_document(path)
    assert problems and message in problems[0].message


def _check(project: Path) -> tuple[int, list[str]]:
    result = run([*SERVEFIRST, "check"], project)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout.splitlines()


def test_an_error_inside_a_quiz_does_not_claim_its_lesson_has_no_quiz(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    quiz = project / "quizzes/first-steps.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_percent: 67", "pass_percent: 0"))
    code, lines = _check(project)
    assert code == 1
    assert [line for line in lines if "first-steps' has no quiz" in line] == []


def test_a_misspelled_lesson_id_is_reported_once_where_it_is_written(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    quiz = project / "quizzes/first-steps.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("lesson: first-steps", "lesson: first-stpes")
    )
    code, lines = _check(project)
    assert code == 1
    errors = [line for line in lines if ": error: " in line]
    assert errors == [
        "quizzes/first-steps.yml:4:9: error: no lesson has id 'first-stpes' "
        "(did you mean 'first-steps'?)"
    ]


@pytest.mark.parametrize(
    ("written", "id_kind"),
    [
        ("second-look.yml", "lesson"),
        ("second-look.md", "lesson"),
        ("../second-look/", "lesson"),
        ("lessons/second-look.yml", "lesson"),
    ],
)
def test_a_link_to_a_lesson_file_suggests_its_id(
    tmp_path: Path, written: str, id_kind: str
) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    lesson = project / "content/lessons/first-steps.yml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("(lesson:second-look)", f"({written})"), encoding="utf-8")
    code, lines = _check(project)
    assert code == 1
    assert any(
        f"error: link '{written}': a {id_kind} is linked by its id, not by its file or page: "
        f"write '{id_kind}:second-look'" in line
        for line in lines
    ), lines


def test_new_lesson_starts_a_pair_in_the_lessons_folder(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    for path in (project / "content/lessons").iterdir():
        path.rename(project / "content" / path.name)
    (project / "content/lessons").rmdir()
    made = run([*SERVEFIRST, "new", "lesson", "listen-first"], project)
    assert made.returncode == 0, made.stderr
    lesson = yaml.safe_load((project / "content/lessons/listen-first.yml").read_text())
    quiz = yaml.safe_load((project / "quizzes/listen-first.yml").read_text())
    assert (lesson["quiz"], quiz["lesson"]) == ("listen-first", "listen-first")
    code, lines = _check(project)
    assert code == 0 and not [line for line in lines if "listen-first" in line], lines


def test_the_schema_needs_one_choice_of_each_kind() -> None:
    schema = yaml.safe_load(render_schema("quiz"))
    quiz = yaml.safe_load((FIXTURES / "sample/quizzes/first-steps.yml").read_text())
    jsonschema.validate(quiz, schema)
    for choice in quiz["scenarios"][0]["choices"]:
        choice["kind"] = "self-serving"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(quiz, schema)


# --- writers never write into the course, nor over a file they did not make -------------


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["export", "--out", "{tmp}/out", "--mkdocs-config", "content/course.yml"],
            "--mkdocs-config content/course.yml is inside the course folder",
        ),
        (
            ["export", "--out", "{tmp}/out", "--mkdocs-config", "quizzes/x.yml"],
            "--mkdocs-config quizzes/x.yml is inside the course folder",
        ),
        (
            ["export", "--out", "{tmp}/out", "--mkdocs-config", "mkdocs.yml"],
            "--mkdocs-config mkdocs.yml exists and was not written by servefirst",
        ),
        (["export", "--out", "content/lessons"], "overlaps the course folder"),
        (["export", "--out", "mkdocs.yml"], "is a file, not a folder"),
        (["export", "--out", "."], "overlaps the course folder"),
        (["schema", "--out", "content"], "is inside the course folder"),
        (["schema", "--out", "quizzes"], "is inside the course folder"),
        (["schema", "--out", "."], "exists and was not written by servefirst"),
    ],
)
def test_writers_refuse_the_course_and_foreign_files(
    tmp_path: Path, args: list[str], message: str
) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    (project / "quiz.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    before = _fingerprint(project)
    result = run([*SERVEFIRST, *(a.replace("{tmp}", str(tmp_path)) for a in args)], project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert _fingerprint(project) == before
    assert not (tmp_path / "out").exists()


def test_writers_may_rewrite_what_they_wrote(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "sample", tmp_path / "sample")
    for _ in range(2):
        exported = run(
            [*SERVEFIRST, "export", "--out", str(tmp_path / "out"), "--mkdocs-config",
             str(tmp_path / "plain.yml")],
            project,
        )  # fmt: skip
        assert exported.returncode == 0, exported.stderr
        schema = run([*SERVEFIRST, "schema", "--out", str(tmp_path / "schemas")], project)
        assert schema.returncode == 0, schema.stderr
