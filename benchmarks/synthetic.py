"""Deterministic synthetic courses for the benchmark: N lessons, each with a 6-scenario quiz.

`write_course(project, lessons, seed=..., per_module=50)` writes a Serve First project the
way a trainer would lay it out (`content/course.yml`, `content/lessons/*.yml`,
`quizzes/*.yml`); the site's `mkdocs.yml` is written by `run.py`. Lessons are about
600-900 words of Markdown prose in 3-4 sections with a callout, objectives, takeaways,
reflection questions and a practice exercise, and link to an earlier lesson; quizzes have
6 scenarios of 3 choices with 2-3 sentences of feedback each. The same seed gives the same
bytes, so every run and every machine builds the same course.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

# fmt: off
REPS = [
    "Priya", "Marcus", "Keisha", "Tomás", "Aiyana", "Grace", "Kenji", "Lena", "Hana",
    "Samir", "Ingrid", "Diego", "Mei", "Olusegun", "Ruth", "Jonas", "Fatima", "Callum",
]
BOSSES = ["Dana", "Rachel", "Victor", "Elaine", "Martin", "Sofia"]
CUSTOMERS = [
    "Corvale Health", "Halvorsen Logistics", "Brightline Clinics", "Orchard Valley Schools",
    "Northwind Foods", "Kestrel Energy", "Bluehaven Hotels", "Tamarind Retail",
    "Ashgrove Insurance", "Pioneer Freight", "Lumen Dental", "Riverside County",
]
AMOUNTS = ["$40K", "$60K", "$90K", "$120K", "$180K", "$250K", "$420K"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
HABITS = [
    "the weekly one-on-one", "the pipeline review", "the team meeting", "the ride-along",
    "the forecast call", "the deal review", "the new-hire check-in", "the win-loss debrief",
]
TITLE_HEADS = [
    "Coaching", "Listening to", "Protecting", "Backing", "Learning from", "Serving",
    "Hiring for", "Forecasting with", "Running", "Rebuilding", "Questioning", "Trusting",
]
TITLE_TAILS = [
    "the quiet rep", "the new hire", "your top seller", "the angry customer",
    "the pipeline review", "the one-on-one", "the team meeting", "the lost deal",
    "the last week of the quarter", "the skip-level visit", "the stalled renewal",
    "the struggling territory", "the discount request", "the forecast",
]
MODULE_TOPICS = [
    "Foundations", "Your calendar", "Your reps", "Your customers", "The forecast",
    "Hiring and ramp", "Coaching", "Hard conversations", "Upward and outward", "Habits",
]
HEADINGS = [
    "What is really happening", "Whom the choice serves", "A week on the calendar",
    "What your reps see", "What the customer hears", "Where the habit comes from",
    "A better first move", "When the boss needs it now", "Making it stick",
    "Reading the signals", "Saying it out loud", "Small changes that compound",
]
# fmt: on

SENTENCES = [
    "{rep} had spent three weeks on the {customer} renewal, and the deal still had no clear "
    "owner on the buying side.",
    "When you move {habit} for a request from above, your rep learns which meeting matters "
    "more to you.",
    "Ask {rep} what the customer said in their own words before you offer a view of your own.",
    "{boss} asked for a one-slide summary by {day}, and the easy answer was to cancel "
    "everything else on the calendar.",
    "Most new managers do this without noticing, because the habit that made them a strong "
    "seller now pulls them toward the spotlight.",
    "A {amount} deal with {customer} looks like a win on the forecast, but the rep who found "
    "it is the one who has to keep it.",
    "The point is not to ignore your boss; it is to decide, on purpose, who comes first when "
    "two needs collide.",
    "Reps notice what you protect, and they copy it faster than anything you say in {habit}.",
    "If the honest answer is that the choice mostly serves you, pause before you make it.",
    "{rep} would not raise the problem in front of the whole team, so the question has to "
    "come from you, one on one.",
    "On {day} afternoon, write down every meeting you moved this week and who asked you to "
    "move it.",
    "The customer at {customer} did not need a hero on the call; they needed the rep they "
    "already trusted to have your backing.",
    "Give credit by name when you report a win, so your boss learns about your people and "
    "your reps hear that you noticed.",
    "A forecast you can defend is built from questions you asked your reps, not from numbers "
    "you pushed onto them.",
    "It costs you a little visibility in the short run, and it buys you a team that tells "
    "you the truth.",
    "When {rep} says a deal is slipping, the first question is what the customer needs, not "
    "what the quarter needs.",
    "Most of the time, serving your reps well is also the fastest way to serve your boss.",
    "Try asking for the real deadline: a simple question often turns right now into the end "
    "of the day.",
    "{boss} will remember the rep you brought to the review long after the slide is forgotten.",
    "The habit is easy to miss, because each single choice has a sensible reason behind it.",
    "New reps in their first ninety days need your time more than any task force does.",
    "Say what you saw, say what it cost, and then ask what would help next time.",
    "A rep who hears bad news from you in private will bring you bad news early.",
    "{rep} closed the {amount} deal with {customer} after you stepped back and let the "
    "relationship stay with the person who built it.",
    "Keep the promise small enough to keep, and keep it every week.",
    "If you cannot protect {habit}, say why and offer a new time before the day is over.",
    "Your calendar is the most honest description of whom you serve.",
    "The next time a request lands on {day}, ask yourself whom the answer serves first.",
]
CALLOUT_KINDS = ["tip", "note", "warning", "quote", "example"]
CALLOUT_TITLES = ["The one-line check", "Try this", "Watch for this", "In their words", "Example"]

SITUATIONS = [
    "It's {day} at 1:15. {boss} emails that she needs a pipeline summary by 3. At 2:00 you "
    "have a one-on-one with {rep}, whose {amount} renewal with {customer} has stalled.",
    "On the quarterly review, {boss} congratulates the team on the {amount} {customer} win "
    "and asks how it happened. {rep} found the champion and wrote the business case.",
    "{rep} tells you that the contact at {customer} is talking about cancelling a {amount} "
    "contract. The call is at 12:15, the same time as your lunch with {boss}.",
    "It's the 24th and the team is {amount} short of its number. {rep}'s deal with "
    "{customer} is agreed, but the buyer wants to sign on the 1st.",
    "{boss} asks for a volunteer to lead a cross-region project, five hours a week until "
    "quarter end. {rep} is in the first ninety days and behind on the ramp plan.",
    "In a review, {rep} says the new pricing model has cost two deals this month, including "
    "{customer}. You championed that model, and {boss} turns to you.",
]
SELF_CHOICES = [
    "Push {rep} to next week and do what {boss} asked first.",
    "Tell the story of your own part, since {boss} wants to see how managers work.",
    "Credit the whole team so no one feels singled out, then move on.",
    "Join the call yourself and take over, because you have done this many times.",
    "Ask {rep} to send the questions by email and answer them tonight.",
    "Volunteer right away and coach {rep} around it.",
]
SERVICE_CHOICES = [
    "Keep the meeting with {rep} and give {boss} a firm time later today.",
    "Say what {rep} did, by name, and offer to bring {rep} to the next review.",
    "Let {rep} lead the call and back the plan with what the customer needs.",
    "Tell {boss} the honest forecast today and let the deal close when the customer is ready.",
]
SELF_FEEDBACK = [
    "This serves your standing with {boss} more than it serves {rep}. It feels efficient in "
    "the moment, but the cost lands on the person who needed you.",
    "It is easy to justify, because your part was real. Yet it leaves {rep}'s work out of the "
    "story, and the team hears who gets the credit. Name the rep first.",
    "This looks safe and fair, but it keeps the attention on you. {boss} learns nothing from "
    "it, and {rep} learns that the work goes unseen. Say exactly who did what.",
    "Your experience is real and you might win the moment. But it takes the relationship out "
    "of {rep}'s hands, and the customer learns to wait for the manager.",
]
SERVICE_FEEDBACK = [
    "This serves {rep} and the customer first while still respecting what {boss} needs. You "
    "lose a little time and gain a rep who knows that the time with you is safe.",
    "This puts the people who sell and buy first. It costs you some comfort, and it earns "
    "trust, because facts from the field matter more to you than being right.",
    "This serves {rep}, who did the work, and it gives {boss} a direct line to what the front "
    "line knows. Most bosses accept a clear, early answer.",
]


@dataclass(frozen=True)
class CourseStats:
    """What was written: counts and average sizes, for the report."""

    lessons: int
    quizzes: int
    modules: int
    words_per_lesson: float
    scenarios: int
    yaml_bytes: int


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        rep=rng.choice(REPS),
        boss=rng.choice(BOSSES),
        customer=rng.choice(CUSTOMERS),
        amount=rng.choice(AMOUNTS),
        day=rng.choice(DAYS),
        habit=rng.choice(HABITS),
    )


def _sentences(rng: random.Random, count: int) -> str:
    return " ".join(_fill(rng, t) for t in rng.sample(SENTENCES, count))


def _paragraph(rng: random.Random) -> str:
    return textwrap.fill(_sentences(rng, rng.randint(2, 4)), width=88)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> str:
    """A YAML literal block scalar, as trainers write Markdown fields."""
    pad = " " * indent
    lines = text.rstrip("\n").split("\n")
    return "|\n" + "\n".join(pad + line if line else "" for line in lines) + "\n"


def _words(text: str) -> int:
    return len(re.sub(r"[*_`\[\]()#>|-]", " ", text).split())


def _lesson_yaml(
    rng: random.Random,
    number: int,
    lesson_id: str,
    title: str,
    module: str | None,
    earlier: tuple[str, str] | None,
) -> tuple[str, int]:
    words = 0
    out = ["# A synthetic lesson written by benchmarks/synthetic.py", f"id: {lesson_id}"]
    out.append(f"title: {_q(title)}")
    out.append(f"order: {number}")
    if module is not None:
        out.append(f"module: {_q(module)}")
    summary = textwrap.fill(_sentences(rng, 2), width=88)
    words += _words(summary)
    out.append("summary: " + _block(summary, 2).rstrip("\n"))

    def listed(key: str, texts: list[str], indent: str = "") -> None:
        nonlocal words
        out.append(f"{indent}{key}:")
        for text in texts:
            words += _words(text)
            out.append(f"{indent}  - {_q(text)}")

    listed("objectives", [_fill(rng, rng.choice(SENTENCES)) for _ in range(3)])
    out.append("sections:")
    headings = rng.sample(HEADINGS, rng.randint(3, 4))
    link_section = rng.randrange(len(headings))
    for index, heading in enumerate(headings):
        paragraphs = [_paragraph(rng) for _ in range(2)]
        if index == link_section and earlier is not None:
            link = f"[Lesson {earlier[1]}](lesson:{earlier[0]})"
            paragraphs[1] += f"\nAs {link} showed, the first move is a question."
        if rng.random() < 0.4:
            items = [
                f"- **{rng.choice(HABITS).capitalize()}:** {_fill(rng, rng.choice(SENTENCES))}"
                for _ in range(3)
            ]
            paragraphs.insert(rng.randint(1, len(paragraphs)), "\n".join(items))
        body = "\n\n".join(paragraphs)
        words += _words(heading) + _words(body)
        out.append(f"  - heading: {_q(heading)}")
        out.append("    body: " + _block(body, 6).rstrip("\n"))
        if index == 0 or rng.random() < 0.3:
            kind = rng.choice(CALLOUT_KINDS)
            callout = textwrap.fill(_sentences(rng, 2), width=84)
            words += _words(callout)
            out.append("    callout:")
            out.append(f"      kind: {kind}")
            out.append(f"      title: {_q(rng.choice(CALLOUT_TITLES))}")
            out.append("      body: " + _block(callout, 8).rstrip("\n"))
    listed("takeaways", [_fill(rng, rng.choice(SENTENCES)) for _ in range(3)])
    listed(
        "reflection",
        [
            f"Think about {habit} this week: whom did it serve first, and why?"
            for habit in rng.sample(HABITS, 3)
        ],
    )
    out.append("practice:")
    out.append(f"  title: {_q('Try it with ' + rng.choice(HABITS))}")
    listed("steps", [_fill(rng, rng.choice(SENTENCES)) for _ in range(3)], indent="  ")
    out.append("sources:")
    out.append('  - title: "The Boss or the Customer"')
    out.append('    author: "Heather Baldwin"')
    out.append(f"quiz: {lesson_id}")
    return "\n".join(out) + "\n", words


def _quiz_yaml(rng: random.Random, quiz_id: str, title: str) -> str:
    out = ["# A synthetic quiz written by benchmarks/synthetic.py", f"id: {quiz_id}"]
    out.append(f"title: {_q('Quiz: ' + title)}")
    out.append(f"lesson: {quiz_id}")
    out.append(f"intro: {_q(_sentences(rng, 1))}")
    out.append("pass_percent: 80")
    out.append("scenarios:")
    # The service-oriented choice moves around (lint warns when it never does).
    positions = [s % 3 for s in range(6)]
    rng.shuffle(positions)
    for s, situation in enumerate(rng.sample(SITUATIONS, 6)):
        out.append(f"  - id: scenario-{s + 1}")
        out.append(f"    title: {_q(rng.choice(HEADINGS))}")
        out.append("    situation: " + _block(textwrap.fill(_fill(rng, situation), 88), 6).rstrip())
        out.append("    prompt: What do you do?")
        out.append("    choices:")
        selfs = iter(rng.sample(SELF_CHOICES, 2))
        for c in range(3):
            service = c == positions[s]
            text = _fill(rng, rng.choice(SERVICE_CHOICES) if service else next(selfs))
            feedback = _fill(rng, rng.choice(SERVICE_FEEDBACK if service else SELF_FEEDBACK))
            out.append(f"      - text: {_q(text)}")
            out.append(f"        kind: {'service-oriented' if service else 'self-serving'}")
            out.append("        feedback: " + _block(textwrap.fill(feedback, 84), 10).rstrip())
    return "\n".join(out) + "\n"


COURSE_YML = """\
# A synthetic course written by benchmarks/synthetic.py
title: "Synthetic course"
tagline: "A generated course of {lessons} lessons for measuring build cost."
audience: |
  Nobody in particular: this course exists to measure how the site builds at scale.
intro: |
  This course has {lessons} generated lessons, each followed by a six-scenario quiz.
  The text is assembled from a fixed bank of sentences with a fixed seed.
license: "Generated text for benchmarking; no rights reserved."
"""


def write_course(
    project: Path, lessons: int, *, seed: int = 2026, per_module: int | None = 50
) -> CourseStats:
    """Write `lessons` lessons (with quizzes) into `project`; modules of `per_module`."""
    rng = random.Random(seed)
    content = project / "content"
    lesson_dir = content / "lessons"
    quiz_dir = project / "quizzes"
    lesson_dir.mkdir(parents=True, exist_ok=True)
    quiz_dir.mkdir(parents=True, exist_ok=True)
    (content / "course.yml").write_text(COURSE_YML.format(lessons=lessons), encoding="utf-8")
    total_words = 0
    total_bytes = 0
    ids: list[str] = []
    modules: set[str] = set()
    for index in range(lessons):
        number = index + 1
        title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)}"
        lesson_id = f"{_slug(title)}-{number:04d}"
        module = None
        if per_module:
            m = index // per_module
            module = f"Module {m + 1}: {MODULE_TOPICS[m % len(MODULE_TOPICS)]}"
            modules.add(module)
        earlier = None
        if ids:
            back = rng.randrange(len(ids))
            earlier = (ids[back], str(back + 1))
        text, words = _lesson_yaml(rng, number, lesson_id, title, module, earlier)
        quiz = _quiz_yaml(rng, lesson_id, title)
        (lesson_dir / f"{lesson_id}.yml").write_text(text, encoding="utf-8")
        (quiz_dir / f"{lesson_id}.yml").write_text(quiz, encoding="utf-8")
        total_words += words
        total_bytes += len(text.encode()) + len(quiz.encode())
        ids.append(lesson_id)
    return CourseStats(
        lessons=lessons,
        quizzes=lessons,
        modules=len(modules),
        words_per_lesson=total_words / max(lessons, 1),
        scenarios=6 * lessons,
        yaml_bytes=total_bytes,
    )
