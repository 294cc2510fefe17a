"""A course file's bytes -> text the YAML composer can trust.

Consumes a path; produces its text, or raises `Unreadable` with a located message: files
over `MAX_BYTES` are refused before they are read (a huge file cannot stall a build),
UTF-16/32 and invalid UTF-8 are named with the byte and place, a UTF-8 byte-order mark is
dropped and Windows or old Mac line ends become `\\n`, so every later position counts
lines the way an editor does.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from generator.problems import START, Position

MAX_BYTES = 1_000_000

# Characters no course text may hold, even written as YAML escapes ("\x7f", "\u202e"):
# C0 and C1 controls other than tab and line feed, DEL, surrogates and Unicode
# non-characters (they make the generated front matter invalid YAML, and MkDocs then shows
# it as page text), the bidirectional embeddings, overrides and isolates (they reorder
# what a reader sees, "Trojan Source"), and the zero-width spaces and invisible operators
# (they make two equal-looking titles differ). Zero-width joiners (U+200C/D, needed by
# emoji and several scripts) and the left-to-right and right-to-left marks stay allowed:
# they only join or direct the characters around them.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u180e\u200b\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)


class Unreadable(Exception):
    """The file cannot be read as course text, and where that shows."""

    def __init__(self, position: Position, message: str) -> None:
        self.position = position
        self.message = message


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a course file as text: size-limited, UTF-8 (BOM allowed), `\\n` line ends."""
    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(
            START,
            f"the file is {size / 1_000_000:.1f} MB; the limit is {max_bytes / 1_000_000:g} MB "
            "(split it into smaller files)",
        )
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            raise Unreadable(START, f"the file is saved as {name}; save it as UTF-8")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise Unreadable(
            Position(line, column),
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
            "save it as UTF-8 in your editor",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
