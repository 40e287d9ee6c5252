"""The document model: the one contract between readers, transforms and writers.

A source file holds one or more documents; a document has a title, metadata and
blocks in reading order. Block text is always cleaned plain text: no Markdown,
no HTML. Writers render this model and never look at raw text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockType = Literal[
    "heading", "paragraph", "note", "salutation", "addressee", "signature", "date", "quote", "list_item"]


@dataclass(frozen=True)
class Block:
    """One block of a document.

    ``level`` is set for headings only (1 is the top level below the title).
    ``lead`` is the run-in heading of a paragraph: a prefix of ``text`` that is
    set in bold (「一要聚焦忠诚使命。」).
    """

    type: BlockType
    text: str
    level: int | None = None
    lead: str | None = None

    def __post_init__(self) -> None:
        if self.lead is not None and not self.text.startswith(self.lead):
            raise ValueError(f"lead {self.lead!r} is not a prefix of the block text")
        if (self.type == "heading") != (self.level is not None):
            raise ValueError("a heading needs a level, and only a heading has one")


@dataclass(frozen=True)
class Meta:
    """Document metadata; every field optional. ``date`` is ISO ``YYYY-MM-DD``."""

    date: str | None = None
    issuer: str | None = None
    author: str | None = None
    #: The author's office, from a speaker line under a speech's title (河北省人民政府省长 王正谱).
    office: str | None = None
    #: The document number of an official document (发文字号: 国发〔2019〕4号).
    number: str | None = None
    keywords: tuple[str, ...] = ()
    summary: str | None = None
    source: str | None = None
    slug: str | None = None
    #: Print style of this document's PDF ("gongwen" or "book"); None: the project's.
    style: str | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key in ("date", "issuer", "office", "author", "number"):  # office before name, as printed
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.keywords:
            out["keywords"] = list(self.keywords)
        for key in ("summary", "source", "slug", "style"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass(frozen=True)
class Document:
    title: str | None
    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.type == "heading")


@dataclass(frozen=True)
class SourceFile:
    """What a reader makes of one input file."""

    path: str
    encoding: str
    documents: tuple[Document, ...]
