"""Line breaks inside sentences, as copying out of a PDF or a narrow window leaves them.

Joining follows the CSS rule for Chinese: a break between two Chinese characters
disappears, a break next to Latin text becomes one space. A line is joined to
the next only when it plainly continues there:

* paragraph-per-line text: a long line that stops mid-sentence continues;
* hard-wrapped text (most lines of one near-equal width, as a PDF prints them):
  a full line goes on unless a paragraph, a heading or a title starts next. Where
  the text keeps its layout (``pdftotext -layout``), an indented line starts a
  paragraph; where the indent is lost (plain ``pdftotext``), a line about two
  characters short of full after a sentence ended does. A line cut short goes on
  only where it plainly stops mid-sentence, or a mark pulled its last characters
  down to a full line.

Never across a blank line where blank lines separate paragraphs, never into a
line that starts a numbered section (一、 （一）), and never out of a short line
(a title or heading, or a paragraph the source cut off).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..fields import has_field, is_separator
from ..numbering import match_marker
from .chars import CJK_PUNCT, ENDS_SENTENCE, HAN, SENTENCE_END, display_width, ends_sentence

#: A line this wide (in columns, CJK = 2) or less is a title, heading or fragment, not running text.
SHORT_LINE = 60
_WIDTH_SLACK = 6
_WIDER_LINES = 2  # lines wider than full that any hard-wrapped text may have (a title, a header)
#: The widths a full printed line can have (columns).
_MIN_FULL, _MAX_FULL = 20, 240
_CJK_EDGE = re.compile(f"[{HAN}{CJK_PUNCT}]")


def _width(line: str) -> int:
    """Printed width without spaces: the spacing policy adds or removes those, and joining
    must come out the same before and after it (cleaning twice equals cleaning once)."""
    return display_width(line.strip().replace(" ", ""))


def _length_without_spaces(line: str) -> int:
    """``len(line.strip().replace(" ", ""))``, counted, not copied (every line is asked)."""
    stripped = line.strip()
    return len(stripped) - stripped.count(" ")


def _longer_than(line: str, columns: int) -> bool:
    """``_width(line) > columns``, without measuring where the length alone decides."""
    n = _length_without_spaces(line)
    if n > columns:
        return True
    if 2 * n <= columns:
        return False
    return _width(line) > columns


def typical_width(lines: list[str]) -> int | None:
    """The width of a full line in hard-wrapped text, or None where lines are paragraphs.

    Hard-wrapped text has a cluster of lines of one width (the full lines of each
    paragraph) and almost no line wider than that; paragraph-per-line text has neither.
    And full lines stop wherever the line was full, mostly inside a sentence: where most
    of them end a sentence, they are paragraphs of about one length.
    """
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) < 6 or _too_many_long(nonblank):
        return None
    return _cluster_width(nonblank)


def _too_many_long(nonblank: list[str]) -> bool:
    """Lines too long for hard-wrapped text, by their length alone (which :func:`_cluster_width`
    would reject after measuring every line): paragraph-per-line text is told cheaply.

    A full line is at most _MAX_FULL columns, and at most 5 % of lines are wider than full;
    a character is at least a column.
    """
    longest = _MAX_FULL + _WIDTH_SLACK
    allowed = 0.05 * len(nonblank)
    found = 0
    for line in nonblank:
        if len(line) > longest and _length_without_spaces(line) > longest:
            found += 1
            if found > allowed:  # paragraph-per-line text is told after a few of its lines
                return True
    return False


def _cluster_width(nonblank: list[str]) -> int | None:
    widths = [_width(line) for line in nonblank]
    ranked = sorted(widths)
    upper = ranked[len(ranked) // 2:]
    full, cluster = 0, 0
    for candidate in sorted(set(upper)):
        # How many widths lie within the slack of the candidate, by bisection of the sorted
        # widths (counting them one by one was quadratic in paragraph-per-line text).
        near = (bisect_right(ranked, candidate + _WIDTH_SLACK) - bisect_left(ranked, candidate - _WIDTH_SLACK))
        if near >= cluster:
            full, cluster = candidate, near
    # The cluster's most common width is the full line: its narrower members are first lines
    # set with an indent and lines a mark pulled a character short of full.
    members = Counter(w for w in widths if full - _WIDTH_SLACK <= w <= full + _WIDTH_SLACK)
    full = max(members, key=lambda w: (members[w], w))
    if not _MIN_FULL <= full <= _MAX_FULL:
        return None
    # A title and a header line or two may be wider than the text's full lines: in a short text
    # they are more than 5 % of its lines. Lines wider than any full line (paragraphs) may not.
    wider = [w for w in widths if w > full + _WIDTH_SLACK]
    too_wide = sum(1 for w in wider if w > _MAX_FULL + _WIDTH_SLACK)
    if cluster < max(4, 0.3 * len(widths)) or len(wider) > max(_WIDER_LINES, 0.05 * len(widths)) \
            or too_wide > 0.05 * len(widths):
        return None
    full_lines = [line for line, w in zip(nonblank, widths, strict=True) if abs(w - full) <= _WIDTH_SLACK]
    if sum(1 for line in full_lines if ends_sentence(line)) > 0.5 * len(full_lines):
        return None
    return full


def furniture_width(lines: list[str]) -> int | None:
    """In hard-wrapped text, lines narrower than this are not running text: the first line of
    a paragraph set with an indent is wider. None where the text is not hard-wrapped."""
    width = typical_width(lines)
    return None if width is None else width - _INDENTED_SHORTFALL[1]


def uses_blank_lines(lines: list[str]) -> bool:
    """Do blank lines separate the paragraphs of this text?

    Asked of the lines before the last (what follows the last one is the end of the text,
    no evidence either way). Joining lines must not change the answer: it takes out lines
    followed by another, which can only make blank lines stand after more of those left.
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 2:
        return False
    followed = sum(1 for i in nonblank[:-1] if not lines[i + 1].strip())
    return followed >= 0.3 * (len(nonblank) - 1)


def starts_item(line: str) -> bool:
    return match_marker(line.lstrip()) is not None


def join_pair(left: str, right: str) -> str:
    """Join two pieces of one sentence: no space between CJK, one space next to Latin."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _CJK_EDGE.match(left[-1]) or _CJK_EDGE.match(right[0]):
        return left + right
    if left.endswith("-") and left[-2:-1].isalpha() and right[0].islower():
        return left + right  # a hyphenated Latin word broken at the line end
    return left + " " + right


#: Numbering that also runs inside a paragraph (…；二是…；三是…).
_INLINE_FAMILIES = ("shi", "yao", "ordinal")


@dataclass(frozen=True)
class Wrapped:
    """What hard-wrapped text tells about its paragraphs.

    ``width``: a full line. ``usual_indent``: where the text keeps its layout
    (``pdftotext -layout``), the indent of lines that start no paragraph, else None.
    ``indents_by_width``: where the indentation is lost (plain ``pdftotext``), whether
    paragraph starts still show it, as first lines a few columns short of full.
    """

    width: int
    usual_indent: int | None = None
    indents_by_width: bool = False

    @property
    def indents(self) -> bool:
        """Does this text show where its paragraphs start by their indent?"""
        return self.usual_indent is not None or self.indents_by_width

    def full(self, line: str) -> bool:
        return _longer_than(line, self.width - _WIDTH_SLACK - 1)

    def brim(self, line: str) -> bool:
        """Fuller than a paragraph's indented first line can be."""
        return _longer_than(line, self.width - _INDENTED_SHORTFALL[0])

    def starts_by_indent(self, line: str) -> bool:
        """Does ``line`` start a paragraph by its indent, or by its width where the indent is lost?"""
        if self.usual_indent is not None:
            return starts_indented_paragraph(line, self.usual_indent)
        return self.indents_by_width and is_indented_first_line(line, self.width)


def _continues(prev: str, nxt: str) -> bool:
    """In paragraph-per-line text: does ``nxt`` continue the sentence of ``prev``?"""
    if ends_sentence(prev):
        return False  # the common case, decided cheaply
    if _fields_or_separators(prev, nxt) or match_marker(nxt.lstrip()) is not None:
        return False
    return _runs_on(prev)


def _fields_or_separators(prev: str, nxt: str) -> bool:
    return has_field(prev) or has_field(nxt) or is_separator(nxt) or is_separator(prev)


def _runs_on(prev: str) -> bool:
    """A long line that stops mid-sentence goes on (a narrow window broke it)."""
    return not ends_sentence(prev) and _longer_than(prev, SHORT_LINE) and not starts_item(prev)


def _continues_wrapped(prev: str, nxt: str, after: str | None, page: Wrapped, across_blank: bool) -> bool:
    """In hard-wrapped text: does ``nxt`` continue the paragraph whose last line is ``prev``?

    ``after`` is the line after ``nxt`` (None before a blank line or at the end);
    ``across_blank``: blank lines stand between ``prev`` and ``nxt`` (a page break),
    which only a full line goes on across. Where the layout is kept, the caller has
    already ended the paragraph before each indented line.
    """
    if _fields_or_separators(prev, nxt):
        return False
    marker = match_marker(nxt.lstrip())
    if marker is not None and (marker.family not in _INLINE_FAMILIES or is_heading(nxt, after, page)):
        return False  # 一、 （一） 第一章 and numbered headings start a line of their own
    if page.full(prev):
        if not ends_sentence(prev):
            return not (is_heading(prev, nxt, page) and page.starts_by_indent(nxt))
        return _goes_on_after_full_stop(nxt, page)
    if across_blank:
        return False
    if ends_sentence(prev):
        return _pulled_down(prev, nxt, page)
    return _cut_short_mid_sentence(prev, nxt, page)


def _goes_on_after_full_stop(nxt: str, page: Wrapped) -> bool:
    """After a full line that ends a sentence, the paragraph may end or go on.

    It ends before a paragraph's first line (told by its indent, or by its width where
    the indent is lost, as in plain ``pdftotext``), and before a fragment that is no
    sentence: a heading or a title. Anything else is the paragraph going on.
    """
    if page.usual_indent is None and is_indented_first_line(nxt, page.width):
        return False
    return not is_fragment(nxt, page.width)


def _pulled_down(prev: str, nxt: str, page: Wrapped) -> bool:
    """A sentence that ends a line a few characters short of full: the paragraph goes on only
    where a brim-full line follows, which cannot start a paragraph in text that indents them.

    (…常态化制度化。 stops four characters short because 以“学” could not be split.)
    """
    return page.indents and _longer_than(prev, page.width - 2 * _WIDTH_SLACK) and page.brim(nxt)


def _cut_short_mid_sentence(prev: str, nxt: str, page: Wrapped) -> bool:
    """A line shorter than full that stops without a stop: it goes on when it is long enough.

    Printed lines are not all full: marks that may not start a line pull a character
    or two down with them, quotes and digits are narrower, a title is set larger. A line
    at least 60 % full goes on, unless it is a numbered heading or a paragraph starts next.
    A line without a comma or any other mark is a title's: it goes on only into the rest
    of the title, a fragment that is no sentence either (…会议上的讲 / 话摘要).
    """
    if not _longer_than(prev, int(page.width * 0.6)) or is_heading(prev, nxt, page) or page.starts_by_indent(nxt):
        return False
    return bool(_CLAUSE_MARK.search(prev)) or is_fragment(nxt, page.width)


_CLAUSE_MARK = re.compile("[，、；：,;:“”‘’（）《》]")


def is_heading(line: str, after: str | None, page: Wrapped) -> bool:
    """A numbered line with no stop in it that ends its block: a heading (二是突出重点、统筹推进).

    A heading is followed by another numbered line, a paragraph's first line or nothing.
    Where paragraphs start indented, that tells a heading from the first line of a
    numbered paragraph: a full line or the rest of a long heading (no stop either)
    follows that. Elsewhere a numbered line without a stop ends its block where it is
    shorter than full.
    """
    if match_marker(line.lstrip()) is None or not _no_sentence(line):
        return False
    if after is None:
        return not page.full(line)  # before a page break a full line may go on
    if match_marker(after.lstrip()) is not None:
        return True
    if page.usual_indent is not None:
        return starts_indented_paragraph(after, page.usual_indent)
    if page.indents_by_width:
        return is_indented_first_line(after, page.width) or not (page.brim(after) or _no_sentence(after))
    return not page.full(line)


#: A paragraph's first line set with a two-character indent is this many columns short of a
#: full line: 4, and up to 2 more where marks that may not start a line pulled a character down.
_INDENTED_SHORTFALL = (3, 9)


def is_indented_first_line(line: str, width: int) -> bool:
    """Is ``line`` as wide as the first line of a paragraph with a two-character indent?

    In hard-wrapped text whose indentation was lost, this is what tells a paragraph
    start from a line that goes on: the lines inside a paragraph are full.
    """
    low, high = _INDENTED_SHORTFALL
    return width - high <= _width(line) <= width - low


def _no_sentence(line: str) -> bool:
    """No stop anywhere in the line, and no comma or colon at its end: not a piece of running text."""
    text = line.strip()
    return not any(c in SENTENCE_END for c in text) and not ends_sentence(text) and text[-1:] not in "，,、"


def is_fragment(line: str, width: int) -> bool:
    """A line shorter than full with no sentence in it: a heading, a title, never a paragraph's end."""
    return not _longer_than(line, width - _WIDTH_SLACK - 1) and _no_sentence(line)


#: How much deeper than the other lines a paragraph's first line is indented (columns): two
#: characters, which ``pdftotext -layout`` renders as 1 to 5 spaces, varying by page. Deeper
#: lines are centred (a title) and tell nothing.
_PARAGRAPH_INDENT = (1, 8)


def indented_layout(lines: list[str]) -> int | None:
    """Text copied with its layout (``pdftotext -layout``): the usual indent, where paragraph starts are deeper.

    Such text indents the first line of each paragraph a few columns more than the
    others; a few lines only, so most lines share the usual indent.
    """
    indents = [_indent(line) for line in lines if line.strip()]
    if not indents:
        return None
    usual = min(indents)
    low, high = _PARAGRAPH_INDENT
    starts = sum(1 for i in indents if low <= i - usual <= high)
    return usual if 3 <= starts < 0.5 * len(indents) else None


def indents_by_width(lines: list[str], width: int) -> bool:
    """Do the paragraphs of this hard-wrapped text start indented, though the indent is lost?

    Then most lines after a plainly short line that ends a sentence (a paragraph's
    last line) are a few columns short of full.
    """
    nonblank = [line for line in lines if line.strip()]
    after_end = [nxt for prev, nxt in pairwise(nonblank)
                 if ends_sentence(prev) and not _longer_than(prev, width - 2 * _WIDTH_SLACK)]
    starts = sum(1 for line in after_end if is_indented_first_line(line, width))
    return len(after_end) >= 3 and starts >= 0.5 * len(after_end)


_INDENT = re.compile("^[ \u3000\u00a0\t]*")


def _indent(line: str) -> int:
    """Columns of indentation (a full-width space is two)."""
    lead = _INDENT.match(line).group()  # type: ignore[union-attr]
    return len(lead) + lead.count("\u3000")


def starts_indented_paragraph(line: str, usual_indent: int | None) -> bool:
    """With the layout kept, a line indented a paragraph's indent deeper than the others starts one."""
    if usual_indent is None:
        return False
    low, high = _PARAGRAPH_INDENT
    return low <= _indent(line) - usual_indent <= high


def _reading(lines: list[str]) -> Wrapped | None:
    width = typical_width(lines)
    if width is None:
        return None
    usual = indented_layout(lines)
    return Wrapped(width, usual, usual is None and indents_by_width(lines, width))


def clean_line_breaks(text: str) -> str:
    """Join lines broken inside a sentence back into their paragraph."""
    lines = text.split("\n")
    page = _reading(lines)
    if page is None:
        return _join_lines_running_on(text, lines)
    blank_paragraphs = uses_blank_lines(lines)
    out: list[str] = []
    last_physical = ""  # the last source line merged into out[-1]
    pending_blanks: list[str] = []
    for k, line in enumerate(lines):
        if not line.strip():
            pending_blanks.append(line)
            continue
        can_join = bool(out) and out[-1].strip() and (not pending_blanks or not blank_paragraphs)
        if can_join:
            if page.usual_indent is not None and starts_indented_paragraph(line, page.usual_indent):
                can_join = False
            else:
                after = lines[k + 1] if k + 1 < len(lines) and lines[k + 1].strip() else None
                can_join = _continues_wrapped(last_physical, line, after, page, bool(pending_blanks))
        if can_join:
            out[-1] = join_pair(out[-1], line)
            pending_blanks = []
        else:
            out.extend(pending_blanks)
            pending_blanks = []
            out.append(line)
        last_physical = line.strip()
    out.extend(pending_blanks)
    return "\n".join(out)


def _next_joined(lines: list[str], end: int, paragraph: str, blank_paragraphs: bool) -> int | None:
    """The line the paragraph ending at line ``end`` goes on into, if it does."""
    j = end + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or (j > end + 1 and blank_paragraphs) or not _continues(paragraph.strip(), lines[j]):
        return None
    return j


def _join_lines_running_on(text: str, lines: list[str]) -> str:
    """Paragraph-per-line text: each line that runs on (:func:`_runs_on`) is joined to the next
    one where that continues its sentence, across blank lines only where the text does not
    separate paragraphs by them (a page break cut the sentence).

    The joined paragraph is asked again, as the next cleaning would ask it: a short line joined
    to a long one makes a long line that may run on into the line after (``…、`` ⏎ ``0`` ⏎ ``0``).
    Asking only the first line left that to a second cleaning, and cleaning twice gave more
    than cleaning once.

    Only lines that run on are looked at: most paragraph-per-line texts have none or a few (a
    Word copy, or any text cleaned once), and walking every line was most of the cost of cleaning it.
    """
    # A line whose last character ends a sentence does not run on, nor does a blank one (""
    # is in any string): asked first, that settles most lines without a call.
    running_on = [k for k, line in enumerate(lines) if line[-1:] not in ENDS_SENTENCE and _runs_on(line)]
    if not running_on:
        return text
    blank_paragraphs = uses_blank_lines(lines)
    out: list[str] = []
    last = 0  # the first line not yet in out
    for k in running_on:  # in order of the lines
        if k < last:
            continue  # joined into the paragraph before
        paragraph, end = lines[k], k
        while _runs_on(paragraph.strip()):
            j = _next_joined(lines, end, paragraph, blank_paragraphs)
            if j is None:
                break
            joined = join_pair(paragraph, lines[j])
            # The joined line is what the next cleaning sees: where it would run on into a line
            # that the short line it ends with would not, that cleaning would join what this
            # one keeps apart. Such a line is left as it is, so that both agree.
            if not _runs_on(lines[j].strip()) and _runs_on(joined.strip()) and \
                    _next_joined(lines, j, joined, blank_paragraphs) is not None:
                break
            paragraph, end = joined, j
        if end == k:
            continue
        out.extend(lines[last:k])
        out.append(paragraph)
        last = end + 1
    if not out:
        return text
    out.extend(lines[last:])
    return "\n".join(out)
