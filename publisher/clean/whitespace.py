"""Whitespace and invisible characters: line ends, zero-width marks, indentation, blank lines."""

from __future__ import annotations

import re

# Each rule first asks cheaply (``in``) whether there is anything to do:
# most texts have no CR, no zero-width characters, no indentation.
# CRLF is replaced as a string first: a pattern with it in a branch is tried at every position.
#: Line ends other than LF (a character class body, as the other character sets of this module).
OTHER_LINE_ENDS = "\r\u2028\u2029\x0b\x85"
_LINE_ENDS = re.compile(f"[{OTHER_LINE_ENDS}]")
#: Zero-width characters, soft hyphens, BOMs inside text, bidi marks; and C0/C1 controls
#: other than tab, line feed and form feed (page breaks are read by the residue rules).
INVISIBLE = "\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: Spaces other than the ASCII and the full-width one: tab, NBSP, typographic spaces.
ODD_SPACES = "\t\u00a0\u2000-\u200a\u202f\u205f"
_ODD_SPACES = re.compile(f"[{ODD_SPACES}]")
# Indentation and trailing space: ASCII and full-width spaces at the start and end of a line.
_LINE_SPACE = " \u3000"
# Runs of ASCII spaces inside a line (layout padding such as 编发       2019年). Written to start
# with two literal spaces: the engine then looks for them as fast as str.find.
_SPACE_RUNS = re.compile("  +(?=\\S)")
_BLANK_RUNS = re.compile(r"\n\n\n+")  # not \n{3,}: a pattern starting with a repeat is tried everywhere
# A pattern finds the full-width space faster than ``in``: its code point ends in a zero byte,
# as every ASCII character's does, and those make ``in`` stop and look again.
_WIDE_SPACE = re.compile("\u3000")
# Two-character literals: a pattern finds them faster than str.__contains__ does.
_SPACE_AFTER_BREAK, _SPACE_BEFORE_BREAK, _TWO_SPACES = re.compile("\n "), re.compile(" \n"), re.compile("  ")
#: Up to this many spaces, each is looked at where it stands; more (a PDF copy's), the text is searched.
_FEW_SPACES = 32


def normalize_line_ends(text: str) -> str:
    """CRLF, CR, Unicode line and paragraph separators → LF."""
    if not any(c in text for c in OTHER_LINE_ENDS):
        return text
    text = text.replace("\r\n", "\n")
    return _LINE_ENDS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens and control characters (they carry no text)."""
    return _INVISIBLE.sub("", text)


def replace_odd_spaces(text: str) -> str:
    """NBSP, tabs and typographic spaces → space (normalize_spaces then treats them as any space)."""
    return _ODD_SPACES.sub(" ", text)


def normalize_spaces(text: str) -> str:
    """No indentation, trailing or repeated spaces (ASCII and full-width at the line ends).

    A full-width space inside a line (第一章　总则) is a separator and stays.
    """
    space, wide_space = " " in text, _WIDE_SPACE.search(text) is not None
    if not space and not wide_space:
        return text
    leading, trailing, repeated = _space_sites(text) if space else (False, False, False)
    if wide_space:
        leading = leading or text.startswith("\u3000") or "\n\u3000" in text
        trailing = trailing or text.endswith("\u3000") or "\u3000\n" in text
    if leading or trailing:
        strip = str.strip if leading and trailing else str.lstrip if leading else str.rstrip
        text = "\n".join([strip(line, _LINE_SPACE) for line in text.split("\n")])
    if not repeated:
        return text
    return _SPACE_RUNS.sub(lambda m: " " if m.start() and not text[m.start() - 1].isspace() else m.group(), text)


def _space_sites(text: str) -> tuple[bool, bool, bool]:
    """Does an ASCII space start a line, end one; do two stand together?"""
    # Most texts hold a few spaces or none: finding each is a fraction of a search for "\n ",
    # " \n" and "  ", which are two characters long and slower to look for.
    leading = trailing = repeated = False
    end = len(text) - 1
    i = text.find(" ")
    for _ in range(_FEW_SPACES):
        if i < 0:
            return leading, trailing, repeated
        leading = leading or i == 0 or text[i - 1] == "\n"
        trailing = trailing or i == end or text[i + 1] == "\n"
        repeated = repeated or (i < end and text[i + 1] == " ")
        i = text.find(" ", i + 1)
    if i < 0:
        return leading, trailing, repeated
    return (text.startswith(" ") or _SPACE_AFTER_BREAK.search(text) is not None,
            text.endswith(" ") or _SPACE_BEFORE_BREAK.search(text) is not None, _TWO_SPACES.search(text) is not None)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line between blocks, none at the start, one newline at the end."""
    text = _BLANK_RUNS.sub("\n\n", text)  # found faster than by "\n\n\n" in text, and most texts have none
    text = text.strip("\n")
    return text + "\n" if text else text
