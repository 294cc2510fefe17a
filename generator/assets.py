"""Serve First's own scripts and stylesheet, shipped inside the package.

Consumes the readable sources in `generator/browser/` and produces the files a site
publishes under `assets/servefirst/`, minified unless the site asks otherwise. The plugin
adds them itself (no `custom_dir`, no copied files), so any MkDocs Material site that lists
the plugin gets the quiz, and a site's own theme overrides keep working.

rjsmin and rcssmin only strip (no renaming, no rewriting), so the code that runs is the
code that was reviewed, and the output is deterministic, which the reproducible-build
test relies on. They are C extensions with no dependencies: no Node toolchain and no
build step for trainers.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

ASSET_DIR = "assets/servefirst/"
SOURCES = Path(__file__).parent / "browser"
STYLESHEET = ASSET_DIR + "servefirst.css"
SCRIPT = ASSET_DIR + "servefirst.js"


def own_assets(minified: bool) -> dict[str, str]:
    """Site-relative URI -> text of every script and stylesheet the package ships."""
    assets = {}
    for source in sorted(SOURCES.iterdir()):
        if source.suffix in (".js", ".css"):
            uri = ASSET_DIR + source.name
            text = source.read_text(encoding="utf-8")
            assets[uri] = minify(uri, text) if minified else text
    return assets


def minify(uri: str, text: str) -> str:
    """`text` of the asset at `uri` without comments and spare whitespace."""
    out: str = rcssmin.cssmin(text) if uri.endswith(".css") else rjsmin.jsmin(text)
    return out
