"""The Markdown a trainer wrote in one YAML file -> safe HTML for one page, with problems.

Consumes an entry (a validated model and its document) and the page it is shown on;
produces the HTML of any text field by its key (a block, an inline paragraph, or a list
item that may be either) through `generator.markdown`, and records each link that points
nowhere, each refused piece of HTML and each field that must be one paragraph as a
located `Problem`, at the line and column where the trainer wrote it.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.document import Entry, Key
from generator.links import Links
from generator.markdown import MarkdownRenderer
from generator.problems import Problem
from generator.views import value_at


class PageText:
    """Renders the Markdown fields of one YAML file into one page, collecting problems."""

    def __init__(
        self, links: Links, problems: list[Problem], entry: Entry[Any], src: str, allow_html: bool
    ) -> None:
        self.links = links
        self.problems = problems
        self.entry = entry
        self.markdown = MarkdownRenderer(links.resolver(entry.path, src), allow_html=allow_html)

    def _report(self, key: Key, text: str) -> None:
        problems, document = self.problems, self.entry.document
        if self.markdown.refused:
            problems.append(Problem(self.entry.path, document.position(key), self.markdown.refused))
        searched_from: dict[str, int] = {}
        for url in self.markdown.broken:
            offset = text.find(url, searched_from.get(url, 0))
            searched_from[url] = offset + 1 if offset >= 0 else 0
            position = document.text_position(key, max(offset, 0))
            message = self.links.explain_broken(self.entry.path, url)
            problems.append(Problem(self.entry.path, position, message))

    def block(self, key: Key) -> Markup:
        text = str(value_at(self.entry.model, key))
        html = self.markdown.block(text)
        self._report(key, text)
        return Markup(html)

    def inline(self, key: Key) -> Markup:
        text = str(value_at(self.entry.model, key))
        html = self.markdown.inline(text)
        self._report(key, text)
        if html is None:
            self.problems.append(
                Problem(
                    self.entry.path,
                    self.entry.document.position(key),
                    f"'{key[-1]}' must be a single paragraph (no blank lines, lists or headings)",
                )
            )
            return Markup("")
        return Markup(html)

    def inline_or_block(self, key: Key) -> Markup:
        """A list item: inline when it is one paragraph, blocks otherwise."""
        text = str(value_at(self.entry.model, key))
        html = self.markdown.inline(text)
        if html is None:
            html = self.markdown.block(text)
        self._report(key, text)
        return Markup(html)
