"""`mkdocs serve` on a loopback port: YAML edits show without a restart, errors keep it up."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import free_port


class Server:
    """A running `mkdocs serve` whose log lines are collected as they arrive."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/sample/"
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: Callable[[], bool], seconds: float = 40) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("mkdocs serve stopped:\n" + "".join(self.log))
            if what():
                return
            time.sleep(0.3)
        pytest.fail("timed out; server log:\n" + "".join(self.log))


@pytest.fixture
def server(sample: Path) -> Iterator[Server]:
    running = Server(sample)
    try:
        running.wait_for(lambda: running.get("") is not None, 60)
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)


def test_a_yaml_edit_shows_without_a_restart_and_errors_keep_the_server_up(
    sample: Path, server: Server
) -> None:
    lesson = sample / "content" / "lessons" / "first-steps.yml"
    quiz = sample / "quizzes" / "first-steps.yml"
    page = "lessons/first-steps/"
    assert "Who is this for?" in (server.get(page) or "")

    lesson.write_text(lesson.read_text().replace("Who is this for?", "Who is it for, really?"))
    server.wait_for(lambda: "Who is it for, really?" in (server.get(page) or ""))

    quiz.write_text(quiz.read_text().replace("Marcus suggests", "Mina suggests"))
    server.wait_for(lambda: "Mina suggests" in (server.get(page + "quiz/") or ""))

    lesson.write_text(lesson.read_text().replace("title: First steps", "titel: First steps"))
    server.wait_for(lambda: any("unknown field 'titel'" in line for line in server.log))
    located = [line for line in server.log if "first-steps.yml:3:1: error:" in line]
    assert located, "".join(server.log)
    assert not any("Traceback" in line for line in server.log)
    # Every page answers at once with the problems, located, instead of hanging.
    server.wait_for(lambda: "The course did not build" in (server.get(page) or ""))
    for path in ("", page, page + "quiz/"):
        shown = server.get(path) or ""
        assert "first-steps.yml:3:1: error: unknown field &#x27;titel&#x27;" in shown, path
    assert "livereload" in (server.get("") or "")  # it reloads itself after the next save
    assert server.process.poll() is None

    lesson.write_text(lesson.read_text().replace("titel: First steps", "title: Fixed steps"))
    server.wait_for(lambda: "Fixed steps" in (server.get(page) or ""))


def test_the_preview_shows_trainer_pages_and_edit_links(sample: Path, server: Server) -> None:
    guide = sample / "content" / "trainers" / "index.md"
    guide.parent.mkdir()
    guide.write_text("# Trainer's guide\n\nHow to run the course.\n", encoding="utf-8")
    server.wait_for(lambda: "How to run the course" in (server.get("trainers/") or ""))
    lesson = server.get("lessons/first-steps/") or ""
    assert "edit/main/content/lessons/first-steps.yml" in lesson
    assert "Trainer" in lesson.split('class="md-nav md-nav--primary"', 1)[1]


def test_drafts_are_previewed_by_serve(sample: Path) -> None:
    lesson = sample / "content" / "lessons" / "second-look.yml"
    lesson.write_text(lesson.read_text() + "draft: true\n")
    running = Server(sample)
    try:
        running.wait_for(lambda: running.get("") is not None, 60)
        assert "Looking again" in (running.get("lessons/second-look/") or "")
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)
