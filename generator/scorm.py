"""SCORM 1.2 package: the checked course and its MkDocs config -> one zip an LMS imports.

Consumes the course the pipeline checked (`Site.checked`) and the site's `mkdocs.yml`;
produces a zip with `imsmanifest.xml` at its root (one organisation, one item, one SCO of
type webcontent), the course site and a launcher page, `launch.html`, which is the SCO.

The site is built by MkDocs itself, with the site's own config and a few overrides, into a
temporary folder (never `site/` or the course folders): `use_directory_urls: false` so
every page is a file an LMS can serve without a directory index, no `site_url` (links stay
relative), no edit links and no theme credit (the only links to other hosts left are the
ones the trainer wrote). Files a package never uses are left out: the 404 page (it uses
absolute paths and no LMS serves it), the sitemap, source maps and, for an English-only
search, the other languages' stemmers. Search stays on and works from the package.

The launcher (`templates/scorm/`) holds the LMS session while the course runs unchanged in
a frame; it gets the course's shape as JSON in a data attribute (`course_data`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import jinja2

from generator.assets import SOURCES, minify
from generator.urls import lesson_src, page_url, quiz_src
from generator.views import CheckedCourse, quiz_version

LAUNCHER = "launch.html"
MANIFEST = "imsmanifest.xml"
TEMPLATES = Path(__file__).parent / "templates" / "scorm"
# The launcher's files, and the browser modules its script imports (the site itself
# ships them bundled into servefirst.js).
SCRIPTS = (TEMPLATES / "scorm.js", TEMPLATES / "suspend.js", TEMPLATES / "scorm.css")
MODULES = (SOURCES / "grading.js", SOURCES / "store.js")
ASSETS = "assets/servefirst"
NAMESPACES = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
# A zip's entries all get this date, so two packages of one course are byte-identical.
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """The site could not be built for the package (MkDocs' message says why)."""


@dataclass(frozen=True)
class Package:
    """A written package: where it is, how big, how many files, which quiz assesses."""

    path: Path
    size: int
    files: int
    assessment: str | None


def default_assessment(course: CheckedCourse) -> str | None:
    """The first quiz without a lesson (a final assessment), if the course has one."""
    return next((q.model.id for q in course.quizzes if q.model.lesson is None), None)


def course_data(course: CheckedCourse, assessment: str | None) -> dict[str, Any]:
    """What the launcher needs to know of the course to read and report progress."""
    pages = [
        {"path": page_url(lesson_src(e.model.id), False), "title": e.model.title}
        for e in course.lessons
    ]
    pages += [
        {"path": page_url(quiz_src(q.model.id, q.model.lesson), False), "title": q.model.title}
        for q in course.quizzes
    ]
    return {
        "assessment": assessment,
        "lessons": [e.model.id for e in course.lessons],
        "quizzes": [
            {
                "id": q.model.id,
                "version": quiz_version(q.model),
                "pass": q.model.pass_percent,
                "scenarios": [
                    {"id": s.id, "kinds": [c.kind for c in s.choices]} for s in q.model.scenarios
                ],
            }
            for q in course.quizzes
        ],
        "pages": pages,
    }


def build_site_for_package(config_file: Path, target: Path) -> tuple[str, str, list[str]]:
    """Build the site with MkDocs into `target`; return its name, language and search languages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(
            config_file=str(config_file),
            site_dir=str(target),
            use_directory_urls=False,
            site_url="",
            edit_uri="",
            repo_url="",
        )
        config.extra["generator"] = False
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise PackageError(str(error)) from None
    # MkDocs' own search plugin or Material's ("material/search"), which fills in `lang`
    # from the theme's language while it builds.
    search = next((p for k, p in config.plugins.items() if k.split("/")[-1] == "search"), None)
    languages = list(getattr(search.config, "lang", None) or []) if search else []
    return config.site_name, str(config.theme.get("language") or "en"), languages


def _prune(site: Path, languages: list[str]) -> None:
    for name in ("404.html", "sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    # The search worker loads stemmers only for languages other than English.
    if languages == ["en"]:
        shutil.rmtree(site / "assets" / "javascripts" / "lunr", ignore_errors=True)


def render_launcher(title: str, language: str, data: dict[str, Any]) -> str:
    """The SCO page: the course's shape for the launcher script, and the frame it fills."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    course_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return env.get_template(LAUNCHER).render(
        title=title, language=language, course_json=course_json
    )


def render_manifest(identifier: str, title: str, files: list[str], mastery: int | None) -> bytes:
    """`imsmanifest.xml`: one organisation, one item, one SCO listing every file."""
    for prefix, uri in NAMESPACES.items():
        ElementTree.register_namespace(prefix, uri)
    cp, adl = NAMESPACES[""], NAMESPACES["adlcp"]
    manifest = ElementTree.Element(f"{{{cp}}}manifest", identifier=identifier, version="1.0")
    metadata = ElementTree.SubElement(manifest, f"{{{cp}}}metadata")
    ElementTree.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    ElementTree.SubElement(metadata, f"{{{cp}}}schemaversion").text = "1.2"
    organizations = ElementTree.SubElement(manifest, f"{{{cp}}}organizations", default="org")
    organization = ElementTree.SubElement(organizations, f"{{{cp}}}organization", identifier="org")
    ElementTree.SubElement(organization, f"{{{cp}}}title").text = title
    item = ElementTree.SubElement(
        organization, f"{{{cp}}}item", identifier="item", identifierref="sco", isvisible="true"
    )
    ElementTree.SubElement(item, f"{{{cp}}}title").text = title
    if mastery is not None:
        ElementTree.SubElement(item, f"{{{adl}}}masteryscore").text = str(mastery)
    resources = ElementTree.SubElement(manifest, f"{{{cp}}}resources")
    resource = ElementTree.SubElement(
        resources,
        f"{{{cp}}}resource",
        {
            "identifier": "sco",
            "type": "webcontent",
            f"{{{adl}}}scormtype": "sco",
            "href": LAUNCHER,
        },
    )
    for name in files:
        ElementTree.SubElement(resource, f"{{{cp}}}file", href=quote(name))
    ElementTree.indent(manifest)
    text: bytes = ElementTree.tostring(manifest, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def write_package(
    course: CheckedCourse, config_file: Path, out: Path, assessment: str | None
) -> Package:
    """Build the site, add the launcher and manifest, and write the zip to `out`.

    The zip is written beside `out` and renamed into place, so a failed run leaves no
    half-written package.
    """
    with tempfile.TemporaryDirectory(prefix="servefirst-scorm-") as temp:
        site = Path(temp) / "package"
        title, language, languages = build_site_for_package(config_file, site)
        _prune(site, languages)
        data = course_data(course, assessment)
        (site / LAUNCHER).write_text(render_launcher(title, language, data), encoding="utf-8")
        for source in (*SCRIPTS, *MODULES):
            text = source.read_text(encoding="utf-8")
            (site / ASSETS / source.name).write_text(minify(source.name, text), encoding="utf-8")
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        mastery = next(
            (q.model.pass_percent for q in course.quizzes if q.model.id == assessment), None
        )
        (site / MANIFEST).write_bytes(render_manifest(_identifier(title), title, files, mastery))
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(f".{out.name}.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in [MANIFEST, *files]:
                entry = zipfile.ZipInfo(name, ZIP_DATE)
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, (site / PurePosixPath(name)).read_bytes())
        partial.replace(out)
    return Package(out, out.stat().st_size, len(files) + 1, assessment)


def _identifier(title: str) -> str:
    """A manifest identifier (an XML ID: letters, digits, '-', '_', '.') from the title."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in title.lower())
    return "servefirst-" + "-".join(part for part in slug.split("-") if part)
