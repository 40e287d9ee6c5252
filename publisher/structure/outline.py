"""The body of a document: headings and their levels, run-in leads, salutations, notes, closings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..model import Block
from ..numbering import match_marker
from .head import is_organ
from .lines import HEADING_WIDTH, Line

#: A run-in lead is the first sentence of a numbered paragraph, when it is this short (characters).
LEAD_MAX = 50
#: A 一、 section title that runs into its paragraph (…保持高度一致。“两个确立”是…) may be this long.
RUN_IN_SECTION_MAX = 80
#: A numbered line that is one short sentence (一、提高政治站位。) is a heading its author ended with a stop.
SHORT_HEADING = 30
_FIRST_SENTENCE = re.compile(r"^.+?[。！？!?](?:[”’])?")
#: Families whose run-in first sentence is a section title, split into a standalone heading.
_SECTION_FAMILIES = ("cn_comma", "chapter", "section")


class Draft(NamedTuple):
    """A block before heading levels are known: headings carry their numbering family."""

    type: str
    text: str
    family: str | None = None
    lead: str | None = None
    listed: bool = False  # an entry of a table of contents or an outline: a line of a list
    line: int = 0  # the line of the cleaned text it comes from
    why: str = ""  # why it was classed so, for --explain; "" for a plain paragraph


def first_sentence(text: str) -> str | None:
    m = _FIRST_SENTENCE.match(text)
    return m.group() if m else None


#: An unnumbered section heading (上半年工作回顾): this many characters at most, no mark in it.
UNNUMBERED_HEADING_MAX = 16
_NO_HEADING_MARKS = frozenset("，。、；：？！,.;:?!（）()…—")
_PARAGRAPH_MIN = 30  # characters of the paragraph an unnumbered heading stands over


def is_unnumbered_heading(lines: list[Line], i: int) -> bool:
    """A short line without a mark between two paragraphs, the one under it long: a section's
    heading its author did not number. Not a name, a date, a field, a salutation or a signature."""
    line = lines[i]
    if line.marker is not None or not 2 <= len(line.text) <= UNNUMBERED_HEADING_MAX:
        return False
    if _NO_HEADING_MARKS.intersection(line.text) or not 0 < i < len(lines) - 1:
        return False
    if line.is_salutation or line.is_note or line.is_field or line.is_date or line.is_byline or is_organ(line.text):
        return False
    before, after = lines[i - 1], lines[i + 1]
    return before.has_sentence_end and after.has_sentence_end and len(after.text) >= _PARAGRAPH_MIN \
        and after.marker is None


_ADDRESS_ENDS = "：:！!"  # what an addressee's and a salutation's line end with


def classify(line: Line) -> list[Draft]:
    """One body line → its block(s), each with why."""
    text, n = line.text, line.number
    if text[-1:] in _ADDRESS_ENDS:  # both end so: most lines are told by their last character
        if line.is_addressee:
            return [Draft("addressee", text, line=n, why="ends with a colon; its last addressee is an organ or 各…")]
        if line.is_salutation:
            return [Draft("salutation", text, line=n, why="a speech's address, ending with a colon")]
    if line.is_note:
        return [Draft("note", text, line=n, why="编者按 or （此件…）")]
    marker = line.marker
    if marker is None:
        return [Draft("paragraph", text, line=n)]
    numbered, family = f"numbered {marker.text}", marker.family  # a numbered paragraph keeps its family too
    if marker.family == "article":
        return [Draft("paragraph", text, family=family, line=n, why=f"{numbered}: an article, never a heading")]
    if line.fits(HEADING_WIDTH) and not line.has_sentence_end:
        if text.count("《") > text.count("》"):  # …《关于x年秋冬苹果生产管理: a line cut off, not a heading
            return [Draft("paragraph", text, family=family, line=n, why=f"{numbered}, but cut off inside 《")]
        return [Draft("heading", text, family=family, line=n,
                      why=f"{numbered}; {len(text)} characters; no sentence end")]
    sentence = first_sentence(text)
    if sentence == text and marker.family in (*_SECTION_FAMILIES, "cn_paren") and len(text) <= SHORT_HEADING:
        # 一、提高政治站位。 on a line of its own
        return [Draft("heading", text, family=family, line=n, why=f"{numbered}; one short sentence of {len(text)}")]
    if sentence is None or sentence == text:
        return [Draft("paragraph", text, family=family, line=n, why=f"{numbered}, but a sentence")]
    if marker.family in _SECTION_FAMILIES and len(sentence) <= RUN_IN_SECTION_MAX:
        heading = sentence.rstrip("。")
        if not heading.endswith(("！", "？", "!", "?")):
            return [Draft("heading", heading, family=family, line=n,
                          why=f"{numbered}; its first sentence ({len(sentence)} characters) is a section title"),
                    Draft("paragraph", text[len(sentence):], line=n)]
    if len(sentence) <= LEAD_MAX:
        return [Draft("paragraph", text, family=family, line=n, lead=sentence,
                      why=f"{numbered}; its first sentence has {len(sentence)} characters")]
    return [Draft("paragraph", text, family=family, line=n, why=f"{numbered}, but its first sentence is long")]


#: The opening sentence of a work-report paragraph that is its run-in lead (扩大有效投资。…):
#: this many characters at most, its stop included, and no clause inside.
PARALLEL_LEAD_MAX = 18
#: Anaphora (这五年，…。 paragraph after paragraph): an opening sentence this long at most.
ANAPHORA_LEAD_MAX = 40
#: What must follow the lead in its paragraph: the lead is a heading of a paragraph, not all of it.
_LEAD_REST_MIN = 20
_CLAUSE_MARKS = frozenset("，,、；;：:")


def _opening_sentence(text: str) -> str | None:
    """The first sentence when it is short enough to be a lead of either kind: only the start
    of the paragraph is looked at (every paragraph of every text is asked)."""
    return first_sentence(text[:ANAPHORA_LEAD_MAX + 2])


def _short_opening(text: str, sentence: str | None) -> str | None:
    """The paragraph's opening sentence when it is short and a single clause (经济建设取得重大成就。)."""
    if sentence is None or not sentence.endswith("。") or len(sentence) > PARALLEL_LEAD_MAX or len(sentence) < 5:
        return None
    if _CLAUSE_MARKS.intersection(sentence) or len(text) - len(sentence) < _LEAD_REST_MIN:
        return None
    return sentence


def _anaphora(text: str, sentence: str | None) -> str | None:
    """The opening words of a paragraph that opens 这五年，…。 (its opening sentence is the lead)."""
    if sentence is None or not sentence.endswith("。") or len(text) - len(sentence) < _LEAD_REST_MIN:
        return None
    comma = text.find("，", 2, 8)
    if comma < 0 or comma >= len(sentence):
        return None
    return text[:comma]


#: Numbered items that, in a text of articles (第一条…), are the items an article lists.
_ITEM_FAMILIES = frozenset({"cn_paren", "arabic_dot", "arabic_paren", "circled"})


def _is_article(d: Draft) -> bool:
    return d.family == "article"


def items_of_articles(drafts: list[Draft]) -> list[Draft]:
    """In rules set out in articles (第一条, 第二条…: two at least), （一） and 1. lines are what
    an article lists (…包括： （一）…（二）…), not sections: they stay paragraphs. Chapters and
    sections (第一章, 第一节) stay headings."""
    if sum(1 for d in drafts if d.type == "paragraph" and _is_article(d)) < 2:
        return drafts
    why = "an item an article lists, in a text of articles"
    return [Draft("paragraph", d.text, family=d.family, line=d.line, why=why)
            if d.type == "heading" and d.family in _ITEM_FAMILIES else d for d in drafts]


def parallel_leads(drafts: list[Draft]) -> list[Draft]:
    """Run-in leads that no numbering announces, told by their siblings.

    A work report sets the points of a section as paragraphs that open with a short sentence
    of their own (内需拉动明显增强。组织开展…; 产业升级步伐加快。…), or with the same words
    (这五年，…。 这五年，…。). One such paragraph is a paragraph; two or more side by side are
    a list of points, and each opening sentence is its lead.
    """
    # What each paragraph opens with, asked once: (sentence, opening words, short sentence).
    seen: list[tuple[str | None, str | None, str | None]] = []
    for d in drafts:
        if d.type != "paragraph" or d.lead is not None:
            seen.append((None, None, None))
            continue
        sentence = _opening_sentence(d.text)
        seen.append((sentence, _anaphora(d.text, sentence), _short_opening(d.text, sentence)))
    out = list(drafts)
    i = 0
    while i < len(out):
        words = seen[i][1]
        j = i
        while words is not None and j < len(out) and seen[j][1] == words:
            j += 1
        if j - i < 2:
            j = i
            while j < len(out) and seen[j][2] is not None:
                j += 1
        if j - i >= 2:
            for k in range(i, j):
                why = (f"{j - i} paragraphs side by side open with the same words" if seen[i][1] is not None
                       and seen[i][1] == seen[k][1] else f"{j - i} paragraphs side by side open with a short sentence")
                out[k] = out[k]._replace(lead=seen[k][0], why=why)
            i = j
        else:
            i += 1
    return out


#: Siblings of one numbering family in a row: at least this many full-sentence items among them
#: make the few that read as headings items too.
_ITEM_SIBLINGS = 2


def siblings_alike(drafts: list[Draft]) -> list[Draft]:
    """The members of one numbering family under one parent are all headings or all items.

    （一）会议原则同意…的意见。 / （二）会议原则同意…的意见 / （三）…。: where most siblings are
    full-sentence items (paragraphs without a run-in lead), one that lacks its stop is an item
    too, not a heading between them, and one whose first sentence is short has no lead either.
    A run of siblings ends at a heading of another family.
    """
    out = list(drafts)
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        # classify gives every numbered paragraph its family, as it does a heading
        family = d.family if d.type in ("heading", "paragraph") and not d.listed else None
        if d.type == "heading":
            for other in [f for f in groups if f != d.family]:
                _settle_siblings(out, groups.pop(other))
        if family is not None:
            groups.setdefault(family, []).append(i)
    for members in groups.values():
        _settle_siblings(out, members)
    return out


def _settle_siblings(out: list[Draft], members: list[int]) -> None:
    items = [k for k in members if out[k].type == "paragraph" and out[k].lead is None]
    others = [k for k in members if out[k].type == "heading" or out[k].lead is not None]
    if others and len(items) >= _ITEM_SIBLINGS and len(items) > len(others):
        for k in others:  # a heading, or an item whose first sentence was taken for its lead
            out[k] = Draft("paragraph", out[k].text, family=out[k].family, line=out[k].line,
                           why=f"most of its {len(members)} siblings are full-sentence items")


_ATTACHMENT_LIST = re.compile(r"^附\s*件\s*[：:]\s*")


def attachment_items(drafts: list[Draft]) -> list[Draft]:
    """附件：1.…报告 / 2.…意见: the numbered lines that go on from an attachment list are its
    items, not headings; the first line that does not ends the list."""
    out = list(drafts)
    family: str | None = None
    for i, d in enumerate(drafts):
        listing = _ATTACHMENT_LIST.match(d.text) if d.type == "paragraph" and d.text[:1] == "附" else None
        if listing:
            marker = match_marker(d.text[listing.end():])
            family = marker.family if marker else None
        elif family and d.family == family:
            out[i] = Draft("paragraph", d.text, family=d.family, line=d.line, why="an item of the 附件： list over it")
        else:
            family = None
    return out


def closing(lines: list[Line]) -> tuple[list[Line], list[Block]]:
    """Split off a closing signature and date (…市住建局 / 2023年1月10日) from the end."""
    tail: list[Block] = []
    rest = list(lines)
    notes: list[Block] = []
    while len(rest) > 2 and rest[-1].is_note and not rest[-2].is_note:  # （此件公开发布） after the date
        notes.insert(0, Block("note", rest.pop().text))
    if rest and rest[-1].is_date and len(rest) > 1:
        tail.insert(0, Block("date", rest.pop().text))
        if rest and rest[-1].is_titleish and rest[-1].fits(40) and len(rest) > 1:
            tail.insert(0, Block("signature", rest.pop().text))
    if notes and not tail:  # no closing after all: the notes stay where they were
        return lines, []
    return rest, tail + notes


#: The passes over a document's drafts, in order: each decides from the whole body what one line
#: alone cannot tell (numbered items of articles and attachment lists, leads that siblings share,
#: families whose members must be alike).
BODY_PASSES: tuple[tuple[str, Callable[[list[Draft]], list[Draft]]], ...] = (
    ("items_of_articles", items_of_articles),
    ("attachment_items", attachment_items),
    ("parallel_leads", parallel_leads),
    ("siblings_alike", siblings_alike),
)


def run_body_passes(drafts: list[Draft]) -> list[Draft]:
    for _name, decide in BODY_PASSES:
        drafts = decide(drafts)
    return drafts


def assign_levels(drafts: list[Draft]) -> list[Block]:
    """Heading levels follow the numbering families in the order the document first uses them."""
    order: list[str] = []
    for d in drafts:
        if d.type == "heading" and d.family and d.family not in order:
            order.append(d.family)
    blocks = []
    for d in drafts:
        if d.type == "heading":
            level = order.index(d.family) + 1 if d.family in order else 1
            blocks.append(Block("heading", d.text, level=level))
        else:
            blocks.append(Block(d.type, d.text, lead=d.lead))  # type: ignore[arg-type]
    return blocks
