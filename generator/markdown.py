"""Author Markdown -> safe HTML, used by the render stage for every Markdown field.

Consumes a trainer's Markdown text (CommonMark with tables, strike-through and typographic
quotes and dashes) and a link resolver; produces an HTML fragment that is safe to put in
any page.

Why render here instead of handing Markdown to MkDocs: safety then does not depend on the
site's Markdown extensions (`attr_list` would let `{: onclick=...}` through, `md_in_html`
would open raw blocks), and the exported pages stay portable. Why `pyromark` (the Rust
pulldown-cmark parser): it renders a field in about 10 microseconds and keeps no memory
between calls, which keeps the generator's share of a 1,000-lesson build small (cmark-gfm's
Python binding was measured leaking its parse tree, 6 KB a call, and Python-Markdown and
markdown-it-py are about ten times slower).

Safety comes in two layers:

1. Raw HTML is shown as text. CommonMark raw HTML always starts with `<`, so each `<` that
   does not open an autolink is swapped for a private-use character before parsing and
   swapped back as `&lt;` after; code spans and blocks display it unchanged. With
   `allow_html` the site opts in and raw HTML is parsed normally.
2. The HTML is sanitised by `nh3` (the Ammonia sanitiser) with an allowlist of tags,
   attributes and URL schemes, so `javascript:` links (in any case or encoding), event
   handlers, `<script>` and `<style>` never survive, even with `allow_html`.

Links written as `lesson:ID`, `quiz:ID` or as a path relative to the YAML file are
resolved through the renderer's resolver, which names the ones that point nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import nh3
import pyromark

_PRIVATE_USE = range(0xE000, 0xF900)
_AUTOLINK = re.compile(
    r"<(?=[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>)"
)
_PARSER = pyromark.Markdown(
    options=pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_SMART_PUNCTUATION
)

_SAFE_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "strong", "em", "del", "code", "pre", "a", "img", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
_SAFE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
_HTML_TAGS = (nh3.ALLOWED_TAGS | _SAFE_TAGS) - {"area", "map"}
_HTML_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "*": {"class", "lang", "dir"},
}
_SCHEMES = {"http", "https", "mailto", "tel", "lesson", "quiz"}
_SCRIPT_SCHEMES = {"javascript", "vbscript", "data", "file"}
_URL_ATTRIBUTE = re.compile(r'(?:href|src)="([A-Za-z][A-Za-z0-9+.-]*):[^"]*"')
_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)
_ALIGN = re.compile(r"\Atext-align: (left|center|right)\Z")

Resolve = Callable[[str], str | None]


MAX_NESTING = 12
_NESTING_TAG = re.compile(r"<(/?)(?:ul|ol|blockquote)\b")


def _nesting_depth(html: str) -> int:
    """How deep lists and block quotes nest in `html` (one pass over its tags)."""
    depth = deepest = 0
    for match in _NESTING_TAG.finditer(html):
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def _unused_markers(text: str) -> tuple[str, str]:
    """Two private-use characters that do not occur in `text` (a text of at most 1 MB
    cannot hold all 6,400)."""
    present = set(text) if any("\ue000" <= char <= "\uf8ff" for char in text) else set()
    free = (chr(code) for code in _PRIVATE_USE if chr(code) not in present)
    return next(free), next(free)


def _needs_resolving(url: str) -> bool:
    lowered = url.lower()
    return not (lowered.startswith(("http:", "https:", "mailto:", "tel:", "#")) or url == "")


@dataclass
class _Links:
    """What the sanitiser's attribute filter needs; holds no reference back to the cleaner.

    (A filter bound to the renderer would make a cycle through the Rust-side cleaner that
    Python's garbage collector cannot see, and every renderer would be kept forever.)
    """

    resolve: Resolve | None
    broken: list[str] = field(default_factory=list)

    def filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "style":
            # Only the column alignment that tables carry.
            return value if _ALIGN.match(value) else None
        if attribute not in ("href", "src"):
            return value
        if not value.strip():
            return None
        if self.resolve is None or not _needs_resolving(value):
            return value
        resolved = self.resolve(value)
        if resolved is None:
            self.broken.append(value)
            return None
        return resolved or None


class MarkdownRenderer:
    """Renders the Markdown fields of one page with one sanitiser and one link resolver.

    `resolve` maps a link or image address as written to the address to publish, `""` to
    drop the link but keep its text (a draft), or `None` when it points nowhere; after each
    call, `broken` lists the addresses of that call which pointed nowhere.
    """

    def __init__(self, resolve: Resolve | None = None, *, allow_html: bool = False) -> None:
        self.allow_html = allow_html
        self.refused: str | None = None
        self._links = _Links(resolve)
        self._cleaner = nh3.Cleaner(
            tags=_HTML_TAGS if allow_html else _SAFE_TAGS,
            attributes=_HTML_ATTRIBUTES if allow_html else _SAFE_ATTRIBUTES,
            url_schemes=_SCHEMES,
            attribute_filter=self._links.filter,
            link_rel=None,
            strip_comments=True,
        )

    @property
    def broken(self) -> list[str]:
        return self._links.broken

    def _html(self, text: str) -> str:
        if self.allow_html:
            return str(_PARSER.html(text))
        # Every `<` that is not an autolink is hidden from the parser behind a marker
        # character and comes back as `&lt;`. The markers are private-use characters this
        # text does not hold, so no author text can forge one.
        bracket, autolink = _unused_markers(text)
        masked = _AUTOLINK.sub(autolink, text).replace("<", bracket).replace(autolink, "<")
        html = str(_PARSER.html(masked))
        encoded = quote(bracket)
        return html.replace(bracket, "&lt;").replace(encoded, "%3C")

    def block(self, text: str) -> str:
        """Render block Markdown to sanitised HTML.

        Text whose lists or quotes nest deeper than `MAX_NESTING` renders as nothing and
        sets `refused`: the sanitiser's time grows with the square of the depth (a
        45,000-deep list took 12 s), and no reader follows such a text anyway.
        """
        self._links.broken = []
        self.refused = None
        html = self._html(text)
        depth = _nesting_depth(html)
        if depth > MAX_NESTING:
            self.refused = (
                f"lists or quotes are nested {depth} levels deep here; "
                f"at most {MAX_NESTING} are allowed (flatten them)"
            )
            return ""
        if self._links.resolve is not None:
            # The sanitiser drops other schemes; name the harmless ones (ftp:, ...) so the
            # trainer can fix them. Script schemes are dropped without a word, by design.
            for match in _URL_ATTRIBUTE.finditer(html):
                if match.group(1).lower() not in _SCHEMES | _SCRIPT_SCHEMES:
                    self._links.broken.append(match.group(0).split('"', 1)[1][:-1])
        return str(self._cleaner.clean(html)).strip()

    def inline(self, text: str) -> str | None:
        """Render one paragraph without its `<p>`; `None` if the text is not one paragraph."""
        match = _ONE_PARAGRAPH.match(self.block(text))
        if match is None or "<p>" in match.group(1):
            return None
        return match.group(1)


def render_markdown(text: str, *, allow_html: bool = False) -> str:
    """Block Markdown to sanitised HTML, links left as written (descriptions, tests)."""
    return MarkdownRenderer(None, allow_html=allow_html).block(text)


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup (for descriptions)."""
    stripped = nh3.clean(render_markdown(text), tags=set())
    return " ".join(
        stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split()
    )


def word_count(text: str) -> int:
    """About how many words a Markdown text has: its whitespace-separated runs.

    Close enough for reading time and the "short feedback" lint (markup such as list
    bullets adds a word here and there), and it costs nothing next to rendering.
    """
    return len(text.split())
