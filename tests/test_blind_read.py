"""`servefirst blind-read` and `blind-score`: a sheet with nothing but what a learner sees
before answering, a key that points at the service-oriented choices, and a score per quiz."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import run
from generator.blind_read import KeyRow, parse_key, score


def sheet_scenarios(sheet: str) -> dict[int, tuple[str, dict[str, str]]]:
    """Number -> (the text before the choices, letter -> choice text)."""
    found = {}
    for block in re.split(r"^### ", sheet, flags=re.M)[1:]:
        number, _, body = block.partition("\n")
        choices = dict(re.findall(r"^([A-F])\. (.+)$", body, flags=re.M))
        found[int(number)] = (body.split("\nA. ")[0], choices)
    return found


def blind_read(project: Path, *extra: str) -> tuple[str, list[KeyRow]]:
    result = run(["servefirst", "blind-read", "--out", "../blind/sheet.md", *extra], project)
    assert result.returncode == 0, result.stderr
    out = project.parent / "blind"
    return (out / "sheet.md").read_text(), parse_key((out / "sheet.key.txt").read_text())


def test_the_sheet_shows_what_a_learner_sees_and_the_key_points_at_the_service_choices(
    sample: Path,
) -> None:
    sheet, key = blind_read(sample)
    quiz = yaml.safe_load((sample / "quizzes" / "first-steps.yml").read_text())
    scenarios = sheet_scenarios(sheet)
    assert [r.number for r in key] == list(scenarios) == [1, 2, 3]
    for row, scenario in zip(key, quiz["scenarios"], strict=True):
        before, choices = scenarios[row.number]
        assert (row.quiz, row.scenario) == ("first-steps", scenario["id"])
        assert scenario["situation"] in before
        assert scenario.get("prompt", "What do you do?") in before
        service = {c["text"] for c in scenario["choices"] if c["kind"] == "service-oriented"}
        assert sorted(choices.values()) == sorted(c["text"] for c in scenario["choices"])
        assert {choices[letter] for letter in row.right} == service
    for hidden in ("service-oriented", "self-serving", "The VP's request", "feedback"):
        assert hidden not in sheet
    for choice in (c for s in quiz["scenarios"] for c in s["choices"]):
        assert choice["feedback"] not in sheet


def test_the_order_is_shuffled_the_same_way_on_every_run_unless_the_quiz_opts_out(
    course_copy: Path,
) -> None:
    first, key = blind_read(course_copy)
    again, _ = blind_read(course_copy)
    assert first == again
    written = {
        (q["id"], s["id"]): [c["text"] for c in s["choices"]]
        for path in (course_copy / "quizzes").glob("*.yml")
        for q in [yaml.safe_load(path.read_text())]
        for s in q["scenarios"]
    }
    shown = sheet_scenarios(first)
    moved = [
        r
        for r in key
        if list(shown[r.number][1].values())
        != [" ".join(t.split()) for t in written[r.quiz, r.scenario]]
    ]
    assert len(moved) > len(key) / 2
    positions = {r.right for r in key}
    assert len(positions) >= 3

    path = course_copy / "quizzes" / "who-comes-first.yml"
    path.write_text(path.read_text().replace("\nscenarios:", "\nshuffle: false\nscenarios:", 1))
    sheet, key = blind_read(course_copy, "--quiz", "who-comes-first")
    assert {r.quiz for r in key} == {"who-comes-first"} and key[0].number == 1
    for row in key:
        texts = [" ".join(t.split()) for t in written[row.quiz, row.scenario]]
        assert list(sheet_scenarios(sheet)[row.number][1].values()) == texts


def test_blind_score_reports_each_quiz_the_total_against_the_aim_and_missing_answers(
    sample: Path,
) -> None:
    _, key = blind_read(sample)
    answers = sample.parent / "answers.txt"
    answers.write_text(f"1: {key[0].right[0]} high\n2) {key[1].right[0].lower()} low\nnotes\n")
    result = run(
        ["servefirst", "blind-score", str(answers), "--key", "../blind/sheet.key.txt"], sample
    )
    assert result.returncode == 0, result.stderr
    assert "first-steps  2/3" in result.stdout
    assert (
        "Total: 2/3 right (67%); aim for a reader without the lessons 70% or fewer, at or under"
        in result.stdout
    )
    assert "Right and sure (high confidence): 1." in result.stdout
    assert "No answer for: 3 (counted as wrong)." in result.stdout


def test_score_counts_any_right_letter_and_flags_a_reader_who_needs_no_lessons() -> None:
    key = [KeyRow(1, "AC", "q", "a"), KeyRow(2, "B", "q", "b")]
    report = score(key, "1: C\n2: B medium\n")
    assert "q  2/2" in report
    assert (
        "Total: 2/2 right (100%); aim for a reader without the lessons 70% or fewer, over" in report
    )


def test_blind_read_refuses_the_course_folders_foreign_files_and_unknown_quizzes(
    sample: Path,
) -> None:
    inside = run(["servefirst", "blind-read", "--out", "quizzes/sheet.md"], sample)
    assert inside.returncode == 2 and "inside the course folder" in inside.stderr
    foreign = sample.parent / "notes.md"
    foreign.write_text("my notes\n")
    clash = run(["servefirst", "blind-read", "--out", str(foreign)], sample)
    assert clash.returncode == 2 and "was not written by servefirst" in clash.stderr
    assert foreign.read_text() == "my notes\n"
    unknown = run(["servefirst", "blind-read", "--out", "../s.md", "--quiz", "nope"], sample)
    assert unknown.returncode == 2 and "no such quiz" in unknown.stderr
    bad_key = sample.parent / "key.txt"
    bad_key.write_text("not a key\n")
    scored = run(["servefirst", "blind-score", str(bad_key), "--key", str(bad_key)], sample)
    assert scored.returncode == 2 and "line 1 is not a key row" in scored.stderr
    assert sorted(p.name for p in (sample / "quizzes").iterdir()) == ["first-steps.yml"]
