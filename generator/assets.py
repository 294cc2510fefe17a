"""Serve First's own scripts and stylesheet, shipped inside the package.

Consumes the readable sources in `generator/browser/` and produces the files a site
publishes under `assets/servefirst/`: one script and one stylesheet, minified unless the
site asks for the readable modules (`minify_assets: false`). The plugin adds them itself
(no `custom_dir`, no copied files), so any MkDocs Material site that lists the plugin gets
the quiz, and a site's own theme overrides keep working.

The script is bundled ahead of time, as Material ships its own: esbuild (pinned in
package-lock.json, run by scripts/bundle) joins the modules and shortens local names into
`browser/dist/servefirst.js`, which is committed and packaged, so trainers need no Node
toolchain; tests/test_bundle.py rebuilds it and fails when it is stale. Bundled, the
script is 8.3 KB gzipped against 11.5 KB for the modules minified one by one, which keeps
the project's own JS and CSS under 12 KB. The stylesheet and the SCORM scripts only need
stripping, done here by rcssmin and rjsmin (C extensions, deterministic output).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

ASSET_DIR = "assets/servefirst/"
SOURCES = Path(__file__).parent / "browser"
STYLESHEET = ASSET_DIR + "servefirst.css"
SCRIPT = ASSET_DIR + "servefirst.js"


BUNDLE = SOURCES / "dist" / "servefirst.js"


def own_assets(minified: bool) -> dict[str, str]:
    """Site-relative URI -> text of every script and stylesheet a site publishes.

    Minified: the bundle and the stripped stylesheet. Readable: every module as written,
    which the browser loads through the entry module's imports.
    """
    if minified:
        css = (SOURCES / "servefirst.css").read_text(encoding="utf-8")
        return {SCRIPT: BUNDLE.read_text(encoding="utf-8"), STYLESHEET: minify(STYLESHEET, css)}
    return {
        ASSET_DIR + source.name: source.read_text(encoding="utf-8")
        for source in sorted(SOURCES.iterdir())
        if source.suffix in (".js", ".css")
    }


def minify(uri: str, text: str) -> str:
    """`text` of the asset at `uri` without comments and spare whitespace."""
    out: str = rcssmin.cssmin(text) if uri.endswith(".css") else rjsmin.jsmin(text)
    return out
