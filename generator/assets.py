"""Serve First's own scripts and stylesheets, minified for the built site.

Consumes the readable sources in `site_overrides/assets/servefirst/` and produces the
same files without comments and spare whitespace. The sources stay the reviewed,
commented ES modules the Node tests import; learners download the minified copies.

rjsmin and rcssmin only strip (no renaming, no rewriting), so the code that runs is the
code that was reviewed, and the output is deterministic, which the reproducible-build
test relies on. They are C extensions with no dependencies: no Node toolchain and no
build step for trainers.
"""

from __future__ import annotations

import rcssmin
import rjsmin

ASSET_DIR = "assets/servefirst/"


def is_own_asset(uri: str) -> bool:
    """True for a script or stylesheet Serve First ships (a site-relative URI)."""
    return uri.startswith(ASSET_DIR) and uri.endswith((".js", ".css"))


def minify(uri: str, text: str) -> str:
    """`text` of the asset at `uri` without comments and spare whitespace."""
    out: str = rcssmin.cssmin(text) if uri.endswith(".css") else rjsmin.jsmin(text)
    return out
