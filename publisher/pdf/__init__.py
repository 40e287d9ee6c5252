"""PDF writer: the document model → print HTML and CSS from the theme → WeasyPrint → PDF.

Two print styles: ``gongwen`` (after GB/T 9704-2012, the default) and ``book`` (A5).
Before rendering, every character is checked against the installed fonts: a
character no font covers is named in an error instead of printing as a box.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup

from ..errors import PublisherError
from ..model import Document
from ..site.html import render_body
from ..site.theme import environment
from .fonts import font_stack, uncovered

PrintStyle = Literal["gongwen", "book"]
STYLES: tuple[str, ...] = ("gongwen", "book")

# GB/T 9704: a 156 × 225 mm text block holds 22 lines of 28 characters of 16 pt.
_TEXT_WIDTH_MM, _TEXT_HEIGHT_MM, _LINES, _CHARS, _BODY_PT = 156.0, 225.0, 22, 28, 16.0
_MM_PER_PT = 25.4 / 72
#: Characters of a 22 pt title line in the gongwen text block.
TITLE_CHARS = {"gongwen": 20, "book": 16}

_BREAK_AFTER = set("，、：；“”（）的和与及暨在")
_BREAK_BEFORE = ("关于", "在", "上的", "的讲话", "讲话", "工作会议", "会议")


class MissingGlyphsError(PublisherError):
    """Characters that no installed font can print."""


@dataclass(frozen=True)
class PrintOptions:
    style: PrintStyle = "gongwen"
    language: str = "zh-Hans"
    root: Path = Path(".")
    theme: str = "default"


def gongwen_grid() -> dict[str, str]:
    """Line height and letter spacing that put 22 lines of 28 characters in the text block.

    WeasyPrint stretches only spaces when it justifies, and Chinese has none, so the
    grid is met by narrowing each 16 pt character to 156/28 mm exactly.
    """
    line_mm = _TEXT_HEIGHT_MM / _LINES
    advance_mm = _TEXT_WIDTH_MM / _CHARS
    spacing_pt = (advance_mm / _MM_PER_PT) - _BODY_PT - 0.001  # a hair under, so 28 always fit
    return {"line": f"{line_mm:.4f}mm", "letter_spacing": f"{spacing_pt:.4f}pt"}


def title_lines(title: str, per_line: int) -> list[str]:
    """A long title in lines broken between words (after 的/在/、…, before 关于/会议…), not inside them."""
    if len(title) <= per_line:
        return [title]
    best, best_score = None, None
    for cut in range(max(2, len(title) - per_line), min(per_line, len(title) - 2) + 1):
        before, after = title[:cut], title[cut:]
        score = abs(len(before) - len(after))  # balanced lines (梯形 or 倒梯形)
        if before[-1] in _BREAK_AFTER or after.startswith(_BREAK_BEFORE):
            score -= 100
        if re.match(r"\d", after) and re.search(r"\d$", before):
            score += 1000  # never inside a number
        if best_score is None or score < best_score:
            best, best_score = cut, score
    if best is None:
        return [title]
    return [title[:best], *title_lines(title[best:], per_line)]


def _fonts() -> dict[str, str]:
    return {role: font_stack(role) for role in ("body", "title", "heading", "kai")}


def _check_glyphs(text: str, name: str) -> None:
    missing = uncovered(text, ("body", "title", "heading", "kai", "latin"))
    if missing:
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:20])
        raise MissingGlyphsError(f"{name}: no installed font has {shown}; install a font that covers them "
                                 f"(see `publisher doctor`)")


def _doc_context(doc: Document, style: str, anchor: str = "doc") -> dict[str, object]:
    title = doc.title or ""
    return {"doc": doc, "title": title, "title_lines": title_lines(title, TITLE_CHARS[style]), "anchor": anchor,
            "body": Markup(render_body(doc))}  # markdown-it escaped the text


def _all_text(doc: Document) -> str:
    meta = doc.meta
    return "".join([doc.title or "", meta.issuer or "", meta.author or "", *(b.text for b in doc.blocks)])


@functools.lru_cache(maxsize=8)
def _environment(root: Path, theme: str) -> jinja2.Environment:
    return environment(root, theme)


@functools.lru_cache(maxsize=8)
def _css(options: PrintOptions) -> str:
    env = _environment(options.root, options.theme)
    return env.get_template(f"print/{options.style}.css").render(fonts=_fonts(), grid=gongwen_grid())


def _write_pdf(html: str, css: str, title: str) -> bytes:
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=".").render(stylesheets=[CSS(string=css)])
    document.metadata.title = title
    return document.write_pdf(uncompressed_pdf=False)


def document_pdf(doc: Document, options: PrintOptions, name: str = "<document>") -> bytes:
    """One document as a PDF."""
    if options.style not in STYLES:
        raise PublisherError(f"unknown print style {options.style!r}: use {' or '.join(STYLES)}")
    _check_glyphs(_all_text(doc), name)
    env = _environment(options.root, options.theme)
    html = env.get_template("print/document.html").render(lang=options.language, style=options.style,
                                                           **_doc_context(doc, options.style))
    return _write_pdf(html, _css(options), doc.title or name)


def collection_pdf(docs: list[Document], options: PrintOptions, site_title: str, author: str = "") -> bytes:
    """All documents as one book: cover, contents with page numbers, each document on a right-hand page."""
    _check_glyphs(site_title + "".join(_all_text(d) for d in docs), site_title)
    dates = sorted(d.meta.date for d in docs if d.meta.date)
    date_range = ""
    if dates:
        first, last = dates[0], dates[-1]
        date_range = first[:7].replace("-", "年") + "月" + ("" if first[:7] == last[:7]
                                                          else "—" + last[:7].replace("-", "年") + "月")
    items = [_doc_context(d, options.style, anchor=f"doc-{i + 1}") for i, d in enumerate(docs)]
    env = _environment(options.root, options.theme)
    html = env.get_template("print/collection.html").render(
        lang=options.language, style=options.style, site_title=site_title, author=author,
        date_range=date_range, documents=items)
    return _write_pdf(html, _css(options), site_title)


def run_job(job: tuple[object, ...]) -> bytes:
    """A PDF to render in a worker process: ``("document", doc_dict, options)`` or ``("collection", …)``.

    Plain data in, bytes out, so that a process pool can run it.
    """
    from ..write.json import document_from_dict

    kind = job[0]
    if kind == "document":
        _, data, options, name = job
        return document_pdf(document_from_dict(data), options, name)  # type: ignore[arg-type]
    if kind == "collection":
        _, datas, options, title, author = job
        return collection_pdf([document_from_dict(d) for d in datas], options, title, author)  # type: ignore[arg-type]
    raise ValueError(f"unknown PDF job {kind!r}")
