"""The YAML loader keeps what trainers typed, and refuses what YAML would do behind their back."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.decode import MAX_BYTES
from generator.load import load_document
from generator.problems import Position


def load(tmp_path: Path, content: str | bytes) -> tuple[object, list[str]]:
    path = tmp_path / "file.yml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    document, problems = load_document(path)
    return (document.data if document else None), [
        f"{p.position.line}:{p.position.column}: {p.message}" for p in problems
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: no", "no"),
        ("a: off", "off"),
        ("a: yes", "yes"),
        ("a: 3.10", "3.10"),
        ("a: 2026-01-02", "2026-01-02"),
        ("a: ~", "~"),
        ("a: 0x10", "0x10"),
        ("a: 'quoted: text'", "quoted: text"),
        ("a:", None),
    ],
)
def test_scalars_stay_the_text_that_was_typed(tmp_path: Path, text: str, value: object) -> None:
    data, problems = load(tmp_path, text)
    assert problems == []
    assert data == {"a": value}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "3:1: duplicate field 'a' (first at line 1); keep only one"),
        ("a: &x hi\nb: *x\n", "1:4: anchors ('&x') are not supported"),
        ("a: !!python/name:os.system x\n", "1:4: YAML tags"),
        ("a:\n\tb: 1\n", "2:1: this line is indented with a tab"),
        ("a: b: c\n", "1:5: unexpected ':' here"),
        ("a: 'open\n", "1:4: the file ends inside quoted text"),
        ("a: 1\n---\nb: 2\n", "2:1: a second YAML document starts here"),
        ("", "1:1: the file is empty"),
        ("# only a comment\n", "1:1: the file is empty"),
        (b"a: \xff\n", "1:4: the file is not valid UTF-8 (byte 0xff)"),
        ("\ufeffa: 1".encode("utf-16"), "1:1: the file is saved as UTF-16"),
        ("[" * 100 + "]" * 100, "nested more than"),
    ],
)
def test_refusals_are_located(tmp_path: Path, content: str | bytes, expected: str) -> None:
    _, problems = load(tmp_path, content)
    assert problems and expected in problems[0], problems


def test_bom_and_windows_line_endings_work(tmp_path: Path) -> None:
    data, problems = load(tmp_path, b"\xef\xbb\xbfa: one\r\nb: |\r\n  two\r\n  three\r\n")
    assert problems == []
    assert data == {"a": "one", "b": "two\nthree\n"}


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    document, problems = load_document(path)
    assert document is None
    assert "the limit is 1 MB" in problems[0].message


def test_positions_point_at_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "file.yml"
    path.write_text("id: x\nitems:\n  - name: a\n    body: |\n      one\n      two [l](lesson:q)\n")
    document, problems = load_document(path)
    assert document is not None and not problems
    assert document.values[("items", 0, "name")] == Position(3, 11)
    assert document.keys[("items", 0, "body")] == Position(4, 5)
    text = document.data["items"][0]["body"]  # type: ignore[index]
    assert document.text_position(("items", 0, "body"), text.index("lesson:")) == Position(6, 15)
