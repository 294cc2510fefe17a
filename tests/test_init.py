"""`servefirst init`: a new course that checks and builds strict with no edits, and a
command that never overwrites anything."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import mkdocs_build, run, serve_port

SERVEFIRST = [sys.executable, "-m", "generator"]


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_new_course_checks_and_builds_strict_as_it_is(tmp_path: Path) -> None:
    course = tmp_path / "coaching-conversations"
    made = run([*SERVEFIRST, "init", str(course)], tmp_path)
    assert made.returncode == 0, made.stderr
    files = set(_tree(course))
    assert {
        "mkdocs.yml",
        "requirements.txt",
        "README.md",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/course.yml",
        "content/lessons/example-huddle.yml",
        "quizzes/example-huddle.yml",
        "schemas/quiz.schema.json",
    } <= files
    assert not [f for f in files if f.startswith(("tests/", "benchmarks/", "site_overrides/"))]
    config = yaml.safe_load((course / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["site_name"] == "Coaching conversations"
    assert config["plugins"] == ["search", "servefirst"]
    assert "custom_dir" not in config["theme"]
    requirement = (course / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert requirement.startswith("servefirst==") and requirement != "servefirst=="
    assert "EXAMPLE" in (course / "quizzes/example-huddle.yml").read_text(encoding="utf-8")

    checked = run([*SERVEFIRST, "check", "--strict"], course)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = mkdocs_build(course)
    assert built.returncode == 0, built.stderr
    assert (course / "site/lessons/example-huddle/quiz/index.html").is_file()


def test_the_example_gives_way_to_the_trainers_own_lesson(tmp_path: Path) -> None:
    """What the new course's README tells a trainer to do: start a lesson with `new`,
    delete the example's two files; check and build stay clean throughout."""
    course = tmp_path / "course"
    assert run([*SERVEFIRST, "init", str(course)], tmp_path).returncode == 0
    started = run([*SERVEFIRST, "new", "lesson", "giving-feedback"], course)
    assert started.returncode == 0, started.stderr
    assert (course / "content/lessons/giving-feedback.yml").is_file()
    assert (course / "quizzes/giving-feedback.yml").is_file()
    readme = (course / "README.md").read_text(encoding="utf-8")
    for name in ("content/lessons/example-huddle.yml", "quizzes/example-huddle.yml"):
        assert name in readme
        (course / name).unlink()
    checked = run([*SERVEFIRST, "check", "--strict"], course)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = mkdocs_build(course)
    assert built.returncode == 0, built.stderr
    assert not (course / "site/lessons/example-huddle").exists()


def test_the_new_workflow_passes_actionlint(tmp_path: Path) -> None:
    course = tmp_path / "course"
    assert run([*SERVEFIRST, "init", str(course)], tmp_path).returncode == 0
    actionlint = Path(sys.executable).parent / "actionlint"
    linted = run([str(actionlint), str(course / ".github/workflows/pages.yml")], course)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_init_refuses_a_non_empty_folder_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    (folder / "content").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (folder / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = _tree(folder)

    refused = run([*SERVEFIRST, "init", str(folder)], tmp_path)
    assert refused.returncode == 2
    assert "is not empty" in refused.stderr and "Traceback" not in refused.stderr
    assert _tree(folder) == before

    forced = run([*SERVEFIRST, "init", str(folder), "--force"], tmp_path)
    assert forced.returncode == 2
    assert "mkdocs.yml already exists; nothing was written" in forced.stderr
    assert _tree(folder) == before


def test_force_adds_a_course_beside_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "LICENSE").write_text("mine\n", encoding="utf-8")
    made = run([*SERVEFIRST, "init", str(folder), "--force", "--title", "Team: basics"], tmp_path)
    assert made.returncode == 0, made.stderr
    assert (folder / "LICENSE").read_text(encoding="utf-8") == "mine\n"
    course = yaml.safe_load((folder / "content/course.yml").read_text(encoding="utf-8"))
    assert course["title"] == "Team: basics"


@pytest.mark.browser
def test_the_example_quiz_of_a_new_course_works_in_the_browser(tmp_path: Path, context) -> None:
    course = tmp_path / "new-course"
    assert run([*SERVEFIRST, "init", str(course)], tmp_path).returncode == 0
    checked = run([*SERVEFIRST, "check", "--strict"], course)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "www" / "new-course"
    with serve_port() as (port, start):
        url = f"http://127.0.0.1:{port}/new-course/"
        # SITE_URL is how the generated workflow gives the site its address: no edits.
        built = run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
            course,
            SITE_URL=url,
        )
        assert built.returncode == 0, built.stderr
        with start(site):
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url)
            page.locator("article").get_by_role("link", name=re.compile("^Start")).click()
            page.locator("article").get_by_role("link", name="Take the quiz").click()
            late = page.locator("[data-sf-scenario='huddle-late-colleague']")
            late.wait_for()
            for sid, answer in (
                ("huddle-runs-over", "Stop on time, name who owns the schedule question"),
                ("huddle-late-colleague", "Start now and send the late colleague the notes"),
            ):
                scenario = page.locator(f"[data-sf-scenario='{sid}']")
                scenario.get_by_label(answer).check()
                scenario.get_by_role("button", name=re.compile("^Check")).click()
                verdict = scenario.get_by_role("status").inner_text()
                assert "Your choice is service-oriented." in verdict
            result = page.locator("[data-sf-result-status]").inner_text()
            assert "Service-oriented choices: 2 of 2" in result and "Not passed" not in result
            assert not errors, errors
