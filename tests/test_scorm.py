"""`servefirst scorm`: the zip an LMS imports, checked as an LMS and a browser would read it."""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
import shutil
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from conftest import ROOT, copy_project_config, run

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
# Elements whose address the browser loads by itself (anything else is a link to follow).
LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real course."""
    project = tmp_path_factory.mktemp("scorm-course") / "course"
    project.mkdir()
    for name in ("content", "quizzes", "schemas"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return copy_project_config(project)


@pytest.fixture(scope="module")
def package(course: Path) -> Iterator[zipfile.ZipFile]:
    result = run(["servefirst", "scorm", "--out", "../course.zip"], course)
    assert result.returncode == 0, result.stderr
    assert "passed or failed by the quiz 'final-assessment'" in result.stdout
    with zipfile.ZipFile(course.parent / "course.zip") as archive:
        yield archive


def test_the_manifest_is_a_scorm_1_2_manifest_at_the_root(package: zipfile.ZipFile) -> None:
    manifest = ElementTree.fromstring(package.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = manifest.find(f"{CP}organizations")
    assert organizations is not None
    (organization,) = organizations.findall(f"{CP}organization")
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext(f"{CP}title") == "Serve First"
    (item,) = organization.findall(f"{CP}item")
    (resource,) = manifest.findall(f"{CP}resources/{CP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get("type") == "webcontent"
    assert resource.get(f"{ADLCP}scormtype") == "sco"
    assert resource.get("href") == "launch.html"
    final = yaml.safe_load((ROOT / "quizzes" / "final-assessment.yml").read_text("utf-8"))
    assert item.findtext(f"{ADLCP}masteryscore") == str(final.get("pass_percent", 80))

    listed = {unquote(f.get("href", "")) for f in resource.findall(f"{CP}file")}
    assert listed == set(package.namelist()) - {"imsmanifest.xml"}
    assert "launch.html" in listed and "index.html" in listed
    assert not {"404.html", "sitemap.xml"} & listed
    assert not [name for name in listed if name.endswith(".map")]


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in LOADED and values.get(LOADED[tag]):
            self.loaded.append(str(values[LOADED[tag]]))
        elif tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def _target(page: str, url: str) -> str | None:
    """The file in the package that `url` on `page` names; None for another host or scheme."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))


def test_every_file_a_page_refers_to_is_in_the_package(package: zipfile.ZipFile) -> None:
    names = set(package.namelist())
    missing: list[str] = []
    foreign: list[str] = []
    links: set[str] = set()
    for name in sorted(names):
        text = package.read(name).decode("utf-8", "replace")
        if name.endswith(".html"):
            found = _References()
            found.feed(text)
            urls = [(u, True) for u in found.loaded] + [(u, False) for u in found.links]
        elif name.endswith(".css"):
            urls = [(u, True) for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", text)]
        elif name.startswith("assets/servefirst/") and name.endswith(".js"):
            # Import statements only: a catalogue key such as "review.from" is no import.
            imports = r"(?:^|[;}])\s*import\s*(?:[\w$*{},\s]+?\bfrom\s*)?['\"]([^'\"]+)['\"]"
            urls = [(u, True) for u in re.findall(imports, text, re.MULTILINE)]
        else:
            continue
        for url, loaded in urls:
            if url.startswith(("data:", "mailto:", "tel:", "#")):
                continue
            target = _target(name, url)
            if target is None and loaded:
                foreign.append(url)
            elif target is None:
                links.add(url)
            elif target not in names:
                missing.append(f"{name} -> {url}")
    assert missing == []
    assert foreign == [], "the package must load nothing from another host"
    # The only links to other hosts are the ones the trainer wrote in the course.
    written = "".join(
        p.read_text("utf-8") for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".yml")
    )
    assert {url for url in links if url not in written} == set()


def test_the_launcher_knows_the_course_and_its_assessment(package: zipfile.ZipFile) -> None:
    launcher = package.read("launch.html").decode("utf-8")
    assert '<script type="module" src="assets/servefirst/scorm.js">' in launcher
    match = re.search(r'data-sf-scorm="([^"]*)"', launcher)
    assert match is not None
    data = json.loads(html.unescape(match.group(1)))
    assert data["assessment"] == "final-assessment"
    quizzes = {q["id"]: q for q in data["quizzes"]}
    final = yaml.safe_load((ROOT / "quizzes" / "final-assessment.yml").read_text("utf-8"))
    assert [s["id"] for s in quizzes["final-assessment"]["scenarios"]] == [
        s["id"] for s in final["scenarios"]
    ]
    # Course pages are the ones of the public site: nothing of SCORM is in them.
    index = package.read("index.html").decode("utf-8")
    assert "scorm" not in index.lower()


def test_two_packages_of_one_course_are_identical(course: Path, package: zipfile.ZipFile) -> None:
    result = run(["servefirst", "scorm", "--out", "../again.zip"], course)
    assert result.returncode == 0, result.stderr
    digest = [
        hashlib.sha256((course.parent / n).read_bytes()).hexdigest()
        for n in ("course.zip", "again.zip")
    ]
    assert digest[0] == digest[1]


def test_assessment_none_completes_by_reading_and_unknown_quizzes_are_refused(
    course: Path,
) -> None:
    result = run(["servefirst", "scorm", "--out", "../none.zip", "--assessment", "none"], course)
    assert result.returncode == 0, result.stderr
    assert "completed once every lesson is read" in result.stdout
    with zipfile.ZipFile(course.parent / "none.zip") as archive:
        assert b"masteryscore" not in archive.read("imsmanifest.xml")
        assert "&#34;assessment&#34;:null" in archive.read("launch.html").decode("utf-8")

    chosen = run(["servefirst", "scorm", "--out", "../q.zip", "--assessment", "outside-in"], course)
    assert chosen.returncode == 0 and "the quiz 'outside-in'" in chosen.stdout

    wrong = run(["servefirst", "scorm", "--out", "../x.zip", "--assessment", "final"], course)
    assert wrong.returncode == 2
    assert "no such quiz" in wrong.stderr and "final-assessment" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    assert not (course.parent / "x.zip").exists()


def test_bad_outputs_and_bad_content_write_nothing(sample: Path) -> None:
    before = sorted(p.relative_to(sample) for p in sample.rglob("*"))
    for out in ("content/course.zip", "quizzes/p.zip", "package.txt", "content"):
        result = run(["servefirst", "scorm", "--out", out], sample)
        assert result.returncode == 2, (out, result.stderr)
        assert result.stderr.startswith("servefirst: error: --out")
    quiz = sample / "quizzes" / "first-steps.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("kind: self-serving", "kind: selfish", 1))
    result = run(["servefirst", "scorm", "--out", "../bad.zip"], sample)
    assert result.returncode == 1
    assert re.search(r"quizzes/first-steps\.yml:\d+:\d+: error: ", result.stdout + result.stderr)
    assert not (sample.parent / "bad.zip").exists()
    after = sorted(p.relative_to(sample) for p in sample.rglob("*"))
    assert before == after


def test_a_course_without_a_final_quiz_completes_by_reading(sample: Path) -> None:
    result = run(["servefirst", "scorm", "--out", "../sample.zip"], sample)
    assert result.returncode == 0, result.stderr
    assert "completed once every lesson is read" in result.stdout
    assert not list(sample.glob("site*")) and not list(sample.glob(".site*"))
