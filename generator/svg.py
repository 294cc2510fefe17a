"""SVG images must be inert: a published SVG file -> located problems.

A browser that opens an `.svg` file on its own (a learner following a link to a diagram)
treats it as a document of the site: its scripts run with the site's origin and can read
every learner's saved progress. So an SVG in the course may not hold scripts
(`<script>`, `on...` event handlers, `javascript:` addresses, animations that set them),
HTML (`<foreignObject>`, `<iframe>`, `<object>`, `<embed>`), references to other sites
(links, images, fonts or style sheets fetched from elsewhere, which could track learners
or change what the image shows), or entity declarations (which can hide any of these).

These are refused, not sanitised: a cleaned copy would publish a file the trainer never
saw, and an exported drawing with a script in it is better exported again. Each problem
names the line and column of the element or attribute. Embedded raster images
(`data:image/png;...`) and references inside the site (`#id`, `other.svg`) are fine.

The file is parsed with expat, which reads nothing but the file: no DTD or external
entity is fetched, and parsing stops at the first entity declaration, so it cannot blow
up in memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from generator.problems import Position, Problem

ACTIVE_ELEMENTS = {
    "script": "a <script> runs in the site when the image is opened",
    "handler": "a <handler> runs script when the image is opened",
    "listener": "a <listener> runs script when the image is opened",
    "foreignobject": "a <foreignObject> holds HTML (forms, frames, script)",
    "iframe": "an <iframe> loads another page into the image",
    "frame": "a <frame> loads another page into the image",
    "object": "an <object> loads other content into the image",
    "embed": "an <embed> loads other content into the image",
    "applet": "an <applet> runs a program",
}
URL_ATTRIBUTES = {"href", "src", "base", "action", "formaction", "data"}
SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif)[;,]", re.IGNORECASE)
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
MAX_PROBLEMS = 20
FIX = "remove it (or export the drawing again as a plain SVG)"


class _Stop(Exception):
    """Ends parsing early (an entity declaration, or enough problems found)."""


def is_external(url: str) -> bool:
    """True if `url` reaches outside the site (a scheme or `//`), bar an embedded image."""
    url = url.strip()
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    return bool(SCHEME.match(url)) and not SAFE_DATA.match(url)


def _runs_script(value: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    return any(scheme in squeezed for scheme in SCRIPT_SCHEMES)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].lower()


def _css_problems(css: str) -> list[str]:
    found = []
    if "@import" in css.lower():
        found.append(f"an @import loads a style sheet from elsewhere; {FIX}")
    for _, url in CSS_URL.findall(css):
        if is_external(url):
            found.append(f"a style loads '{url[:60]}' from outside the site; {FIX}")
    return found


def _attribute_problems(element: str, name: str, value: str) -> list[str]:
    if name.startswith("on"):
        return [f"'{name}' is an event handler: it runs script; {FIX}"]
    if _runs_script(value):
        return [f"'{name}' holds a script address ({value.strip()[:60]}); {FIX}"]
    if name in URL_ATTRIBUTES and is_external(value):
        return [f"'{name}' points outside the site ('{value.strip()[:60]}'); {FIX}"]
    if name == "attributename" and element in {"set", "animate"}:
        animated = value.strip().lower().rsplit(":", 1)[-1]
        if animated == "href" or animated.startswith("on"):
            return [f"an <{element}> that changes '{value.strip()}' can make a script link; {FIX}"]
    return _css_problems(value) if "url(" in value.lower() or name == "style" else []


def check_svg(path: Path) -> list[Problem]:
    """Every way the SVG at `path` could run script or reach another site, located."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [Problem(path, Position(1, 1), f"cannot read this file: {error.strerror}")]
    parser = expat.ParserCreate(namespace_separator=" ")
    problems: list[Problem] = []
    elements: list[str] = []
    styles: list[str] = []

    def report(message: str) -> None:
        where = Position(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        problems.append(Problem(path, where, message))
        if len(problems) >= MAX_PROBLEMS:
            raise _Stop

    def start(name: str, attributes: dict[str, str]) -> None:
        element = _local(name)
        elements.append(element)
        if element in ACTIVE_ELEMENTS:
            report(f"{ACTIVE_ELEMENTS[element]}; {FIX}")
        for attribute, value in attributes.items():
            for message in _attribute_problems(element, _local(attribute), value):
                report(message)

    def end(name: str) -> None:
        if elements.pop() == "style":
            for message in _css_problems("".join(styles)):
                report(message)
        styles.clear()

    def text(data: str) -> None:
        if elements and elements[-1] == "style":
            styles.append(data)

    def instruction(target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            report(f"<?xml-stylesheet?> loads a style sheet; {FIX}")

    def entity(*_: object) -> None:
        report(f"the file declares entities (<!ENTITY>), which can hide anything; {FIX}")
        raise _Stop

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = instruction
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as error:
        problems.append(
            Problem(
                path,
                Position(error.lineno, error.offset + 1),
                f"the image is not well-formed XML ({expat.errors.messages[error.code]}); "
                "a browser would show an error instead of the image",
            )
        )
    return problems
