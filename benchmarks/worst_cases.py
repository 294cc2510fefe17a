"""Worst-case inputs: how long `servefirst check` and `mkdocs build` take on each.

Each case is the sample course with one lesson file made as hostile as the 1 MB file
limit allows (the inputs issue 14 found to be quadratic or worse). Both commands run with
a time limit; a run that hits it is reported as such. Writes a Markdown report.

    .venv/bin/python benchmarks/worst_cases.py [--out benchmarks/WORST_CASES.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "sample"
LESSON = Path("content/lessons/first-steps.yml")
LIMIT = 120.0
BODY = (
    "    body: |\n      A manager's day fills up fast. This paragraph links to "
    "[the second lesson](lesson:second-look).\n"
)


def _links(text: str) -> str:
    links = "\n      ".join(f"[x{i}](nowhere{i}.md)" for i in range(20_000))
    return text.replace(BODY, f"    body: >\n      {links}\n")


def _deep_list(text: str) -> str:
    return text.replace(BODY, "    body: |\n      " + "- " * 45_000 + "x\n")


def _entity_title(text: str) -> str:
    return text.replace("title: First steps\n", 'title: "' + "&a" * 498_000 + '"\n')


def _entity_body(text: str) -> str:
    """The same references where length is allowed: a Markdown field."""
    return text.replace(BODY, "    body: |\n      " + "&a" * 495_000 + "\n")


CASES: dict[str, tuple[str, Callable[[str], str]]] = {
    "links": ("20,000 broken links in one folded (>) block", _links),
    "deep-list": ("a list nested 45,000 deep (90 KB)", _deep_list),
    "entity-title": ("a 1 MB title of '&a'", _entity_title),
    "entity-body": ("a 1 MB section body of '&a'", _entity_body),
}


def timed(args: list[str], cwd: Path) -> tuple[str, int | None]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, env=env, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return f"> {LIMIT:.0f} s (stopped)", None
    return f"{time.perf_counter() - start:.2f} s", done.returncode


def project(work: Path, name: str, make: Callable[[str], str]) -> Path:
    folder = work / name
    shutil.copytree(SAMPLE, folder)
    config = folder / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "../../../site_overrides", str(ROOT / "site_overrides")
        ),
        encoding="utf-8",
    )
    lesson = folder / LESSON
    text = make(lesson.read_text(encoding="utf-8"))
    lesson.write_text(text, encoding="utf-8")
    assert len(text.encode()) < 1_000_000, name
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "WORST_CASES.md")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, (about, make) in CASES.items():
            folder = project(Path(scratch), name, make)
            check, check_code = timed([str(bin_dir / "servefirst"), "check"], folder)
            build, build_code = timed([str(bin_dir / "mkdocs"), "build", "-q"], folder)
            rows.append(f"| {about} | {check} (exit {check_code}) | {build} (exit {build_code}) |")
            print(rows[-1], flush=True)
    lines = [
        "# Worst-case inputs",
        "",
        f"Made by `benchmarks/worst_cases.py` on {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores; each command is stopped after "
        f"{LIMIT:.0f} s. Exit 1 is a refused course (every problem located); exit 0 a built "
        "site.",
        "",
        "| Input (one lesson file, under the 1 MB limit) | `servefirst check` | `mkdocs build` |",
        "|---|---|---|",
        *rows,
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
