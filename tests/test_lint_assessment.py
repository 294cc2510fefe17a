"""The assessment lint: warnings where a quiz's choices give the answer away (issue 10).

Each rule is run on small courses written into tmp_path: it fires on one with the tell,
at the file and line of the tell, and stays quiet on the same course without it. The
texts are made of words unique to each scenario and choice (`_words`), so a fixture
shows only the tell it was written to show. The course as it stood before the rewrite
(commit 3ba11ff) must warn on the tells it had; the course we ship must pass
(`test_cli.test_check_on_the_real_course_is_clean`).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, run
from generator.pipeline import run_pipeline
from generator.settings import Settings

SERVICE, SELF = "service-oriented", "self-serving"
FEEDBACK = "This serves the rep and the customer first, and it costs you a little time today."
BEFORE_REWRITE = "3ba11ff"


@dataclass
class Scenario:
    id: str
    kinds: list[str]
    lengths: list[int] = field(default_factory=lambda: [8, 10, 12])
    situation: str = ""
    prompt: str | None = None
    extra: dict[int, str] = field(default_factory=dict)  # choice -> words put in front

    def texts(self) -> list[str]:
        return [
            " ".join(filter(None, [self.extra.get(c, ""), _words(f"{self.id}c{c}", n)]))
            for c, n in enumerate(self.lengths)
        ]


def _words(stem: str, count: int) -> str:
    """`count` words found nowhere else in a fixture."""
    stem = stem.replace("-", "")
    return " ".join(f"{stem}w{k}" for k in range(count))


def _rotated(i: int, size: int = 3) -> list[str]:
    """Kinds with the service-oriented choice at place i mod size."""
    return [SERVICE if c == i % size else SELF for c in range(size)]


def write_quiz(
    project: Path, quiz_id: str, scenarios: list[Scenario], lesson: str | None = None
) -> Path:
    lines = [f"id: {quiz_id}", f"title: Quiz {quiz_id}", "scenarios:"]
    if lesson:
        lines.insert(2, f"lesson: {lesson}")
    for scenario in scenarios:
        situation = scenario.situation or _words(f"{scenario.id}sit", 30)
        lines += [f"  - id: {scenario.id}", f"    situation: {json.dumps(situation)}"]
        if scenario.prompt is not None:
            lines.append(f"    prompt: {json.dumps(scenario.prompt)}")
        lines.append("    choices:")
        for text, kind in zip(scenario.texts(), scenario.kinds, strict=True):
            lines += [
                f"      - text: {json.dumps(text)}",
                f"        kind: {kind}",
                f"        feedback: {json.dumps(FEEDBACK)}",
            ]
    path = project / "quizzes" / f"{quiz_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_lesson(project: Path, lesson_id: str, quiz: str, example: str) -> Path:
    path = project / "content" / "lessons" / f"{lesson_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"id: {lesson_id}\ntitle: A lesson\nsummary: A summary.\nquiz: {quiz}\nsections:\n"
        "  - heading: A heading\n    body: Some text.\n"
        "    callout:\n      kind: example\n      title: The deal that looked fine\n"
        f"      body: {json.dumps(example)}\n",
        encoding="utf-8",
    )
    return path


def warnings(project: Path) -> list[str]:
    """Every warning as `servefirst check` prints it (paths relative to the project)."""
    (project / "content").mkdir(exist_ok=True)
    site, _ = run_pipeline(
        Settings(
            project / "content", project / "quizzes", field_reference="trainers/field-reference.md"
        )
    )
    return [w.format(base=project) for w in sorted(site.warnings, key=lambda w: w.sort_key())]


def line_of(path: Path, warning: str) -> str:
    """The line of `path` that a warning points at."""
    number = int(warning.split(":")[1])
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def clean_quiz(project: Path, quiz_id: str, count: int = 6) -> Path:
    return write_quiz(
        project, quiz_id, [Scenario(f"{quiz_id}-s{i}", _rotated(i)) for i in range(count)]
    )


def test_a_course_without_tells_gets_no_warnings(tmp_path: Path) -> None:
    for q in range(3):
        clean_quiz(tmp_path, f"quiz{q}")
    assert warnings(tmp_path) == []


def test_a_course_with_kinds_dealt_at_random_passes(tmp_path: Path) -> None:
    # Shared words in choices of both kinds, positions and lengths left to chance.
    rng = random.Random(10)
    common = [
        "ask",
        "tell",
        "keep",
        "the",
        "rep",
        "customer",
        "boss",
        "deal",
        "call",
        "today",
        "week",
        "meeting",
    ]
    for q in range(8):
        scenarios = []
        for i in range(6):
            size = rng.choice([3, 3, 4])
            kinds = [SELF] * size
            kinds[rng.randrange(size)] = SERVICE
            extra = {c: " ".join(rng.sample(common, 3)) for c in range(size)}
            lengths = [rng.randint(6, 16) for _ in range(size)]
            scenarios.append(Scenario(f"q{q}s{i}", kinds, lengths, extra=extra))
        write_quiz(tmp_path, f"quiz{q}", scenarios)
    assert warnings(tmp_path) == []


def test_answer_in_one_place_throughout_a_quiz_warns_there(tmp_path: Path) -> None:
    clean_quiz(tmp_path, "other")
    kinds = [SELF, SERVICE, SELF]
    # Lengths rotate, so only the place gives the answer away.
    path = write_quiz(
        tmp_path,
        "stuck",
        [
            Scenario(f"s{i}", kinds, [[8, 10, 12], [12, 8, 10], [10, 12, 8]][i % 3])
            for i in range(6)
        ],
    )
    found = warnings(tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith("quizzes/stuck.yml:")
    assert ": warning: in this quiz, the service-oriented choice is choice 2 in 6 of 6 " in found[0]
    assert "move it to other places" in found[0]
    assert "s0c1w0" in line_of(path, found[0])  # the first such choice


def test_answer_in_one_place_across_the_course_warns_in_each_quiz(tmp_path: Path) -> None:
    # Three scenarios per quiz are too few to tell within a quiz; fifteen are not.
    for q in range(5):
        write_quiz(
            tmp_path,
            f"quiz{q}",
            [
                Scenario(
                    f"q{q}s{i}", [SERVICE, SELF, SELF], [[8, 10, 12], [12, 8, 10], [10, 12, 8]][i]
                )
                for i in range(3)
            ],
        )
    found = warnings(tmp_path)
    assert [w.split(":")[0] for w in found] == [f"quizzes/quiz{q}.yml" for q in range(5)]
    assert all(
        "across the course, the service-oriented choice is choice 1 in 15 of 15 scenarios "
        "with 3 choices" in w
        for w in found
    )


def test_answer_that_is_always_the_longest_or_shortest_warns(tmp_path: Path) -> None:
    for which, lengths in (("longest", [14, 9, 10]), ("shortest", [6, 9, 10])):
        project = tmp_path / which
        for q in range(3):
            scenarios = []
            for i in range(6):
                place = i % 3
                kinds = _rotated(i)
                # The service-oriented choice (at `place`) gets the first length.
                ordered = lengths[1:]
                ordered.insert(place, lengths[0])
                scenarios.append(Scenario(f"q{q}s{i}", kinds, ordered))
            write_quiz(project, f"quiz{q}", scenarios)
        found = warnings(project)
        assert len(found) == 3, found
        assert all(
            f"across the course, the service-oriented choice is the {which} choice in "
            "18 of 18 scenarios" in w
            for w in found
        )
        assert "so learners can pick it by its length" in found[0]


def _word_course(project: Path, *, since_in: list[str | None], best_in: list[str]) -> None:
    """Twelve scenarios; choice kinds that carry 'since' and 'best serve' in each."""
    for q in range(2):
        scenarios = []
        for i in range(6):
            n = q * 6 + i
            kinds = _rotated(n)
            service, selfs = kinds.index(SERVICE), [c for c, k in enumerate(kinds) if k == SELF]
            extra: dict[int, str] = {}
            places = {SERVICE: service, SELF: selfs[0]}
            if since_in[n]:
                extra[places[since_in[n]]] = "since"
            if n < len(best_in):
                spot = service if best_in[n] == SERVICE else selfs[1]
                extra[spot] = (extra.get(spot, "") + " best serve").strip()
            scenarios.append(Scenario(f"q{q}s{i}", kinds, extra=extra))
        write_quiz(project, f"quiz{q}", scenarios)


def test_words_found_in_one_kind_only_are_named_at_each_choice(tmp_path: Path) -> None:
    _word_course(tmp_path, since_in=[SELF] * 12, best_in=[SERVICE] * 9)
    found = warnings(tmp_path)
    since = [w for w in found if "'since'" in w]
    best = [w for w in found if "'best' and 'serve'" in w]
    assert len(since) == 12 and len(best) == 9, found
    assert ": warning: 'since' is in self-serving choices only, in 12 scenarios across" in since[0]
    assert "so learners can rule out this choice by that word alone" in since[0]
    assert (
        "'best' and 'serve' are in service-oriented choices only, in 9 and 9 scenarios" in best[0]
    )
    assert "so learners can pick this choice by those words alone" in best[0]
    for warning in since + best:
        word = "since" if "'since'" in warning else "best serve"
        assert word in line_of(tmp_path / warning.split(":")[0], warning)


def test_words_found_in_both_kinds_are_not_tells(tmp_path: Path) -> None:
    _word_course(
        tmp_path,
        since_in=[SELF, SERVICE] * 6,
        best_in=[SERVICE, SELF, SERVICE, SELF, SERVICE, SERVICE, SELF, SERVICE, SELF],
    )
    assert warnings(tmp_path) == []


def test_too_few_scenarios_are_not_a_word_tell(tmp_path: Path) -> None:
    # Chance alone keeps a word to self-serving choices in 4 scenarios about 1 time in 5.
    _word_course(tmp_path, since_in=[SELF] * 4 + [None] * 8, best_in=[])
    assert warnings(tmp_path) == []


SHORT = [4, 5, 6]  # short choices: the shared situation is most of the scenario
STORY = (
    "It is Thursday at one fifteen and your director Lauren Shaw emails that she needs a "
    "pipeline summary for the board by three while Priya Raman waits for her one on one "
    "about a stalled renewal with Corvale Health that she cannot explain"
)


def test_a_scenario_copied_from_another_warns_at_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # paths in messages are shown as typed in the course folder
    first = write_quiz(tmp_path, "first", [Scenario("original", _rotated(0), SHORT, STORY)])
    copy = STORY.replace("Lauren Shaw", "Dana Ortiz").replace("Priya Raman", "Marcus Osei")
    second = write_quiz(tmp_path, "second", [Scenario("copy", _rotated(1), SHORT, copy)])
    clean_quiz(tmp_path, "other")
    found = warnings(tmp_path)
    assert len(found) == 2, found
    at_first, at_second = found
    assert at_first.startswith("quizzes/first.yml:")
    assert "scenario 'original' is a near-copy of scenario 'copy' (quizzes/second.yml:" in at_first
    assert at_second.startswith("quizzes/second.yml:")
    assert "scenario 'copy' is a near-copy of scenario 'original' (quizzes/first.yml:" in at_second
    assert "of its three-word phrases are in that one too" in at_second
    assert "situation:" in line_of(first, at_first) and "situation:" in line_of(second, at_second)


def test_a_scenario_that_retells_a_worked_example_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lesson = write_lesson(tmp_path, "lesson-one", "retold", STORY + ". You keep the meeting.")
    retold = [Scenario("retold", _rotated(0), SHORT, STORY)]
    quiz = write_quiz(tmp_path, "retold", retold, lesson="lesson-one")
    clean_quiz(tmp_path, "other")
    found = warnings(tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith("quizzes/retold.yml:")
    assert (
        "scenario 'retold' retells the worked example 'The deal that looked fine' of lesson "
        "'lesson-one' (content/lessons/lesson-one.yml:" in found[0]
    )
    assert "situation:" in line_of(quiz, found[0])
    example_line = int(found[0].split("lesson-one.yml:")[1].split(")")[0])
    assert "body:" in lesson.read_text(encoding="utf-8").splitlines()[example_line - 1]


def test_different_stories_about_the_same_people_are_not_copies(tmp_path: Path) -> None:
    write_lesson(tmp_path, "lesson-one", "one", "Lauren Shaw asks Priya Raman about a lost deal.")
    other = (
        "At the quarterly review Lauren Shaw congratulates the team on the Halvorsen win and "
        "asks how it happened, while Priya Raman who found the champion sits quietly at the back"
    )
    write_quiz(tmp_path, "one", [Scenario("one", _rotated(0), SHORT, STORY)], lesson="lesson-one")
    write_quiz(tmp_path, "two", [Scenario("two", _rotated(1), SHORT, other)])
    assert warnings(tmp_path) == []


def test_text_too_long_for_a_phone_warns_at_the_field(tmp_path: Path) -> None:
    def course(extra: int) -> Path:
        project = tmp_path / f"plus{extra}"
        scenario = Scenario(
            "long",
            _rotated(0),
            lengths=[35 + extra, 10, 12],
            situation=_words("longsit", 80 + extra),
            prompt=_words("p", 20 + extra),  # short words: a prompt holds 200 characters
        )
        write_quiz(project, "phone", [scenario])
        return project

    assert warnings(course(0)) == []
    found = warnings(course(1))
    assert [w.split(": warning: ")[1] for w in found] == [
        "scenario 'long': the situation has 81 words, more than fits above the choices on a "
        "phone: keep who, what, when and what is at stake (at most 80 words)",
        "scenario 'long': the prompt has 21 words, more than one short question: move the "
        "detail into the situation (at most 20 words)",
        "scenario 'long', choice 1 has 36 words, too long to compare with the others on a "
        "phone: one or two sentences (at most 35 words)",
    ]
    path = tmp_path / "plus1" / "quizzes" / "phone.yml"
    assert [line_of(path, w).split(":")[0].strip(" -") for w in found] == [
        "situation",
        "prompt",
        "text",
    ]


def test_tells_are_warnings_that_fail_only_with_strict(tmp_path: Path) -> None:
    _word_course(tmp_path, since_in=[SELF] * 12, best_in=[])
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "course.yml").write_text(
        "title: T\ntagline: T\naudience: A\nintro: I\nlicense: L\n", encoding="utf-8"
    )
    args = [sys.executable, "-m", "generator", "check", "--content", "content"]
    plain = run([*args, "--quizzes", "quizzes"], tmp_path)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "0 errors, 12 warnings" in plain.stderr
    assert all(
        ": warning: 'since' is in self-serving" in line for line in plain.stdout.splitlines()
    )
    assert run([*args, "--quizzes", "quizzes", "--strict"], tmp_path).returncode == 1


def _before_rewrite(target: Path) -> Path:
    """The course's lessons and quizzes as they were at commit 3ba11ff."""
    listing = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "ls-tree",
            "-r",
            "--name-only",
            BEFORE_REWRITE,
            "quizzes",
            "content/lessons",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in listing:
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{BEFORE_REWRITE}:{name}"],
            capture_output=True,
            check=True,
        ).stdout
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(shown)
    return target


def test_the_course_before_the_rewrite_shows_its_tells(tmp_path: Path) -> None:
    found = warnings(_before_rewrite(tmp_path))
    assert all(w.startswith("quizzes/") and ": warning: " in w for w in found), found
    text = "\n".join(found)
    assert "the service-oriented choice is choice 4 in 6 of 6 scenarios with 4 choices" in text
    assert "the service-oriented choice is the shortest choice in" in text
    assert "'best' and 'serve' are in service-oriented choices only" in text
    assert "'since' is in self-serving choices only, in 13 scenarios" in text


def test_a_scenario_with_one_kind_of_choice_gets_its_error_not_a_crash(tmp_path: Path) -> None:
    clean_quiz(tmp_path, "other")
    write_quiz(tmp_path, "one-kind", [Scenario("only-self", [SELF, SELF, SELF])])
    (tmp_path / "content").mkdir()
    site, problems = run_pipeline(Settings(tmp_path / "content", tmp_path / "quizzes"))
    assert any(p.severity == "error" and p.path.name == "one-kind.yml" for p in problems), problems
    assert site.warnings == []
