"""Structure: cleaned text → documents (title, metadata, blocks).

A file may hold several documents: a web compilation announces them with
``篇2:`` lines and repeats its keyword/summary fields for each; a bulletin
carries several speeches, each under its own title.
"""

from __future__ import annotations

from ..fields import WEB_FIELD
from ..model import Block, Document, Meta
from .contents import Contents, table_of_contents
from .explain import Decision
from .head import (
    TITLE_ENDING,
    Head,
    gather_title,
    is_header_line,
    is_label_before_title,
    issuer_from_signature,
    read_header,
    read_labelled_fields,
    read_under_title,
    read_web_fields,
    speaker_from_title,
    summary_without_title,
    title_and_number,
    title_glued_to_lead,
    title_over_number,
)
from .lines import TITLE_WIDTH, Line, iso_date, split_lines
from .outline import Draft, assign_levels, classify, closing, is_unnumbered_heading, run_body_passes

__all__ = ["Decision", "structure"]


def _is_body(line: Line) -> bool:
    return (not line.fits(TITLE_WIDTH) or line.has_sentence_end) and not (
        line.is_field or line.is_note or line.separator_title is not None
    )


def _starts_titled_document(lines: list[Line], i: int) -> bool:
    """A second speech in a bulletin: a title-like line (…的讲话摘要) followed by body text."""
    if not lines[i].is_titleish:
        return False
    title, used = gather_title(lines, i)
    if not TITLE_ENDING.search(title) or i + used >= len(lines):
        return False
    nxt = lines[i + used]
    return _is_body(nxt) or nxt.is_salutation


def _after_closing(lines: list[Line], i: int) -> bool:
    """Does line ``i`` follow a document's closing: a signature, its date, and any notes after it
    (（此件公开发布）)? A date alone may stand anywhere in a text."""
    k = i - 1
    while k > 0 and lines[k].is_note:
        k -= 1
    return k >= 2 and lines[k].is_date and lines[k - 1].is_titleish and lines[k - 1].fits(40)


def _starts_issued_document(lines: list[Line], i: int) -> bool:
    """The rules a notice issues, after the notice's date: a title, then their text (第一章, 一、,
    a paragraph or an addressee)."""
    if not lines[i].is_titleish:
        return False
    _title, used = gather_title(lines, i)
    if i + used >= len(lines):
        return False
    nxt = lines[i + used]
    return _is_body(nxt) or nxt.is_salutation or nxt.is_addressee or nxt.marker is not None


def split_documents(lines: list[Line], contents: Contents | None = None,
                    decisions: list[Decision] | None = None) -> list[tuple[list[Line], bool]]:
    """Segments of lines, one per document, each with whether it continues the previous one's header.

    A line that is the title of an entry of the text's table of contents begins that document.
    Each start after the first is recorded in ``decisions``, with why, where they are asked for.
    """
    segments: list[tuple[list[Line], bool]] = [([], False)]
    body_seen = False
    announced = contents.titles if contents else set()
    toc_seen = False
    for i, line in enumerate(lines):
        new, inherits, why = False, False, ""
        if contents and line.number in contents.entries:
            toc_seen = True
        elif toc_seen and line.text in announced and segments[-1][0]:
            new, why = True, "the title of an entry of the table of contents"
        elif line.separator_title is not None or (
                line.web_field and (m := WEB_FIELD.search(line.text)) and m.group("label") != "本文内容"):
            new, why = body_seen, "a compilation's separator or its repeated page fields"
        elif body_seen and _starts_titled_document(lines, i):
            new, inherits, why = True, True, "a title-like line with text under it: the next speech of a bulletin"
        elif body_seen and _after_closing(lines, i) and _starts_issued_document(lines, i):
            # 国务院 / 2019年1月24日 / （此件公开发布） / 国家职业教育改革实施方案
            new, why = True, "after a signature and its date, a title with text under it"
        elif body_seen and line.is_attachment_label and i + 1 < len(lines) and lines[i + 1].is_titleish:
            new, why = True, "an attachment's label over a title"  # 附件1 / 关于…的报告
        if new:
            segments.append(([], inherits))
            body_seen = False
            if decisions is not None:
                decisions.append(Decision(line.number, "new document", why, line.text))
        segments[-1][0].append(line)
        # A site's slogan on the first line over the title is not the body of a document before it.
        body_seen = body_seen or (_is_body(line) and not (i == 0 and is_label_before_title(lines, i)))
    return [s for s in segments if s[0]]


def _read_head(lines: list[Line], decisions: list[Decision] | None = None
               ) -> tuple[Head, list[Block], int, list[Line]]:
    """Read head lines until the body starts; returns the head, notes met, and where the body starts."""
    head = Head()
    notes: list[Block] = []

    def decided(line: Line, what: str, why: str, text: str | None = None) -> None:
        if decisions is not None:
            decisions.append(Decision(line.number, what, why, line.text if text is None else text))

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.separator_title is not None:
            head.page_title = head.page_title or line.separator_title or None
            decided(line, "page title", "a compilation's 篇N: separator")
        elif line.web_field:
            read_web_fields(line, head)
            decided(line, "metadata", "a web page's field label (本文关键词, 本文简介)")
        elif line.is_field:
            read_labelled_fields(line, head)
            decided(line, "metadata", "labelled fields (发布时间：, 来源：…)")
        elif line.is_document_number:
            head.set("number", line.text)  # a red-headed document prints it above its title
            notes.append(Block("paragraph", line.text))
            decided(line, "number, kept as text", "a 发文字号 on a line of its own")
        elif head.title is None and is_header_line(line):
            read_header(line, head)
            decided(line, "metadata", "a bulletin header: an issuer and a date")
        elif line.is_note:
            notes.append(Block("note", line.text))
            decided(line, "note", "编者按 or （此件…）")
        elif head.title is None and line.is_attachment_label:
            notes.append(Block("paragraph", line.text))  # 附件1, over the attachment's own title
            decided(line, "paragraph", "an attachment's label, over its title")
        elif head.title is None and is_label_before_title(lines, i):
            notes.append(Block("paragraph", line.text))  # 市政府文件, a page's 1: kept, not the title
            decided(line, "paragraph", "a label, counter or slogan over a whole title")
        elif head.title is None and i == 0 and not any(c.isalnum() for c in line.text):
            notes.append(Block("paragraph", line.text))  # a page's stray | or ──: kept, never the title
        elif head.title is None and (titled := title_and_number(line)) is not None:
            head.title, number = titled  # …的通知（岳办发〔2017〕2号）: the number is metadata, and kept
            head.set("number", number)
            notes.append(Block("paragraph", number))
            decided(line, "title and number", "a title that ends with its 发文字号 in brackets", head.title)
            i, subtitles = read_under_title(lines, i + 1, head)
            notes.extend(Block("paragraph", text) for text in subtitles)
            continue
        elif head.title is None and line.is_titleish and (own := title_over_number(lines, i)) is not None:
            notes.extend(Block("paragraph", page.text) for page in lines[i:own])  # the page's titles: kept
            for page in lines[i:own]:
                decided(page, "paragraph", "a page's title or label over the document's own, which a 发文字号 follows")
            i = own
            continue
        elif head.title is None and line.is_titleish:
            head.title, used = gather_title(lines, i)
            decided(line, "title", f"the first title-like line: {len(head.title)} characters, no sentence end"
                    + (f", joined with the {used - 1} line(s) it was split into" if used > 1 else ""), head.title)
            i, subtitles = read_under_title(lines, i + used, head)
            notes.extend(Block("paragraph", text) for text in subtitles)
            continue
        elif head.title is None and (glued := title_glued_to_lead(line.text)) is not None:
            # 集團召開2022年終總結大會2023年1月13日，集團…: the title, then the report's first sentence.
            head.title = glued
            decided(line, "title", "a headline glued to the first sentence, before its date", glued)
            lines = [*lines[:i], Line.alone(line.text[len(glued):], line.blank_before, line.number), *lines[i + 1:]]
            return head, notes, i, lines
        else:
            break
        i += 1
    return head, notes, i, lines


def build_document(lines: list[Line], inherited: Meta | None = None, contents: Contents | None = None,
                   decisions: list[Decision] | None = None) -> Document:
    head, notes, start, lines = _read_head(lines, decisions)
    body, tail = closing(lines[start:])
    drafts: list[Draft] = []
    entries = contents.entries if contents else set()
    for i, line in enumerate(body):
        # A table of contents' entries are a list: its lines, as they stand.
        if line.number in entries:
            drafts.append(Draft("paragraph", line.text, listed=True, line=line.number,
                                why="an entry of a table of contents or a site's outline: a list line"))
        elif is_unnumbered_heading(body, i):
            drafts.append(Draft("heading", line.text, family="unnumbered", line=line.number,
                                why=f"no numbering: {len(line.text)} characters without a mark between paragraphs"))
        else:
            drafts.extend(classify(line))
    drafts = run_body_passes(drafts)
    body_blocks = assign_levels(drafts)
    if decisions is not None:
        decisions.extend(_decisions(drafts, body_blocks))
        closing_lines = lines[start + len(body):]
        decisions.extend(Decision(line.number, f"closing {b.type}", "the last lines: a signature, its date, notes",
                                  line.text) for line, b in zip(closing_lines, tail, strict=False))
    blocks = notes + body_blocks + tail
    title = head.title or head.page_title
    fields = head.fields
    if title:
        fields.setdefault("author", speaker_from_title(title))
    if isinstance(fields.get("summary"), str):
        fields["summary"] = summary_without_title(str(fields["summary"]), [title or "", head.page_title or ""])
    if not fields.get("date"):
        date_block = next((b for b in tail if b.type == "date"), None)
        if date_block:
            fields["date"] = iso_date(date_block.text)
    if not fields.get("date"):
        fields["date"] = fields.get("page_date")
    if not fields.get("issuer"):
        fields["issuer"] = issuer_from_signature(tail)
    meta = Meta(
        date=_str(fields.get("date")) or (inherited.date if inherited else None),
        issuer=_str(fields.get("issuer")) or (inherited.issuer if inherited else None),
        author=_str(fields.get("author")),
        office=_str(fields.get("office")) if fields.get("author") else None,
        number=_str(fields.get("number")),
        keywords=tuple(fields.get("keywords") or ()),  # type: ignore[arg-type]
        summary=_str(fields.get("summary")),
        source=_str(fields.get("source")),
    )
    return Document(title=title, meta=meta, blocks=tuple(blocks))


def _decisions(drafts: list[Draft], blocks: list[Block]) -> list[Decision]:
    """What each draft with a reason became (assign_levels makes one block of each draft)."""
    out = []
    for d, b in zip(drafts, blocks, strict=True):
        if not d.why:
            continue
        what = f"heading level {b.level}" if b.type == "heading" else b.type
        if b.lead:
            what += " with run-in lead"
        out.append(Decision(d.line, what, d.why, b.lead or b.text))
    return out


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def structure(text: str, decisions: list[Decision] | None = None) -> tuple[Document, ...]:
    """Find the documents of a cleaned text; where ``decisions`` is given, record in it why each
    line was classed as it was (``publisher convert --explain``)."""
    lines = split_lines(text)
    contents = table_of_contents(lines)
    docs: list[Document] = []
    for segment, inherits in split_documents(lines, contents, decisions):
        doc = build_document(segment, docs[-1].meta if inherits and docs else None, contents, decisions)
        if doc.title or doc.blocks:
            docs.append(doc)
    return tuple(docs)
