"""Plain text made safe for the places the generator hands it to: the theme and Markdown.

Titles and descriptions are read by Material's templates, which do not escape them (as
measured with Material 9.7: a title of `</title><script>` runs the script, and
`striptags` turns `&lt;` back into `<`). So text for the theme must be harmless *as raw
HTML* in both text and attribute positions: angle brackets and double quotes become
look-alike typographic characters and an `&` that would start a character reference
becomes a full-width one.
Headings written into generated Markdown are escaped for Python-Markdown instead, so that
no extension (attribute lists, raw HTML, emphasis) can read anything into them.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

_LOOKALIKES = {"<": "\u2039", ">": "\u203a", "&": "\uff06", "open": "\u201c", "close": "\u201d"}
# A character reference as HTML reads it: `&name`, `&#digits`, `&#xhex`, `;` optional.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
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
    text = _REFERENCE.sub(_neutral_reference, text)
    text = text.replace("<", _LOOKALIKES["<"]).replace(">", _LOOKALIKES[">"])
    text = re.sub(r'(^|(?<=\s))"', _LOOKALIKES["open"], text)
    return text.replace('"', _LOOKALIKES["close"])


def _neutral_reference(match: re.Match[str]) -> str:
    """A reference the browser would decode keeps its text but loses its power: its `&`
    becomes a look-alike. Each reference is looked at once, so this is linear."""
    reference = match.group()
    if html.unescape(reference) == reference:
        return reference
    return _LOOKALIKES["&"] + reference[1:]


# Characters a YAML reader refuses or reads as line breaks, even inside a quoted value.
_NOT_YAML_TEXT = re.compile(
    "[^\\x09\\x0a\\x20-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]"
)


def front_matter_value(text: str) -> str:
    """`text` made safe for the theme, as a double-quoted YAML value for a page's front
    matter. Characters YAML would refuse are written as escapes, so the front matter is
    always valid: MkDocs shows invalid front matter as page text, where Markdown
    extensions would read it."""
    quoted = json.dumps(theme_text(text), ensure_ascii=False)
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


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
