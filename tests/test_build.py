"""Real `mkdocs build --strict` runs in tmp_path, asserting on the built site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, mkdocs_build, run, set_plugin_option

CLI = [sys.executable, "-m", "generator"]


def nav_titles(html: str) -> list[str]:
    """The labels of the primary navigation, in order."""
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>\n</div>", 1)[0]
    labels = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.DOTALL)
    return [re.sub(r"\s+", " ", label) for label in labels]


def test_the_real_course_builds_strict(course_copy: Path) -> None:
    result = mkdocs_build(course_copy)
    assert result.returncode == 0, result.stderr
    site = course_copy / "site"
    for page in (
        "index.html",
        "lessons/who-comes-first/index.html",
        "lessons/who-comes-first/quiz/index.html",
        "quizzes/final-assessment/index.html",
        "progress/index.html",
        "review/index.html",
        "certificate/index.html",
    ):
        assert (site / page).is_file(), page
    assert not list(site.rglob("*.yml")), "YAML sources must not be published"


def test_the_published_course_is_a_learners_site(course_copy: Path) -> None:
    """Trainer pages and edit links are for the preview (`mkdocs serve`), not for learners."""
    assert mkdocs_build(course_copy).returncode == 0
    site = course_copy / "site"
    assert not (site / "trainers").exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "trainers" in doc["location"]]
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "/edit/" not in html and "md-content__button" not in html, html_file
        assert "trainers/" not in html, html_file
    assert not [t for t in nav_titles((site / "index.html").read_text()) if "Trainer" in t]


def test_a_site_can_publish_its_trainer_pages(course_copy: Path) -> None:
    set_plugin_option(course_copy, "publish_trainer_pages: true")
    assert mkdocs_build(course_copy).returncode == 0
    assert (course_copy / "site" / "trainers" / "field-reference" / "index.html").is_file()


def test_nav_follows_order_and_pairs_each_lesson_with_its_quiz(sample: Path) -> None:
    lesson = sample / "content" / "lessons" / "second-look.yml"
    lesson.write_text(lesson.read_text().replace("order: 2", "order: 0"), encoding="utf-8")
    assert mkdocs_build(sample).returncode == 0
    html = (sample / "site" / "index.html").read_text(encoding="utf-8")
    titles = nav_titles(html)
    assert titles.index("1. A second look") < titles.index("2. First steps")
    assert titles[titles.index("2. First steps") + 1] == "Quiz"
    assert "My progress" in titles


def test_edit_links_open_the_yaml_files(sample: Path) -> None:
    set_plugin_option(sample, "edit_links: true")
    assert mkdocs_build(sample).returncode == 0
    site = sample / "site"
    base = "https://example.org/repo/edit/main/"
    expected = {
        "index.html": base + "content/course.yml",
        "lessons/first-steps/index.html": base + "content/lessons/first-steps.yml",
        "lessons/first-steps/quiz/index.html": base + "quizzes/first-steps.yml",
    }
    for page, url in expected.items():
        assert f'href="{url}"' in (site / page).read_text(encoding="utf-8"), page
    assert "edit/main" not in (site / "progress" / "index.html").read_text(encoding="utf-8")


def test_content_errors_fail_the_build_with_located_messages(sample: Path) -> None:
    quiz = sample / "quizzes" / "first-steps.yml"
    quiz.write_text(quiz.read_text().replace("kind: service-oriented", "kind: selfless", 1))
    result = mkdocs_build(sample)
    assert result.returncode == 1
    assert re.search(
        r"quizzes/first-steps\.yml:\d+:\d+: error: scenario 'vp-request', choice 2: 'kind'",
        result.stderr,
    )
    assert "Traceback" not in result.stderr


def test_drafts_show_in_serve_only(sample: Path) -> None:
    lesson = sample / "content" / "lessons" / "second-look.yml"
    lesson.write_text(lesson.read_text() + "draft: true\n", encoding="utf-8")
    assert mkdocs_build(sample).returncode == 0
    site = sample / "site"
    assert not (site / "lessons" / "second-look").exists()
    first = (site / "lessons" / "first-steps" / "index.html").read_text(encoding="utf-8")
    # A link to a draft keeps its text and loses its target.
    assert "the second lesson" in first and "second-look" not in first
    assert run([*CLI, "check"], sample).returncode == 0


def test_lesson_links_and_images_beside_the_yaml(sample: Path) -> None:
    lessons = sample / "content" / "lessons"
    (lessons / "images").mkdir()
    (lessons / "images" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    lesson = lessons / "second-look.yml"
    lesson.write_text(
        lesson.read_text().replace(
            "body: Look again at your calendar.",
            "body: |\n      ![A chart](images/chart.png) and [the quiz](quiz:first-steps).",
        ),
        encoding="utf-8",
    )
    assert mkdocs_build(sample).returncode == 0
    html = (sample / "site" / "lessons" / "second-look" / "index.html").read_text(encoding="utf-8")
    assert 'src="../images/chart.png"' in html
    assert 'href="../first-steps/quiz/"' in html
    assert (sample / "site" / "lessons" / "images" / "chart.png").is_file()


def test_a_missing_image_is_a_located_error(sample: Path) -> None:
    lesson = sample / "content" / "lessons" / "second-look.yml"
    lesson.write_text(
        lesson.read_text().replace(
            "body: Look again at your calendar.",
            "body: |\n      Text.\n\n      ![A chart](nope.png)",
        ),
        encoding="utf-8",
    )
    result = run([*CLI, "check"], sample)
    assert result.returncode == 1
    assert (
        "content/lessons/second-look.yml:10:18: error: link 'nope.png': no such file"
        in result.stdout
    )


def test_a_hand_written_home_page_is_an_error(sample: Path) -> None:
    (sample / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    result = run([*CLI, "check"], sample)
    assert result.returncode == 1
    assert "content/index.md:1:1: error: the home page is made from course.yml" in result.stdout


def test_pages_use_directory_urls_false(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n", encoding="utf-8")
    assert mkdocs_build(sample).returncode == 0
    html = (sample / "site" / "lessons" / "first-steps" / "index.html").read_text(encoding="utf-8")
    assert 'href="quiz.html"' in html
    assert 'href="../second-look/index.html"' in html


def test_own_assets_ship_minified_and_still_parse(course_copy: Path) -> None:
    """One bundled script and one stylesheet, smaller than their sources; the script parses."""
    assert mkdocs_build(course_copy).returncode == 0
    sources = ROOT / "generator" / "browser"
    built = course_copy / "site" / "assets" / "servefirst"
    assert sorted(p.name for p in built.iterdir()) == ["servefirst.css", "servefirst.js"]
    css = (built / "servefirst.css").read_bytes()
    assert 0 < len(css) < 0.95 * (sources / "servefirst.css").stat().st_size
    script = (built / "servefirst.js").read_bytes()
    modules = sum(p.stat().st_size for p in sources.glob("*.js"))
    assert 0 < len(script) < 0.5 * modules
    check = subprocess.run(
        ["node", "--input-type=module", "--check"], input=script, capture_output=True
    )
    assert check.returncode == 0, check.stderr.decode()


def test_minify_assets_false_ships_the_sources_as_they_are(course_copy: Path) -> None:
    set_plugin_option(course_copy, "minify_assets: false")
    assert mkdocs_build(course_copy).returncode == 0
    sources = ROOT / "generator" / "browser"
    for source in sorted(p for p in sources.iterdir() if p.is_file()):
        shipped = course_copy / "site" / "assets" / "servefirst" / source.name
        assert shipped.read_bytes() == source.read_bytes(), source.name


def test_a_site_without_a_course_file_keeps_its_own_pages(tmp_path: Path) -> None:
    """Any MkDocs site can add lessons: its index.md stays the home page, its pages stay."""
    site = tmp_path / "handbook"
    (site / "docs" / "lessons").mkdir(parents=True)
    (site / "quizzes").mkdir()
    (site / "mkdocs.yml").write_text(
        "site_name: Team handbook\ntheme:\n  name: material\nplugins: [search, servefirst]\n",
        encoding="utf-8",
    )
    (site / "docs" / "index.md").write_text("# Our handbook\n\nWelcome.\n", encoding="utf-8")
    (site / "docs" / "team.md").write_text("# Team\n\nWho we are.\n", encoding="utf-8")
    sample = FIXTURES / "sample"
    for name in ("first-steps.yml", "second-look.yml"):
        shutil.copy(sample / "content/lessons" / name, site / "docs/lessons" / name)
    shutil.copy(sample / "quizzes/first-steps.yml", site / "quizzes/first-steps.yml")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "Our handbook" in home
    titles = nav_titles(home)
    assert titles[0] == "Our handbook" or titles[0] == "Home", titles
    assert titles.index("1. First steps") < titles.index("Team"), titles
    assert (site / "site" / "lessons" / "first-steps" / "quiz" / "index.html").is_file()
