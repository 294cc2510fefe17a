"""The benchmark runs end to end at its smallest size and writes a complete report.

Only the shape of the report is checked: timings on a shared machine are not a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SECTIONS = [
    "# Benchmark results",
    "## Machine and versions",
    "## Targets",
    "## Build time: plugin versus plain MkDocs",
    "## `servefirst check`",
    "## Bytes Serve First adds",
    "### Transfer of one page",
    "## Course sizes",
]


def test_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "10",
            "--repeat",
            "1",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert f"\n{heading}\n" in f"\n{text}", f"missing section {heading!r}"
    for name in ("Python", "mkdocs", "mkdocs-material", "pyyaml", "nh3", "pydantic"):
        assert f"| {name} | " in text, f"missing version of {name}"
    build = text.split("## Build time", 1)[1].split("\n## ", 1)[0]
    assert any(line.startswith("| 10 | ") for line in build.splitlines()), build
    assert "assets/servefirst/servefirst.js" in text
    assert "assets/servefirst/servefirst.css" in text
    assert "0 errors" in text  # the synthetic course passes `servefirst check`
    assert "Third-party stylesheets or scripts: none." in text
