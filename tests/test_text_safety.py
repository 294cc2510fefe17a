"""Author text is made safe for each place it lands, and no text makes a stage slow.

Issue 14's text families, each reproduced as it was found on main:

- front matter: a title, summary, tagline or quiz title holding a control character or a
  non-character (written as a YAML escape) made the page's front matter invalid, so MkDocs
  showed it as text, `attr_list` read `{: onfocus=...}` out of it and a quiz page lost
  `search: exclude`. Such characters are now refused at their value (the malformed corpus
  holds a case per kind: `escaped-*`, `noncharacter-*`, `bidi-*`, `zero-width-*`), and the
  front matter stays valid YAML for any text whatsoever (tested here with hypothesis);
- the escaping's private marker: U+E001 in author text turned back into `<`;
- quadratic paths: 20,000 links in one folded block, a 45,000-deep list and a 1 MB title of
  `&a` took 45 s, 12 s and 19 s to check; each is now refused or located in well under the
  malformed suite's time limit, and the listing stops at 100 problems per file.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_malformed import SAMPLE_LESSON, Case, check, make_project
from test_malformed import errors as reported_errors

from generator.escape import front_matter_value, theme_text
from generator.markdown import MAX_NESTING, render_markdown
from generator.models import Quiz
from generator.problems import START, Problem, capped
from generator.render import render_site
from generator.views import CheckedCourse

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_front_matter_is_valid_yaml_whatever_the_text(text: str) -> None:
    value = front_matter_value(text)
    parsed = yaml.load(f"title: {value}\nsearch:\n  exclude: true\n", Loader=yaml.CSafeLoader)
    assert parsed == {"title": theme_text(text), "search": {"exclude": True}}


@given(ANY_TEXT)
def test_theme_text_holds_nothing_html_reads(text: str) -> None:
    safe = theme_text(text)
    assert not {"<", ">", '"'} & set(safe)
    assert html.unescape(safe) == safe  # no character reference a browser would decode


def test_a_quiz_page_keeps_search_exclude_whatever_its_title() -> None:
    """Characters the loader refuses, given to the renderer directly, still cannot break
    the front matter (defence in depth)."""
    title = "Quiz \x7f\x80\x9b\ufffe\U0010ffff {: autofocus onfocus=alert(1)} </title>"
    quiz = Quiz.model_validate(
        {
            "id": "q",
            "title": title,
            "scenarios": [
                {
                    "id": "s",
                    "situation": "A moment.",
                    "choices": [
                        {"text": "One", "kind": "service-oriented", "feedback": "Why one."},
                        {"text": "Two", "kind": "self-serving", "feedback": "Why two."},
                    ],
                }
            ],
        }
    )
    from generator.document import Document, Entry

    entry = Entry(quiz, Document(path=Path("quizzes/q.yml"), data={}))
    pages, _, _ = render_site(
        CheckedCourse(
            course=None,
            lessons=[],
            quizzes=[entry],
            content_dir=Path("content"),
            content_files=frozenset(),
        )
    )
    page = next(p for p in pages if p.source == entry.path)
    front = page.content.split("---\n")[1]
    meta = yaml.load(front, Loader=yaml.CSafeLoader)
    assert meta["search"] == {"exclude": True}
    assert meta["title"] == theme_text(title)
    assert "<" not in meta["title"]


def test_the_escaping_marker_cannot_be_forged() -> None:
    for marker in ("\ue000", "\ue001", "\ue002"):
        text = f"before {marker}script>alert(1){marker}/script> and <b>bold</b> `<i>`"
        html = render_markdown(text)
        assert "<script" not in html and "<b>" not in html and "<i>" not in html, html
        assert "&lt;b&gt;" in html and "<code>&lt;i&gt;</code>" in html
        assert marker in html  # the author's own character is kept as written


def test_deep_lists_are_refused_not_sanitised() -> None:
    from generator.markdown import MarkdownRenderer

    renderer = MarkdownRenderer()
    assert renderer.block("- " * (MAX_NESTING + 1) + "x") == ""
    assert renderer.refused and f"{MAX_NESTING + 1} levels" in renderer.refused
    assert "<li>" in renderer.block("- " * MAX_NESTING + "x")
    assert renderer.refused is None


def test_problems_are_capped_per_file_with_a_count_of_the_rest() -> None:
    many = [Problem(Path("a.yml"), START._replace(line=n), f"p{n}") for n in range(1, 251)]
    one_over = [Problem(Path("b.yml"), START._replace(line=n), "q") for n in range(1, 102)]
    kept = capped(many + one_over)
    in_a = [p for p in kept if p.path == Path("a.yml")]
    assert len(in_a) == 101
    assert in_a[-1].message.startswith("150 more errors in this file are not listed")
    assert len([p for p in kept if p.path == Path("b.yml")]) == 101  # one more is listed


# --- the worst cases through the real CLI (within the malformed suite's time limit) -----


def _lesson_with(tmp_path: Path, old: str, new: str) -> Path:
    from conftest import FIXTURES

    text = (FIXTURES / "sample" / SAMPLE_LESSON).read_text(encoding="utf-8")
    assert old in text
    case = Case("worst", "worst case", files={SAMPLE_LESSON: text.replace(old, new).encode()})
    return make_project(case, tmp_path)


SECTION_BODY = (
    "    body: |\n      A manager's day fills up fast. This paragraph links to "
    "[the second lesson](lesson:second-look).\n"
)


def test_twenty_thousand_broken_links_in_a_folded_block(tmp_path: Path) -> None:
    links = "\n      ".join(f"[x{i}](nowhere{i}.md)" for i in range(20_000))
    project = _lesson_with(tmp_path, SECTION_BODY, f"    body: >\n      {links}\n")
    result = check(project)
    assert result.returncode == 1 and result.seconds < 10, result.output
    found = reported_errors(result.stdout)
    assert len(found) == 101, len(found)
    assert (found[0]["line"], found[0]["column"]) == ("12", "12")
    assert (found[99]["line"], found[99]["column"]) == ("111", "13")
    assert found[100]["message"].startswith("19900 more errors in this file are not listed")


def test_a_list_nested_45000_deep(tmp_path: Path) -> None:
    project = _lesson_with(tmp_path, SECTION_BODY, "    body: |\n      " + "- " * 45_000 + "x\n")
    result = check(project)
    assert result.returncode == 1 and result.seconds < 10, result.output
    assert any(
        p["line"] == "11" and "nested 45000 levels deep here; at most 12" in p["message"]
        for p in reported_errors(result.stdout)
    ), result.output


def test_a_one_megabyte_title_of_references(tmp_path: Path) -> None:
    project = _lesson_with(tmp_path, "title: First steps\n", 'title: "' + "&a" * 498_000 + '"\n')
    result = check(project)
    assert result.returncode == 1 and result.seconds < 10, result.output
    assert any(
        p["line"] == "3" and "'title' is 996,000 characters long" in p["message"]
        for p in reported_errors(result.stdout)
    )
    assert theme_text("&a" * 498_000) == "&a" * 498_000
