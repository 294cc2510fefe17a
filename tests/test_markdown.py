"""Author Markdown is rendered safely: a table of inputs and what must (not) come out."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.escape import markdown_heading, theme_text
from generator.markdown import MarkdownRenderer, plain_text, render_markdown

UNSAFE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    '<div onclick="alert(1)">x</div>',
    "<style>body{display:none}</style>",
    "<iframe src=https://example.org></iframe>",
    '{: onclick="alert(1)"} text',
    "<svg onload=alert(1)>",
]


class _Elements(HTMLParser):
    """Collects every element and attribute a browser would create from some HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def dangers(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.found:
        if tag in {"script", "style", "iframe", "svg", "object", "embed", "link", "meta", "form"}:
            found.append(f"<{tag}>")
        for name, value in attrs:
            url = "".join((value or "").split()).lower()
            if name.startswith("on") or name == "style":
                found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and url.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{tag}[{name}={value}]")
    return found


@pytest.mark.parametrize("text", UNSAFE)
@pytest.mark.parametrize("allow_html", [False, True])
def test_no_script_survives(text: str, allow_html: bool) -> None:
    html = render_markdown(text, allow_html=allow_html)
    assert dangers(html) == [], html


def test_raw_html_is_shown_as_text_unless_the_site_opts_in() -> None:
    assert render_markdown("Use <b>bold</b>.") == "<p>Use &lt;b&gt;bold&lt;/b&gt;.</p>"
    assert render_markdown("Use <b>bold</b>.", allow_html=True) == "<p>Use <b>bold</b>.</p>"


def test_code_shows_angle_brackets_unchanged() -> None:
    assert render_markdown("`<div>`") == "<p><code>&lt;div&gt;</code></p>"
    assert "&lt;div&gt;" in render_markdown("```\n<div>\n```")


def test_autolinks_and_typography_still_work() -> None:
    html = render_markdown('See <https://example.org> -- "quoted".')
    assert '<a href="https://example.org">https://example.org</a>' in html
    assert "–" in html and "“quoted”" in html


def test_links_are_resolved_or_reported() -> None:
    renderer = MarkdownRenderer(lambda url: {"lesson:a": "../a/"}.get(url))
    html = renderer.block("[A](lesson:a) and [B](lesson:b) and [C](https://c.example)")
    assert '<a href="../a/">A</a>' in html
    assert "<a>B</a>" in html
    assert '<a href="https://c.example">C</a>' in html
    assert renderer.broken == ["lesson:b"]


def test_inline_rendering_refuses_blocks() -> None:
    renderer = MarkdownRenderer(None)
    assert renderer.inline("**Bold** move") == "<strong>Bold</strong> move"
    assert renderer.inline("One.\n\nTwo.") is None
    assert renderer.inline("- a list") is None


def test_plain_text_for_descriptions() -> None:
    assert plain_text("**Hi** [there](https://x.example) `code`") == "Hi there code"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A </title><script>alert(1)</script>", "A ‹/title›‹script›alert(1)‹/script›"),
        ("&lt;script&gt; &amp; Q&A", "＆lt;script＆gt; ＆amp; Q&A"),
        ('Say "hi"', "Say “hi”"),
        ("  many \n spaces ", "many spaces"),
    ],
)
def test_theme_text_is_safe_as_raw_html(text: str, expected: str) -> None:
    assert theme_text(text) == expected


def test_markdown_headings_escape_every_syntax() -> None:
    heading = str(markdown_heading("*A* {: onclick=x} <b> [l](u) :smile:"))
    assert "<" not in heading and "{:" not in heading and "*A*" not in heading
