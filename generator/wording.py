"""The words a learner reads from Serve First, in the site's language.

Consumes the catalogues in `generator/locales/` (one JSON object per language, flat
dotted keys) and produces the strings for one page: the site's language first, English
for any key the language lacks, then the site's own overrides (the plugin's `strings`
option), so a trainer can reword one label without forking a catalogue.

A value is either a string with `{name}` placeholders or, where a number decides the
grammar, an object of CLDR plural categories ("one", "other", ...): the browser picks the
form with `Intl.PluralRules` and formats numbers with `Intl.NumberFormat` in the page's
language, so "1 von 6" and "83,3 %" come out right without rules of our own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

LOCALES = Path(__file__).parent / "locales"
FALLBACK = "en"

Catalogue = Mapping[str, Any]


def languages() -> list[str]:
    """The languages Serve First ships, as their catalogue names."""
    return sorted(path.stem for path in LOCALES.glob("*.json"))


@cache
def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LOCALES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _shipped(language: str) -> str | None:
    """The catalogue for `language` ("de", "de-CH", "de_AT"), or None."""
    tag = language.replace("_", "-").lower()
    for name in (tag, tag.split("-")[0]):
        if name in languages():
            return name
    return None


def catalogue(language: str | None, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every string for a page in `language`: its catalogue over English, then overrides."""
    words = dict(_read(FALLBACK))
    name = _shipped(language or FALLBACK)
    if name and name != FALLBACK:
        words.update(_read(name))
    words.update(overrides or {})
    return words


def script_tag(words: Catalogue) -> str:
    """The catalogue as an inert JSON block the browser code reads (`#sf-strings`)."""
    text = json.dumps(words, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="sf-strings">{text}</script>'
