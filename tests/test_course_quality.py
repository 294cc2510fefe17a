"""The quality bar of the real course: the lessons in content/ and the quizzes in quizzes/.

The other tests prove the generator works on sample courses; these check that the course
we ship meets the bar the course was written to (the content brief and the issue):

- structure: at least 6 lessons, each with objectives, sections, a callout, takeaways,
  reflection questions, a practice exercise, and a source citing Heather Baldwin's
  article in Sales Management Digest;
- reading: each lesson takes 5 to 10 minutes at 200 words a minute, and its prose reads at
  Flesch-Kincaid grade 10 or below;
- quizzes: a quiz of at least 5 scenarios per lesson, a final assessment (a quiz without a
  lesson) of at least 10, at least 45 scenarios in all;
- fairness: service-oriented choices are about as long as self-serving ones, and the
  service-oriented choice does not sit in one predictable position;
- feedback: at least 90% of feedbacks have 2 to 4 sentences, and none is under 12 words;
- originality: no run of 8 or more words copied from the source article, checked on every
  machine against a fingerprint of the article (hashes of its 8-word runs, not its text,
  in tests/fixtures/seed-8grams.txt), and with the shared tool where the article is;
- coverage: the trainers' coverage table maps the article's seven ideas to lessons and
  scenarios that exist, and every lesson and scenario appears in it.

Files are read through the project's own pipeline (discover -> load -> validate), so a
broken file fails here with the same message a trainer would see from `servefirst check`.
Run `python tests/test_course_quality.py` to print the measured numbers.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import textstat

from generator.discover import discover_sources
from generator.load import load_document
from generator.markdown import plain_text
from generator.models import Lesson, Quiz
from generator.pipeline import run_pipeline
from generator.settings import Settings
from generator.validate import validate_document
from generator.views import lesson_word_count, reading_minutes

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
QUIZZES = ROOT / "quizzes"
COVERAGE = CONTENT / "trainers" / "coverage.md"
# The shared overlap checker compares the course with the source article; CI machines
# may not have the shared folder, and the article must not be copied into the repo, so
# the repo keeps only hashes of the article's 8-word runs.
SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
SEED_DIR = ROOT.parent / "shared" / "seed"
SEED_FINGERPRINT = Path(__file__).resolve().parent / "fixtures" / "seed-8grams.txt"
RUN = 8

WORDS_PER_MINUTE = 200
MIN_MINUTES, MAX_MINUTES = 5, 10
MAX_GRADE = 10.0
MIN_LESSONS = 6
MIN_LESSON_SCENARIOS = 5
MIN_FINAL_SCENARIOS = 10
MIN_SCENARIOS = 45
LENGTH_RATIO = (0.75, 1.33)
FEEDBACK_SENTENCES = (2, 4)
FEEDBACK_SHARE = 0.90
FEEDBACK_MIN_WORDS = 12

LESSON_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/lesson.schema.json"
QUIZ_SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/quiz.schema.json"

# The course plan: the article's seven ideas, each taught by one lesson.
PLAN = {
    1: "who-comes-first",
    2: "from-star-to-servant",
    3: "knowledge-at-the-front-line",
    4: "red-flags",
    5: "the-question",
    6: "outside-in",
    7: "one-week-challenge",
}


@dataclass(frozen=True)
class Course:
    lessons: list[Lesson]
    quizzes: list[Quiz]

    def quiz(self, ident: str) -> Quiz | None:
        return next((q for q in self.quizzes if q.id == ident), None)

    @property
    def scenarios(self) -> list[tuple[Quiz, int]]:
        return [(q, i) for q in self.quizzes for i in range(len(q.scenarios))]


@functools.cache
def load_course() -> Course:
    """The real course as validated models; fails with the validator's own messages."""
    _, problems = run_pipeline(
        Settings(CONTENT, QUIZZES, field_reference="trainers/field-reference.md")
    )
    errors = [p.format() for p in problems if p.severity == "error"]
    assert not errors, "the course has content errors:\n" + "\n".join(errors)
    sources = discover_sources(CONTENT, QUIZZES)
    lessons = [_load(path, Lesson) for path in sources.lessons]
    quizzes = [_load(path, Quiz) for path in sources.quizzes]
    lessons.sort(key=lambda lesson: (lesson.order is None, lesson.order or 0, lesson.id))
    return Course(lessons=lessons, quizzes=quizzes)


def _load(path: Path, model: type[Lesson] | type[Quiz]) -> Lesson | Quiz:
    document, problems = load_document(path)
    assert document is not None and not problems, [p.format() for p in problems]
    value, problems = validate_document(document, model)
    assert value is not None, [p.format() for p in problems]
    return value


def lesson_ids() -> list[str]:
    """The lesson ids, for parametrizing; a course that does not load gets one placeholder,
    so each per-lesson test fails with the content errors instead of breaking collection."""
    try:
        return [lesson.id for lesson in load_course().lessons]
    except AssertionError:
        return ["(course does not load)"]


def lesson(ident: str) -> Lesson:
    return next(item for item in load_course().lessons if item.id == ident)


# --- Measures ------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BLOCK_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


def prose_blocks(markdown: str) -> list[str]:
    """The paragraphs and list items of a Markdown text, as plain sentences.

    Each block ends with a full stop (one is added, or a trailing colon becomes one), so a
    list item or a line that introduces a list counts as its own sentence instead of
    running into the next one, which would inflate the grade.
    """
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", markdown):
        items: list[list[str]] = []
        for line in paragraph.splitlines():
            if _LIST_ITEM.match(line) or not items:
                items.append([_LIST_ITEM.sub("", line, count=1)])
            else:
                items[-1].append(line)
        for item in items:
            text = plain_text("\n".join(item)) if "".join(item).strip() else ""
            if not text:
                continue
            text = text[:-1] + "." if text.endswith(":") else text
            blocks.append(text if _BLOCK_END.search(text) else text + ".")
    return blocks


def lesson_prose(item: Lesson) -> str:
    """The plain text of a lesson's prose: summary, objectives, section and callout bodies,
    takeaways, reflection questions and practice steps (not titles, headings or sources)."""
    fields = [item.summary, *item.objectives]
    for section in item.sections:
        fields.append(section.body)
        if section.callout is not None:
            fields.append(section.callout.body)
    fields += [*item.takeaways, *item.reflection]
    if item.practice is not None:
        fields += item.practice.steps
    return " ".join(block for text in fields for block in prose_blocks(text))


def grade(item: Lesson) -> float:
    return float(textstat.flesch_kincaid_grade(lesson_prose(item)))


def computed_minutes(item: Lesson) -> int:
    return max(1, math.ceil(lesson_word_count(item) / WORDS_PER_MINUTE))


# Abbreviations whose full stop never ends a sentence. Matched case-insensitively and only
# as whole tokens, so "e.g." and "E.g." are protected while the word "etc" is not needed.
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:e\.g|i\.e|etc|vs|cf|approx|a\.m|p\.m|mr|mrs|ms|dr|jr|sr|inc|ltd|corp|"
    r"u\.s|no(?=\.\s*\d))\.",
    re.IGNORECASE,
)
_PROTECTED = "\ue010"
# A sentence ends at . ! or ? (possibly repeated, possibly followed by closing quotes or
# brackets) when what follows is the end of the text or whitespace and then the start of a
# new sentence: a capital letter, a digit, a currency sign or an opening quote/bracket.
# "$1.5M" and "3.6" do not split (no space after the point); a quoted question followed by
# lower-case words ("ask "How can I best serve you?" and wait") does not split either.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?:\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9$\u00c0-\u00de])|\s*$)"
)


def count_sentences(markdown: str) -> int:
    """Count the sentences of a Markdown text (markup stripped first).

    Full stops in known abbreviations (e.g., i.e., a.m., Mr., ...) are protected, and a
    point only ends a sentence when whitespace and a sentence start follow it, so decimal
    numbers and amounts such as "$1.5M" stay in one sentence.
    """
    text = plain_text(markdown)
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", _PROTECTED), text)
    pieces = _SENTENCE_END.split(text)
    return sum(1 for piece in pieces if re.search(r"\w", piece))


def words(markdown: str) -> int:
    return len(plain_text(markdown).split())


def service_positions(quiz: Quiz, index: int) -> set[int]:
    """The 1-based positions of a scenario's service-oriented choices."""
    choices = quiz.scenarios[index].choices
    return {n for n, choice in enumerate(choices, 1) if choice.kind == "service-oriented"}


def position_histogram(course: Course) -> Counter[int]:
    """How many scenarios hold a service-oriented choice at each position."""
    histogram: Counter[int] = Counter()
    for quiz, index in course.scenarios:
        histogram.update(service_positions(quiz, index))
    return histogram


def choice_lengths(course: Course) -> dict[str, list[int]]:
    lengths: dict[str, list[int]] = {"service-oriented": [], "self-serving": []}
    for quiz in course.quizzes:
        for scenario in quiz.scenarios:
            for choice in scenario.choices:
                lengths[choice.kind].append(words(choice.text))
    return lengths


def feedbacks(course: Course) -> list[tuple[str, str]]:
    """Every feedback with a label (quiz/scenario#choice) for failure messages."""
    return [
        (f"{quiz.id}/{scenario.id} choice {n}", choice.feedback)
        for quiz in course.quizzes
        for scenario in quiz.scenarios
        for n, choice in enumerate(scenario.choices, 1)
    ]


@dataclass(frozen=True)
class CoverageRow:
    idea: int
    text: str
    lessons: list[str]
    scenarios: list[str]


def coverage_rows(markdown: str) -> list[CoverageRow]:
    """The rows of the coverage table: | # | Idea | Lessons | Scenarios |.

    Ids are written in backticks; a lesson as `lesson-id`, a scenario as
    `quiz-id/scenario-id`.
    """
    lines = markdown.splitlines()
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line.lstrip().startswith("|") and "Lessons" in line and "Scenarios" in line
        ),
        None,
    )
    assert start is not None, "no table with 'Lessons' and 'Scenarios' columns found"
    header = [cell.strip() for cell in lines[start].strip().strip("|").split("|")]
    lessons_col, scenarios_col = header.index("Lessons"), header.index("Scenarios")
    rows = []
    for line in lines[start + 2 :]:
        if not line.lstrip().startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == len(header), f"table row has {len(cells)} cells: {line!r}"
        number = re.match(r"\d+", cells[0])
        assert number, f"the first cell of each row must be the idea's number: {line!r}"
        rows.append(
            CoverageRow(
                idea=int(number.group(0)),
                text=cells[1],
                lessons=re.findall(r"`([^`]+)`", cells[lessons_col]),
                scenarios=re.findall(r"`([^`]+)`", cells[scenarios_col]),
            )
        )
    return rows


# --- Structure -----------------------------------------------------------------------


def test_course_loads_without_errors() -> None:
    load_course()


def test_course_has_enough_lessons() -> None:
    ids = lesson_ids()
    assert len(ids) >= MIN_LESSONS, f"{len(ids)} lessons ({ids}); the course needs {MIN_LESSONS}"


@pytest.mark.parametrize("ident", lesson_ids())
def test_lesson_has_every_part(ident: str) -> None:
    item = lesson(ident)
    missing = [
        name
        for name, present in [
            ("objectives", bool(item.objectives)),
            ("sections", bool(item.sections)),
            ("a callout", any(s.callout is not None for s in item.sections)),
            ("takeaways", bool(item.takeaways)),
            ("reflection", bool(item.reflection)),
            ("practice", item.practice is not None and bool(item.practice.steps)),
        ]
        if not present
    ]
    assert not missing, f"lesson {ident} lacks: {', '.join(missing)}"


@pytest.mark.parametrize("ident", lesson_ids())
def test_lesson_cites_the_article(ident: str) -> None:
    sources = lesson(ident).sources
    cited = [
        s
        for s in sources
        if s.author
        and "Heather Baldwin" in s.author
        and s.publication
        and "Sales Management Digest" in s.publication
    ]
    assert cited, (
        f"lesson {ident} must cite the source article (author: Heather Baldwin, "
        f"publication: Sales Management Digest); its sources are {sources}"
    )


def test_every_file_keeps_its_schema_line() -> None:
    sources = discover_sources(CONTENT, QUIZZES)
    wrong = [
        f"{path.relative_to(ROOT)}: first line should be {expected!r}"
        for paths, expected in (
            (sources.lessons, LESSON_SCHEMA_LINE),
            (sources.quizzes, QUIZ_SCHEMA_LINE),
        )
        for path in paths
        if path.read_text(encoding="utf-8").splitlines()[0].strip() != expected
    ]
    assert not wrong, "\n".join(wrong)


# --- Reading time and readability ----------------------------------------------------


@pytest.mark.parametrize("ident", lesson_ids())
def test_lesson_reads_in_5_to_10_minutes(ident: str) -> None:
    item = lesson(ident)
    count, minutes = lesson_word_count(item), computed_minutes(item)
    assert MIN_MINUTES <= minutes <= MAX_MINUTES, (
        f"lesson {ident}: {count} words is {minutes} min at {WORDS_PER_MINUTE} wpm; "
        f"aim for {MIN_MINUTES}-{MAX_MINUTES} min "
        f"({(MIN_MINUTES - 1) * WORDS_PER_MINUTE + 1}-{MAX_MINUTES * WORDS_PER_MINUTE} words)"
    )
    assert reading_minutes(item) == minutes, (
        f"lesson {ident} says `minutes: {item.minutes}` but its {count} words take {minutes} "
        f"min at {WORDS_PER_MINUTE} wpm: set `minutes: {minutes}` or leave it out"
    )


@pytest.mark.parametrize("ident", lesson_ids())
def test_lesson_prose_is_grade_10_or_below(ident: str) -> None:
    value = grade(lesson(ident))
    assert value <= MAX_GRADE, (
        f"lesson {ident}: Flesch-Kincaid grade {value:.1f} is above {MAX_GRADE:g}; "
        "shorten long sentences and prefer short words"
    )


# --- Quizzes -------------------------------------------------------------------------


@pytest.mark.parametrize("ident", lesson_ids())
def test_lesson_has_a_quiz_of_five_scenarios(ident: str) -> None:
    item, course = lesson(ident), load_course()
    assert item.quiz, f"lesson {ident} names no quiz (`quiz: {ident}`)"
    quiz = course.quiz(item.quiz)
    assert quiz is not None, f"lesson {ident} names quiz {item.quiz!r}, which does not exist"
    assert quiz.lesson == ident, f"quiz {quiz.id} says `lesson: {quiz.lesson}`, not {ident}"
    assert len(quiz.scenarios) >= MIN_LESSON_SCENARIOS, (
        f"quiz {quiz.id} has {len(quiz.scenarios)} scenarios; it needs {MIN_LESSON_SCENARIOS}"
    )


def test_final_assessment_and_scenario_total() -> None:
    course = load_course()
    finals = [q for q in course.quizzes if q.lesson is None]
    assert finals, "no final assessment: a quiz without `lesson`"
    small = [
        f"{q.id} ({len(q.scenarios)})" for q in finals if len(q.scenarios) < MIN_FINAL_SCENARIOS
    ]
    assert not small, f"a final assessment needs {MIN_FINAL_SCENARIOS} scenarios: {small}"
    total = len(course.scenarios)
    assert total >= MIN_SCENARIOS, f"{total} scenarios in all; the course needs {MIN_SCENARIOS}"


def test_scenario_ids_are_unique_across_the_course() -> None:
    counts = Counter(q.scenarios[i].id for q, i in load_course().scenarios)
    repeated = sorted(ident for ident, n in counts.items() if n > 1)
    assert not repeated, f"scenario ids used in more than one quiz: {repeated}"


def test_service_oriented_choices_are_not_longer_or_shorter() -> None:
    lengths = choice_lengths(load_course())
    service = statistics.mean(lengths["service-oriented"])
    selfish = statistics.mean(lengths["self-serving"])
    ratio = service / selfish
    low, high = LENGTH_RATIO
    assert low <= ratio <= high, (
        f"service-oriented choices average {service:.1f} words and self-serving ones "
        f"{selfish:.1f}: ratio {ratio:.2f} is outside {low}-{high}, so length gives the "
        "answer away"
    )


def test_service_oriented_position_is_not_predictable() -> None:
    course = load_course()
    total = len(course.scenarios)
    histogram = position_histogram(course)
    crowded = {pos: n for pos, n in histogram.items() if n > total / 2}
    assert not crowded, (
        f"position(s) {crowded} hold the service-oriented choice in more than half of the "
        f"{total} scenarios (histogram {dict(sorted(histogram.items()))})"
    )
    for quiz in course.quizzes:
        if len(quiz.scenarios) < 2:
            continue
        common = set.intersection(*(service_positions(quiz, i) for i in range(len(quiz.scenarios))))
        assert not common, (
            f"quiz {quiz.id} has the service-oriented choice at position {sorted(common)} "
            "in every scenario"
        )


def test_feedback_has_two_to_four_sentences() -> None:
    items = feedbacks(load_course())
    low, high = FEEDBACK_SENTENCES
    outside = [(label, count_sentences(text)) for label, text in items]
    outside = [(label, n) for label, n in outside if not low <= n <= high]
    share = 1 - len(outside) / len(items)
    assert share >= FEEDBACK_SHARE, (
        f"only {share:.0%} of {len(items)} feedbacks have {low}-{high} sentences "
        f"(need {FEEDBACK_SHARE:.0%}); outside the range: {outside}"
    )


def test_every_feedback_has_twelve_words() -> None:
    short = [
        (label, words(text))
        for label, text in feedbacks(load_course())
        if words(text) < FEEDBACK_MIN_WORDS
    ]
    assert not short, f"feedback under {FEEDBACK_MIN_WORDS} words: {short}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", 3),
        ("Use a stock line, e.g. the greeting. Then stop.", 2),
        ("Quote it, i.e. as written, and say so. Done.", 2),
        ("The deal grew to $1.5M in 2.5 months. It closed.", 2),
        ('Ask, "How can I best serve you?" and wait. Listen.', 2),
        ('Ask, "How can I best serve you?" Then stop talking.', 2),
        ("Meet at 4 p.m. on Friday with Mr. Ortiz. Bring notes.", 2),
        ("**Bold** start. A [link](https://example.com) here.", 2),
        ("No trailing stop", 1),
    ],
)
def test_count_sentences(text: str, expected: int) -> None:
    assert count_sentences(text) == expected


# --- Originality ---------------------------------------------------------------------


def article_words(text: str) -> list[str]:
    """Words as the shared overlap tool counts them: lower case, apostrophes kept."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def run_hashes(ws: list[str]) -> list[str]:
    """A 64-bit hash of every run of `RUN` consecutive words in `ws`, in order."""
    return [
        hashlib.sha256(" ".join(ws[i : i + RUN]).encode()).hexdigest()[:16]
        for i in range(len(ws) - RUN + 1)
    ]


def test_the_article_fingerprint_is_current(update_goldens: bool) -> None:
    """Where the article is (`../shared/seed/`), the committed fingerprint must match it."""
    articles = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not articles:
        assert SEED_FINGERPRINT.is_file(), "no article and no fingerprint of it"
        return
    current = sorted(
        {h for a in articles for h in run_hashes(article_words(a.read_text(encoding="utf-8")))}
    )
    text = "\n".join(current) + "\n"
    if update_goldens:
        SEED_FINGERPRINT.write_text(text, encoding="utf-8")
    assert SEED_FINGERPRINT.read_text(encoding="utf-8") == text, (
        "the article changed: run pytest tests/test_course_quality.py --update-goldens"
    )


def test_no_eight_word_run_from_the_article() -> None:
    seed = set(SEED_FINGERPRINT.read_text(encoding="utf-8").split())
    copied = []
    for folder in ("content", "quizzes"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in {".yml", ".yaml", ".md", ".txt"}:
                continue
            ws = article_words(path.read_text(encoding="utf-8"))
            hits = [i for i, h in enumerate(run_hashes(ws)) if h in seed]
            copied += [f"{path.relative_to(ROOT)}: {' '.join(ws[i : i + RUN])}" for i in hits]
    assert not copied, "text copied from the source article (rewrite it):\n" + "\n".join(copied)
    if SEED_TOOL.is_file():
        result = subprocess.run(
            [sys.executable, str(SEED_TOOL), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


# --- Coverage table ------------------------------------------------------------------


def test_coverage_table_maps_the_seven_ideas_to_what_exists() -> None:
    assert COVERAGE.is_file(), f"{COVERAGE.relative_to(ROOT)} is missing"
    markdown = COVERAGE.read_text(encoding="utf-8")
    assert re.search(r"^# Course coverage\s*$", markdown, re.MULTILINE), (
        "the coverage page's title must be '# Course coverage'"
    )
    rows = coverage_rows(markdown)
    assert sorted(r.idea for r in rows) == sorted(PLAN), (
        f"the table must have one row per idea {sorted(PLAN)}; it has {[r.idea for r in rows]}"
    )
    course = load_course()
    lessons = {item.id for item in course.lessons}
    scenarios = {f"{q.id}/{q.scenarios[i].id}" for q, i in course.scenarios}
    for row in rows:
        assert row.text, f"idea {row.idea} has no description"
        assert PLAN[row.idea] in row.lessons, (
            f"idea {row.idea} is taught by lesson {PLAN[row.idea]}, which its row does not list"
        )
        unknown = [i for i in row.lessons if i not in lessons]
        unknown += [i for i in row.scenarios if i not in scenarios]
        assert not unknown, f"idea {row.idea} names ids that do not exist: {unknown}"
        assert row.scenarios, f"idea {row.idea} lists no scenarios"
    listed_lessons = {i for row in rows for i in row.lessons}
    listed_scenarios = {i for row in rows for i in row.scenarios}
    assert lessons <= listed_lessons, (
        f"lessons missing from the table: {sorted(lessons - listed_lessons)}"
    )
    assert scenarios <= listed_scenarios, (
        f"scenarios missing from the table: {sorted(scenarios - listed_scenarios)}"
    )


# --- Report --------------------------------------------------------------------------


def report() -> str:
    """The measured numbers, for a reviewer (`python tests/test_course_quality.py`)."""
    course = load_course()
    out = ["lesson                         words  min  FK grade"]
    for item in course.lessons:
        out.append(
            f"{item.id:<30} {lesson_word_count(item):>5} {computed_minutes(item):>4}"
            f"  {grade(item):>6.1f}"
        )
    lengths = choice_lengths(course)
    service = statistics.mean(lengths["service-oriented"])
    selfish = statistics.mean(lengths["self-serving"])
    out.append(
        f"choice words: service-oriented {service:.2f} (n={len(lengths['service-oriented'])}), "
        f"self-serving {selfish:.2f} (n={len(lengths['self-serving'])}), "
        f"ratio {service / selfish:.3f}"
    )
    histogram = position_histogram(course)
    out.append(
        f"service-oriented position over {len(course.scenarios)} scenarios: "
        f"{dict(sorted(histogram.items()))}"
    )
    for quiz in course.quizzes:
        positions = [sorted(service_positions(quiz, i)) for i in range(len(quiz.scenarios))]
        out.append(f"  {quiz.id:<28} {len(quiz.scenarios):>2} scenarios, positions {positions}")
    items = feedbacks(course)
    sentences = Counter(count_sentences(text) for _, text in items)
    word_counts = [words(text) for _, text in items]
    low, high = FEEDBACK_SENTENCES
    inside = sum(n for s, n in sentences.items() if low <= s <= high)
    out.append(
        f"feedback: {len(items)} in all, sentences {dict(sorted(sentences.items()))}, "
        f"{inside / len(items):.1%} with {low}-{high}; words min {min(word_counts)}, "
        f"mean {statistics.mean(word_counts):.1f}"
    )
    return "\n".join(out)


if __name__ == "__main__":
    print(report())
