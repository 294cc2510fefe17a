"""Plain text made safe for the places the generator hands it to: the theme and Markdown.

Titles and descriptions are read by Material's templates, which do not escape them (see
`../shared/FACTS.md`: a title of `</title><script>` runs the script, and `striptags` turns
`&lt;` back into `<`). So text for the theme must be harmless *as raw HTML* in both text
and attribute positions: angle brackets and double quotes become look-alike typographic
characters and an `&` that would start a character reference becomes a full-width one.
Headings written into generated Markdown are escaped for Python-Markdown instead, so that
no extension (attribute lists, raw HTML, emphasis) can read anything into them.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_LOOKALIKES = {"<": "\u2039", ">": "\u203a", "&": "\uff06", "open": "\u201c", "close": "\u201d"}
_REFERENCE = re.compile(r"&(?=#?[A-Za-z0-9]+;?)")
# Python-Markdown's own backslash escapes, and characters that extensions give meaning to
# (tables, strike-through, marks, emoji) written as numeric references instead.
_BACKSLASHED = set("\\`*_{}[]()#+-.!")
_ENTITIES = set("|~^=:$")


def one_line(text: str) -> str:
    """Collapse all runs of whitespace (including newlines) into single spaces."""
    return " ".join(text.split())


def theme_text(text: str) -> str:
    """Text the theme may print raw, in element text or inside a double-quoted attribute."""
    text = one_line(text)
    text = _REFERENCE.sub(lambda m: _LOOKALIKES["&"] if _decodes(text, m.start()) else "&", text)
    text = text.replace("<", _LOOKALIKES["<"]).replace(">", _LOOKALIKES[">"])
    text = re.sub(r'(^|(?<=\s))"', _LOOKALIKES["open"], text)
    return text.replace('"', _LOOKALIKES["close"])


def _decodes(text: str, start: int) -> bool:
    chunk = text[start : start + 40]
    return not html.unescape(chunk).startswith(chunk[:2])


def markdown_heading(text: str) -> Markup:
    """Plain text as the content of a Markdown heading line, shown exactly as written."""
    out = []
    for char in one_line(text):
        if char in _BACKSLASHED:
            out.append("\\" + char)
        elif char in _ENTITIES or char in "<>&":
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return Markup("".join(out))
