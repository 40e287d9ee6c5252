"""Cleaning: text → text, by an ordered table of small named rules.

Each rule is a pure function ``(text) -> text`` that removes one kind of
artifact and never a character of content. Rules are switched off by name;
an unknown name is an error, never silently ignored. Spacing policies are presets.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .ideographs import FOLDED_IDEOGRAPHS, fold_radicals
from .linebreaks import clean_line_breaks, join_pair
from .punctuation import (
    FULLWIDTH_ALNUM,
    ascii_full_stop,
    balance_brackets,
    dash,
    document_number_brackets,
    ellipsis,
    fullwidth_alnum,
    halfwidth_punctuation,
    pair_quotes,
)
from .residue import (
    remove_breadcrumbs,
    remove_leading_counters,
    remove_page_breaks,
    remove_page_numbers,
    remove_running_headers,
    remove_toolbars,
    remove_web_boilerplate,
    remove_word_bookmarks,
)
from .shared import remove_shared_boilerplate
from .spacing import SpacingPolicy, clean_cjk_spacing
from .webpage import (
    TONE_MARKED,
    decode_html_entities,
    remove_markup_leaks,
    remove_menus,
    remove_photo_credits,
    remove_pinyin_annotations,
    remove_site_notices,
    remove_teasers,
)
from .whitespace import (
    INVISIBLE,
    ODD_SPACES,
    OTHER_LINE_ENDS,
    collapse_blank_lines,
    normalize_line_ends,
    normalize_spaces,
    remove_invisible,
    replace_odd_spaces,
)

__all__ = ["RULE_NAMES", "CleanOptions", "Fix", "apply_rule", "changed_spans", "clean", "explain", "join_pair"]


@dataclass(frozen=True)
class CleanOptions:
    """How to clean: the spacing policy and the rules switched off by name."""

    spacing: SpacingPolicy = "official"
    disabled: frozenset[str] = field(default_factory=frozenset)
    #: Lines a template repeats across the files of one input set (clean.shared.shared_boilerplate).
    boilerplate: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = set(self.disabled) - set(RULE_NAMES)
        if unknown:
            raise ValueError(f"unknown cleaning rule(s): {', '.join(sorted(unknown))}; known: {', '.join(RULE_NAMES)}")
        if self.spacing not in ("official", "pangu"):
            raise ValueError(f"unknown spacing policy {self.spacing!r}: use 'official' or 'pangu'")


Rule = Callable[[str, CleanOptions], str]


def _plain(func: Callable[[str], str]) -> Rule:
    return lambda text, _options: func(text)


# The order matters: page furniture goes before lines are joined, lines are joined
# before punctuation and quotes are judged paragraph by paragraph.
_RULES: tuple[tuple[str, Rule], ...] = (
    ("normalize_line_ends", _plain(normalize_line_ends)),
    ("remove_invisible", _plain(remove_invisible)),
    ("fold_radicals", _plain(fold_radicals)),  # before widths and Han are judged
    ("remove_word_bookmarks", _plain(remove_word_bookmarks)),
    ("remove_running_headers", _plain(remove_running_headers)),  # reads the page numbers: before them
    ("remove_page_numbers", _plain(remove_page_numbers)),
    ("remove_shared_boilerplate", lambda text, options: remove_shared_boilerplate(text, options.boilerplate)),
    ("remove_page_breaks", _plain(remove_page_breaks)),
    ("decode_html_entities", _plain(decode_html_entities)),  # lines as lines: after page breaks
    ("remove_markup_leaks", _plain(remove_markup_leaks)),  # after entities: &lt;p&gt; is a tag too
    ("remove_leading_counters", _plain(remove_leading_counters)),  # after entities: 0&nbsp;0 is two numbers
    ("remove_web_boilerplate", _plain(remove_web_boilerplate)),
    ("remove_breadcrumbs", _plain(remove_breadcrumbs)),
    ("remove_toolbars", _plain(remove_toolbars)),
    ("remove_site_notices", _plain(remove_site_notices)),
    ("remove_menus", _plain(remove_menus)),
    ("remove_photo_credits", _plain(remove_photo_credits)),
    ("remove_pinyin_annotations", _plain(remove_pinyin_annotations)),
    ("remove_teasers", _plain(remove_teasers)),  # junk lines must go first: before lines are joined
    ("clean_line_breaks", _plain(clean_line_breaks)),  # reads indentation: before the spaces rules
    ("replace_odd_spaces", _plain(replace_odd_spaces)),
    ("normalize_spaces", _plain(normalize_spaces)),
    ("fullwidth_alnum", _plain(fullwidth_alnum)),
    ("ellipsis", _plain(ellipsis)),
    ("halfwidth_punctuation", _plain(halfwidth_punctuation)),
    ("ascii_full_stop", _plain(ascii_full_stop)),
    ("dash", _plain(dash)),
    ("document_number_brackets", _plain(document_number_brackets)),
    ("balance_brackets", _plain(balance_brackets)),
    ("pair_quotes", _plain(pair_quotes)),
    ("clean_cjk_spacing", lambda text, options: clean_cjk_spacing(text, options.spacing)),
    ("collapse_blank_lines", _plain(collapse_blank_lines)),
)

RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in _RULES)

#: Rules that change only a text holding one of their characters (character class bodies),
#: characters that no rule ever puts into a text (a property test holds every rule to both).
#: They are rare in Chinese text, and looking for each set costs a scan of the whole text, in
#: every pass: one scan for all of them at the start tells which of these rules can be skipped.
_ONLY_WITH: dict[str, str] = {
    "normalize_line_ends": OTHER_LINE_ENDS,
    "decode_html_entities": "&",
    "remove_pinyin_annotations": TONE_MARKED,
    "remove_invisible": INVISIBLE,
    "fold_radicals": FOLDED_IDEOGRAPHS,
    "remove_page_breaks": "\f",
    "replace_odd_spaces": ODD_SPACES,
    "fullwidth_alnum": FULLWIDTH_ALNUM,
}
_ANY_ONLY_WITH = re.compile(f"[{''.join(_ONLY_WITH.values())}]")
_EACH_ONLY_WITH = {name: re.compile(f"[{chars}]") for name, chars in _ONLY_WITH.items()}


def _idle(text: str) -> frozenset[str]:
    """The rules of _ONLY_WITH that have nothing to do in ``text``, nor in anything cleaned from it."""
    present = "".join(set(_ANY_ONLY_WITH.findall(text)))
    return frozenset(name for name, chars in _EACH_ONLY_WITH.items() if not chars.search(present))


def _active(options: CleanOptions, idle: frozenset[str] = frozenset()) -> Iterable[tuple[str, Rule]]:
    return ((name, rule) for name, rule in _RULES if name not in options.disabled and name not in idle)


def apply_rule(name: str, text: str, options: CleanOptions | None = None) -> str:
    """Apply one rule by name (for tests and for tools that want a single fix)."""
    rules = dict(_RULES)
    if name not in rules:
        raise ValueError(f"unknown cleaning rule {name!r}; known: {', '.join(RULE_NAMES)}")
    return rules[name](text, options or CleanOptions())


#: Rules that read the characters around a mark or the width of a line: removing a space gives a
#: mark new neighbours (``: ’`` → ``:’``), ``…`` → ``……`` widens a line; so this stretch of the
#: table runs again until nothing changes, and cleaning twice equals cleaning once.
_SETTLE_FROM = "clean_line_breaks"
_SETTLE_TO = "collapse_blank_lines"
_MAX_PASSES = 4


def _passes(text: str, options: CleanOptions, record: Callable[[str, str, str], None] | None = None) -> str:
    active = list(_active(options, _idle(text)))
    # The stretch begins where joining lines stands in the table, whether or not it is switched off.
    settle_at = RULE_NAMES.index(_SETTLE_FROM)
    start = next((i for i, (name, _) in enumerate(active) if RULE_NAMES.index(name) >= settle_at), len(active))
    for name, rule in active[:start]:
        after = rule(text, options)
        if record is not None and after != text:
            record(name, text, after)
        text = after
    stretch = active[start:]
    if record is None and len(stretch) >= 2 and stretch[0][0] == _SETTLE_FROM and stretch[-1][0] == _SETTLE_TO:
        return _settle_changed_lines(text, stretch, options)
    return _settle(text, stretch, options, _MAX_PASSES, record)


def _settle(text: str, stretch: list[tuple[str, Rule]], options: CleanOptions, passes: int,
            record: Callable[[str, str, str], None] | None = None) -> str:
    """Run the stretch until it changes nothing (at most ``passes`` times)."""
    for _ in range(passes):
        settling = text
        for name, rule in stretch:
            after = rule(text, options)
            if record is not None and after != text:
                record(name, text, after)
            text = after
        if text == settling:  # the stretch changed nothing: another pass would not either
            break
    return text


def _settle_changed_lines(text: str, stretch: list[tuple[str, Rule]], options: CleanOptions) -> str:
    """:func:`_settle`, with the line rules of the second pass run only on the lines the first changed.

    Between joining lines and collapsing blank ones, every rule works line by line (a property
    test holds them to it). A line those rules left as it was in the first pass is where they
    stop: the second pass would leave it again. So where the second pass joins no lines, only
    the changed ones are cleaned again, a fraction of the text; anything else takes the plain way.
    """
    (_, join), middle, (_, collapse) = stretch[0], stretch[1:-1], stretch[-1]
    settling = text
    joined = join(text, options)
    cleaned = joined
    for _, rule in middle:
        cleaned = rule(cleaned, options)
    text = collapse(cleaned, options)
    if text == settling:
        return text
    if join(text, options) != text:
        return _settle(text, stretch, options, _MAX_PASSES - 1)
    before, after = joined.split("\n"), cleaned.split("\n")
    if len(before) != len(after):
        return _settle(text, stretch, options, _MAX_PASSES - 1)
    # The changed lines are cleaned again where they stand before collapsing: collapsing only
    # takes out blank lines, so collapsing the result is what collapsing the text and cleaning
    # its changed lines again would give. (A line the rules emptied has nothing left to clean.)
    again = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if a and a != b]
    if not again:
        return text
    redone = "\n".join([after[i] for i in again])
    for _, rule in middle:
        redone = rule(redone, options)
    pieces = redone.split("\n")
    if len(pieces) != len(again):
        return _settle(text, stretch, options, _MAX_PASSES - 1)
    for i, piece in zip(again, pieces, strict=True):
        after[i] = piece
    second = collapse("\n".join(after), options)
    if second == text:
        return text
    return _settle(second, stretch, options, _MAX_PASSES - 2)


def clean(text: str, options: CleanOptions | None = None) -> str:
    """Apply every enabled rule in order (the punctuation and spacing rules until they settle)."""
    return _passes(text, options or CleanOptions())


@dataclass(frozen=True)
class Fix:
    """One change a rule makes: where (line in the text the rule saw, 1-based) and what."""

    rule: str
    line: int
    before: str
    after: str


def explain(text: str, options: CleanOptions | None = None) -> list[Fix]:
    """Every change cleaning would make, rule by rule, for ``publisher check``."""
    fixes: list[Fix] = []
    _passes(text, options or CleanOptions(), lambda name, before, after: fixes.extend(_diff(name, before, after)))
    return fixes


def _diff(rule: str, before: str, after: str) -> list[Fix]:
    """The changes between two versions of a text, as small before → after pieces by line."""
    old, new = before.split("\n"), after.split("\n")
    out: list[Fix] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                out.extend(_line_changes(rule, i1 + k + 1, old[i1 + k], new[j1 + k]))
            continue
        out.append(Fix(rule, i1 + 1, _show_lines(old[i1:i2]), _show_lines(new[j1:j2])))
    return out


def _show_lines(lines: list[str]) -> str:
    if not lines:
        return "(nothing)"
    if not any(line.strip() for line in lines):
        return f"({len(lines)} blank line{'s' if len(lines) > 1 else ''})"
    return "\n".join(lines)


#: How far apart, in characters, the two sides may drift within one change before the
#: rest of the line is shown as one change; and how many equal characters resynchronise.
_RESYNC_WINDOW = 64
_RESYNC_LENGTH = 8


def changed_spans(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """The pieces that differ between two versions of a line, as (i1, i2, j1, j2).

    Linear in the length of the line: a cleaning rule changes a line in small local places
    (a mark, a space, a character), so the two sides are walked together and, at each
    difference, brought back in step at the nearest place within a window where a run of
    equal characters starts. Character-level difflib was quadratic: a 200 KB line took over
    200 s. Whatever the spans, the text between them is equal on both sides.
    """
    n, m = len(before), len(after)
    # The common end first: a change is then never reported past it.
    tail = 0
    while tail < n and tail < m and before[n - 1 - tail] == after[m - 1 - tail]:
        tail += 1
    n, m = n - tail, m - tail
    spans = []
    i = j = 0
    while True:
        while i < n and j < m and before[i] == after[j]:
            i += 1
            j += 1
        if i >= n or j >= m:
            if i < n or j < m:
                spans.append((i, n, j, m))
            return spans
        best: tuple[int, int] | None = None
        for d in range(min(_RESYNC_WINDOW, m - j) + 1):
            if best is not None and d >= best[0] + best[1]:
                break
            anchor = after[j + d:min(j + d + _RESYNC_LENGTH, m)]
            if len(anchor) < _RESYNC_LENGTH and j + d + len(anchor) == m:
                # The end of the changed region: in step only where both sides end.
                p = n - len(anchor) if before.endswith(anchor, i, n) and n - len(anchor) >= i else -1
            else:
                p = before.find(anchor, i, min(n, i + _RESYNC_WINDOW + _RESYNC_LENGTH))
            if p >= 0 and (best is None or (p - i) + d < best[0] + best[1]):
                best = (p - i, d)
        if best is None:  # too far apart to bring back in step: the rest is one change
            spans.append((i, n, j, m))
            return spans
        spans.append((i, i + best[0], j, j + best[1]))
        i, j = i + best[0], j + best[1]


def _line_changes(rule: str, number: int, before: str, after: str, context: int = 6) -> list[Fix]:
    """Each separate change within one line, with a few characters of context around it."""
    spans: list[list[int]] = []
    for i1, i2, j1, j2 in changed_spans(before, after):
        if spans and i1 - spans[-1][1] <= 2 * context:
            spans[-1][1], spans[-1][3] = i2, j2  # close to the last change: show them as one
        else:
            spans.append([i1, i2, j1, j2])
    return [
        Fix(rule, number, before[max(0, i1 - context):i2 + context], after[max(0, j1 - context):j2 + context])
        for i1, i2, j1, j2 in spans
    ]
