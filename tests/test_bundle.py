"""The committed browser bundle is the one scripts/bundle builds from today's sources.

Consumes generator/browser/*.js through esbuild (pinned in package-lock.json, installed by
`scripts/setup --test`) and compares the result byte for byte with
generator/browser/dist/servefirst.js, the file sites ship. A source edited without
rebuilding fails here, not in a learner's browser.
"""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

from generator.assets import BUNDLE, SCRIPT, STYLESHEET, own_assets

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 12_000  # bytes, gzip -9, of the project's own JS and CSS a page loads (issue 11)


def test_the_committed_bundle_is_built_from_the_sources(tmp_path: Path) -> None:
    assert (ROOT / "node_modules" / ".bin" / "esbuild").exists(), (
        "esbuild is missing: run `npm ci` (scripts/setup --test does)"
    )
    fresh = tmp_path / "servefirst.js"
    subprocess.run(["bash", "scripts/bundle", str(fresh)], cwd=ROOT, check=True, timeout=120)
    assert fresh.read_bytes() == BUNDLE.read_bytes(), (
        "generator/browser/dist/servefirst.js is stale: run `bash scripts/bundle` and commit it"
    )


def test_a_site_ships_one_script_and_one_stylesheet_within_the_budget() -> None:
    assets = own_assets(minified=True)
    assert sorted(assets) == sorted([SCRIPT, STYLESHEET])
    shipped = sum(len(gzip.compress(text.encode(), 9, mtime=0)) for text in assets.values())
    assert shipped < BUDGET, f"own JS and CSS is {shipped} bytes gzipped, over {BUDGET}"
    assert "import " not in assets[SCRIPT].split("\n", 1)[1], "the bundle still imports modules"


def test_readable_assets_are_the_modules_as_written() -> None:
    assets = own_assets(minified=False)
    sources = ROOT / "generator" / "browser"
    assert set(assets) == {
        f"assets/servefirst/{p.name}" for p in sources.iterdir() if p.suffix in (".js", ".css")
    }
    assert assets[SCRIPT] == (sources / "servefirst.js").read_text(encoding="utf-8")
