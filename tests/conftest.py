"""Shared fixtures: sample projects in tmp_path, real builds, a local web server, Chromium.

Browser tests drive Debian's /usr/bin/chromium through Playwright (its own browser
download is not available here). Sites are served from a local HTTP server under a
project path (/serve-first/), the way GitHub Pages serves a project site, with `site_url`
pointing at that address so Material's instant navigation engages.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("SERVEFIRST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ["NO_MKDOCS_2_WARNING"] = "1"
os.environ["DISABLE_MKDOCS_2_WARNING"] = "true"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the expected files of golden tests instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def run(
    args: list[str], cwd: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a command with the project's Python tools on PATH; capture its output."""
    environment = {**os.environ, **env}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment
    )


def copy_project(source: Path, target: Path) -> Path:
    """Copy a sample project, pointing its theme at this repository's overrides."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site", ".servefirst-export"))
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    overrides = (ROOT / "site_overrides").as_posix()
    lines = [
        f"  custom_dir: {overrides}" if line.strip().startswith("custom_dir:") else line
        for line in text.splitlines()
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the small sample course."""
    return copy_project(FIXTURES / "sample", tmp_path / "sample")


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A fresh copy of the real course (content, quizzes, overrides, mkdocs.yml)."""
    target = tmp_path / "course"
    target.mkdir()
    for name in ("content", "quizzes", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return copy_project_config(target)


def copy_course(project: Path) -> Path:
    """This repository's course (content, quizzes, schemas, mkdocs.yml) in `project`."""
    project.mkdir(parents=True)
    for name in ("content", "quizzes", "schemas"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return copy_project_config(project)


def copy_project_config(target: Path) -> Path:
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "custom_dir: site_overrides", f"custom_dir: {(ROOT / 'site_overrides').as_posix()}"
        ),
        encoding="utf-8",
    )
    return target


def set_plugin_option(site: Path, option: str) -> None:
    """Add `option` ("name: value") to the servefirst plugin in `site`'s mkdocs.yml."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - servefirst:\n", f"  - servefirst:\n      {option}\n"), encoding="utf-8"
    )


def mkdocs_build(
    project: Path, *extra: str, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`, as a trainer runs it."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", *extra]
    env = {"SERVEFIRST_SITE_URL": site_url} if site_url else {}
    if site_url:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        lines = [
            f"site_url: {site_url}" if line.startswith("site_url:") else line
            for line in text.splitlines()
        ]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run(args, project, **env)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; unknown paths under the project get its 404 page, like GitHub Pages."""

    not_found_page: Path | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and self.not_found_page and self.not_found_page.is_file():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@dataclass
class Served:
    """A built site served at `url` (ending in '/')."""

    url: str
    site: Path
    project: Path


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve an already built `site` folder at http://127.0.0.1:PORT/<its name>/."""
    with serve_port() as (_, start), start(site) as url:
        yield url


def build_and_serve(project: Path, www: Path, mount: str = "serve-first") -> Iterator[Served]:
    """Build `project` into www/<mount>/ with a site_url equal to where it is served."""
    site = www / mount
    with serve_port() as (port, start):
        url = f"http://127.0.0.1:{port}/{mount}/"
        result = mkdocs_build(project, "-d", str(site), site_url=url)
        assert result.returncode == 0, result.stderr
        with start(site) as served_url:
            assert served_url == url
            yield Served(url=url, site=site, project=project)


@contextlib.contextmanager
def serve_port() -> Iterator[tuple[int, Callable[[Path], contextlib.AbstractContextManager[str]]]]:
    """Reserve a port, then serve a site on it once it is built."""
    port = free_port()

    @contextlib.contextmanager
    def start(site: Path) -> Iterator[str]:
        handler = type("Handler", (_Handler,), {"not_found_page": site / "404.html"})
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(site.parent))
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{port}/{site.name}/"
        finally:
            server.shutdown()
            server.server_close()

    yield port, start


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The real course, built once per session and served under /serve-first/."""
    base = tmp_path_factory.mktemp("course-site")
    yield from build_and_serve(copy_course(base / "project"), base / "www")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample course, built once per session and served under /serve-first/."""
    base = tmp_path_factory.mktemp("sample-site")
    project = copy_project(FIXTURES / "sample", base / "project")
    yield from build_and_serve(project, base / "www")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium, shared by the session's browser tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/setup --test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A fresh browser profile (empty storage) for one test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> Iterator[object]:
    """A page that fails the test on any JavaScript error."""
    tab = context.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert not errors, f"JavaScript errors: {errors}"


# A lesson (and, in the fixtures, its quiz and scenario) named after a property every
# JavaScript object inherits: browser code must treat ids as plain keys.
CONSTRUCTOR_LESSON = {
    "id": "constructor",
    "title": "Built from parts",
    "order": 3,
    "summary": "A lesson whose id every JavaScript object inherits.",
    "sections": [{"heading": "Parts", "body": "Look at the parts."}],
    "quiz": "constructor",
}


@pytest.fixture(scope="session")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample course plus names that trip up plain objects and choices kept in order.

    A lesson, quiz and scenario all named `constructor` (a property every JavaScript
    object inherits), a quiz with `shuffle: false`, and in the sample quiz one scenario
    with `shuffle: false`.
    """
    base = tmp_path_factory.mktemp("tricky-site")
    project = copy_project(FIXTURES / "sample", base / "project")
    lesson = dict(CONSTRUCTOR_LESSON)
    choices = [
        {"text": f"Choice {n}.", "kind": kind, "feedback": f"Feedback on choice {n}."}
        for n, kind in enumerate(["self-serving", "service-oriented"] * 3, start=1)
    ]
    quiz = {
        "id": "constructor",
        "title": "Quiz: Built from parts",
        "lesson": "constructor",
        "shuffle": False,
        "scenarios": [{"id": "constructor", "situation": "Parts arrive.", "choices": choices}],
    }
    first = project / "quizzes" / "first-steps.yml"
    sample = yaml.safe_load(first.read_text(encoding="utf-8"))
    sample["scenarios"][1]["shuffle"] = False
    for path, data in (
        (project / "content" / "lessons" / "constructor.yml", lesson),
        (project / "quizzes" / "constructor.yml", quiz),
        (first, sample),
    ):
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    yield from build_and_serve(project, base / "www")
