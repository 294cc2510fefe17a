"""The authoring format (v1) as strict models: `Course`, `Lesson`, `Quiz`, `Scenario`, `Choice`.

These models are the one definition of what a trainer may write. The validator checks
files against them, the JSON Schemas that editors use are generated from them, and the
trainer's field reference page is rendered from their descriptions, so the three cannot
drift apart. Unknown keys are rejected (`extra="forbid"`); each field's description is
written for trainers.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Ids name files and page addresses (lessons/ID/index.html), so they stay well inside
# every file system's limits; one-line texts are titles, headings and prompts, which a
# phone shows in a line or two (and which the theme repeats in the navigation).
MAX_ID = 64
MAX_LINE = 200
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID)]
Text = Annotated[str, StringConstraints(pattern=r"\S", max_length=MAX_LINE)]
Markdown = Annotated[
    str,
    StringConstraints(pattern=r"\S"),
    Field(json_schema_extra={"contentMediaType": "text/markdown"}),
]
Url = Annotated[str, StringConstraints(pattern=r"^[hH][tT][tT][pP][sS]?://\S+$")]

CalloutKind = Literal["note", "tip", "warning", "quote", "example"]
ChoiceKind = Literal["self-serving", "service-oriented"]
CHOICE_KINDS: tuple[ChoiceKind, ...] = get_args(ChoiceKind)
SELF, SERVICE = CHOICE_KINDS


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Callout(_Model):
    """A boxed aside in a lesson section (a Material admonition)."""

    kind: CalloutKind = Field(
        description="The look of the box: note, tip, warning, quote or example.",
        examples=["tip"],
    )
    title: Text | None = Field(
        default=None,
        description="The box's heading; without it, the kind is used (for example 'Tip').",
        examples=["Try this"],
    )
    body: Markdown = Field(description="The text of the box (Markdown).")


class Section(_Model):
    """One titled part of a lesson."""

    heading: Text = Field(
        description="The section's heading (plain text).", examples=["From star seller to manager"]
    )
    body: Markdown = Field(
        description="The section's text (Markdown: paragraphs, lists, emphasis, links, quotes)."
    )
    callout: Callout | None = Field(
        default=None, description="An optional box shown after the section's text."
    )


class Practice(_Model):
    """A "try this week" exercise at the end of a lesson."""

    title: Text = Field(description="The exercise's name.", examples=["Ask one rep, every day"])
    steps: list[Markdown] = Field(min_length=1, description="The steps, in order (each Markdown).")


class Source(_Model):
    """Where the lesson's ideas come from."""

    title: Text = Field(description="The title of the work.")
    author: Text | None = Field(default=None, description="Who wrote it.")
    publication: Text | None = Field(default=None, description="Where it was published.")
    url: Url | None = Field(default=None, description="A web address (http:// or https://).")


class Lesson(_Model):
    """A lesson: any `*.yml` or `*.yaml` file under the content folder except `course.yml`."""

    id: Slug = Field(
        description="The lesson's id: lowercase letters, digits and hyphens; unique among "
        "lessons. It names the page address (lessons/ID/) and is how quizzes and links "
        "refer to the lesson.",
        examples=["who-comes-first"],
    )
    title: Text = Field(
        description="The lesson's title (plain text).", examples=["Who comes first?"]
    )
    order: int | None = Field(
        default=None,
        description="Position in the course (lowest first); lessons without one follow, "
        "sorted by file name.",
        examples=[1],
    )
    module: Text | None = Field(
        default=None,
        description="Optional module name: lessons with the same module are grouped under "
        "it in the navigation (useful for long courses).",
        examples=["Foundations"],
    )
    summary: Markdown = Field(
        description="One short paragraph; shown on the home page and at the top of the lesson."
    )
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=240,
        description="Estimated reading time in minutes; computed from the word count "
        "(200 words a minute) when left out.",
        examples=[8],
    )
    objectives: list[Markdown] = Field(
        default_factory=list, description="What the reader will be able to do (Markdown each)."
    )
    sections: list[Section] = Field(min_length=1, description="The lesson's sections, in order.")
    takeaways: list[Markdown] = Field(
        default_factory=list, description="Key points to remember (Markdown each)."
    )
    reflection: list[Markdown] = Field(
        default_factory=list, description="Questions for the reader to think about."
    )
    practice: Practice | None = Field(default=None, description="A 'try this week' exercise.")
    sources: list[Source] = Field(default_factory=list, description="Works the lesson draws on.")
    quiz: Slug | None = Field(
        default=None,
        description="The id of this lesson's quiz; that quiz's `lesson` must name this lesson.",
        examples=["who-comes-first"],
    )
    draft: bool = Field(
        default=False,
        description="true: shown by `mkdocs serve` for preview, left out of `mkdocs build`.",
    )


class Choice(_Model):
    """One possible response to a scenario."""

    text: Markdown = Field(
        description="What the learner could do or say (inline Markdown: one or two sentences)."
    )
    kind: ChoiceKind = Field(
        description="Exactly `self-serving` or `service-oriented`.", examples=["service-oriented"]
    )
    feedback: Markdown = Field(
        description="Why: whom this choice serves, what it costs or gains, and (for a "
        "self-serving choice) what the service-oriented move would be (Markdown)."
    )


class Scenario(_Model):
    """A concrete moment where the learner picks what to do."""

    id: Slug = Field(
        description="The scenario's id: a slug, unique within the quiz. Changing it drops "
        "learners' saved answers for it.",
        examples=["vp-slide-vs-one-on-one"],
    )
    title: Text | None = Field(
        default=None,
        description="A short name for the scenario, shown in results and reviews; "
        "defaults to 'Scenario N'.",
        examples=["The VP's slide"],
    )
    situation: Markdown = Field(description="What is happening (Markdown).")
    prompt: Text = Field(
        default="What do you do?",
        description="The question put to the learner.",
        examples=["What do you say to Priya?"],
    )
    choices: list[Choice] = Field(
        min_length=2,
        max_length=6,
        description="2 to 6 choices, with at least one of each kind.",
        # Editors then flag a scenario with one kind only, as `servefirst check` does.
        json_schema_extra={
            "allOf": [
                {"contains": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}}
                for kind in CHOICE_KINDS
            ]
        },
    )
    shuffle: bool = Field(
        default=True,
        description="true: each learner sees this scenario's choices in their own order, "
        "kept across visits (printed and without JavaScript, the written order). false: "
        "always the written order, for choices that refer to each other ('both of the "
        "above').",
    )


class Quiz(_Model):
    """A scenario quiz: any `*.yml` or `*.yaml` file under the quizzes folder."""

    id: Slug = Field(
        description="The quiz's id: a slug, unique among quizzes.", examples=["who-comes-first"]
    )
    title: Text = Field(description="The quiz's title.", examples=["Quiz: Who comes first?"])
    lesson: Slug | None = Field(
        default=None,
        description="The id of the lesson this quiz belongs to (that lesson's `quiz` must "
        "name this quiz). Without it, the quiz gets its own page after the lessons.",
        examples=["who-comes-first"],
    )
    intro: Markdown | None = Field(
        default=None, description="A few words before the first scenario (Markdown)."
    )
    pass_percent: int = Field(
        default=80,
        ge=1,
        le=100,
        description="The pass mark: service-oriented picks x 100 / scenarios must reach it.",
        examples=[80],
    )
    scenarios: list[Scenario] = Field(min_length=1, description="The scenarios, in order.")
    shuffle: bool = Field(
        default=True,
        description="false: every scenario of this quiz shows its choices in the written "
        "order (see a scenario's `shuffle`).",
    )
    draft: bool = Field(
        default=False,
        description="true: shown by `mkdocs serve` for preview, left out of `mkdocs build`.",
    )


class Course(_Model):
    """The course itself: `course.yml` at the top of the content folder; it makes the home page."""

    title: Text = Field(description="The course's name.", examples=["Serve First"])
    tagline: Text = Field(description="One line under the title on the home page.")
    audience: Markdown = Field(description="Who the course is for (Markdown).")
    intro: Markdown = Field(
        description="What the course is, how long it takes and where to start (Markdown)."
    )
    license: Markdown = Field(description="The course's license and credits (Markdown).")


MODELS: dict[str, type[_Model]] = {"course": Course, "lesson": Lesson, "quiz": Quiz}
