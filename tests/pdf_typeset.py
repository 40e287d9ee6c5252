"""Test helper: typeset converted documents into a PDF with WeasyPrint and read it back with pdftotext.

This is how users get text out of a PDF: the page furniture (a running header, page
numbers) comes along, lines are broken wherever the page was full, and with ``-layout``
every line keeps the indentation of the page. The tests convert that text again and
expect the documents they started from.
"""

from __future__ import annotations

import html
import subprocess
from collections.abc import Sequence
from pathlib import Path

from publisher.model import Document

#: The running header of a file of several documents: a short line without sentence punctuation,
#: as real ones are. A file of one document carries that document's title, as books do.
COLLECTION_HEADER = "市直机关党建工作文稿汇编"
MODES = ("raw", "layout")

CSS = """
@page {
  size: A4;
  margin: 25mm 22mm 22mm;
  @top-center { content: "%s"; font-family: "Noto Sans CJK SC"; font-size: 9pt; }
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC"; font-size: 10pt; }
}
body { font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 1.7; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 1em; }
h1:not(:first-child) { break-before: page; }
h2, h3 { font-size: 12pt; font-family: "Noto Sans CJK SC"; margin: 0.6em 0 0.3em; }
h3 { font-weight: normal; }
p { text-indent: 2em; margin: 0; text-align: justify; }
"""


def running_header(documents: Sequence[Document]) -> str:
    """The header on every page: the title of a single document, else the collection's name."""
    if len(documents) == 1 and documents[0].title:
        return documents[0].title
    return COLLECTION_HEADER


def to_html(documents: Sequence[Document]) -> str:
    """One HTML page for all documents of a file: each starts with its title as ``h1``."""
    parts = []
    for doc in documents:
        if doc.title:
            parts.append(f"<h1>{html.escape(doc.title)}</h1>")
        for block in doc.blocks:
            tag = f"h{min(6, (block.level or 1) + 1)}" if block.type == "heading" else "p"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
    css = CSS % running_header(documents).replace("\\", "\\\\").replace('"', '\\"')
    body = "\n".join(parts)
    return (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{css}</style></head>'
            f"<body>\n{body}\n</body></html>")


def typeset(documents: Sequence[Document], pdf: Path) -> Path:
    """Render the documents into ``pdf`` with the real WeasyPrint."""
    from weasyprint import HTML

    HTML(string=to_html(documents)).write_pdf(pdf)
    return pdf


def pdftotext(pdf: Path, mode: str) -> str:
    """The text poppler's ``pdftotext`` reads out of ``pdf``: ``mode`` is "raw" or "layout"."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if mode == "layout" else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
