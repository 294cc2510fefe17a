"""`servefirst export --format gift`: the quizzes as a Moodle question bank, read back.

A small GIFT reader (below) parses the output as Moodle's importer does for what we write:
comments, categories, `::name::`, `[html]`, `{ =right#feedback ~wrong#feedback }`, and the
backslash escapes of `~ = # { } : \\` and `\\n`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import run
from generator.markdown import plain_text
from generator.pipeline import build_site
from generator.settings import settings_from

SPECIALS = "~=#{}:\\"


@dataclass
class Answer:
    right: bool
    text: str
    feedback: str


@dataclass
class Question:
    category: str
    name: str
    format: str
    text: str
    answers: list[Answer] = field(default_factory=list)


def _unescape(chars: list[tuple[str, bool]]) -> str:
    return "".join(c for c, _ in chars).strip()


def _split(chars: list[tuple[str, bool]], at: str) -> list[list[tuple[str, bool]]]:
    parts: list[list[tuple[str, bool]]] = [[]]
    for char, escaped in chars:
        if char in at and not escaped:
            parts.append([(char, False)])
        else:
            parts[-1].append((char, escaped))
    return parts


def read_gift(text: str) -> list[Question]:
    """The questions of a GIFT text (the subset Serve First writes), escapes undone."""
    questions: list[Question] = []
    category = ""
    for block in re.split(r"\n[ \t]*\n", text):
        lines = []
        for line in block.splitlines():
            if line.startswith("//"):
                continue
            if line.startswith("$CATEGORY:"):
                category = line.removeprefix("$CATEGORY:").strip()
                continue
            lines.append(line)
        body = "\n".join(lines).strip()
        if not body:
            continue
        chars: list[tuple[str, bool]] = []
        i = 0
        while i < len(body):
            if body[i] == "\\" and i + 1 < len(body):
                following = body[i + 1]
                assert following in SPECIALS + "n", f"unknown escape \\{following}"
                chars.append(("\n" if following == "n" else following, True))
                i += 2
            else:
                chars.append((body[i], False))
                i += 1
        source = "".join(c if not e else "\0" for c, e in chars)
        assert source.startswith("::"), body[:80]
        end = source.index("::", 2)
        name = _unescape(chars[2:end])
        rest = chars[end + 2 :]
        match = re.match(r"\[(\w+)\]", "".join(c if not e else "\0" for c, e in rest))
        fmt = match.group(1) if match else "moodle"
        rest = rest[match.end() if match else 0 :]
        plain = "".join(c if not e else "\0" for c, e in rest)
        opening, closing = plain.index("{"), plain.rindex("}")
        assert plain[closing + 1 :].strip() == ""
        question = Question(category, name, fmt, _unescape(rest[:opening]))
        for part in _split(rest[opening + 1 : closing], "=~"):
            if not _unescape(part):
                continue
            mark, content = part[0][0], part[1:]
            answer, *feedback = _split(content, "#")
            question.answers.append(
                Answer(
                    mark == "=",
                    _unescape(answer),
                    _unescape([c for piece in feedback for c in piece][1:]),
                )
            )
        questions.append(question)
    return questions


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def words(markup: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(markup)
    return " ".join("".join(parser.parts).split())


def export(project: Path) -> tuple[str, list[Question]]:
    result = run(["servefirst", "export", "--format", "gift", "--out", "../bank.gift"], project)
    assert result.returncode == 0, result.stderr
    text = (project.parent / "bank.gift").read_text(encoding="utf-8")
    return text, read_gift(text)


def test_every_scenario_of_the_course_comes_back_with_its_answers_and_feedback(
    course_copy: Path,
) -> None:
    _, questions = export(course_copy)
    settings = settings_from(
        {"quizzes_dir": "quizzes", "field_reference": "trainers/field-reference.md"},
        course_copy,
        course_copy / "content",
    )
    checked = build_site(settings).checked
    assert checked is not None
    scenarios = [(q.model, s) for q in checked.quizzes for s in q.model.scenarios]
    assert len(questions) == len(scenarios) > 0
    for question, (quiz, scenario) in zip(questions, scenarios, strict=True):
        assert question.format == "html"
        assert question.category == f"$course$/top/Serve First/{quiz.title}"
        assert question.name.startswith(f"{quiz.title}: ")
        assert words(question.text).startswith(html.unescape(plain_text(scenario.situation)))
        assert words(question.text).endswith(scenario.prompt)
        assert len(question.answers) == len(scenario.choices)
        for answer, choice in zip(question.answers, scenario.choices, strict=True):
            assert answer.right == (choice.kind == "service-oriented")
            assert words(answer.text) == html.unescape(plain_text(choice.text))
            assert words(answer.feedback) == html.unescape(plain_text(choice.feedback))
        assert any(a.right for a in question.answers) and not all(a.right for a in question.answers)


def test_gift_special_characters_and_line_breaks_survive(sample: Path) -> None:
    tricky = "Costs {2} ~ 3 = 5 # of 7: a\\b, & <tags>"
    quiz = {
        "id": "signs",
        "title": "Quiz: {Signs} :: and ~tildes~",
        "scenarios": [
            {
                "id": "all-signs",
                "title": "Colons: here",
                "situation": f"{tricky}\n\nA second paragraph.",
                "prompt": "Pick = or ~?",
                "choices": [
                    {
                        "text": f"Right {tricky}",
                        "kind": "service-oriented",
                        "feedback": f"Because {tricky}.\n\n- one\n- two",
                    },
                    {"text": "Wrong #1", "kind": "self-serving", "feedback": "No: {never}."},
                ],
            }
        ],
    }
    (sample / "quizzes" / "signs.yml").write_text(yaml.safe_dump(quiz), encoding="utf-8")
    text, questions = export(sample)
    assert "\n\n" not in text.split("::Quiz\\: \\{Signs\\}", 1)[1].split("\n}\n", 1)[0]
    (question,) = [q for q in questions if q.name.startswith("Quiz: {Signs}")]
    assert question.name == "Quiz: {Signs} :: and ~tildes~: Colons: here"
    assert question.category.endswith("/Quiz: {Signs} :: and ~tildes~")
    shown = "Costs {2} ~ 3 = 5 # of 7: a\\b, & <tags>"
    assert shown in words(question.text) and "A second paragraph." in words(question.text)
    assert "Pick = or ~?" in words(question.text)
    right, wrong = question.answers
    assert right.right and words(right.text) == f"Right {shown}"
    assert words(right.feedback) == f"Because {shown}. one two"
    assert "<li>one</li>" in right.feedback
    assert not wrong.right and words(wrong.text) == "Wrong #1"
    assert words(wrong.feedback) == "No: {never}."
    # Author text never becomes markup: the tags are text.
    assert "&lt;tags&gt;" in question.text


def test_gift_output_is_refused_inside_the_course_and_for_other_names(sample: Path) -> None:
    for out in ("quizzes/bank.gift", "bank.txt"):
        result = run(["servefirst", "export", "--format", "gift", "--out", out], sample)
        assert result.returncode == 2, out
        assert "Traceback" not in result.stderr
    assert not (sample / "quizzes" / "bank.gift").exists()
