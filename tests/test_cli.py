"""The `servefirst` command line: exit codes, formats, golden error output, new, schema."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from conftest import ROOT, run
from golden import GOLDEN, assert_golden

CLI = [sys.executable, "-m", "generator"]


def test_check_on_the_real_course_is_clean() -> None:
    result = run([*CLI, "check"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stderr


def test_every_problem_in_every_file_matches_the_golden_report(update_goldens: bool) -> None:
    result = run([*CLI, "check"], GOLDEN / "broken")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert_golden("broken-check.txt", result.stdout, update_goldens)


def test_github_format_prints_workflow_annotations(update_goldens: bool) -> None:
    result = run([*CLI, "check", "--format", "github"], GOLDEN / "broken")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert_golden("broken-check-github.txt", result.stdout, update_goldens)


def test_warnings_fail_only_with_strict(sample: Path) -> None:
    assert run([*CLI, "check"], sample).returncode == 0
    strict = run([*CLI, "check", "--strict"], sample)
    assert strict.returncode == 1
    assert "warning: lesson 'second-look' has no quiz" in strict.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run([*CLI, "check"], tmp_path).returncode == 2  # no mkdocs.yml, no --content
    assert run([*CLI, "frobnicate"], tmp_path).returncode == 2
    missing = run([*CLI, "check", "--content", "nowhere"], tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("servefirst: error: ")


def test_content_and_quizzes_override_mkdocs_yml(sample: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(sample / "quizzes", elsewhere)
    (sample / "quizzes" / "first-steps.yml").unlink()
    broken = run([*CLI, "check"], sample)
    assert broken.returncode == 1
    fixed = run([*CLI, "check", "--quizzes", str(elsewhere)], sample)
    assert fixed.returncode == 0, fixed.stdout


def test_new_writes_starters_that_pass_check_and_never_overwrite(sample: Path) -> None:
    lesson = run([*CLI, "new", "lesson", "late-report"], sample)
    assert lesson.returncode == 0, lesson.stderr
    quiz = run([*CLI, "new", "quiz", "late-report-quiz"], sample)
    assert quiz.returncode == 0, quiz.stderr
    written = sample / "content" / "lessons" / "late-report.yml"
    first_line = written.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../schemas/lesson.schema.json"
    check = run([*CLI, "check"], sample)
    assert check.returncode == 0, check.stdout
    before = written.read_bytes()
    again = run([*CLI, "new", "lesson", "late-report"], sample)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert written.read_bytes() == before
    assert run([*CLI, "new", "lesson", "Not A Slug"], sample).returncode == 2


def test_schema_writes_the_committed_schemas(tmp_path: Path) -> None:
    result = run([*CLI, "schema", "--out", str(tmp_path)], ROOT)
    assert result.returncode == 0
    for name in ("course", "lesson", "quiz"):
        written = (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8")
        committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert written == committed, f"schemas/{name}.schema.json is stale: run servefirst schema"


def test_the_pre_commit_hook_runs_the_check_command() -> None:
    import tomllib

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "servefirst-check" and hook["language"] == "python"
    command, *args = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert command in scripts
    result = run([str(Path(sys.executable).parent / command), *args], ROOT)
    assert result.returncode == 0, result.stdout
