"""Whitespace and invisible characters: line ends, zero-width marks, indentation, blank lines."""

from __future__ import annotations

import re

# Each rule first asks cheaply (``in``) whether there is anything to do:
# most texts have no CR, no zero-width characters, no indentation.
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x85]")
_OTHER_LINE_ENDS = "\r\u2028\u2029\x0b\x85"
# Zero-width characters, soft hyphens, BOMs inside text, bidi marks; and C0/C1 controls
# other than tab, line feed and form feed (page breaks are read by the residue rules).
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_ODD_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]")
# Indentation: ASCII and full-width spaces at the start of a line.
_INDENT = re.compile("^[ \u3000]+", re.MULTILINE)
_TRAILING = re.compile("[ \u3000]+$", re.MULTILINE)
# Runs of ASCII spaces inside a line (layout padding such as 编发       2019年).
_SPACE_RUNS = re.compile(" {2,}(?=\\S)")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_line_ends(text: str) -> str:
    """CRLF, CR, Unicode line and paragraph separators → LF."""
    if not any(c in text for c in _OTHER_LINE_ENDS):
        return text
    return _LINE_ENDS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens and control characters (they carry no text)."""
    return _INVISIBLE.sub("", text)


def normalize_spaces(text: str) -> str:
    """NBSP, tabs and typographic spaces → space; no indentation, trailing or repeated spaces.

    A full-width space inside a line (第一章　总则) is a separator and stays.
    """
    text = _ODD_SPACES.sub(" ", text)
    if text.startswith((" ", "\u3000")) or "\n " in text or "\n\u3000" in text:
        text = _INDENT.sub("", text)
    if text.endswith((" ", "\u3000")) or " \n" in text or "\u3000\n" in text:
        text = _TRAILING.sub("", text)
    if "  " not in text:
        return text
    return _SPACE_RUNS.sub(lambda m: " " if m.start() and not text[m.start() - 1].isspace() else m.group(), text)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line between blocks, none at the start, one newline at the end."""
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip("\n")
    return text + "\n" if text else text
