"""The JSON of ``publisher convert --to json`` (see shared/CONTRACT.md)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Block, Document, Meta, SourceFile


def block_to_dict(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"type": block.type}
    if block.level is not None:
        out["level"] = block.level
    out["text"] = block.text
    if block.lead:
        out["lead"] = block.lead
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "meta": doc.meta.as_dict(),
        "blocks": [block_to_dict(b) for b in doc.blocks],
    }


def source_to_dict(source: SourceFile) -> dict[str, Any]:
    return {
        "source": source.path,
        "encoding": source.encoding,
        "documents": [document_to_dict(d) for d in source.documents],
    }


def render_json(source: SourceFile) -> str:
    return dump_json(source_to_dict(source))


def dump_json(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """The text of :func:`source_to_dict`'s data (or a list of it), as ``convert --to json`` prints it."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def document_from_dict(data: dict[str, Any]) -> Document:
    """The inverse of :func:`document_to_dict` (for caches and other programs' JSON)."""
    meta = dict(data.get("meta") or {})
    meta["keywords"] = tuple(meta.get("keywords") or ())
    blocks = tuple(
        Block(b["type"], b["text"], level=b.get("level"), lead=b.get("lead")) for b in data.get("blocks", [])
    )
    return Document(title=data.get("title"), meta=Meta(**meta), blocks=blocks)
