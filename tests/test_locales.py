"""The shipped catalogues (generator/locales/*.json) against English, and a quiz taken in them.

English (en.json) is the catalogue every other one is written from. Each other catalogue
must carry exactly its keys, the same {placeholders}, and plural objects where English has
them, with the CLDR categories `Intl.PluralRules` uses for that language (the browser picks
the form with it, so a missing category would fall back to "other" silently).

Then the sample course is built in German and in French and its quiz taken in Chromium:
the controls, verdicts and result speak the language (numbers formatted by it: "66,7 %"),
no English string of ours is left on the quiz, and axe still finds nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import FIXTURES, ROOT, Served, build_and_serve, copy_project

LOCALES = ROOT / "generator" / "locales"
ENGLISH = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
# What Intl.PluralRules(lang).resolvedOptions().pluralCategories gives (CLDR).
CATEGORIES = {
    "de": {"one", "other"},
    "fr": {"one", "many", "other"},
    "es": {"one", "many", "other"},
}
SHIPPED = sorted(path.stem for path in LOCALES.glob("*.json") if path.stem != "en")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
QUIZ = "lessons/first-steps/quiz/"


def read(language: str) -> dict:
    return json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def forms(value: str | dict) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


def test_the_languages_shipped_are_english_german_french_and_spanish() -> None:
    assert SHIPPED == ["de", "es", "fr"]


def test_the_plural_categories_are_those_intl_uses() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = (
        "console.log(JSON.stringify(Object.fromEntries(process.argv.slice(1).map("
        "(l) => [l, new Intl.PluralRules(l).resolvedOptions().pluralCategories]))))"
    )
    result = subprocess.run(
        [node, "-e", script, *CATEGORIES], capture_output=True, text=True, check=True
    )
    given = json.loads(result.stdout)
    assert {language: set(names) for language, names in given.items()} == CATEGORIES


@pytest.mark.parametrize("language", SHIPPED)
def test_a_catalogue_has_exactly_the_keys_of_english(language: str) -> None:
    words = read(language)
    missing = [key for key in ENGLISH if key not in words]
    extra = [key for key in words if key not in ENGLISH]
    assert missing == [], f"{language}.json lacks {missing}"
    assert extra == [], f"{language}.json has keys English does not: {extra}"


@pytest.mark.parametrize("language", SHIPPED)
def test_a_catalogue_keeps_every_placeholder(language: str) -> None:
    words = read(language)
    wrong = {}
    for key, english in ENGLISH.items():
        if key not in words:
            continue
        if isinstance(english, str):
            if isinstance(words[key], str) and placeholders(words[key]) != placeholders(english):
                wrong[key] = (english, words[key])
            continue
        # A form has the placeholders of the English form of its name, else of "other".
        for name, text in words[key].items() if isinstance(words[key], dict) else ():
            if placeholders(text) != placeholders(english.get(name, english["other"])):
                wrong[f"{key}.{name}"] = (english.get(name, english["other"]), text)
    assert wrong == {}


@pytest.mark.parametrize("language", SHIPPED)
def test_plural_values_have_the_languages_cldr_categories(language: str) -> None:
    assert language in CATEGORIES, f"add the CLDR plural categories of {language!r}"
    words = read(language)
    wrong = {}
    for key, english in ENGLISH.items():
        value = words.get(key)
        if isinstance(english, dict):
            found = set(value) if isinstance(value, dict) else type(value).__name__
            if found != CATEGORIES[language]:
                wrong[key] = found
        elif not isinstance(value, str) and key in words:
            wrong[key] = "an object where English has a string"
    assert wrong == {}


@pytest.mark.parametrize("language", SHIPPED)
def test_a_catalogue_is_written_in_its_language(language: str) -> None:
    """No sentence left in English, no empty value."""
    words = read(language)
    untranslated = [
        key
        for key, english in ENGLISH.items()
        for mine, theirs in zip(forms(words.get(key, "")), forms(english), strict=False)
        if not mine.strip() or (mine == theirs and len(theirs.split()) > 2)
    ]
    assert untranslated == []


def test_french_punctuation_has_its_non_breaking_space() -> None:
    """French sets a (narrow) no-break space before : ; ? ! and inside « »."""
    loose = {
        key: text
        for key, value in read("fr").items()
        for text in forms(value)
        if re.search(r"(?:\w|\}) [:;?!»]|« ", text)
    }
    assert loose == {}


# --- the quiz in German and in French -------------------------------------------------

# Written out here, not read from the catalogue: what a German or French learner must see.
EXPECTED = {
    "de": {
        "check": "Antwort prüfen",
        "counter": "Szenario 1 von 3",
        "verdict": "Deine Antwort ist eigennützig.",
        "choose": "Wähle zuerst eine der Antworten aus.",
        "failed": "Noch nicht bestanden.",
        "score": "Dienende Antworten: 2 von 3 (66,7 %)",
        "review": "1 verpasstes Szenario ansehen",
        "retry": "Quiz wiederholen",
    },
    "fr": {
        "check": "Valider ma réponse",
        "counter": "Situation 1 sur 3",
        "verdict": "Votre choix est intéressé.",
        "choose": "Choisissez d’abord l’une des réponses.",
        "failed": "Pas encore réussi.",
        "score": "Choix au service des autres : 2 sur 3 (66,7 %)",
        "review": "Revoir 1 situation manquée",
        "retry": "Refaire le quiz",
    },
}
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def spaced(text: str) -> str:
    """Text with no-break spaces as plain ones (Intl puts U+00A0 or U+202F before %)."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def english_fragments(language: str) -> list[str]:
    """The literal text of every English value, cut at its placeholders.

    Pieces with fewer than three letters go, and so do pieces that are words of the
    language's own catalogue too (German says "Quiz" as well).
    """
    own = "\n".join(text for value in read(language).values() for text in forms(value))
    pieces = {
        piece.strip(" .:·()–")
        for value in ENGLISH.values()
        for text in forms(value)
        for piece in PLACEHOLDER.split(text)[::2]
    }
    return sorted(
        piece
        for piece in pieces
        if sum(ch.isalpha() for ch in piece) >= 3
        and not re.search(rf"\b{re.escape(piece)}\b", own, re.IGNORECASE)
    )


def authored(value: object) -> Iterator[str]:
    """The sample quiz's own (English) words: every text field, not its ids or kinds."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in {"id", "kind", "lesson"}:
                yield from authored(item)
    elif isinstance(value, list):
        for item in value:
            yield from authored(item)
    elif isinstance(value, str):
        yield value


def without_course_text(text: str) -> str:
    """`text` with the sample quiz's own words blanked out, longest first."""
    quiz = yaml.safe_load((FIXTURES / "sample/quizzes/first-steps.yml").read_text("utf-8"))
    for piece in sorted(authored(quiz), key=len, reverse=True):
        text = re.sub(re.escape(piece.strip()), " ", text, flags=re.IGNORECASE)
    return text


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def localized_site(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample course built with `theme.language` set, served under /serve-first/."""
    language = request.param
    base = tmp_path_factory.mktemp(f"sample-{language}")
    project = copy_project(FIXTURES / "sample", base / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  name: material\n", f"  name: material\n  language: {language}\n"),
        encoding="utf-8",
    )
    yield from build_and_serve(project, base / "www")


def language_of(site: Served) -> str:
    config = (site.project / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"^  language: (\w+)$", config, re.MULTILINE)
    assert found
    return found.group(1)


def answer(scenario, kind: str, check: str) -> None:
    scenario.locator(f".sf-choice input[data-sf-kind='{kind}']").first.check()
    scenario.get_by_role("button", name=check).click()


@pytest.mark.browser
def test_the_quiz_speaks_the_sites_language(localized_site: Served, page) -> None:
    language = language_of(localized_site)
    expected = EXPECTED[language]
    page.goto(localized_site.url + QUIZ)
    assert page.evaluate("document.documentElement.lang") == language
    quiz = page.locator("[data-sf-quiz]")
    seen = [quiz.inner_text()]
    scenarios = page.locator("[data-sf-scenario]")
    first = scenarios.first
    assert first.locator(".sf-scenario__count").text_content() == expected["counter"]

    # One at a time, then back to the whole page: the step bar and its buttons.
    quiz.locator(".sf-view").click()
    assert quiz.locator(".sf-stepbar p").text_content() == expected["counter"]
    seen.append(quiz.inner_text())
    quiz.locator(".sf-view").click()

    first.get_by_role("button", name=expected["check"]).click()
    assert first.get_by_role("status").inner_text() == expected["choose"]
    answer(first, "self-serving", expected["check"])
    assert first.get_by_role("status").inner_text().startswith(expected["verdict"])
    seen.append(quiz.inner_text())
    for number in (1, 2):
        answer(scenarios.nth(number), "service-oriented", expected["check"])

    result = spaced(page.locator("[data-sf-result]").inner_text())
    assert expected["failed"] in result
    assert expected["score"] in result
    assert expected["review"] in result
    assert expected["retry"] in result
    seen.append(quiz.inner_text())
    labels = quiz.evaluate(
        "q => [...q.querySelectorAll('[aria-label]')].map(el => el.getAttribute('aria-label'))"
    )
    text = without_course_text(spaced("\n".join(seen + labels)))
    english = [
        piece
        for piece in english_fragments(language)
        # Case aside: headings and labels may be set in capitals by the stylesheet.
        if re.search(rf"\b{re.escape(spaced(piece))}\b", text, re.IGNORECASE)
    ]
    assert english == []


@pytest.mark.browser
@pytest.mark.parametrize("localized_site", ["de"], indirect=True)
def test_axe_finds_nothing_on_the_german_quiz_after_a_check(localized_site: Served, page) -> None:
    page.goto(localized_site.url + QUIZ)
    # A self-serving pick in the scenario with three choices: verdict, better move, and
    # one other choice left behind a disclosure, opened.
    second = page.locator("[data-sf-scenario]").nth(1)
    answer(second, "self-serving", EXPECTED["de"]["check"])
    second.locator("details:visible").last.locator("summary").click()
    page.mouse.move(0, 0)
    page.wait_for_timeout(200)
    found = Axe().run(page, options=WCAG).response["violations"]
    assert [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in found] == []
