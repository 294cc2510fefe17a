"""Author Markdown -> safe HTML, used by the render stage for every Markdown field.

Consumes a trainer's Markdown text (GitHub-flavoured CommonMark, the dialect they know from
GitHub) and a `Links` resolver; produces an HTML fragment that is safe to put in any page.

Why render here instead of handing Markdown to MkDocs: safety then does not depend on the
site's Markdown extensions (`attr_list` would let `{: onclick=...}` through, `md_in_html`
would open raw blocks), and the exported pages stay portable. Why cmark-gfm (`cmarkgfm`,
the renderer PyPI itself uses): it is about ten times faster than the pure-Python parsers,
which keeps the generator's share of a 1,000-lesson build small.

Safety comes in two layers:

1. Raw HTML is shown as text. CommonMark raw HTML always starts with `<`, so each `<` that
   does not open an autolink is swapped for a private-use character before parsing and
   swapped back as `&lt;` after; code spans and blocks display it unchanged. With
   `allow_html` the site opts in and raw HTML is parsed normally.
2. The HTML is sanitised by `nh3` (the Ammonia sanitiser) with an allowlist of tags,
   attributes and URL schemes, so `javascript:` links (in any case or encoding), event
   handlers, `<script>` and `<style>` never survive, even with `allow_html`.

Links written as `lesson:ID`, `quiz:ID` or as a path relative to the YAML file are
resolved through `Links`, which reports the ones that point nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

_SENTINEL = "\ue000"
_AUTOLINK = re.compile(
    r"<(?=[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>)"
)
_OPTIONS = Options.CMARK_OPT_SMART

_SAFE_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "strong", "em", "del", "code", "pre", "a", "img", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
_SAFE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
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

Resolve = Callable[[str], str | None]


@dataclass
class Links:
    """Resolves the links and images of one Markdown field and remembers failures.

    `resolve` maps a URL as written to the URL to publish, or `None` when it points
    nowhere; `broken` collects those, in order, for the caller to report.
    """

    resolve: Resolve
    broken: list[str] = field(default_factory=list)


def _needs_resolving(url: str) -> bool:
    lowered = url.lower()
    return not (lowered.startswith(("http:", "https:", "mailto:", "tel:", "#")) or url == "")


def _filter(links: Links | None) -> Callable[[str, str, str], str | None]:
    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src") and not value.strip():
            return None  # what cmark leaves of a dropped `javascript:` link
        if attribute in ("href", "src") and _needs_resolving(value):
            if links is None:
                return value
            resolved = links.resolve(value)
            if resolved is None:
                links.broken.append(value)
                return None
            return resolved
        return value

    return attribute_filter


def _cmark(text: str, allow_html: bool) -> str:
    if allow_html:
        return str(
            cmarkgfm.github_flavored_markdown_to_html(
                text, options=_OPTIONS | Options.CMARK_OPT_UNSAFE
            )
        )
    masked = _AUTOLINK.sub("\ue001", text).replace("<", _SENTINEL).replace("\ue001", "<")
    html = str(cmarkgfm.github_flavored_markdown_to_html(masked, options=_OPTIONS))
    return html.replace(_SENTINEL, "&lt;").replace("%EE%80%80", "%3C")


_URL_ATTRIBUTE = re.compile(r'(?:href|src)="([A-Za-z][A-Za-z0-9+.-]*):[^"]*"')


def render_markdown(text: str, links: Links | None = None, *, allow_html: bool = False) -> str:
    """Render block Markdown to sanitised HTML."""
    html = _cmark(text, allow_html)
    if links is not None:
        # The sanitiser drops other schemes; name the harmless ones (ftp:, ...) so the
        # trainer can fix them. Script schemes are dropped without a word, by design.
        for match in _URL_ATTRIBUTE.finditer(html):
            if match.group(1).lower() not in _SCHEMES | _SCRIPT_SCHEMES:
                links.broken.append(match.group(0).split('"', 1)[1][:-1])
    return str(
        nh3.clean(
            html,
            tags=_HTML_TAGS if allow_html else _SAFE_TAGS,
            attributes=_HTML_ATTRIBUTES if allow_html else _SAFE_ATTRIBUTES,
            url_schemes=_SCHEMES,
            attribute_filter=_filter(links),
            link_rel=None,
            strip_comments=True,
        )
    ).strip()


_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


def render_inline(text: str, links: Links | None = None, *, allow_html: bool = False) -> str | None:
    """Render one paragraph of Markdown without its `<p>`; `None` if it is not one paragraph."""
    html = render_markdown(text, links, allow_html=allow_html)
    match = _ONE_PARAGRAPH.match(html)
    if match is None or "<p>" in match.group(1):
        return None
    return match.group(1)


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup (for descriptions and word counts)."""
    html = render_markdown(text)
    stripped = nh3.clean(html, tags=set())
    return " ".join(
        stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split()
    )
