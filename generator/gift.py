"""GIFT question bank: the checked course's quizzes -> text Moodle imports (Question bank, Import).

Consumes `Site.checked`; produces one GIFT text, pure (no files). Each quiz becomes a
category under the course's name and each scenario a multiple-choice question: the
situation and the prompt as question text, every choice an answer with its own feedback,
service-oriented choices right (100%), self-serving ones wrong. A scenario with two
service-oriented choices accepts either, as the course does.

Author Markdown is rendered by the course's own renderer and sanitiser and marked
`[html]`, so Moodle shows what the site shows; links to lessons, quizzes and files of the
course are kept as plain text (they would point nowhere in Moodle). GIFT gives `~ = # { }
:` and the backslash a meaning, so each is escaped with a backslash, and line breaks are
written `\\n` (a blank line would end the question).
"""

from __future__ import annotations

import html

from generator.markdown import MarkdownRenderer
from generator.models import SERVICE
from generator.views import CheckedCourse

SPECIAL = "\\~=#{}:"
MAX_NAME = 250


def escape(text: str) -> str:
    """Text as GIFT reads it back unchanged: specials escaped, line breaks as `\\n`."""
    out = "".join(f"\\{ch}" if ch in SPECIAL else ch for ch in text)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _category(*names: str) -> str:
    # Moodle splits category paths at '/'; a doubled slash is a slash in a name.
    return "$CATEGORY: $course$/top/" + "/".join(n.replace("/", "//") for n in names)


def render_gift(course: CheckedCourse, title: str) -> str:
    """Every scenario of every quiz as a GIFT multiple-choice question, quiz by quiz."""
    # The renderer asks only about addresses inside the course ("" keeps the link's text).
    renderer = MarkdownRenderer(lambda _url: "", allow_html=course.allow_html)

    def inline(text: str) -> str:
        rendered = renderer.inline(text)
        return rendered if rendered is not None else renderer.block(text)

    lines = [
        f"// {title}: question bank made by 'servefirst export --format gift'.",
        "// Service-oriented choices are right, self-serving ones wrong; feedback follows '#'.",
        "",
    ]
    for entry in course.quizzes:
        quiz = entry.model
        lines += [_category(title, quiz.title), ""]
        for number, scenario in enumerate(quiz.scenarios, start=1):
            name = f"{quiz.title}: {scenario.title or f'Scenario {number}'}"[:MAX_NAME]
            text = renderer.block(scenario.situation) + f"<p>{html.escape(scenario.prompt)}</p>"
            lines.append(f"::{escape(name)}::[html]{escape(text)} {{")
            for choice in scenario.choices:
                mark = "=" if choice.kind == SERVICE else "~"
                answer = escape(inline(choice.text))
                lines.append(f"\t{mark}{answer}#{escape(renderer.block(choice.feedback))}")
            lines += ["}", ""]
    return "\n".join(lines)
