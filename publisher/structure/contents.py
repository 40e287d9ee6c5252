"""A compilation's table of contents (目录): its entries are a list, and announce the documents.

``1.高新区2022年工作总结和2023年工作计划 3``: a numbered title and the page it starts on.
A run of such lines is a table of contents, whether or not a 目录 line heads it: each entry
is a list item, never a heading, and a later line that is an entry's title begins that
document (the compilation prints each under its own title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbering import match_marker
from .lines import HEADING_WIDTH, Line

#: An entry: its title, dots or spaces, the page number at the end.
_ENTRY = re.compile(r"^(?P<title>.+?)[ \u3000.．·…—-]*(?P<page>\d{1,4})$")
_CONTENTS_LINE = re.compile(r"^[ \u3000]*目[ \u3000]*录[ \u3000]*[:：]?$")
#: So many entries side by side make a table of contents where no 目录 line heads them.
MIN_ENTRIES = 3
#: A site's outline of the text over it (目录/提纲：……): headed so, its entries the text's own
#: headings, repeated word for word further down, without pages.
_OUTLINE_LINE = re.compile(
    r"^[ \u3000]*(?:文章|本文|内容)?(?:目[ \u3000]*录|提[ \u3000]*纲)(?:/提纲)?[ \u3000]*[:：]?[ \u3000…\.]*$")
_OUTLINE_MAX = 60  # entries: a text's headings, not its paragraphs
_OUTLINE_LINE_MAX = 16  # characters of a 目录/提纲：…… line
_ELLIPSIS_LINE = re.compile(r"^[ \u3000…\.]+$")


@dataclass
class Contents:
    entries: set[int] = field(default_factory=set)  # line numbers of the entries
    titles: set[str] = field(default_factory=set)  # the titles they announce


def _entry(line: Line) -> tuple[str, int] | None:
    """The title (without its number) and page of a table-of-contents entry, or None."""
    if not line.text[-1:].isdigit():  # asked of every line: most end otherwise, told without the pattern
        return None
    m = _ENTRY.match(line.text)
    if m is None or line.has_sentence_end:
        return None
    title = m.group("title")
    marker = match_marker(title)
    if marker is not None:
        title = title[len(marker.text):]
    title = title.strip(" \u3000.．")
    return (title, int(m.group("page"))) if len(title) >= 4 else None


def outline_entries(lines: list[Line], start: int) -> list[int]:
    """The line numbers of a site's outline under its 目录/提纲 line at ``start``: short lines
    without a sentence end, closed by a …… line; or, without one, those that begin a later line
    of the text (a heading, or a paragraph that opens with its run-in lead)."""
    run: list[int] = []
    k = start + 1
    while k < len(lines) and len(run) < _OUTLINE_MAX and lines[k].fits(HEADING_WIDTH) \
            and not lines[k].has_sentence_end and not _ELLIPSIS_LINE.match(lines[k].text):
        run.append(k)
        k += 1
    if run and k < len(lines) and _ELLIPSIS_LINE.match(lines[k].text):
        return [lines[j].number for j in [*run, k]]
    entries: list[int] = []
    for j in run:
        if not any(later.text.startswith(lines[j].text) for later in lines[j + 1:]):
            break
        entries.append(lines[j].number)
    return entries


def table_of_contents(lines: list[Line]) -> Contents:
    """The entries of every table of contents in the text: a run of lines that each end with a
    page number, the pages never going back, after a 目录 line or at least MIN_ENTRIES long;
    and the entries of a site's outline (see :func:`outline_entries`)."""
    found = Contents()
    i = 0
    while i < len(lines):
        text = lines[i].text
        if len(text) <= _OUTLINE_LINE_MAX and ("纲" in text or "录" in text) and _OUTLINE_LINE.match(text):
            outline = outline_entries(lines, i)
            if len(outline) >= 2:  # a site's outline: its entries are a list, and announce no documents
                found.entries.update(outline)
                i += len(outline) + 1
                continue
        headed = "录" in lines[i].text and _CONTENTS_LINE.match(lines[i].text) is not None
        start = i + 1 if headed else i
        run: list[tuple[int, str]] = []
        last_page = -1
        k = start
        while k < len(lines):
            entry = _entry(lines[k])
            if entry is None:
                break
            title, page = entry
            if page < last_page:
                break
            run.append((lines[k].number, title))
            last_page = page
            k += 1
        if len(run) >= (1 if headed else MIN_ENTRIES):
            found.entries.update(number for number, _ in run)
            found.titles.update(title for _, title in run)
            i = k
        else:
            i += 1
    return found
