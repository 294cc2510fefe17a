"""Publishing: the Pages workflow, gh-deploy, reproducible builds, portable export."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build, run, serve

CLI = [sys.executable, "-m", "generator"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_workflows_pass_actionlint() -> None:
    actionlint = Path(sys.executable).parent / "actionlint"
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run(
        [str(actionlint), *map(str, workflows)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_workflow_checks_pull_requests_and_deploys_main() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "servefirst check --format github" in commands
    assert "mkdocs build --strict" in commands
    uses = [step.get("uses", "") for step in steps + workflow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


def test_gh_deploy_pushes_the_site_to_a_local_bare_remote(
    course_copy: Path, tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "init.defaultBranch=main"]
    assert run([*git, "init", "--bare", str(remote)], tmp_path, **GIT_ENV).returncode == 0
    for command in (
        [*git, "init"],
        ["git", "add", "."],
        ["git", "commit", "-qm", "course"],
        ["git", "remote", "add", "origin", str(remote)],
    ):
        result = run(command, course_copy, **GIT_ENV)
        assert result.returncode == 0, result.stderr
    deploy = run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history"],
        course_copy,
        **GIT_ENV,
    )
    assert deploy.returncode == 0, deploy.stderr
    listing = run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], remote).stdout.split()
    built = tree(course_copy / "site")
    assert set(listing) - {".nojekyll"} == set(built)
    page = run(["git", "show", "gh-pages:lessons/who-comes-first/quiz/index.html"], remote)
    assert page.stdout == (course_copy / "site/lessons/who-comes-first/quiz/index.html").read_text()


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "4242"):
        project = tmp_path / f"build-{seed}"
        project.mkdir()
        for name in ("content", "quizzes", "site_overrides"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        result = run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            project,
            PYTHONHASHSEED=seed,
            SOURCE_DATE_EPOCH="1767225600",
        )
        assert result.returncode == 0, result.stderr
        trees.append(tree(project / "site"))
    first, second = trees
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_export_equals_the_plugin_pages_byte_for_byte(sample: Path, tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    out = tmp_path / "export"
    result = run([*CLI, "export", "--out", str(out)], sample)
    assert result.returncode == 0, result.stderr
    config = load_config(str(sample / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(get_files(config), config=config)
    generated = [f for f in files if f.generated_by == "servefirst"]
    assert generated
    for file in generated:
        assert (out / file.src_uri).read_bytes() == file.content_bytes, file.src_uri
    for file in files:
        if not file.generated_by:
            assert (out / file.src_uri).read_bytes() == Path(file.abs_src_path).read_bytes()


def test_export_refuses_to_write_into_the_course_or_a_foreign_folder(sample: Path) -> None:
    before = tree(sample)
    into_content = run([*CLI, "export", "--out", "content/out"], sample)
    assert into_content.returncode == 2
    foreign = sample / "notes"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    assert run([*CLI, "export", "--out", "notes"], sample).returncode == 2
    assert (foreign / "keep.txt").read_text() == "mine"
    assert {k: v for k, v in tree(sample).items() if not k.startswith("notes/")} == before


@pytest.mark.browser
def test_plain_mkdocs_builds_the_export_and_its_quizzes_work(
    course_copy: Path, tmp_path: Path, page
) -> None:
    result = run(
        [*CLI, "export", "--out", "export", "--mkdocs-config", "plain/mkdocs.yml"], course_copy
    )
    assert result.returncode == 0, result.stderr
    plain = yaml.safe_load((course_copy / "plain" / "mkdocs.yml").read_text())
    assert "servefirst" not in str(plain["plugins"])
    site = tmp_path / "www" / "serve-first"
    build = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        course_copy / "plain",
    )
    assert build.returncode == 0, build.stderr
    with serve(site) as url:
        page.goto(url + "lessons/who-comes-first/quiz/")
        first = page.locator("[data-sf-scenario]").first
        first.locator(".sf-choice input").first.check()
        first.get_by_role("button", name="Check answer").click()
        assert "Your choice is" in first.get_by_role("status").inner_text()


def test_builds_ignore_the_working_directory(sample: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(sample / "mkdocs.yml")],
        elsewhere,
    )
    assert result.returncode == 0, result.stderr
    assert (sample / "site" / "lessons" / "first-steps" / "quiz" / "index.html").is_file()
    assert os.listdir(elsewhere) == []


def test_mkdocs_build_uses_site_url_from_the_environment(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "site_url: https://example.org/sample/",
            'site_url: !ENV [SITE_URL, "https://a.example/"]',
        )
    )
    assert mkdocs_build(sample).returncode == 0
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        sample,
        SITE_URL="https://b.example/x/",
    )
    assert result.returncode == 0
    assert "https://b.example/x/" in (sample / "site" / "sitemap.xml").read_text()
