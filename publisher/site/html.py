"""HTML writer for a document's body: its Markdown rendered by markdown-it-py.

Raw HTML is off, so every character of a manuscript is escaped text. Each block
of the model is one top-level Markdown block, so the renderer can give headings
and run-in leads stable ids and salutations, signatures and dates their classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..model import Document
from ..write.markdown import render_blocks
from .urls import slugify

_BLOCK_CLASSES = {
    "salutation": "salutation", "addressee": "addressee", "signature": "signature", "date": "closing-date",
    "note": "note",
}


@dataclass
class TocEntry:
    """A heading in the table of contents; the run-in leads after it are its ``leads``."""

    text: str
    anchor: str
    level: int
    leads: list[tuple[str, str]] = field(default_factory=list)  # (text, anchor)
    children: list[TocEntry] = field(default_factory=list)


def block_anchors(doc: Document) -> list[str | None]:
    """An id for every heading and lead paragraph (None for other blocks), unique in the page."""
    seen: dict[str, int] = {}
    out: list[str | None] = []
    for block in doc.blocks:
        source = block.text if block.type == "heading" else block.lead
        if not source:
            out.append(None)
            continue
        base = slugify(source.rstrip("。：:"), fallback="section")[:40].strip("-")
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def table_of_contents(doc: Document) -> list[TocEntry]:
    """Headings nested by level, each with the run-in leads that follow it.

    Leads before any heading (a speech organised only by 第一，第二，) are top-level entries.
    """
    roots: list[TocEntry] = []
    stack: list[TocEntry] = []
    for block, anchor in zip(doc.blocks, block_anchors(doc), strict=True):
        if not anchor:
            continue
        if block.type != "heading":
            if stack:
                stack[-1].leads.append((block.lead or "", anchor))
            else:
                roots.append(TocEntry(block.lead or "", anchor, 1))
            continue
        entry = TocEntry(block.text, anchor, block.level or 1)
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    return roots


def _attach(doc: Document, anchors: list[str | None]):
    def rule(state: StateCore) -> None:
        blocks = iter(zip(doc.blocks, anchors, strict=True))
        for token in state.tokens:
            if token.level != 0 or token.nesting != 1:
                continue
            block, anchor = next(blocks, (None, None))
            if block is None:
                return
            if anchor:
                token.attrSet("id", anchor)
            if block.lead:
                token.attrSet("class", "lead-paragraph")
            elif block.type in _BLOCK_CLASSES:
                token.attrSet("class", _BLOCK_CLASSES[block.type])

    return rule


def render_body(doc: Document) -> str:
    """The blocks of a document as HTML (the title is the template's to place)."""
    anchors = block_anchors(doc)
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.core.ruler.push("publisher_blocks", _attach(doc, anchors))
    source = "\n\n".join(render_blocks(doc.blocks)) + "\n"
    return md.render(source)
