"""Whitespace and invisible characters: line ends, zero-width marks, indentation, blank lines."""

from __future__ import annotations

import re

_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x85]")
# Zero-width characters, soft hyphens, BOMs inside text, bidi marks; and C0/C1 controls
# other than tab, line feed and form feed (page breaks are read by the residue rules).
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_ODD_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]")
# Indentation: ASCII and full-width spaces at the start of a line.
_INDENT = re.compile("^[ \u3000]+", re.MULTILINE)
_TRAILING = re.compile("[ \u3000]+$", re.MULTILINE)
# Runs of ASCII spaces inside a line (layout padding such as 编发       2019年).
_SPACE_RUNS = re.compile("(?<=\\S) {2,}(?=\\S)")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_line_ends(text: str) -> str:
    """CRLF, CR, Unicode line and paragraph separators → LF."""
    return _LINE_ENDS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens and control characters (they carry no text)."""
    return _INVISIBLE.sub("", text)


def normalize_spaces(text: str) -> str:
    """NBSP, tabs and typographic spaces → space; no indentation, trailing or repeated spaces.

    A full-width space inside a line (第一章　总则) is a separator and stays.
    """
    text = _ODD_SPACES.sub(" ", text)
    text = _INDENT.sub("", text)
    text = _TRAILING.sub("", text)
    return _SPACE_RUNS.sub(" ", text)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line between blocks, none at the start, one newline at the end."""
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    return text + "\n" if text else text
